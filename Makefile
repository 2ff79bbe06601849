# netctl: `make run` starts netctld with embedded defaults under ./.netctl; `make test` runs every test.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
CONFIGURATION ?= debug
STATE_DIR ?= $(CURDIR)/.netctl
BIN_DIR = $(shell $(SWIFT) build -c $(CONFIGURATION) --show-bin-path 2>/dev/null)

# System packages the build and the tests need, as `command-or-check:debian-package`.
SYSTEM_PACKAGES = pkg-config:pkg-config sqlite3:sqlite3 socat:socat groff:groff setpriv:util-linux \
	systemd-socket-activate:systemd

.PHONY: all deps build run test install uninstall bench clean

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
	$(SWIFT) build -c $(CONFIGURATION)

# netctld in the foreground with its defaults, keeping state and socket in ./.netctl.
# In a second terminal: export NETCTL_SOCKET=$(STATE_DIR)/netctld.sock PATH=$(BIN_DIR):$$PATH
run: build
	@mkdir -p $(STATE_DIR)
	@echo "netctld: socket $(STATE_DIR)/netctld.sock, state $(STATE_DIR)/state.db"
	@echo "in another terminal:  export NETCTL_SOCKET=$(STATE_DIR)/netctld.sock PATH=$(BIN_DIR):\$$PATH"
	$(BIN_DIR)/netctld --data-dir $(STATE_DIR) --socket $(STATE_DIR)/netctld.sock

test: deps
	$(SWIFT) build --build-tests
	# One test at a time: the integration tests wait on child processes, and on two cores parallel
	# waits could take every thread of the test process's pool.
	$(SWIFT) test --skip-build --no-parallel
	@for page in man/*.[0-9]; do \
		out=$$(groff -man -ww -z $$page 2>&1); \
		if [ -n "$$out" ]; then echo "$$page: $$out"; exit 1; fi; \
	done; echo "man pages: groff -man -ww -z clean"

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 \
		$(DESTDIR)$(PREFIX)/share/man/man8 $(DESTDIR)/etc/netctld $(DESTDIR)/lib/systemd/system \
		$(DESTDIR)/usr/lib/sysusers.d
	install -m 0755 $(BIN_DIR)/netctld $(BIN_DIR)/netctl $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 man/netctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 0644 man/netctld.yaml.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 0644 man/netctld.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 0644 etc/netctld.yaml $(DESTDIR)/etc/netctld/netctld.yaml.example
	sed 's|/usr/local/bin|$(PREFIX)/bin|g' systemd/netctld.service > $(DESTDIR)/lib/systemd/system/netctld.service
	chmod 0644 $(DESTDIR)/lib/systemd/system/netctld.service
	install -m 0644 systemd/netctld.socket $(DESTDIR)/lib/systemd/system/netctld.socket
	install -m 0644 systemd/netctl.sysusers.conf $(DESTDIR)/usr/lib/sysusers.d/netctl.conf

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/netctld $(DESTDIR)$(PREFIX)/bin/netctl \
		$(DESTDIR)$(PREFIX)/share/man/man1/netctl.1 $(DESTDIR)$(PREFIX)/share/man/man5/netctld.yaml.5 \
		$(DESTDIR)$(PREFIX)/share/man/man8/netctld.8 $(DESTDIR)/lib/systemd/system/netctld.service \
		$(DESTDIR)/lib/systemd/system/netctld.socket $(DESTDIR)/usr/lib/sysusers.d/netctl.conf \
		$(DESTDIR)/etc/netctld/netctld.yaml.example

# Throughput and latency of a release build; see scripts/bench.sh.
bench: deps
	$(SWIFT) build -c release --product netctld
	$(SWIFT) build -c release --product netctl-bench
	scripts/bench.sh $$($(SWIFT) build -c release --show-bin-path)

clean:
	$(SWIFT) package clean
	rm -rf $(STATE_DIR)
