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
        overlays = [ rust-overlay.overlays.default self.overlays.default ];
      }));
    in
    {
      overlays.default = final: _prev: {
        hyperlight-libc = import ./nix/packages.nix { pkgs = final; inherit crane; src = self; };
      };

      packages = forAllSystems (pkgs:
        let hl = pkgs.hyperlight-libc; in {
          inherit (hl) picolibc-x86_64 picolibc-x86_64-sse picolibc-aarch64 toolchain picolibc-build example-guest;
          default = hl.picolibc-x86_64;
        });

      devShells = forAllSystems (pkgs: {
        default = import ./nix/shell.nix { inherit pkgs; hl = pkgs.hyperlight-libc; };
      });

      checks = forAllSystems (pkgs: import ./nix/checks.nix { inherit pkgs; hl = pkgs.hyperlight-libc; src = self; });

      formatter = forAllSystems (pkgs: pkgs.nixpkgs-fmt);

      # Downstream flakes build their own pinned guest images:
      #   hyperlight-libc.lib.mkGuest { inherit pkgs; src = ./.; pname = "my-guest"; }
      lib.mkGuest = { pkgs, ... }@args:
        let
          p = pkgs.extend (nixpkgs.lib.composeManyExtensions [ rust-overlay.overlays.default self.overlays.default ]);
        in
        p.hyperlight-libc.mkGuest (builtins.removeAttrs args [ "pkgs" ]);
    };
}
