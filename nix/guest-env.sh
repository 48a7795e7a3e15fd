# The build environment of a Hyperlight guest, sourced by the Nix dev shell,
# by scripts/build-examples and by the tests. Expects:
#   HYPERLIGHT_LIBC_X86_64    prebuilt prefix for x86_64-unknown-none (soft-float)
#   HYPERLIGHT_LIBC_X86_64_SSE  prebuilt prefix for x86_64-hyperlight-none (SSE, optional)
#   HYPERLIGHT_LIBC_AARCH64   prebuilt prefix for aarch64-unknown-none (optional)
#   HYPERLIGHT_GUEST_CC_X86_64, HYPERLIGHT_GUEST_CC_X86_64_SSE, HYPERLIGHT_GUEST_CC_AARCH64
#                             C compilers (default clang)
# and exports what hyperlight-libc's build.rs, cc-rs and bindgen read: the
# prebuilt prefix per target (no picolibc compile), and CC/AR/CFLAGS/
# BINDGEN_EXTRA_CLANG_ARGS per target so C -sys crates in guests use
# hyperlight-libc's headers and ABI. The flags come from the prefix's
# abi-flags file, written by the same build code.
hyperlight_guest_env() {
    local triple=$1 prefix=$2 cc=$3 var=${1//-/_}
    local flags
    flags="$(cat "$prefix/abi-flags") -nostdlibinc -isystem $prefix/include"
    export "HYPERLIGHT_LIBC_PREBUILT_$var=$prefix"
    export "CC_$var=$cc"
    export "AR_$var=llvm-ar"
    export "CFLAGS_$var=$flags"
    export "BINDGEN_EXTRA_CLANG_ARGS_$var=$flags"
}
hyperlight_guest_env x86_64-unknown-none "$HYPERLIGHT_LIBC_X86_64" "${HYPERLIGHT_GUEST_CC_X86_64:-clang}"
if [ -n "${HYPERLIGHT_LIBC_X86_64_SSE:-}" ]; then
    hyperlight_guest_env x86_64-hyperlight-none "$HYPERLIGHT_LIBC_X86_64_SSE" "${HYPERLIGHT_GUEST_CC_X86_64_SSE:-clang}"
fi
if [ -n "${HYPERLIGHT_LIBC_AARCH64:-}" ]; then
    hyperlight_guest_env aarch64-unknown-none "$HYPERLIGHT_LIBC_AARCH64" "${HYPERLIGHT_GUEST_CC_AARCH64:-clang}"
fi
unset -f hyperlight_guest_env
