# mkGuest: a pinned, reproducible Hyperlight guest image built with crane
# against the prebuilt picolibc, in the same environment as the dev shell.
{ craneLib, toolchain, guestVars }:
{ pname, src, cargoRoot ? ".", target ? "x86_64-unknown-none", ... }@args:
let
  extra = builtins.removeAttrs args [ "pname" "src" "cargoRoot" "target" ];
  common = guestVars // {
    inherit pname src;
    version = "0.0.0";
    cargoToml = src + "/${cargoRoot}/Cargo.toml";
    cargoLock = src + "/${cargoRoot}/Cargo.lock";
    postUnpack = "cd $sourceRoot/${cargoRoot} && sourceRoot=.";
    CARGO_BUILD_TARGET = target;
    CARGO_BUILD_RUSTFLAGS = "-C link-arg=-eentrypoint --cfg=hyperlight";
    doCheck = false;
    # Guest C goes through the toolchain's wrappers, never nixpkgs' cc-wrapper;
    # should anything reach the wrapper anyway, it must not add hardening flags.
    hardeningDisable = [ "all" ];
    nativeBuildInputs = [ toolchain ];
    preBuild = ''
      source ${../nix/guest-env.sh}
    '';
  } // extra;
in
craneLib.buildPackage (common // {
  cargoArtifacts = craneLib.buildDepsOnly common;
})
