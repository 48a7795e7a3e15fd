# The clang every derivation, check, wrapper and the dev shell use: nixpkgs'
# unwrapped clang (no cc-wrapper, so no hardening flags or glibc paths leak
# into guest code) told where its resource directory is. For LLVM 19 and 20,
# nixpkgs moves lib/clang/<major> (stddef.h, stdarg.h, ...) from the `out`
# output to `lib`, so the bare binary finds no compiler headers; LLVM >= 21
# compiles the `lib` path in, and passing it again is harmless.
{ pkgs, llvm }:
let
  unwrapped = llvm.clang-unwrapped;
  resourceDir = "${pkgs.lib.getLib unwrapped}/lib/clang/${pkgs.lib.versions.major unwrapped.version}";
in
pkgs.runCommand "clang-${unwrapped.version}-resource-dir"
{
  passthru = { inherit unwrapped resourceDir; };
}
  ''
    mkdir -p $out/bin
    ${pkgs.lib.concatMapStrings (tool: ''
      cat > $out/bin/${tool} <<EOF
      #!${pkgs.runtimeShell}
      exec ${unwrapped}/bin/${tool} -resource-dir ${resourceDir} "\$@"
      EOF
      chmod +x $out/bin/${tool}
    '') [ "clang" "clang++" ]}
    # Fail here, not in a guest build, if the layout ever changes.
    test -f ${resourceDir}/include/stddef.h || {
      echo "error: ${resourceDir}/include/stddef.h is missing: clang's resource directory moved; update nix/clang.nix" >&2
      exit 1
    }
    test "$($out/bin/clang -print-resource-dir)" = ${resourceDir}
  ''
