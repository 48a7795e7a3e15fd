# A stand-in for nixpkgs with just what this flake uses, for nix/mock/eval.nix:
# `import nixpkgs { system; overlays; }` (and `.lib` of the result). Derivations
# are attribute sets that keep their arguments, so the evaluation can look at them.
{ system, overlays ? [ ] }:
let
  drv = name: extra: {
    type = "derivation";
    inherit name;
    outPath = "/nix/store/00000000000000000000000000000000-${name}";
  } // extra;
  lib = {
    cleanSourceWith = { src, filter }: { outPath = src; inherit filter; };
    genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names);
    composeManyExtensions = overlays: final: prev:
      builtins.foldl' (acc: overlay: acc // overlay final (prev // acc)) { } overlays;
  };
  base = {
    inherit lib system;
    llvmPackages_19 = {
      clang-unwrapped = drv "clang-19" { };
      clang = drv "clang-wrapper-19" { };
      lld = drv "lld-19" { };
      llvm = drv "llvm-19" { };
      libclang = drv "libclang-19" { lib = drv "libclang-19-lib" { }; };
    };
    bash = drv "bash" { };
    makeWrapper = drv "make-wrapper" { };
    cargo-nextest = drv "cargo-nextest" { };
    nixpkgs-fmt = drv "nixpkgs-fmt" { };
    writeShellScriptBin = name: text: assert builtins.isString text; drv name { inherit text; };
    symlinkJoin = { name, paths, passthru ? { } }: drv name ({ inherit paths; } // passthru);
    runCommand = name: env: script: assert builtins.isAttrs env && builtins.isString script; drv name { inherit script; };
    mkShellNoCC = args: drv "shell" args;
    stdenvNoCC.mkDerivation = f:
      let
        self = drv "${attrs.pname}-${attrs.version}" (attrs // attrs.passthru or { } // {
          finalPackage = self;
          overrideAttrs = g: self // g attrs;
        });
        attrs = f self;
      in
      self;
  };
  extended = overlays:
    let
      pkgs = base // (lib.composeManyExtensions overlays) pkgs base // {
        extend = overlay: extended (overlays ++ [ overlay ]);
      };
    in
    pkgs;
in
extended overlays
