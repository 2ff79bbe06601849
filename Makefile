# netctl: `make run` starts netctld with embedded defaults under ./.netctl; `make test` runs every test.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
CONFIGURATION ?= debug
# Extra flags for netctld under `make run`.
NETCTLD_FLAGS ?=
STATE_DIR ?= $(CURDIR)/.netctl
# Where `make run` serves the AWS endpoint (4566: the port AWS tooling's local setups expect).
AWS_LISTEN ?= 127.0.0.1:4566
# Where the built binaries are. Asked of swift only when a recipe first uses it (deferred, then
# remembered), and never when the command line sets BIN_DIR=DIR, which overrides this line (as the
# install test does: it runs inside `swift test`, so `make install-files` must not run swift). Not
# `?=`: a BIN_DIR left in the environment must not silently pick the binaries.
BIN_DIR = $(eval BIN_DIR := $(shell $(SWIFT) build -c $(CONFIGURATION) --show-bin-path 2>/dev/null))$(BIN_DIR)

# Installed paths (override on the command line). The systemd units and the sysusers snippet go
# where systemd looks for packaged ones whatever PREFIX is; the configuration lives in /etc.
BASH_COMPLETION_DIR = $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR = $(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR = $(PREFIX)/share/fish/vendor_completions.d
SYSTEMD_UNIT_DIR = /lib/systemd/system
SYSUSERS_DIR = /usr/lib/sysusers.d
CONFIG_DIR = /etc/netctld

# System packages the build and the tests need, as `command-or-check:debian-package`. Debian's
# awscli is the AWS CLI v2 (/usr/bin/aws; the one with `aws logs tail`), next to PyPI's v1.
SYSTEM_PACKAGES = pkg-config:pkg-config sqlite3:sqlite3 socat:socat groff:groff setpriv:util-linux \
	systemd-socket-activate:systemd /usr/bin/aws:awscli

# An import of a module the target does not depend on fails the build (SwiftPM, not the compiler:
# no -Xswiftc). SwiftPM compares with the target's dependencies and theirs, so also declare in
# Package.swift every module a target imports itself (CONTRIBUTING.md, Layering).
IMPORT_CHECK = --explicit-target-dependency-import-check error

.PHONY: all deps aws-clients build run test crash fuzz sanitize install install-files uninstall bench clean

all: build

# Installs what is missing (as root), once: libsystemd-dev for sd_notify and sd_journal, sqlite3 and
# socat for the integration tests, groff for the man-page check.
deps:
	@missing=""; \
	pkg-config --exists libsystemd 2>/dev/null || missing="$$missing libsystemd-dev"; \
	for entry in $(SYSTEM_PACKAGES); do \
		command -v $${entry%%:*} >/dev/null 2>&1 || missing="$$missing $${entry##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" -ne 0 ]; then echo "netctl needs:$$missing (run: sudo apt-get install -y$$missing)"; exit 1; fi; \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIGURATION) $(IMPORT_CHECK)

# netctld in the foreground with its defaults, keeping state and socket in ./.netctl; NETCTLD_FLAGS
# adds flags, e.g. make run NETCTLD_FLAGS="--quota vpcsPerRegion=20".
# In a second terminal: export NETCTL_SOCKET=$(STATE_DIR)/netctld.sock PATH=$(BIN_DIR):$$PATH
run: build
	@mkdir -p $(STATE_DIR)
	@echo "netctld: socket $(STATE_DIR)/netctld.sock, state $(STATE_DIR)/state.db, AWS endpoint http://$(AWS_LISTEN)"
	@echo "in another terminal:  export NETCTL_SOCKET=$(STATE_DIR)/netctld.sock PATH=$(BIN_DIR):\$$PATH"
	@echo "for the AWS CLI, boto3 and Terraform:"
	@echo "  export AWS_ENDPOINT_URL=http://$(AWS_LISTEN)"
	@echo "  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test"
	@echo "  export AWS_DEFAULT_REGION=us-east-1"
	$(BIN_DIR)/netctld --data-dir $(STATE_DIR) --socket $(STATE_DIR)/netctld.sock --aws-listen $(AWS_LISTEN) $(NETCTLD_FLAGS)

# The real AWS clients the AWS-endpoint tests drive, from PyPI, when missing.
aws-clients:
	@if ! command -v aws >/dev/null 2>&1 || ! python3 -c "import boto3" >/dev/null 2>&1; then \
		echo "installing: awscli boto3 (PyPI)"; \
		python3 -m pip install --quiet awscli boto3 || python3 -m pip install --quiet --break-system-packages awscli boto3; \
	fi
	@# skopeo pushes and pulls images to the registry on the AWS endpoint (tests and bench).
	@if ! command -v skopeo >/dev/null 2>&1; then \
		echo "installing: skopeo (apt-get)"; \
		apt-get install -y -q skopeo >/dev/null || (apt-get update -q >/dev/null && apt-get install -y -q skopeo >/dev/null); \
	fi

test: deps aws-clients
	$(SWIFT) build --build-tests $(IMPORT_CHECK)
	# One test at a time: the integration tests wait on child processes, and on two cores parallel
	# waits could take every thread of the test process's pool.
	$(SWIFT) test --skip-build --no-parallel
	@for page in man/*.[0-9]; do \
		out=$$(groff -man -ww -z $$page 2>&1); \
		if [ -n "$$out" ]; then echo "$$page: $$out"; exit 1; fi; \
	done; echo "man pages: groff -man -ww -z clean"

# The crash loop of the test suite (Tests/IntegrationTests/CrashLoopTests.swift) at 100 kill -9
# cycles instead of 30; prints its totals (cycles, acknowledged mutations, verified).
crash: deps
	$(SWIFT) build --build-tests
	@NETCTL_CRASH_CYCLES=$${NETCTL_CRASH_CYCLES:-100} $(SWIFT) test --skip-build --filter CrashLoopTests \
		> .build/crash.log 2>&1; status=$$?; \
		grep -E 'crash loop:|✘|Expectation|error' .build/crash.log; \
		if [ $$status -eq 0 ]; then echo "crash loop passed"; else echo "crash loop FAILED (log: .build/crash.log)"; fi; \
		exit $$status

# libFuzzer over framing, envelope, params decoding and dispatch against an in-memory daemon
# (Sources/netctl-fuzz, NetctlDaemon's RequestReplay), FUZZ_RUNS inputs from the seeds in
# Tests/Fuzz/corpus. Its own build path, since -sanitize=fuzzer instruments every module. New inputs
# go to .build/fuzz-corpus, crashes to .build/fuzz-artifacts/; replay one with
# `swift run netctl-fuzz FILE`, and keep it in Tests/Fuzz/regressions once fixed. FUZZ_FLAGS adds
# libFuzzer options (-jobs=N, -max_total_time=S, ...). Swift's backtracer is off: it would take the
# crash signal and libFuzzer, which keeps handlers it finds installed, would save no reproducer.
FUZZ_RUNS ?= 1000000
FUZZ_FLAGS ?=
fuzz: deps
	$(SWIFT) build -c release --build-path .build/fuzz --product netctl-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING
	@mkdir -p .build/fuzz-corpus .build/fuzz-artifacts
	SWIFT_BACKTRACE=enable=no .build/fuzz/release/netctl-fuzz -runs=$(FUZZ_RUNS) -max_len=4096 -dict=Tests/Fuzz/netctl.dict \
		-artifact_prefix=.build/fuzz-artifacts/ -print_final_stats=1 $(FUZZ_FLAGS) .build/fuzz-corpus Tests/Fuzz/corpus

# The suite under each sanitizer of SANITIZERS, each in a build path of its own so the normal build
# is left alone. The integration tests run the netctld and netctl next to their test bundle, so the
# daemon they spawn is the sanitized one. Every process writes its reports to files under the build
# path (reports/report.EXECUTABLE.PID) rather than to stderr, where a daemon's would land in a log
# that a passing test discards; any report fails the target, and all are printed.
# SANITIZER_OPTIONS=halt_on_error=0 lets every process run on and collect all its reports in one run.
# LeakSanitizer is off: it cannot see pointers that Swift keeps with tag bits in them (a class held
# in a multi-payload enum, as NIO's SocketAddress holds a Unix socket's address), so on Linux it
# reports objects that are still referenced, and XCTest's own at exit. The crash loop runs 10
# cycles (NETCTL_CRASH_CYCLES), each being several times slower than in `make test`. The address
# build links with lld: gold warns about every ASan runtime symbol it cannot export, hundreds of lines
# that would bury a real warning. NETCTL_BIN_DIR is unset so the tests cannot pick other binaries.
SANITIZERS ?= thread address
SANITIZER_OPTIONS ?= halt_on_error=1
sanitize: deps
	@failed=""; for sanitizer in $(SANITIZERS); do \
		path=.build/sanitize-$$sanitizer; reports=$(CURDIR)/$$path/reports; \
		flags=""; if [ $$sanitizer = address ]; then flags="-Xswiftc -use-ld=lld"; fi; \
		echo "$(SWIFT) build --build-tests --sanitize=$$sanitizer --build-path $$path $$flags"; \
		$(SWIFT) build --build-tests --sanitize=$$sanitizer --build-path $$path $$flags || exit 1; \
		rm -rf $$reports; mkdir -p $$reports; \
		options="$(SANITIZER_OPTIONS) exitcode=66 log_path=$$reports/report log_exe_name=1"; \
		echo "$(SWIFT) test --skip-build --no-parallel --sanitize=$$sanitizer --build-path $$path $$flags"; \
		started=$$(date +%s); \
		{ env -u NETCTL_BIN_DIR NETCTL_CRASH_CYCLES=$${NETCTL_CRASH_CYCLES:-10} TSAN_OPTIONS="$$options" \
			ASAN_OPTIONS="$$options detect_leaks=0" \
			$(SWIFT) test --skip-build --no-parallel --sanitize=$$sanitizer --build-path $$path $$flags; \
			echo $$? > $$path/test.status; } 2>&1 | tee $$path/test.log; \
		status=$$(cat $$path/test.status); \
		for report in $$reports/*; do if [ -e "$$report" ]; then echo "== $$report"; cat "$$report"; fi; done; \
		count=$$(ls $$reports | wc -l); \
		echo "$$sanitizer: tests exited $$status, $$count report file(s), $$(( $$(date +%s) - started )) s (log: $$path/test.log)"; \
		if [ "$$status" -ne 0 ] || [ "$$count" -ne 0 ]; then failed="$$failed $$sanitizer"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "sanitize FAILED:$$failed"; exit 1; fi; echo "sanitize: $(SANITIZERS) clean"

# Builds, then installs. Everything lands under $(DESTDIR); PREFIX is where it will live.
install: build
	$(MAKE) --no-print-directory install-files

# $(call install-completion,SHELL,FILE): netctl's completion script for SHELL, generated by the
# built netctl (swift-argument-parser), so it always matches the installed command tree. A failed
# or empty generation fails the install and leaves no partial file.
define install-completion
	@echo "$(BIN_DIR)/netctl --generate-completion-script $(1) > $(2)"
	@$(BIN_DIR)/netctl --generate-completion-script $(1) > $(2).tmp && test -s $(2).tmp \
		&& chmod 0644 $(2).tmp && mv -f $(2).tmp $(2) || { rm -f $(2).tmp; exit 1; }
endef

# Installs already-built binaries from BIN_DIR without building: `make install-files BIN_DIR=DIR`.
# netctld.yaml is installed only when there is none yet, so a reinstall never overwrites an edited
# configuration; netctld.yaml.example is always the shipped example of this version.
install-files:
	@test -x "$(BIN_DIR)/netctld" -a -x "$(BIN_DIR)/netctl" || \
		{ echo "no netctld and netctl in BIN_DIR='$(BIN_DIR)': run make build, or pass BIN_DIR=DIR"; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 \
		$(DESTDIR)$(PREFIX)/share/man/man8 $(DESTDIR)$(CONFIG_DIR) $(DESTDIR)$(SYSTEMD_UNIT_DIR) \
		$(DESTDIR)$(SYSUSERS_DIR) $(DESTDIR)$(BASH_COMPLETION_DIR) $(DESTDIR)$(ZSH_COMPLETION_DIR) \
		$(DESTDIR)$(FISH_COMPLETION_DIR)
	install -m 0755 $(BIN_DIR)/netctld $(BIN_DIR)/netctl $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 man/netctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 0644 man/netctld.yaml.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 0644 man/netctld.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 0644 etc/netctld.yaml $(DESTDIR)$(CONFIG_DIR)/netctld.yaml.example
	@if [ -e $(DESTDIR)$(CONFIG_DIR)/netctld.yaml ]; then \
		echo "keeping the existing $(DESTDIR)$(CONFIG_DIR)/netctld.yaml"; \
	else \
		echo "install -m 0644 etc/netctld.yaml $(DESTDIR)$(CONFIG_DIR)/netctld.yaml"; \
		install -m 0644 etc/netctld.yaml $(DESTDIR)$(CONFIG_DIR)/netctld.yaml; \
	fi
	sed 's|/usr/local/bin|$(PREFIX)/bin|g' systemd/netctld.service > $(DESTDIR)$(SYSTEMD_UNIT_DIR)/netctld.service
	chmod 0644 $(DESTDIR)$(SYSTEMD_UNIT_DIR)/netctld.service
	install -m 0644 systemd/netctld.socket $(DESTDIR)$(SYSTEMD_UNIT_DIR)/netctld.socket
	install -m 0644 systemd/netctl.sysusers.conf $(DESTDIR)$(SYSUSERS_DIR)/netctl.conf
	$(call install-completion,bash,$(DESTDIR)$(BASH_COMPLETION_DIR)/netctl)
	$(call install-completion,zsh,$(DESTDIR)$(ZSH_COMPLETION_DIR)/_netctl)
	$(call install-completion,fish,$(DESTDIR)$(FISH_COMPLETION_DIR)/netctl.fish)

# Removes what install put there, with the same DESTDIR and PREFIX. netctld.yaml goes only while it
# is still byte-for-byte the installed example (nobody edited it); an edited one stays, and is named.
uninstall:
	@if [ -e $(DESTDIR)$(CONFIG_DIR)/netctld.yaml ]; then \
		if cmp -s $(DESTDIR)$(CONFIG_DIR)/netctld.yaml $(DESTDIR)$(CONFIG_DIR)/netctld.yaml.example; then \
			echo "rm -f $(DESTDIR)$(CONFIG_DIR)/netctld.yaml"; rm -f $(DESTDIR)$(CONFIG_DIR)/netctld.yaml; \
		else \
			echo "keeping $(DESTDIR)$(CONFIG_DIR)/netctld.yaml: it differs from the example; remove it by hand"; \
		fi; \
	fi
	rm -f $(DESTDIR)$(PREFIX)/bin/netctld $(DESTDIR)$(PREFIX)/bin/netctl \
		$(DESTDIR)$(PREFIX)/share/man/man1/netctl.1 $(DESTDIR)$(PREFIX)/share/man/man5/netctld.yaml.5 \
		$(DESTDIR)$(PREFIX)/share/man/man8/netctld.8 $(DESTDIR)$(SYSTEMD_UNIT_DIR)/netctld.service \
		$(DESTDIR)$(SYSTEMD_UNIT_DIR)/netctld.socket $(DESTDIR)$(SYSUSERS_DIR)/netctl.conf \
		$(DESTDIR)$(CONFIG_DIR)/netctld.yaml.example $(DESTDIR)$(BASH_COMPLETION_DIR)/netctl \
		$(DESTDIR)$(ZSH_COMPLETION_DIR)/_netctl $(DESTDIR)$(FISH_COMPLETION_DIR)/netctl.fish
	@rmdir $(DESTDIR)$(CONFIG_DIR) 2>/dev/null || true

# Throughput and latency of a release build; see scripts/bench.sh.
bench: deps aws-clients
	$(SWIFT) build -c release --product netctld
	$(SWIFT) build -c release --product netctl-bench
	scripts/bench.sh $$($(SWIFT) build -c release --show-bin-path)

clean:
	$(SWIFT) package clean
	rm -rf $(STATE_DIR)
