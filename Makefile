# promboard - a terminal dashboard for Prometheus.
#   make            build ./promboard
#   make check      install what is missing, build, run every test (also under ASan/UBSan)
#   make demo       install what is missing, build, start the demo stack, open promboard on it
#   make demo-stop  stop the demo stack
#   make bench      measure CPU, memory, bytes per refresh and first-frame time
#   make fuzz       run each fuzzer for FUZZ_SECONDS (clang and libFuzzer)
#   make captures   regenerate docs/captures (every dashboard, dark/mono/ASCII)
#   make install    PREFIX=/usr/local MANPREFIX=$(PREFIX)/share/man DESTDIR=

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
CC       ?= cc
PKG_CONFIG ?= pkg-config

# ncursesw first, as every wide-character program should.
NCURSES  := $(shell $(PKG_CONFIG) --exists ncursesw 2>/dev/null && echo ncursesw || echo ncurses)
PKGS      = $(NCURSES) libcurl libcjson yaml-0.1
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags-only-I $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CPPFLAGS += -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DPROMBOARD_VERSION='"$(VERSION)"' -I. -Ibuild
ALL_CFLAGS = $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS    = $(PKG_LIBS) -lm -pthread

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LAYOUTS = layouts/executive.yaml layouts/release.yaml layouts/aiml.yaml layouts/infra.yaml layouts/system.yaml layouts/security.yaml \
          layouts/prometheus.yaml layouts/node.yaml
LIB_SRC = $(wildcard util/*.c) $(wildcard datasource/*.c) $(wildcard themes/*.c) $(wildcard panels/*.c) \
          $(wildcard layouts/*.c) $(filter-out tui/main.c,$(wildcard tui/*.c))
GEN_SRC = build/bundled.c
MAIN_SRC = tui/main.c

OBJ      = $(patsubst %.c,build/obj/%.o,$(LIB_SRC) $(GEN_SRC))
SAN_OBJ  = $(patsubst %.c,build/san/%.o,$(LIB_SRC) $(GEN_SRC))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(patsubst tests/unit/%.c,build/san/tests/%,$(UNIT_SRC))

# With clang on the machine, the unit tests are built and run a second time
# by it: its -fsanitize=undefined also checks float-to-integer casts
# (float-cast-overflow), which gcc's does not. The same objects carry
# libFuzzer's coverage, so the fuzzers of tests/fuzz link against them.
CLANG    ?= $(shell command -v clang 2>/dev/null)
CLANG_FLAGS = -O1 -g -fsanitize=address,undefined,float-cast-overflow \
           -fno-sanitize-recover=all -fno-omit-frame-pointer
CLANG_OBJ = $(patsubst %.c,build/clang/%.o,$(LIB_SRC) $(GEN_SRC))
CLANG_UNIT_BIN = $(if $(CLANG),$(patsubst tests/unit/%.c,build/clang/tests/%,$(UNIT_SRC)))
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(patsubst tests/fuzz/%.c,build/clang/fuzz/%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 60
# what `make check` gives each fuzzer, when clang is there
CHECK_FUZZ_SECONDS ?= 20
.SECONDARY: $(CLANG_OBJ)

.PHONY: all deps check unit integration man mancheck demo demo-stop bench captures install uninstall clean format fuzz
.SUFFIXES:

all: promboard

deps:
	@sh scripts/deps.sh

promboard: $(OBJ) build/obj/tui/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/promboard-san: $(SAN_OBJ) build/san/tui/main.o
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LDLIBS)

build/promsim: demo/promsim.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -O2 -o $@ $< -lm

build/bundled.c: $(LAYOUTS) scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh $(LAYOUTS) > $@.tmp && mv $@.tmp $@

build/obj/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/san/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(SAN_OBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(SAN_FLAGS) -DFIXTURES_DIR='"tests/fixtures"' \
	    -o $@ $< $(SAN_OBJ) $(LDLIBS) $(CMOCKA_LIBS)

build/clang/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(@D)
	$(CLANG) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CLANG_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/clang/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(CLANG_OBJ)
	@mkdir -p $(@D)
	$(CLANG) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CLANG_FLAGS) -DFIXTURES_DIR='"tests/fixtures"' \
	    -o $@ $< $(CLANG_OBJ) $(LDLIBS) $(CMOCKA_LIBS)

build/clang/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(CLANG_OBJ)
	@mkdir -p $(@D)
	$(CLANG) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CLANG_FLAGS) -fsanitize=fuzzer \
	    -o $@ $< $(CLANG_OBJ) $(LDLIBS)

check: deps
	$(MAKE) all build/promboard-san build/promsim build/compare build/mkman $(UNIT_BIN) \
	    $(CLANG_UNIT_BIN) $(if $(CLANG),$(FUZZ_BIN))
	$(MAKE) mancheck unit integration
	@if [ -n "$(CLANG)" ]; then $(MAKE) fuzz FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS); \
	    else echo "clang not found: no fuzzing"; fi

# promboard-layouts(5) is generated from the option tables; check it is current.
build/mkman: man/mkman.c $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(OBJ) $(LDLIBS)

man: build/mkman
	build/mkman > man/promboard-layouts.5

mancheck: build/mkman
	@build/mkman | cmp -s - man/promboard-layouts.5 || \
	    { echo "man/promboard-layouts.5 is out of date: run make man"; exit 1; }
	@echo "man/promboard-layouts.5 matches the option tables"

unit: $(UNIT_BIN) $(CLANG_UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN) $(CLANG_UNIT_BIN); do \
	    echo "== $$t"; ASAN_OPTIONS=detect_leaks=1 $$t || fail=1; done; \
	    test $$fail = 0

build/compare: tests/integration/compare.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(LDLIBS)

integration: promboard build/promboard-san build/promsim build/compare
	@sh tests/integration/run.sh

demo: deps
	$(MAKE) all build/promsim
	@sh demo/run.sh

demo-stop:
	@bash demo/stack.sh stop

# Each fuzzer runs FUZZ_SECONDS from its seeds (tests/fuzz/seeds and the
# test fixtures) and what earlier runs found (build/fuzz/corpus); a finding
# is kept in build/fuzz/findings and fails the target.
fuzz: $(if $(CLANG),$(FUZZ_BIN))
	@test -n "$(CLANG)" || { echo "make fuzz needs clang"; exit 1; }
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

bench: deps
	$(MAKE) all build/promsim
	@sh bench/run.sh

captures: deps
	$(MAKE) all build/promsim
	@sh scripts/captures.sh

install: promboard
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5
	install -m 755 promboard $(DESTDIR)$(BINDIR)/promboard
	install -m 644 man/promboard.1 $(DESTDIR)$(MANPREFIX)/man1/promboard.1
	install -m 644 man/promboard-layouts.5 $(DESTDIR)$(MANPREFIX)/man5/promboard-layouts.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/promboard $(DESTDIR)$(MANPREFIX)/man1/promboard.1 \
	    $(DESTDIR)$(MANPREFIX)/man5/promboard-layouts.5

format:
	clang-format -i */*.c */*.h tests/*/*.c tests/*/*.h

clean:
	rm -rf build promboard
