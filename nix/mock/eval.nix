# Evaluates flake.nix and everything under nix/ against stand-ins for
# nixpkgs (nix/mock/nixpkgs.nix), crane and rust-overlay, none of which is
# available offline; scripts/check-nix runs it with
# `nix-instantiate --eval --strict`. It proves that every file's arguments
# match its callers, that every attribute one file takes from another exists,
# that every string interpolation resolves, and that the outputs have the
# documented names and environment.
#
# The stand-ins also behave as the real inputs do where that broke the flake
# before (each was read in the pinned sources; docs/nix.md says where):
# - clang-unwrapped's `out` has no resource headers (LLVM 19/20 move them to
#   `lib`): every command that runs it must pass -resource-dir to a directory
#   holding include/stddef.h, and the toolchain must not put it on PATH bare;
# - crane's derivations see CC=gcc and AR=ar from the stdenv's hooks: whatever
#   runs our build code must name clang and llvm-ar in variables that win;
# - mkCargoDerivation installs cargo artifacts into $out unless told not to,
#   so an installPhaseCommand that writes $out as a file fails;
# - buildDepsOnly replaces every path-dependency crate with a dummy, so a
#   dependency-only build of a guest that patches a crate in by path fails;
# - crane's builders default cargoExtraArgs to --locked; overriding it must
#   keep it;
# - `self` has no picolibc submodule: nothing may read third_party/picolibc
#   from the flake's source, and the source filter drops it;
# - a plain nixpkgs has no `rust-bin`: overlays.default must work alone;
# - symlinkJoin takes each path's `out` only: libclang.so is in clang's `lib`.
# Still taken on trust: everything else about nixpkgs, crane and rust-overlay
# (phases, hooks' other effects, fetchers, the toolchains themselves), and
# whether the derivations build; only a real Nix run shows that.
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
    files = [ ];
  } // extra;
  rustToolchain = drv "rust-1.95.0" { };
  hookExports = { CC = "gcc"; AR = "ar"; };
  expect = what: cond: if cond then true else throw "mock-eval: ${what}";
  hasLocked = args: name:
    if args ? cargoExtraArgs && builtins.match "(.* )?--locked( .*)?" args.cargoExtraArgs == null
    then throw "mock-eval: ${name}: cargoExtraArgs \"${args.cargoExtraArgs}\" drops crane's default --locked"
    else true;
  # As crane's mkCargoDerivation: stdenv hooks export CC/AR over the
  # derivation's variables, and cargo artifacts go to $out by default.
  mkCargoDerivation = args:
    let
      install = args.installPhaseCommand or "mkdir -p $out";
      writesOutAsFile = builtins.match "(.|\n)*> *[$]out($|[^/](.|\n)*)" install != null;
    in
    if (args.doInstallCargoArtifacts or true) && writesOutAsFile
    then throw "mock-eval: ${args.pname}: installPhaseCommand writes $out as a file, then crane's installCargoArtifacts hook runs `mkdir -p $out` (File exists); set doInstallCargoArtifacts = false"
    else drv "${args.pname}${args.pnameSuffix or ""}" (args // args.passthru or { } // hookExports);
  # The crates a manifest takes by path, from [dependencies]-like tables and [patch].
  pathDeps = manifest:
    let
      tables = m: [ (m.dependencies or { }) (m.build-dependencies or { }) (m.dev-dependencies or { }) ]
        ++ builtins.concatMap tables (builtins.attrValues (m.target or { }));
      all = builtins.concatMap builtins.attrValues (tables manifest ++ builtins.attrValues (manifest.patch or { }));
    in
    builtins.filter (d: builtins.isAttrs d && d ? path) all;
  buildDepsOnly = args:
    let
      manifest = builtins.fromTOML (builtins.readFile (args.cargoToml or (args.src + "/Cargo.toml")));
      dummied = pathDeps manifest;
    in
    assert hasLocked args "${args.pname}-deps";
    if dummied != [ ]
    then throw "mock-eval: ${args.pname}-deps: crane's dependency-only build replaces the path crate ${(builtins.head dummied).path} with a dummy, and the registry crates using it (hyperlight-guest-bin's libc_stubs.rs) do not compile against it"
    else mkCargoDerivation (args // { pnameSuffix = "-deps"; cargoArtifacts = null; doInstallCargoArtifacts = true; buildPhaseCargoCommand = "cargo build"; });
  craneLib = {
    # As crane's: Rust sources and Cargo files only.
    filterCargoSources = path: type:
      type == "directory" || builtins.match ".*(\\.rs|\\.toml|Cargo\\.lock)$" path != null;
    overrideToolchain = f: assert f null == rustToolchain; craneLib;
    inherit buildDepsOnly mkCargoDerivation;
    buildPackage = args: assert hasLocked args args.pname;
      mkCargoDerivation (args // {
        doInstallCargoArtifacts = args.doInstallCargoArtifacts or false;
        cargoArtifacts = args.cargoArtifacts or (buildDepsOnly args);
        buildPhaseCargoCommand = "cargo build";
      });
    cargoClippy = args: assert hasLocked args args.pname; mkCargoDerivation (args // { pnameSuffix = "-clippy"; buildPhaseCargoCommand = "cargo clippy"; });
    cargoTest = args: assert hasLocked args args.pname; mkCargoDerivation (args // { pnameSuffix = "-test"; buildPhaseCargoCommand = ""; });
    cargoFmt = args: mkCargoDerivation (args // { pnameSuffix = "-fmt"; cargoArtifacts = null; buildPhaseCargoCommand = "cargo fmt"; });
  };
  crane.mkLib = _pkgs: craneLib;
  rust-overlay = {
    lib.mkRustBin = _: pkgs: {
      fromRustupToolchainFile = file:
        assert builtins.isAttrs pkgs && builtins.pathExists file; rustToolchain;
    };
    overlays.default = throw "mock-eval: the flake applies rust-overlay's overlay; overlays.default must not need it";
  };
  # The flake's source as a user gets it: `self` has no picolibc submodule
  # (see `noSubmodule` below for what that requires).
  self = outputs // { outPath = toString ../..; };
  outputs = flake.outputs { inherit self nixpkgs crane rust-overlay; };

  systems = [ "aarch64-linux" "x86_64-linux" ];
  forEach = f: map f systems;
  packages = system: outputs.packages.${system};
  shell = system: outputs.devShells.${system}.default;
  checks = system: outputs.checks.${system};
  # overlays.default on a plain nixpkgs, nothing applied before it.
  plain = import nixpkgs { system = "x86_64-linux"; };
  hl = (plain.extend outputs.overlays.default).hyperlight-libc;
  llvm = plain.llvmPackages_19;

  # Every derivation stand-in reachable from the outputs, once each.
  isDrv = v: builtins.isAttrs v && v.type or null == "derivation";
  children = v:
    if isDrv v then [ v ]
    else if builtins.isList v then builtins.concatMap children v
    else [ ];
  childrenOf = d: builtins.concatMap
    (n:
      let v = d.${n}; in
      if isDrv v then [ v ]
      else if builtins.isList v then children v
      else if builtins.isAttrs v && !(v ? outPath) then builtins.concatMap children (builtins.attrValues v)
      else [ ])
    (builtins.attrNames (builtins.removeAttrs d [ "finalPackage" "overrideAttrs" ]));
  roots = builtins.concatMap (s: builtins.attrValues (packages s) ++ builtins.attrValues (checks s) ++ [ (shell s) ]) systems
    ++ [ downstream exampleGuest ];
  graph = map (i: i.d) (builtins.genericClosure {
    startSet = map (d: { key = d.outPath + d.name; inherit d; }) roots;
    operator = i: map (d: { key = d.outPath + d.name; inherit d; }) (childrenOf i.d);
  });
  strings = d: builtins.filter builtins.isString (builtins.attrValues d);
  allStrings = builtins.concatMap (d: map (s: { inherit (d) name; inherit s; }) (strings d)) graph;

  # A file's presence in a stand-in output: "<outPath>/<file>".
  hasFile = path: builtins.any (d: builtins.any (f: "${d.outPath}/${f}" == path) d.files)
    (graph ++ [ llvm.clang-unwrapped llvm.clang-unwrapped.lib ]);
  unwrappedClang = "${llvm.clang-unwrapped}/bin/clang";
  resourceDirOk = { name, s }:
    let m = builtins.match "(.|\n)*-resource-dir ([^ \n\"]+)(.|\n)*" s; in
    if builtins.match "(.|\n)*${unwrappedClang}(.|\n)*" s == null then true
    else if m == null then throw "mock-eval: ${name} runs ${unwrappedClang} without -resource-dir: LLVM 19's clang-unwrapped has no stddef.h in `out`"
    else expect "${name}: -resource-dir ${builtins.elemAt m 1} holds include/stddef.h" (hasFile "${builtins.elemAt m 1}/include/stddef.h");
  noSubmodule = { name, s }:
    let uses = builtins.match "(.|\n)*third_party/picolibc([^.](.|\n)*|$)" s; in
    uses == null || builtins.match "(.|\n)*${hl.picolibcSrc.carrier}/third_party/picolibc(.|\n)*" s != null
    || throw "mock-eval: ${name} reads third_party/picolibc from the flake's source, which has no submodule: ${s}";

  # Compiler::find and archiver() of picobuild, over a derivation's variables.
  compilerOf = d: triple: d.HYPERLIGHT_GUEST_clang or d."CC_${builtins.replaceStrings ["-"] ["_"] triple}" or d.CC or "clang";
  archiverOf = d: triple: d."AR_${builtins.replaceStrings ["-"] ["_"] triple}" or d.AR or "llvm-ar";
  ourClang = "${hl.clang}/bin/clang";
  llvmAr = "${llvm.llvm}/bin/llvm-ar";
  reproducible = (checks "x86_64-linux").reproducible;
  runsBuildCode = [ (checks "x86_64-linux").tests reproducible.sourceBuild hl.picolibc-x86_64 hl.picolibc-aarch64 hl.picolibc-x86_64-sse ];

  kept = rel:
    let
      parts = builtins.filter builtins.isString (builtins.split "/" rel);
      prefixes = builtins.genList (i: builtins.concatStringsSep "/" (builtins.genList (builtins.elemAt parts) (i + 1))) (builtins.length parts);
      n = builtins.length prefixes;
    in
    builtins.all (i: hl.cleanSource.filter "${toString ../..}/${builtins.elemAt prefixes i}" (if i == n - 1 then "regular" else "directory"))
      (builtins.genList (i: i) n);
  downstream = hl.mkGuest { src = ./downstream-guest; pname = "downstream-guest"; };
  exampleGuest = (packages "x86_64-linux").example-guest;
  ownArtifacts = drv "my-artifacts" { };
  withArtifacts = hl.mkGuest { src = ./downstream-guest; pname = "downstream-guest"; cargoArtifacts = ownArtifacts; };
  exampleConfig = builtins.fromTOML (builtins.readFile ../../examples/guest/.cargo/config.toml);
in
assert expect "systems" (builtins.attrNames outputs.packages == systems);
assert expect "only outputs nix flake check knows (no `lib`)"
  (builtins.attrNames outputs == [ "checks" "devShells" "formatter" "legacyPackages" "overlays" "packages" ]);
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
# 1: every clang handed out finds its headers.
assert builtins.all resourceDirOk allStrings;
assert expect "the toolchain's clang is the one with the resource directory"
  (!(builtins.elem llvm.clang-unwrapped hl.toolchain.paths) && builtins.elem hl.clang hl.toolchain.paths);
assert expect "clang's resource dir holds stddef.h" (hasFile "${hl.clang.resourceDir}/include/stddef.h");
assert expect "HYPERLIGHT_GUEST_clang everywhere is that clang"
  (builtins.all (d: d.HYPERLIGHT_GUEST_clang or ourClang == ourClang) graph
    && downstream.HYPERLIGHT_GUEST_clang == ourClang && exampleGuest.HYPERLIGHT_GUEST_clang == ourClang
    && builtins.elem hl.toolchain (shell "x86_64-linux").packages);
# 2: picolibc comes from the digest-checked crate, never the submodule.
assert builtins.all noSubmodule allStrings;
assert expect "the source filter drops the (absent) submodule" (!(kept "third_party/picolibc/meson.build"));
assert expect "every build of picolibc takes picolibcSrc" (builtins.all (d: d.PICOLIBC_SRC == hl.picolibcSrc) runsBuildCode);
assert expect "picolibcSrc is the carrier crate scripts/fetch-picolibc uses"
  (hl.picolibcSrc.carrier.pname == "hyperlight-libc" && hl.picolibcSrc.carrier.version == "0.18.0"
    && builtins.match "sha256-.{43}=" hl.picolibcSrc.carrier.hash != null
    && (checks "x86_64-linux").picolibc-source == hl.picolibcSrc);
# 3: the filter keeps what the derivations read (nix_contract.rs derives the
# full list from what the builds and tests open and asks `filterDrops`).
assert expect "the source filter keeps the files the derivations read"
  (builtins.all kept [ "build.rs" "Cargo.lock" "src/c/exit.c" "include/picolibc.h" "picobuild/sources/x86_64.txt" "nix/build-picolibc.sh" "third_party/picolibc.digest" "scripts/fetch-picolibc" "README.md" "docs/picolibc.md" "examples/guest/.cargo/config.toml" ]);
assert expect "the source filter drops the Nix expressions" (!(kept "flake.nix") && !(kept "nix/packages.nix") && !(kept "nix/mock/eval.nix"));
# 4, 5: clang and llvm-ar named in variables that beat the stdenv's CC/AR, the
# same for the derivation and the source build it is compared with.
assert expect "every build of picolibc compiles with our clang"
  (builtins.all (d: compilerOf d "x86_64-unknown-none" == ourClang) runsBuildCode);
assert expect "every build of picolibc archives with llvm-ar"
  (builtins.all (t: builtins.all (d: archiverOf d t == llvmAr) runsBuildCode) [ "x86_64-unknown-none" "x86_64-hyperlight-none" "aarch64-unknown-none" "x86_64-unknown-linux-gnu" ]);
assert expect "the reproducible check compares like with like"
  (reproducible.sourceBuild.PICOLIBC_SRC == hl.picolibc-x86_64.PICOLIBC_SRC && reproducible.rebuilt.name == hl.picolibc-x86_64.name);
# 6: guests patching hyperlight-libc in by path build; callers' artifacts win.
assert expect "the example guest patches hyperlight-libc by path and builds without a dummied dependency build"
  (exampleGuest.pathDeps != [ ] && exampleGuest.cargoArtifacts == null);
assert expect "a registry-only guest gets crane's dependency build" (downstream.cargoArtifacts.name == "downstream-guest-deps");
assert expect "mkGuest keeps the caller's cargoArtifacts" (withArtifacts.cargoArtifacts == ownArtifacts);
# 7: the overlay alone (hl above) gives everything.
assert expect "overlays.default on a plain nixpkgs" (hl.rustToolchain == rustToolchain && hl.picolibc-x86_64.target == "x86_64-unknown-none");
assert expect "legacyPackages.mkGuest" ((outputs.legacyPackages.x86_64-linux.mkGuest { src = ./downstream-guest; pname = "d"; }).name == "d");
# 8: libclang.so where LIBCLANG_PATH points.
assert expect "the toolchain has lib/libclang.so" (builtins.elem "lib/libclang.so" hl.toolchain.files);
assert expect "LIBCLANG_PATH holds libclang.so"
  (builtins.all (d: !(d ? LIBCLANG_PATH) || hasFile "${d.LIBCLANG_PATH}/libclang.so") graph && hasFile "${(shell "x86_64-linux").LIBCLANG_PATH}/libclang.so");
# 9: entry flags reach a guest without a cargo config; the example's config carries them.
assert expect "a downstream guest gets the entry flags" (downstream.CARGO_BUILD_RUSTFLAGS == "-C link-arg=-eentrypoint --cfg=hyperlight");
assert expect "the example guest's target rustflags carry the entry flags"
  (builtins.elem "link-arg=-eentrypoint" exampleConfig.target.x86_64-unknown-none.rustflags);
assert expect "formatter" (outputs.formatter.x86_64-linux.name == "nixpkgs-fmt");
{
  derivations = map (d: d.name) graph;
  # For nix_contract.rs: which of these files (paths relative to the
  # repository) the flake's source filter drops.
  filterDrops = builtins.filter (rel: !(kept rel));
}
