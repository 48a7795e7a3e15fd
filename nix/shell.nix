# `nix develop`: everything a guest author needs. The environment comes from
# nix/guest-env.sh, the same script scripts/build-examples and the tests use:
# build.rs links the prebuilt picolibc (no C compile), and C -sys crates in
# guests get CC/AR/CFLAGS/BINDGEN_EXTRA_CLANG_ARGS for their target.
{ pkgs, hl }:
pkgs.mkShellNoCC {
  packages = [ hl.rustToolchain hl.toolchain hl.picolibc-build pkgs.cargo-nextest ];
  HYPERLIGHT_LIBC_X86_64 = hl.picolibc-x86_64;
  HYPERLIGHT_LIBC_X86_64_SSE = hl.picolibc-x86_64-sse;
  HYPERLIGHT_LIBC_AARCH64 = hl.picolibc-aarch64;
  HYPERLIGHT_GUEST_CC_X86_64 = "x86_64-hyperlight-clang";
  HYPERLIGHT_GUEST_CC_X86_64_SSE = "x86_64-hyperlight-sse-clang";
  HYPERLIGHT_GUEST_CC_AARCH64 = "aarch64-hyperlight-clang";
  LIBCLANG_PATH = "${hl.llvm.libclang.lib}/lib";
  shellHook = ''
    source ${../nix/guest-env.sh}
  '';
}
