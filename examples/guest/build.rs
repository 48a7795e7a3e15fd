//! Compiles the guest's C code with exactly what hyperlight-libc exports.
fn main() {
    let cflags = std::env::var("DEP_C_CFLAGS").expect("hyperlight-libc exports DEP_C_CFLAGS");
    println!("cargo:rerun-if-changed=src/guest.c");
    let mut build = cc::Build::new();
    build.compiler(std::env::var("HYPERLIGHT_GUEST_clang").unwrap_or_else(|_| "clang".into()));
    build.file("src/guest.c").opt_level(2).warnings(true).flag("-Werror");
    for flag in cflags.split_whitespace() {
        build.flag(flag);
    }
    build.compile("guestc");
}
