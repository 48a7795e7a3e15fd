//! Compiles C against what hyperlight-libc exports, as a guest's -sys crate would.
fn main() {
    let include = std::env::var("DEP_C_INCLUDE").expect("hyperlight-libc exports DEP_C_INCLUDE");
    let cflags = std::env::var("DEP_C_CFLAGS").expect("hyperlight-libc exports DEP_C_CFLAGS");
    println!("cargo:rerun-if-changed=src/probe.c");
    let mut build = cc::Build::new();
    build.compiler("clang").file("src/probe.c").include(&include).warnings(true).flag("-Werror");
    for flag in cflags.split_whitespace() {
        build.flag(flag);
    }
    build.compile("probe");
}
