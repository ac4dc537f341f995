# Incident Map. `make serve` and `make test` are all a fresh machine needs; see README.md.
SHELL := /bin/bash
PORT ?= 8080
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# wasm-bindgen-test in headless Chromium (Debian's driver; as root it needs --no-sandbox).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

.PHONY: setup setup-test serve dist test test-host test-wasm test-e2e size screenshot basemap bench bench-host clean

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

## Build and serve the app with the bundled data on http://127.0.0.1:$(PORT)
serve: setup
	scripts/trunk.sh serve --port $(PORT)

## A release build in dist/ for any static host (std rebuilt for size, wasm-opt -Oz applied)
dist: setup
	scripts/trunk.sh build

## Every test: host logic, components in headless Chromium, end to end against the release build
test: setup-test test-host test-wasm test-e2e

test-host:
	cargo test --lib --bins --test dataset --test formats

test-wasm:
	cargo test --target wasm32-unknown-unknown --test web --test components

test-e2e: dist
	node --test --test-concurrency=1 tests/e2e/ tools/synth/

## Gzipped sizes of the release wasm and JS (run after `make dist`)
size:
	@scripts/size.sh

## Screenshots of the release build at desktop and phone size, into target/screenshots/
screenshot: dist
	node tests/e2e/screenshot.mjs target/screenshots

## Scale benchmark: the app against plain Leaflet on 10k/100k/1M synthetic incidents (BENCH_SIZES=…); bench/results.md
bench: dist bench-host
	node bench/run.mjs

## Host micro-benchmarks of each step of a filter change at 1,000,000 incidents (BENCH_ROWS=…)
bench-host:
	cargo bench --bench filter

## Rebuild assets/basemap/region.geojson from Natural Earth and GeoNames (needs the registries)
basemap:
	python3 tools/basemap/build.py

clean:
	cargo clean
	rm -rf dist
