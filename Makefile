# Incident Map. `make serve` and `make test` are all a fresh machine needs; see README.md.
SHELL := /bin/bash
PORT ?= 8080
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# wasm-bindgen-test in headless Chromium (Debian's driver; as root it needs --no-sandbox).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

.PHONY: setup setup-test serve dist test test-host test-wasm test-e2e test-fuzz fuzz fuzz-build fuzz-cmin fuzz-seeds size screenshot basemap bench bench-host clean

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

## Every test: host logic, a short fuzz run, components in headless Chromium, end to end against the release build
test: setup-test test-host test-fuzz test-wasm test-e2e

test-host:
	cargo test --lib --bins --test dataset --test formats
	cargo check --bench filter  # checked, not run: `make bench-host` runs it

test-wasm:
	cargo test --target wasm32-unknown-unknown --test web --test components

# Fuzzing (docs/fuzzing.md): cargo-fuzz and libFuzzer, one target per parser. cargo fuzz passes nightly flags
# (sanitizer coverage); RUSTC_BOOTSTRAP=1 allows them on the pinned stable compiler, as scripts/trunk.sh does.
# No AddressSanitizer: the code fuzzed is safe Rust (no `unsafe` in src/), so ASan would only slow the runs
# about threefold; panics, overflow (debug assertions, -a), timeouts and memory blow-ups (-rss_limit_mb) are
# still caught.
FUZZ_TARGETS := geojson json csv acled url_state
FUZZ := RUSTC_BOOTSTRAP=1 cargo fuzz
FUZZ_FLAGS := --sanitizer none --debug-assertions
FUZZ_LIBFUZZER := -max_len=4096 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
## Seconds per target for `make fuzz`; new inputs go to fuzz/work/ (merge them with `make fuzz-cmin`)
FUZZ_SECONDS ?= 150
## Executions per target in `make test-fuzz` (the committed corpus, then new inputs; at most 20 s each)
FUZZ_TEST_RUNS ?= 20000

fuzz-build: setup-test
	$(FUZZ) build $(FUZZ_FLAGS)

## Short fuzz run, part of `make test`: every target over its committed corpus and FUZZ_TEST_RUNS inputs
test-fuzz: fuzz-build
	@set -eo pipefail; for t in $(FUZZ_TARGETS); do \
	  echo "fuzz $$t:"; scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	  $(FUZZ) run $(FUZZ_FLAGS) $$t $$scratch fuzz/corpus/$$t -- $(FUZZ_LIBFUZZER) -seed=1 \
	    -runs=$(FUZZ_TEST_RUNS) -max_total_time=20 2>&1 | grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|SUMMARY)|panicked' \
	    || { echo "fuzz target $$t failed: rerun with make fuzz-build && $(FUZZ) run $(FUZZ_FLAGS) $$t fuzz/corpus/$$t"; exit 1; }; \
	  rm -rf $$scratch; \
	done

## The long run: every target for FUZZ_SECONDS seconds (docs/fuzzing.md has the figures of the last one)
fuzz: fuzz-build
	@set -eo pipefail; for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/work/$$t; \
	  echo "== $$t"; \
	  $(FUZZ) run $(FUZZ_FLAGS) $$t fuzz/work/$$t fuzz/corpus/$$t -- $(FUZZ_LIBFUZZER) -max_total_time=$(FUZZ_SECONDS) \
	    2>&1 | tee fuzz/work/$$t.log | grep -E '^#[0-9]+ +(DONE|pulse)|^stat::|SUMMARY|panicked'; \
	done

## The committed corpus and what `make fuzz` found, minimised together into fuzz/corpus/
fuzz-cmin: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  if [ -d fuzz/work/$$t ]; then cp -n fuzz/work/$$t/* fuzz/corpus/$$t/ 2>/dev/null || true; fi; \
	  $(FUZZ) cmin $(FUZZ_FLAGS) $$t fuzz/corpus/$$t -- -max_len=4096 -use_counters=0 2>&1 | grep -E 'MERGE-OUTER: [0-9]+ new files'; \
	done

## The hand-written seeds of fuzz/seeds.py into fuzz/seeds/ (to start a corpus afresh: make fuzz-seeds, then
## cargo fuzz run … fuzz/corpus/T fuzz/seeds/T)
fuzz-seeds:
	python3 fuzz/seeds.py

test-e2e: dist
	node --test --test-concurrency=1 tests/e2e/ tools/synth/

## Gzipped sizes of the release wasm and JS (run after `make dist`)
size:
	@scripts/size.sh

## Screenshots of the release build at desktop and phone size, into target/screenshots/
screenshot: dist
	node tests/e2e/screenshot.mjs target/screenshots
	node tests/e2e/screenshot.mjs target/screenshots/ar '?lang=ar'

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
