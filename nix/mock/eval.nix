# Evaluates flake.nix and everything under nix/ against stand-ins for
# nixpkgs (nix/mock/nixpkgs.nix), crane and rust-overlay, none of which is
# available offline; scripts/check-nix runs it with
# `nix-instantiate --eval --strict`. It proves that every file's arguments
# match its callers, that every attribute one file takes from another exists,
# that every string interpolation resolves, and that the outputs have the
# documented names and environment. It proves nothing about nixpkgs', crane's
# or rust-overlay's own interfaces: the stand-ins take them on trust.
let
  flake = import ../../flake.nix;
  nixpkgs = {
    outPath = ./nixpkgs.nix;
    inherit (import ./nixpkgs.nix { system = "none"; }) lib;
  };
  drv = name: extra: {
    type = "derivation";
    inherit name;
    outPath = "/nix/store/00000000000000000000000000000000-${name}";
  } // extra;
  rustToolchain = drv "rust-1.95.0" { };
  craneLib = {
    # As crane's: Rust sources and Cargo files only.
    filterCargoSources = path: type:
      type == "directory" || builtins.match ".*(\\.rs|\\.toml|Cargo\\.lock)$" path != null;
    overrideToolchain = f: assert f null == rustToolchain; craneLib;
    buildDepsOnly = args: drv "${args.pname}-deps" args;
    buildPackage = args: drv args.pname args;
    cargoClippy = args: drv "${args.pname}-clippy" args;
    cargoTest = args: drv "${args.pname}-test" args;
    cargoFmt = args: drv "${args.pname}-fmt" args;
    mkCargoDerivation = args: drv args.pname args;
  };
  crane.mkLib = _pkgs: craneLib;
  rust-overlay.overlays.default = _final: _prev: {
    rust-bin.fromRustupToolchainFile = file:
      assert builtins.pathExists file; rustToolchain;
  };
  self = outputs // { outPath = toString ../..; };
  outputs = flake.outputs { inherit self nixpkgs crane rust-overlay; };

  # Every string-valued attribute of a derivation stand-in, forced.
  strings = d: builtins.mapAttrs (_: v: if builtins.isString v then v else null) d;
  expect = what: cond: if cond then true else throw "mock-eval: ${what}";
  systems = [ "aarch64-linux" "x86_64-linux" ];
  forEach = f: map f systems;

  packages = system: outputs.packages.${system};
  shell = system: outputs.devShells.${system}.default;
  checks = system: outputs.checks.${system};
  hl = (import nixpkgs {
    system = "x86_64-linux";
    overlays = [ rust-overlay.overlays.default outputs.overlays.default ];
  }).hyperlight-libc;
  kept = path: hl.cleanSource.filter "/src/${path}" "regular";
  ownGuest = outputs.lib.mkGuest {
    pkgs = import nixpkgs { system = "x86_64-linux"; };
    src = "/nix/store/00000000000000000000000000000000-downstream";
    pname = "downstream-guest";
  };
in
assert expect "systems" (builtins.attrNames outputs.packages == systems);
assert expect "packages"
  (forEach (s: builtins.attrNames (packages s)) == forEach (_: [
    "default"
    "example-guest"
    "picolibc-aarch64"
    "picolibc-build"
    "picolibc-x86_64"
    "picolibc-x86_64-sse"
    "toolchain"
  ]));
assert expect "picolibc targets"
  (forEach (s: map (n: (packages s).${n}.target) [ "picolibc-x86_64" "picolibc-x86_64-sse" "picolibc-aarch64" ])
    == forEach (_: [ "x86_64-unknown-none" "x86_64-hyperlight-none" "aarch64-unknown-none" ]));
assert expect "default package" ((packages "x86_64-linux").default == (packages "x86_64-linux").picolibc-x86_64);
assert expect "checks"
  (forEach (s: builtins.attrNames (checks s)) == forEach (_: [
    "clippy"
    "crate"
    "fmt"
    "nix-fmt"
    "picolibc-source"
    "reproducible"
    "tests"
  ]));
assert expect "the shell's prefixes"
  ((shell "x86_64-linux").HYPERLIGHT_LIBC_X86_64_SSE == (packages "x86_64-linux").picolibc-x86_64-sse);
assert expect "mkGuest from another flake" (ownGuest.name == "downstream-guest" && ownGuest.HYPERLIGHT_LIBC_X86_64.target == "x86_64-unknown-none");
assert expect "the source filter keeps the C build's files"
  (builtins.all kept [ "build.rs" "Cargo.lock" "src/c/exit.c" "include/picolibc.h" "third_party/picolibc/libc/string/memcpy.c" "third_party/picolibc/libc/machine/x86/setjmp.S" "picobuild/sources/x86_64.txt" "nix/build-picolibc.sh" "third_party/picolibc.digest" "third_party/picolibc/meson.build" ]);
assert expect "the source filter drops the rest" (!(kept "docs/nix.md"));
assert expect "formatter" (outputs.formatter.x86_64-linux.name == "nixpkgs-fmt");
{
  packages = forEach (s: builtins.mapAttrs (_: strings) (packages s));
  shells = forEach (s: strings (shell s));
  checks = forEach (s: builtins.mapAttrs (_: strings) (checks s));
  wrappers = map (p: p.name) (packages "x86_64-linux").toolchain.paths;
  guest = strings ownGuest;
  overlay = builtins.attrNames (outputs.overlays.default (import nixpkgs { system = "x86_64-linux"; }) { });
}
