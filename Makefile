# illumos.comstar — `make demo` runs the main job on the simulated two-node RSF-1 cluster,
# `make test` runs every check. Both install what they need (virtualenvs under .venv*).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
# ansible-core 2.20+ needs Python >= 3.12: the second sanity run uses a 3.13 interpreter when
# one is installed (pyenv's own directory first: its shims exit 127 for inactive versions).
PY313 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) $(wildcard /usr/bin/python3.13))
VENV313 := $(CURDIR)/.venv313
# ansible-test lists files with git when it finds a repository around the collection, and build/
# is ignored here: the physical copy it needs lives outside the work tree.
COLLECTIONS := $(or $(TMPDIR),/tmp)/illumos.comstar-$(shell id -u)-$(shell printf '%s' '$(CURDIR)' | md5sum | cut -c1-8)
COLL := $(COLLECTIONS)/ansible_collections/illumos/comstar
SIM_ROOT ?= $(CURDIR)/.sim
VIP ?= 192.168.5.10
# The collection under test first, then the venv's site-packages for community.general (pkg5).
export ANSIBLE_COLLECTIONS_PATH = $(COLLECTIONS):$(wildcard $(VENV)/lib/python3*/site-packages)
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH := false
export ANSIBLE_NOCOLOR := 1
export PATH := $(BIN):$(PATH)

# Two lanes side by side (two cores); each lane's steps run in order. The copy of the collection is
# made once before them (COPY= then keeps the steps from remaking it under each other's feet).
TEST_STEPS := test-sim test-units sanity test-molecule docs-lint docs-check changelog-lint build import -- test-integration sanity-313 lint
COPY ?= collection

.PHONY: help demo test venv venv313 collection docs $(filter-out --,$(TEST_STEPS))

help:
	@echo "make demo [VIP=a.b.c.d]  configure the simulated RSF-1 cluster live01/live02 and show the result"
	@echo "make test                every test: sanity, units, integration, simulator, lint, docs, build, import"
	@echo "make docs                the collection's HTML documentation (modules, role, guides) in build/docs/, offline"

$(BIN)/.installed: requirements-dev.txt tests/ci/requirements-bundle.txt
	$(PYTHON) -m venv $(VENV) || { sudo -n apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --disable-pip-version-check --no-compile --no-deps -r tests/ci/requirements-bundle.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

$(VENV313)/bin/.installed: tests/ci/requirements-313.txt
	$(PY313) -m venv $(VENV313)
	$(VENV313)/bin/pip install --quiet --disable-pip-version-check -r tests/ci/requirements-313.txt
	touch $@

venv313:
	@if [ -n "$(PY313)" ]; then $(MAKE) --no-print-directory $(VENV313)/bin/.installed; fi

# ansible-test wants the collection physically under ansible_collections/illumos/comstar.
collection: venv
	tests/ci/copy-collection $(COLLECTIONS)

demo: collection
	$(BIN)/python tests/ci/demo.py --root $(SIM_ROOT) --vip $(VIP)

# The two virtualenvs are made side by side (each is mostly one pip process), then the lanes start.
test:
	$(MAKE) --no-print-directory -j2 venv venv313
	$(MAKE) --no-print-directory collection
	tests/ci/prepare-ansible-test
	COPY= tests/ci/run-steps $(TEST_STEPS)

test-sim: $(COPY)
	$(BIN)/python -m pytest -p no:cacheprovider -q tests/simulator/tests tests/ci/tests

test-units: $(COPY)
	cd $(COLL) && $(BIN)/ansible-test units --venv --python 3.11 --color no

sanity: $(COPY)
	tests/ci/seed-get-pip $(BIN)/python
	cd $(COLL) && $(BIN)/ansible-test sanity --venv --python 3.11 --color no

# its own copy: it runs beside the steps that use the main one
sanity-313: venv313
	@if [ -z "$(PY313)" ]; then echo "no Python 3.13 interpreter: sanity on ansible-core 2.21 skipped"; \
	  [ -z "$${STEP_SKIP_FILE:-}" ] || echo "no Python 3.13" >"$$STEP_SKIP_FILE"; exit 77; fi
	tests/ci/copy-collection $(COLLECTIONS)-313
	tests/ci/seed-get-pip $(VENV313)/bin/python
	cd $(COLLECTIONS)-313/ansible_collections/illumos/comstar && $(VENV313)/bin/ansible-test sanity --venv --python 3.13 --color no
	cd $(COLLECTIONS)-313/ansible_collections/illumos/comstar && $(VENV313)/bin/ansible-test units --venv --python 3.13 --color no

test-integration: venv
	tests/ci/seed-get-pip $(BIN)/python
	VENV_BIN=$(BIN) tests/ci/itest-all

lint: $(COPY)
	cd $(COLL) && $(BIN)/ansible-lint

docs-lint: $(COPY)
	cd $(COLL) && $(BIN)/antsibull-docs lint-collection-docs --plugin-docs .

# The HTML site: antsibull-docs writes the Sphinx project and the pages of the modules, the role and
# the guides of docs/docsite/extra-docs.yml; sphinx-build renders them, warnings as errors. Offline.
docs: $(COPY)
	$(BIN)/python tests/ci/build-docs --work $(CURDIR)/build/docsite --out $(CURDIR)/build/docs

# make test: the site builds without a warning and has every module, role and guide page.
docs-check: docs
	$(BIN)/python tests/ci/check-docs $(CURDIR)/build/docs

changelog-lint: venv
	$(BIN)/antsibull-changelog lint

build: $(COPY)
	cd $(COLL) && $(BIN)/ansible-galaxy collection build --force --output-path $(CURDIR)/build/dist

# (from build/: the importer writes importer_result.json where it runs) Any warning the importer logs
# fails the step. Its ansible-lint step sets ANSIBLE_COLLECTIONS_PATH to the unpacked tarball alone;
# the declared dependency community.general is found on Python's path (the venv's site-packages, the
# ansible bundle), which ansible searches unless told not to, as the variables above tell every
# other step.
import: build
	cd build && GALAXY_IMPORTER_CONFIG=$(CURDIR)/tests/ci/galaxy-importer.cfg PATH=$(BIN):$$PATH ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=true \
	  $(BIN)/python $(CURDIR)/tests/ci/import-collection $(CURDIR)/build/dist/illumos-comstar-$$(sed -n 's/^version: *//p' $(CURDIR)/galaxy.yml).tar.gz

# The role's molecule scenarios (extensions/molecule/) on the simulated nodes, from the physical copy.
.PHONY: test-molecule
test-molecule: venv
	tests/ci/copy-collection $(COLLECTIONS)-molecule
	cd $(COLLECTIONS)-molecule/ansible_collections/illumos/comstar && for scenario in standalone native_cluster rsf1_cluster; do \
	  ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS)-molecule:$(wildcard $(VENV)/lib/python3*/site-packages) $(BIN)/molecule test -s $$scenario || exit 1; done

# At scale on the simulator: commands and wall time per module run (N LUs with views, N targets);
# the role at 10, 100, 200 and 1000 LUs against the per-object loop; the simulator's cost per call.
.PHONY: bench
bench: $(COPY)
	$(BIN)/python tests/ci/bench.py 10 100
	$(BIN)/python tests/ci/bench_role.py 10 100 200 1000
	$(BIN)/python tests/ci/bench_sim.py 1000
