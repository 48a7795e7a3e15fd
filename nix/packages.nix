# Everything the flake exports, for one nixpkgs instance: the toolchain, the
# picolibc prefixes, the standalone build command, guest images.
{ pkgs, crane, src }:
let
  rustToolchain = pkgs.rust-bin.fromRustupToolchainFile (src + "/rust-toolchain.toml");
  craneLib = (crane.mkLib pkgs).overrideToolchain (_: rustToolchain);
  llvm = pkgs.llvmPackages_19;
  # crane's cleanCargoSource drops C files; the build needs them.
  cleanSource = pkgs.lib.cleanSourceWith {
    inherit src;
    filter = path: type:
      (craneLib.filterCargoSources path type)
      || (builtins.match ".*\\.(c|h|S|txt|sh|digest)$" path != null)
      || (builtins.match ".*/(include|third_party/picolibc)(/.*)?$" path != null);
  };
  picolibc-build = import ./picolibc-build.nix { inherit pkgs craneLib cleanSource llvm; };
  mkPicolibc = import ./picolibc.nix { inherit pkgs llvm picolibc-build cleanSource; };
  picolibc-x86_64 = mkPicolibc { target = "x86_64-unknown-none"; };
  picolibc-aarch64 = mkPicolibc { target = "aarch64-unknown-none"; };
  # x86_64 guests with SSE (cargo-hyperlight's x86_64-hyperlight-none): hard float.
  picolibc-x86_64-sse = mkPicolibc { target = "x86_64-hyperlight-none"; };
  toolchain = import ./toolchain.nix { inherit pkgs llvm picolibc-x86_64 picolibc-x86_64-sse picolibc-aarch64; };
  guestVars = import ./guest-vars.nix { inherit picolibc-x86_64 picolibc-x86_64-sse picolibc-aarch64; };
  mkGuest = import ./guest.nix { inherit craneLib toolchain guestVars; };
in
{
  inherit rustToolchain craneLib llvm cleanSource picolibc-build toolchain picolibc-x86_64 picolibc-x86_64-sse picolibc-aarch64 guestVars mkGuest;
  example-guest = mkGuest {
    pname = "example-guest";
    src = cleanSource;
    cargoRoot = "examples/guest";
  };
}
