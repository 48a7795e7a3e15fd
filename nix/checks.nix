# `nix flake check`: the crate against the prebuilt picolibc, clippy, the tests
# that need no KVM, formatting, the picolibc sources, and reproducibility.
{ pkgs, hl, src }:
let
  inherit (hl) craneLib cleanSource buildEnv picolibc-x86_64;
  guestEnv = hl.guestVars // {
    inherit (buildEnv) HYPERLIGHT_GUEST_clang;
    hardeningDisable = [ "all" ];
    nativeBuildInputs = [ hl.toolchain ];
    preBuild = "source ${../nix/guest-env.sh}";
  };
  crateArgs = guestEnv // {
    pname = "hyperlight-libc";
    version = "0.18.1";
    src = cleanSource;
    cargoExtraArgs = "--locked -p hyperlight-libc --target x86_64-unknown-none";
    doCheck = false;
  };
  cargoArtifacts = craneLib.buildDepsOnly crateArgs;
in
{
  crate = craneLib.buildPackage (crateArgs // { inherit cargoArtifacts; });
  clippy = craneLib.cargoClippy (crateArgs // {
    inherit cargoArtifacts;
    cargoClippyExtraArgs = "-- --deny warnings";
  });
  # Unit tests of the build code and the native libc tests: no KVM needed.
  # They build picolibc from source: buildEnv names the clang and llvm-ar
  # (the stdenv's CC/AR are gcc and GNU ar) and the picolibc sources.
  tests = craneLib.cargoTest (buildEnv // {
    pname = "picolibc-build-tests";
    version = "0.18.1";
    src = cleanSource;
    cargoArtifacts = null;
    cargoTestExtraArgs = "-p picolibc-build --test libc_archives --test bindings --bin picolibc-build";
    nativeBuildInputs = [ hl.toolchain ];
    LIBCLANG_PATH = hl.toolchain.libclangDir;
  });
  # The picolibc tree the derivations build is the pinned tree (the
  # derivation checks it against third_party/picolibc.digest).
  picolibc-source = hl.picolibcSrc;
  fmt = craneLib.cargoFmt { pname = "hyperlight-libc"; version = "0.18.1"; src = cleanSource; };
  nix-fmt = pkgs.runCommand "nixpkgs-fmt-check" { nativeBuildInputs = [ pkgs.nixpkgs-fmt ]; } ''
    nixpkgs-fmt --check ${src}/flake.nix ${src}/nix && touch $out
  '';
  # The picolibc derivation built twice gives the same output, and the crate's
  # own source build (build.rs, no prebuilt) with the same clang, llvm-ar and
  # picolibc sources (buildEnv) gives the archive the derivation's manifest
  # records, so a difference can only come from our build code.
  reproducible =
    let
      rebuilt = picolibc-x86_64.overrideAttrs (_: { HYPERLIGHT_REBUILD = "2"; });
      sourceBuild = craneLib.mkCargoDerivation (buildEnv // {
        pname = "hyperlight-libc-source-build";
        version = "0.18.1";
        src = cleanSource;
        cargoArtifacts = null;
        # $out is this check's own result, not a cargo target directory.
        doInstallCargoArtifacts = false;
        nativeBuildInputs = [ hl.toolchain ];
        buildPhaseCargoCommand = "cargo build --locked --release --target x86_64-unknown-none -p hyperlight-libc";
        installPhaseCommand = ''
          mkdir -p $out
          cp target/x86_64-unknown-none/release/build/hyperlight-libc-*/out/lib/libc.a $out/libc.a
          sha256sum $out/libc.a | cut -d' ' -f1 > $out/sha256
        '';
      });
    in
    pkgs.runCommand "picolibc-reproducible" { passthru = { inherit rebuilt sourceBuild; }; } ''
      cmp ${picolibc-x86_64}/lib/libc.a ${rebuilt}/lib/libc.a
      cmp ${picolibc-x86_64}/bindings.rs ${rebuilt}/bindings.rs
      if [ "$(cat ${sourceBuild}/sha256)" != "$(cat ${picolibc-x86_64.archiveSha256})" ]; then
        echo "error: build.rs's archive differs from the picolibc derivation's with the same clang, llvm-ar and sources" >&2
        exit 1
      fi
      touch $out
    '';
}
