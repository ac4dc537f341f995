#!/usr/bin/env bash
# Installs every tool the build (and, with `test`, the tests) needs, each at a pinned version, and only
# what is missing: a second run takes a second. Reaches only the package registries (crates.io, npm,
# Debian). Usage: scripts/setup.sh [build|test]
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14        # 0.22 needs rustc 1.96; this machine has 1.95
CARGO_FUZZ_VERSION=0.13.2    # `make test-fuzz` and `make fuzz` (docs/fuzzing.md)
LEAFLET_VERSION=1.9.4        # also pinned in package.json / package-lock.json
# wasm-bindgen-cli must be exactly the wasm-bindgen in Cargo.lock (Cargo.toml pins it with "=").
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
mode=${1:-build}

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q -- "$2"; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  say "installing Debian packages: $*"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

# Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The standard library's source, for the release build's smaller std (scripts/trunk.sh). Same server as the
# target above; if it can't be had, the build still works, with a larger wasm.
if ! rustup component list --installed | grep -qx rust-src; then
  say "adding the rust-src component"
  rustup component add rust-src || say "rust-src unavailable: the release wasm will be larger (README, \"Size\")"
fi

# Trunk. A cold install compiles for about 8 minutes on a 2-core machine.
if ! have_version trunk "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --no-default-features --features rustls \
    || cargo install trunk --version "$TRUNK_VERSION" --no-default-features --features rustls
fi

# wasm-bindgen CLI (with wasm-bindgen-test-runner). `--locked` fails on this registry mirror (one of its
# pinned dependencies is missing), so it resolves fresh within the version's semver ranges.
if ! have_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Node and npm, for Leaflet, wasm-opt (npm binaryen; Debian's binaryen 108 breaks the wasm) and Playwright.
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
stamp=node_modules/.setup-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
installed_leaflet=$(node -p "require('./node_modules/leaflet/package.json').version")
[ "$installed_leaflet" = "$LEAFLET_VERSION" ] || { echo "leaflet $installed_leaflet installed, $LEAFLET_VERSION expected" >&2; exit 1; }
node_modules/.bin/wasm-opt --version | grep -q "version 132" || { echo "wasm-opt 132 expected" >&2; exit 1; }

if [ "$mode" = test ]; then
  # Debian's Chromium and its driver: the tests never download a browser.
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt_install chromium chromium-driver
  fi
  # cargo-fuzz, and a C++ compiler for the libFuzzer runtime that libfuzzer-sys builds.
  if ! command -v c++ >/dev/null 2>&1; then
    apt_install g++
  fi
  if ! have_version cargo-fuzz "cargo-fuzz $CARGO_FUZZ_VERSION"; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked \
      || cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
fi
say "ready ($mode): trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, leaflet $installed_leaflet, wasm-opt 132"
