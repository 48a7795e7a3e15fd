# `nix develop`: everything a guest author needs. The environment comes from
# nix/guest-env.sh, the same script scripts/build-examples and the tests use:
# build.rs links the prebuilt picolibc (no C compile), and C -sys crates in
# guests get CC/AR/CFLAGS/BINDGEN_EXTRA_CLANG_ARGS for their target.
# cargo-hyperlight is not packaged in nixpkgs; docs/nix.md says how to use it
# here (RUSTC_BOOTSTRAP=1 for its custom target with the stable toolchain).
{ pkgs, hl }:
pkgs.mkShellNoCC (hl.guestVars // {
  packages = [ hl.rustToolchain hl.toolchain hl.picolibc-build pkgs.cargo-nextest ];
  LIBCLANG_PATH = hl.toolchain.libclangDir;
  shellHook = ''
    source ${../nix/guest-env.sh}
  '';
})
