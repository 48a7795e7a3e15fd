# A stand-in for nixpkgs with just what this flake uses, for nix/mock/eval.nix:
# `import nixpkgs { system; overlays; }` (and `.lib` of the result).
# Derivations are attribute sets that keep their arguments, so the evaluation
# can look at them. Where the real nixpkgs behaves in a way that has broken
# this flake before, the stand-in behaves the same (see eval.nix):
# - `files` lists what a derivation's output holds, where it matters: LLVM 19's
#   clang-unwrapped has bin/clang in `out` but its resource headers
#   (lib/clang/19/include) and libclang.so in `lib`; `llvm.libclang` is the same
#   derivation as clang-unwrapped; symlinkJoin takes only each path's `out`.
# - runCommand and stdenvNoCC derivations have no C compiler hooks (crane's,
#   built with stdenv, do: eval.nix's crane stand-in models them).
{ system, overlays ? [ ] }:
let
  drv = name: extra: {
    type = "derivation";
    inherit name;
    outPath = "/nix/store/00000000000000000000000000000000-${name}";
    files = [ ];
  } // extra;
  lib = {
    cleanSourceWith = { src, filter, name ? "source" }: {
      _isLibCleanSourceWith = true;
      outPath = src;
      origSrc = src;
      inherit filter name;
    };
    genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names);
    composeManyExtensions = overlays: final: prev:
      builtins.foldl' (acc: overlay: acc // overlay final (prev // acc)) { } overlays;
    getLib = d: d.lib or d;
    concatMapStrings = f: l: builtins.concatStringsSep "" (map f l);
    versions.major = v: builtins.head (builtins.splitVersion v);
  };
  clangLib = drv "clang-19.1.7-lib" {
    files = [ "lib/libclang.so" "lib/libclang-cpp.so" "lib/clang/19/include/stddef.h" "lib/clang/19/include/stdarg.h" ];
  };
  clang-unwrapped = drv "clang-19.1.7" {
    version = "19.1.7";
    lib = clangLib;
    files = [ "bin/clang" "bin/clang++" "bin/clang-19" ];
  };
  base = {
    inherit lib system;
    llvmPackages_19 = {
      inherit clang-unwrapped;
      libclang = clang-unwrapped;
      # The cc-wrapper: resource-root is its link to the resource directory.
      clang = drv "clang-wrapper-19.1.7" { files = [ "bin/clang" "resource-root/include/stddef.h" ]; };
      lld = drv "lld-19.1.7" { files = [ "bin/ld.lld" ]; };
      llvm = drv "llvm-19.1.7" { files = [ "bin/llvm-ar" "bin/llvm-nm" "bin/llvm-objcopy" ]; };
    };
    stdenv.hostPlatform.rust.rustcTarget = { x86_64-linux = "x86_64-unknown-linux-gnu"; aarch64-linux = "aarch64-unknown-linux-gnu"; }.${system} or "x86_64-unknown-linux-gnu";
    bash = drv "bash" { };
    runtimeShell = "/nix/store/00000000000000000000000000000000-bash/bin/bash";
    makeWrapper = drv "make-wrapper" { };
    cargo-nextest = drv "cargo-nextest" { };
    nixpkgs-fmt = drv "nixpkgs-fmt" { };
    fetchCrate = { pname, version, hash }: drv "${pname}-${version}.tar.gz" { inherit pname version hash; };
    writeShellScriptBin = name: text: assert builtins.isString text; drv name { inherit text; files = [ "bin/${name}" ]; };
    symlinkJoin = { name, paths, passthru ? { } }:
      drv name ({ inherit paths; files = builtins.concatMap (p: p.files) paths; } // passthru);
    runCommand = name: env: script:
      assert builtins.isAttrs env && builtins.isString script;
      drv name (builtins.removeAttrs env [ "passthru" ] // env.passthru or { } // { inherit script; });
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
