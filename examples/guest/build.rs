//! Compiles the guest's C code with exactly what hyperlight-libc exports.
fn main() {
    // hyperlight-libc 0.18.0 (built for the benchmark comparison) exports only
    // its include directory; its ABI flags then come from CFLAGS_<target>.
    let cflags = std::env::var("DEP_C_CFLAGS").unwrap_or_else(|_| {
        let include = std::env::var("DEP_C_INCLUDE").expect("hyperlight-libc exports DEP_C_INCLUDE");
        format!("--target=x86_64-unknown-linux-none -ffreestanding -mno-red-zone -nostdlibinc -isystem {include}")
    });
    println!("cargo:rerun-if-changed=src/guest.c");
    let mut build = cc::Build::new();
    build.compiler(std::env::var("HYPERLIGHT_GUEST_clang").unwrap_or_else(|_| "clang".into()));
    build.file("src/guest.c").opt_level(2).warnings(true).flag("-Werror");
    for flag in cflags.split_whitespace() {
        build.flag(flag);
    }
    build.compile("guestc");
}
