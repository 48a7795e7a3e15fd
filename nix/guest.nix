# mkGuest: a pinned, reproducible Hyperlight guest image built with crane
# against the prebuilt picolibc, in the same environment as the dev shell.
#
# Dependencies: crane's dependency-only build (buildDepsOnly) replaces the
# sources of every crate under `src` with a dummy, including crates the guest
# takes by path (e.g. hyperlight-libc patched in with
# `[patch.crates-io] hyperlight-libc = { path = ... }`, how an unreleased
# version is used); registry crates that use them (hyperlight-guest-bin's
# libc_stubs.rs) then fail to compile against the dummy. So a guest with path
# dependencies builds its dependencies in the same derivation, and one
# without gets crane's cached dependency build. A caller's `cargoArtifacts`
# always wins.
{ craneLib, toolchain, guestVars, buildEnv }:
{ pname, src, cargoRoot ? ".", target ? "x86_64-unknown-none", ... }@args:
let
  extra = builtins.removeAttrs args [ "pname" "src" "cargoRoot" "target" ];
  root = src + "/${cargoRoot}";
  manifest = builtins.fromTOML (builtins.readFile (root + "/Cargo.toml"));
  depTables = m: [ (m.dependencies or { }) (m.build-dependencies or { }) (m.dev-dependencies or { }) ]
    ++ builtins.concatMap (t: depTables t) (builtins.attrValues (m.target or { }));
  pathDeps = builtins.filter (d: builtins.isAttrs d && d ? path)
    (builtins.concatMap builtins.attrValues (depTables manifest ++ builtins.attrValues (manifest.patch or { })));
  # Cargo takes target.<triple>.rustflags from a config file over
  # CARGO_BUILD_RUSTFLAGS (build.rustflags), so a guest whose
  # .cargo/config.toml sets them must carry the entry flags itself.
  entryFlags = "-C link-arg=-eentrypoint --cfg=hyperlight";
  configFile = root + "/.cargo/config.toml";
  configRustflags =
    if builtins.pathExists configFile
    then ((builtins.fromTOML (builtins.readFile configFile)).target or { }).${target}.rustflags or null
    else null;
  asList = f: if builtins.isList f then f else builtins.filter builtins.isString (builtins.split " " f);
  rustflagsChecked =
    if configRustflags == null || builtins.elem "link-arg=-eentrypoint" (asList configRustflags)
    then true
    else throw "mkGuest: ${cargoRoot}/.cargo/config.toml sets target.${target}.rustflags, which replaces the entry flags mkGuest passes; add \"-C\", \"link-arg=-eentrypoint\", \"--cfg=hyperlight\" to it";
  common = guestVars // {
    inherit pname src;
    # The clang a guest's build.rs uses (examples/guest's reads it), not the stdenv's gcc.
    inherit (buildEnv) HYPERLIGHT_GUEST_clang;
    version = "0.0.0";
    cargoToml = root + "/Cargo.toml";
    cargoLock = root + "/Cargo.lock";
    postUnpack = "cd $sourceRoot/${cargoRoot} && sourceRoot=.";
    CARGO_BUILD_TARGET = target;
    CARGO_BUILD_RUSTFLAGS = assert rustflagsChecked; entryFlags;
    doCheck = false;
    # Guest C goes through the toolchain's wrappers, never nixpkgs' cc-wrapper;
    # should anything reach the wrapper anyway, it must not add hardening flags.
    hardeningDisable = [ "all" ];
    nativeBuildInputs = [ toolchain ];
    preBuild = ''
      source ${../nix/guest-env.sh}
    '';
  } // builtins.removeAttrs extra [ "cargoArtifacts" ];
in
craneLib.buildPackage (common // {
  cargoArtifacts = extra.cargoArtifacts or (if pathDeps == [ ] then craneLib.buildDepsOnly common else null);
  passthru = (extra.passthru or { }) // { inherit pathDeps; };
})
