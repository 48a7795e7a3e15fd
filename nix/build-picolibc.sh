#!/usr/bin/env bash
# The picolibc derivation's build step, also run outside Nix by the tests:
#   build-picolibc.sh <rust-target> <prefix>
# with PICOLIBC_BUILD (the picolibc-build command), CC (clang), PICOLIBC_SRC
# (picolibc tree) and CRATE_DIR (this crate's sources) in the environment.
set -euo pipefail
target=$1
prefix=$2
"$PICOLIBC_BUILD" build --target "$target" --prefix "$prefix" \
    --src "$PICOLIBC_SRC" --cc "$CC" --crate-dir "$CRATE_DIR"
