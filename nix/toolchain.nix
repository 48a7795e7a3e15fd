# The hermetic guest C toolchain: clang (nix/clang.nix: nixpkgs' unwrapped
# clang with its resource directory; no cc-wrapper, so no hardening flags
# leak in), lld, llvm-ar/llvm-nm, libclang (lib/libclang.so, from clang's
# `lib` output, for bindgen), and one wrapper per guest target,
# x86_64-hyperlight-clang, x86_64-hyperlight-sse-clang and
# aarch64-hyperlight-clang, that always passes the guest target and ABI flags
# (the prefix's abi-flags, written by the same build code as the crate's) and
# the picolibc headers.
{ pkgs, llvm, clang, picolibc-x86_64, picolibc-x86_64-sse, picolibc-aarch64 }:
let
  wrapper = name: prefix: pkgs.writeShellScriptBin name ''
    exec ${clang}/bin/clang $(cat ${prefix}/abi-flags) \
      -nostdlibinc -isystem ${prefix}/include "$@"
  '';
  libclang = pkgs.lib.getLib llvm.libclang;
in
pkgs.symlinkJoin {
  name = "hyperlight-guest-toolchain";
  paths = [
    (wrapper "x86_64-hyperlight-clang" picolibc-x86_64)
    (wrapper "x86_64-hyperlight-sse-clang" picolibc-x86_64-sse)
    (wrapper "aarch64-hyperlight-clang" picolibc-aarch64)
    clang
    llvm.lld
    llvm.llvm
    libclang
  ];
  passthru = {
    inherit llvm clang;
    libclangDir = "${libclang}/lib";
  };
}
