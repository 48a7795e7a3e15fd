# The picolibc sources for every Nix build, independent of git submodules
# (flake sources and `github:` inputs never carry them): the third_party/picolibc
# tree of the published hyperlight-libc crate that scripts/fetch-picolibc also
# falls back to, accepted only if its content digest is the one pinned in
# third_party/picolibc.digest (the single source of truth, checked with the
# same script). `hash` is the crate's unpacked NAR hash, as fetchCrate
# computes it; tools/picolibc-build/tests/nix_contract.rs recomputes it from
# the crate cargo fetched and checks it against this file.
{ pkgs, cleanSource }:
let
  carrier = pkgs.fetchCrate {
    pname = "hyperlight-libc";
    version = "0.18.0";
    hash = "sha256-uv+B+onHcfKyvSshklseUQNI+yviuWukqlbrGAZ/lOA=";
  };
in
pkgs.runCommand "picolibc-bsd-1.8.11-src" { passthru = { inherit carrier; }; } ''
  tree=${carrier}/third_party/picolibc
  expected=$(cut -d' ' -f1 ${cleanSource}/third_party/picolibc.digest)
  actual=$(bash ${cleanSource}/scripts/fetch-picolibc --digest "$tree")
  if [ "$actual" != "$expected" ]; then
    echo "error: picolibc in hyperlight-libc 0.18.0 has digest $actual, third_party/picolibc.digest pins $expected." >&2
    echo "If picolibc was deliberately updated, update nix/picolibc-source.nix's carrier crate and hash (docs/nix.md)." >&2
    exit 1
  fi
  cp -r "$tree" $out
''
