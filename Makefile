# Daftar — two commands do all the set-up on a fresh Debian machine:
#   make run    digitise the sample scans through `daftar serve` (the embedded default)
#   make test   run the tests
# Both first install any missing system packages through workers/install-deps.sh.

SWIFT ?= swift
# Tesseract's OpenMP threading stays at one thread per job (libgomp reads this at load time).
export OMP_THREAD_LIMIT = 1

.PHONY: deps build run test bench urdu-model clean

deps:
	@bash workers/install-deps.sh

build: deps
	$(SWIFT) build -c release --product daftar

run: build
	bash scripts/run-serve.sh $$($(SWIFT) build -c release --show-bin-path)/daftar

test: deps
	# The whole-process tests run the `daftar` executable: build every product, then the tests.
	$(SWIFT) build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --num-workers 2 --xunit-output .build/xunit.xml; \
	  status=$$?; python3 scripts/test-summary.py .build/xunit.xml && exit $$status

bench: deps
	$(SWIFT) build -c release --product daftar
	$(SWIFT) build -c release --product daftar-bench
	$$($(SWIFT) build -c release --show-bin-path)/daftar-bench quality
	$$($(SWIFT) build -c release --show-bin-path)/daftar-bench calibrate
	$$($(SWIFT) build -c release --show-bin-path)/daftar-bench urdu
	$$($(SWIFT) build -c release --show-bin-path)/daftar-bench fields
	$$($(SWIFT) build -c release --show-bin-path)/daftar-bench pool
	$$($(SWIFT) build -c release --show-bin-path)/daftar-bench http
	$$($(SWIFT) build -c release --show-bin-path)/daftar-bench index --http

# The committed Nastaliq model (models/urd_nastaliq.traineddata) from nothing: the runs
# models/README.md lists, in its order, each carrying on from the last (hours on 2 cores), in
# a training folder of its own. Each run was made and measured in turn; the whole sequence has
# not been run again in one go.
URDU_WORK ?= $(CURDIR)/.build/nastaliq-rebuild
urdu-model: deps
	WORK=$(URDU_WORK) bash scripts/train-nastaliq.sh
	WORK=$(URDU_WORK) ITERATIONS=60000 bash scripts/train-nastaliq.sh
	WORK=$(URDU_WORK) ITERATIONS=100000 bash scripts/train-nastaliq.sh
	WORK=$(URDU_WORK) ITERATIONS=150000 bash scripts/train-nastaliq.sh
	WORK=$(URDU_WORK) SCAN_LINES=4000 ITERATIONS=180000 bash scripts/train-nastaliq.sh
	WORK=$(URDU_WORK) SCAN_LINES=4000 OFFICE_LINES=4000 ITERATIONS=40000 RATE=0.0005 bash scripts/train-nastaliq.sh
	WORK=$(URDU_WORK) SCAN_LINES=4000 OFFICE_LINES=4000 BOLD_LINES=4000 ITERATIONS=70000 RATE=0.0005 bash scripts/train-nastaliq.sh

clean:
	rm -rf .build out bench-out
