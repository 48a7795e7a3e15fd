# `nix flake check`: the crate against the prebuilt picolibc, clippy, the tests
# that need no KVM, formatting, and reproducibility.
{ pkgs, hl, src }:
let
  inherit (hl) craneLib cleanSource picolibc-x86_64;
  guestEnv = hl.guestVars // {
    hardeningDisable = [ "all" ];
    nativeBuildInputs = [ hl.toolchain ];
    preBuild = "source ${../nix/guest-env.sh}";
  };
  crateArgs = guestEnv // {
    pname = "hyperlight-libc";
    version = "0.18.1";
    src = cleanSource;
    cargoExtraArgs = "-p hyperlight-libc --target x86_64-unknown-none";
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
  tests = craneLib.cargoTest {
    pname = "picolibc-build-tests";
    version = "0.18.1";
    src = cleanSource;
    cargoArtifacts = null;
    cargoTestExtraArgs = "-p picolibc-build --test libc_archives --test bindings --bin picolibc-build";
    nativeBuildInputs = [ hl.toolchain ];
    LIBCLANG_PATH = "${hl.llvm.libclang.lib}/lib";
  };
  # The picolibc tree the derivations build is the submodule's pinned tree.
  picolibc-source = pkgs.runCommand "picolibc-source-matches-pin" { nativeBuildInputs = [ pkgs.bash ]; } ''
    cd ${cleanSource}
    test "$(bash scripts/fetch-picolibc --digest third_party/picolibc)" = "$(cut -d' ' -f1 third_party/picolibc.digest)"
    touch $out
  '';
  fmt = craneLib.cargoFmt { pname = "hyperlight-libc"; version = "0.18.1"; src = cleanSource; };
  nix-fmt = pkgs.runCommand "nixpkgs-fmt-check" { nativeBuildInputs = [ pkgs.nixpkgs-fmt ]; } ''
    nixpkgs-fmt --check ${src}/flake.nix ${src}/nix && touch $out
  '';
  # The picolibc derivation built twice gives the same output, and the crate's
  # own source build (build.rs, no prebuilt) with the same Nix clang gives an
  # archive with the sha256 the derivation's manifest records.
  reproducible =
    let
      rebuilt = picolibc-x86_64.overrideAttrs (_: { HYPERLIGHT_REBUILD = "2"; });
      sourceBuild = craneLib.mkCargoDerivation {
        pname = "hyperlight-libc-source-build";
        version = "0.18.1";
        src = cleanSource;
        cargoArtifacts = null;
        nativeBuildInputs = [ hl.toolchain ];
        HYPERLIGHT_GUEST_clang = "${hl.llvm.clang-unwrapped}/bin/clang";
        buildPhaseCargoCommand = "cargo build --release --target x86_64-unknown-none -p hyperlight-libc";
        installPhaseCommand = ''
          sha256sum target/x86_64-unknown-none/release/build/hyperlight-libc-*/out/lib/libc.a | cut -d' ' -f1 > $out
        '';
      };
    in
    pkgs.runCommand "picolibc-reproducible" { } ''
      cmp ${picolibc-x86_64}/lib/libc.a ${rebuilt}/lib/libc.a
      cmp ${picolibc-x86_64}/bindings.rs ${rebuilt}/bindings.rs
      test "$(cat ${sourceBuild})" = "$(cat ${picolibc-x86_64.archiveSha256})"
      touch $out
    '';
}
