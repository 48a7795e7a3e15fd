# The standalone driver of the picolibc build (tools/picolibc-build), with
# bindgen so a prefix carries bindings generated from its own headers.
{ pkgs, craneLib, cleanSource, llvm }:
craneLib.buildPackage {
  pname = "picolibc-build";
  version = "0.18.1";
  src = cleanSource;
  cargoExtraArgs = "--locked -p picolibc-build";
  doCheck = false;
  LIBCLANG_PATH = "${llvm.libclang.lib}/lib";
  nativeBuildInputs = [ pkgs.makeWrapper ];
  # The command finds picolibc.h and our C sources through --crate-dir; keep
  # libclang reachable at run time.
  postInstall = ''
    wrapProgram $out/bin/picolibc-build --set-default LIBCLANG_PATH ${llvm.libclang.lib}/lib
  '';
}
