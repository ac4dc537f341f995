#!/usr/bin/env bash
# Runs Trunk for the release build with the standard library rebuilt for size (README, "Size"): with
# `panic = "immediate-abort"` a panic traps at once, so the panic machinery, its messages and the code that
# formats them are left out of the wasm (about 32 KB gzipped). It needs the rust-src component (`make setup`
# adds it); without it the build is a plain one and says so. The wasm tests do not use this script.
# Usage: scripts/trunk.sh build|serve [trunk options]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/core" ]; then
  # Nightly-only flags on the pinned stable compiler: RUSTC_BOOTSTRAP allows them for this build only.
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  # The standard library's own small variants (its `optimize_for_size` feature): smaller sorts (heapsort for
  # `sort_unstable`, a plain merge sort for `sort`) and number formatting; the large sorts of the app's own
  # data don't go through them (`order::radix_sort`).
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  # Cargo's own (unstable) profile setting: .cargo/config.toml's rustflags stay as they are.
  export CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true CARGO_PROFILE_RELEASE_PANIC=immediate-abort
else
  echo "trunk.sh: no rust-src component; building with the prebuilt standard library (a larger wasm)" >&2
fi
exec trunk "$@" --release
