# The README's two commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

# CI runs in a fresh clone each time: keep the build cache outside it.
ifdef CI
export CARGO_TARGET_DIR ?= $(HOME)/.cache/intandem-console/target
endif
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)

.PHONY: run test lint package deps ui screenshot bindings bench fuzz soak audit vendor-fixtures

deps:
	@scripts/deps.sh

ui: deps
	@cd ui && npm run --silent build

run: ui
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): run 'make screenshot' to start the console under Xvfb and save a picture of it, or run 'xvfb-run make run'."; \
	  exit 1; \
	fi
	cargo run --locked --bin intandem-console

test: deps
	@scripts/test.sh

# The static checks alone (make test runs them too): rustfmt, clippy, the UI's lint and types.
lint: deps
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p intandem-console --features bench --all-targets --locked -- -D warnings
	cd ui && npm run --silent lint && npm run --silent typecheck

# Regenerates ui/src/api/bindings from the Rust types (ts-rs), and the manifest's JSON
# Schema (schemas/app-manifest.v1.schema.json). `make test` fails until
# the result is committed. The shell embeds ui/dist, so an existing build is enough
# (a fresh one is made only when there is none).
bindings: deps
	@test -f ui/dist/index.html || (cd ui && npm run --silent build)
	INTANDEM_WRITE_BINDINGS=1 cargo test --locked -p intandem-console --lib bindings
	INTANDEM_WRITE_BINDINGS=1 cargo test --locked -p intandem-core --lib manifest::tests::the_committed_json_schema

# The .deb and .rpm (desktop app + the intandem CLI with completions and man page), checked
# by scripts/package-test.sh; left in dist/. Not part of `make test` (two release builds).
package: deps
	@scripts/package.sh

# Runs the console under a private Xvfb display and writes screenshot.png.
screenshot: ui
	cargo build --locked --bin intandem-console
	@scripts/screenshot.sh "$(TARGET_DIR)/debug/intandem-console" screenshot.png

# The benchmarks (bench/console.rs): a table on stdout, the figures in
# bench/results/latest.json. Not part of `make test`. `make bench ARGS=startup` runs one.
bench: deps
	@scripts/bench.sh $(ARGS)

# The fuzz targets (fuzz/, scripts/fuzz.sh): vendor JSON, OAuth callback URL, redirect URIs, FUZZ_SECONDS (60) each. Not part of `make test`. `make fuzz ARGS=redirect_uri` runs one.
fuzz: deps
	@scripts/fuzz.sh $(ARGS)

# The fault soak (1,200 Console operations against a faulty sandbox) and the CLI SIGKILLed 100 times (scripts/soak.sh). Not part of `make test`.
soak: deps
	@scripts/soak.sh

# The dependency audit (deny.toml, scripts/audit.sh): licenses, bans, sources, advisories, npm audit and signatures. Not part of `make test`.
audit: deps
	@scripts/audit.sh

# Regenerates vendor-reference/ (the vendor's example answers that tests read) from the
# vendor reference beside the repository, when it is there (scripts/vendor-fixtures.mjs).
vendor-fixtures:
	@node scripts/vendor-fixtures.mjs
