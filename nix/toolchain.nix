# The hermetic guest C toolchain: nixpkgs' unwrapped clang (no cc-wrapper, so
# no hardening flags leak in), lld, llvm-ar/llvm-nm, libclang, and one wrapper
# per guest architecture, x86_64-hyperlight-clang and aarch64-hyperlight-clang,
# that always passes the guest target and ABI flags (the prefix's abi-flags,
# written by the same build code as the crate's), clang's resource directory
# and the picolibc headers.
{ pkgs, llvm, picolibc-x86_64, picolibc-x86_64-sse, picolibc-aarch64 }:
let
  wrapper = name: prefix: pkgs.writeShellScriptBin name ''
    exec ${llvm.clang-unwrapped}/bin/clang $(cat ${prefix}/abi-flags) \
      -resource-dir ${llvm.clang}/resource-root \
      -nostdlibinc -isystem ${prefix}/include "$@"
  '';
in
pkgs.symlinkJoin {
  name = "hyperlight-guest-toolchain";
  paths = [
    (wrapper "x86_64-hyperlight-clang" picolibc-x86_64)
    (wrapper "x86_64-hyperlight-sse-clang" picolibc-x86_64-sse)
    (wrapper "aarch64-hyperlight-clang" picolibc-aarch64)
    llvm.clang-unwrapped
    llvm.lld
    llvm.llvm
    llvm.libclang
  ];
  passthru = { inherit llvm; };
}
