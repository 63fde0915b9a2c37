# Thin wrapper over meson.  `make` builds build/qemu-i386 and
# build/qemu-system-i386; `make check` runs every test suite; `make run` runs
# the main demo; `make bench` runs the benchmarks.
BUILD     ?= build
SAN_BUILD ?= build-san
MESON     ?= meson
NINJA     ?= ninja
# Where scripts/guest-assets.sh caches the i386 test material; the tests and
# the demo read the same variable.
Q86_ASSETS ?= $(or $(XDG_CACHE_HOME),$(or $(HOME),/tmp)/.cache)/q86/guest-assets
export Q86_ASSETS

.PHONY: all setup assets build build-san check run bench clean distclean

all: build

setup:
	@sh scripts/setup.sh

assets: setup
	@sh scripts/guest-assets.sh

$(BUILD)/build.ninja:
	@sh scripts/setup.sh
	$(MESON) setup $(BUILD)

$(SAN_BUILD)/build.ninja:
	@sh scripts/setup.sh
	$(MESON) setup $(SAN_BUILD) -Dsanitizers=true

build: $(BUILD)/build.ninja
	$(NINJA) -C $(BUILD)

build-san: $(SAN_BUILD)/build.ninja
	$(NINJA) -C $(SAN_BUILD)

# Unit tests run from the sanitizer build; every other suite from build/.
check: build build-san assets
	@python3 scripts/run-tests.py --build $(SAN_BUILD):unit --build $(BUILD):!unit

run: build assets
	@sh scripts/demo.sh $(BUILD)

bench: build assets
	@sh tests/bench/run.sh $(BUILD)
	@sh tests/bench/boot.sh $(BUILD)

clean:
	-$(NINJA) -C $(BUILD) clean
	-$(NINJA) -C $(SAN_BUILD) clean

distclean:
	rm -rf $(BUILD) $(SAN_BUILD)
