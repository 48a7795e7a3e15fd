# picolibc for one guest target: runs nix/build-picolibc.sh (the same
# standalone build command the crate's build.rs shares code with) with the
# Nix clang (nix/clang.nix: the unwrapped clang with its resource directory)
# and llvm-ar, on the digest-checked picolibc sources (nix/picolibc-source.nix).
# The output is exactly the prebuilt prefix build.rs accepts (lib/libc.a,
# include/, bindings.rs, abi-flags, hyperlight-libc.manifest).
{ pkgs, llvm, clang, buildEnv, picolibc-build, cleanSource }:
{ target }:
pkgs.stdenvNoCC.mkDerivation (finalAttrs: buildEnv // {
  pname = "picolibc-${target}";
  version = "1.8.11";
  src = cleanSource;
  nativeBuildInputs = [ clang llvm.llvm llvm.lld pkgs.bash ];
  dontConfigure = true;
  dontFixup = true;
  buildPhase = ''
    runHook preBuild
    export PICOLIBC_BUILD=${picolibc-build}/bin/picolibc-build
    export CC=${buildEnv.HYPERLIGHT_GUEST_clang}
    export CRATE_DIR=$PWD
    bash nix/build-picolibc.sh ${target} $out
    runHook postBuild
  '';
  dontInstall = true;
  passthru = {
    inherit target;
    manifest = "${finalAttrs.finalPackage}/hyperlight-libc.manifest";
    # The archive's sha256, as recorded in the manifest.
    archiveSha256 = pkgs.runCommand "picolibc-${target}-sha256" { } ''
      sed -n 's|^sha256:lib/libc.a=||p' ${finalAttrs.finalPackage}/hyperlight-libc.manifest > $out
    '';
  };
})
