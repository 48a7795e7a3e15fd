# Everything the flake exports, for one nixpkgs instance: the toolchain, the
# picolibc prefixes, the standalone build command, guest images. Needs nothing
# from the consumer's overlays: the Rust toolchain comes from rust-overlay's
# standalone builder, so `overlays.default` works on a plain nixpkgs.
{ pkgs, crane, rust-overlay, src }:
let
  rustBin = rust-overlay.lib.mkRustBin { } pkgs;
  rustToolchain = rustBin.fromRustupToolchainFile (src + "/rust-toolchain.toml");
  craneLib = (crane.mkLib pkgs).overrideToolchain (_: rustToolchain);
  llvm = pkgs.llvmPackages_19;
  clang = import ./clang.nix { inherit pkgs llvm; };
  # What every derivation that runs our build code (build.rs, picolibc-build,
  # the tests) compiles and archives with. The compiler is named explicitly:
  # nixpkgs' cc-wrapper hook exports CC (gcc in the default stdenv) and the
  # bintools hook AR=ar, both after the derivation's own variables are set, so
  # only names that take precedence over them are safe: HYPERLIGHT_GUEST_clang
  # comes before CC, AR_<target> before AR.
  buildEnv = {
    HYPERLIGHT_GUEST_clang = "${clang}/bin/clang";
    AR_x86_64_unknown_none = "${llvm.llvm}/bin/llvm-ar";
    AR_x86_64_hyperlight_none = "${llvm.llvm}/bin/llvm-ar";
    AR_aarch64_unknown_none = "${llvm.llvm}/bin/llvm-ar";
    # The native libc tests (checks.tests) build a prefix for the build machine too.
    "AR_${builtins.replaceStrings [ "-" ] [ "_" ] pkgs.stdenv.hostPlatform.rust.rustcTarget}" = "${llvm.llvm}/bin/llvm-ar";
    PICOLIBC_SRC = picolibcSrc;
  };
  # The repository minus what no build opens: the picolibc submodule (the
  # builds take picolibcSrc, so an empty submodule directory does not matter),
  # the Nix expressions themselves, and build outputs. A deny-list, so a file
  # a build or test starts reading is kept without anyone remembering to;
  # nix_contract.rs derives the files the builds and tests open and checks
  # that this filter keeps every one.
  cleanSource = pkgs.lib.cleanSourceWith {
    inherit src;
    name = "hyperlight-libc-source";
    filter = path: _type:
      builtins.match ".*/(\\.git|target|result(-[^/]*)?|third_party/picolibc|nix/mock|flake\\.nix|flake\\.lock|nix/[^/]*\\.nix)(/.*)?" (toString path) == null;
  };
  picolibcSrc = import ./picolibc-source.nix { inherit pkgs cleanSource; };
  picolibc-build = import ./picolibc-build.nix { inherit pkgs craneLib cleanSource llvm; };
  mkPicolibc = import ./picolibc.nix { inherit pkgs llvm clang buildEnv picolibc-build cleanSource; };
  picolibc-x86_64 = mkPicolibc { target = "x86_64-unknown-none"; };
  picolibc-aarch64 = mkPicolibc { target = "aarch64-unknown-none"; };
  # x86_64 guests with SSE (cargo-hyperlight's x86_64-hyperlight-none): hard float.
  picolibc-x86_64-sse = mkPicolibc { target = "x86_64-hyperlight-none"; };
  toolchain = import ./toolchain.nix { inherit pkgs llvm clang picolibc-x86_64 picolibc-x86_64-sse picolibc-aarch64; };
  guestVars = import ./guest-vars.nix { inherit picolibc-x86_64 picolibc-x86_64-sse picolibc-aarch64; };
  mkGuest = import ./guest.nix { inherit craneLib toolchain guestVars buildEnv; };
in
{
  inherit rustToolchain craneLib llvm clang buildEnv cleanSource picolibcSrc picolibc-build toolchain picolibc-x86_64 picolibc-x86_64-sse picolibc-aarch64 guestVars mkGuest;
  example-guest = mkGuest {
    pname = "example-guest";
    src = cleanSource;
    cargoRoot = "examples/guest";
  };
}
