# The inputs of nix/guest-env.sh: the picolibc prefix and the C compiler for
# each guest target. One set, shared by the dev shell, mkGuest and the checks.
{ picolibc-x86_64, picolibc-x86_64-sse, picolibc-aarch64 }:
{
  HYPERLIGHT_LIBC_X86_64 = picolibc-x86_64;
  HYPERLIGHT_LIBC_X86_64_SSE = picolibc-x86_64-sse;
  HYPERLIGHT_LIBC_AARCH64 = picolibc-aarch64;
  HYPERLIGHT_GUEST_CC_X86_64 = "x86_64-hyperlight-clang";
  HYPERLIGHT_GUEST_CC_X86_64_SSE = "x86_64-hyperlight-sse-clang";
  HYPERLIGHT_GUEST_CC_AARCH64 = "aarch64-hyperlight-clang";
}
