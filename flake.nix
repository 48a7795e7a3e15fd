{
  description = "hyperlight-libc: picolibc for Hyperlight guests, with a hermetic clang toolchain";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
    crane.url = "github:ipetkov/crane";
    rust-overlay = {
      url = "github:oxalica/rust-overlay";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs = { self, nixpkgs, crane, rust-overlay }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f (import nixpkgs {
        inherit system;
        overlays = [ self.overlays.default ];
      }));
    in
    {
      # Works on any nixpkgs on its own: the Rust toolchain comes from
      # rust-overlay's standalone builder, not from `pkgs.rust-bin`.
      overlays.default = final: _prev: {
        hyperlight-libc = import ./nix/packages.nix { pkgs = final; inherit crane rust-overlay; src = self; };
      };

      packages = forAllSystems (pkgs:
        let hl = pkgs.hyperlight-libc; in {
          inherit (hl) picolibc-x86_64 picolibc-x86_64-sse picolibc-aarch64 toolchain picolibc-build example-guest;
          default = hl.picolibc-x86_64;
        });

      # Downstream flakes build their own pinned guest images with
      #   hyperlight-libc.legacyPackages.${system}.mkGuest { src = ./.; pname = "my-guest"; }
      # (this flake's pins) or, on their own nixpkgs,
      #   (pkgs.extend hyperlight-libc.overlays.default).hyperlight-libc.mkGuest { ... }
      # `legacyPackages` is where `nix flake check` expects non-derivation
      # values; a top-level `lib` output draws "unknown flake output" warnings.
      legacyPackages = forAllSystems (pkgs: { inherit (pkgs.hyperlight-libc) mkGuest; });

      devShells = forAllSystems (pkgs: {
        default = import ./nix/shell.nix { inherit pkgs; hl = pkgs.hyperlight-libc; };
      });

      checks = forAllSystems (pkgs: import ./nix/checks.nix { inherit pkgs; hl = pkgs.hyperlight-libc; src = self; });

      formatter = forAllSystems (pkgs: pkgs.nixpkgs-fmt);
    };
}
