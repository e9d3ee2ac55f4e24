# The two commands of the quick start: `make site` and `make test`.
SWIFT ?= swift
OUTPUT ?= Output

.PHONY: site test deps release clean bench verify

deps:
	@scripts/ensure-c-libraries.sh

## The Swift runtime and Foundation are linked into the binary (`--static-swift-stdlib`): it
## starts in 14 ms instead of 20, calls the runtime directly, and runs without a Swift
## toolchain installed. (Static Foundation needs libcurl to link: see ensure-c-libraries.sh.)
release: deps
	$(SWIFT) build -c release --product toasoan --static-swift-stdlib

## Builds the bundled sample edition (Content/ and Templates/) into Output/.
site: release
	.build/release/toasoan build --site . --output $(OUTPUT)
	@echo
	@echo "The sample edition is in $(OUTPUT)/. To read it in a browser, as you edit:"
	@echo "  .build/release/toasoan serve   # then open http://127.0.0.1:8000/"

## Runs every test (unit and end-to-end).
test: deps
	$(SWIFT) test

clean:
	rm -rf .build $(OUTPUT)

## Benchmark (not a test): full build, no-change rebuild, one edited article, on 1,000 and
## 10,000 generated articles. Prints medians, CPU time, peak RSS and files written.
bench: release
	python3 Benchmarks/bench.py --sizes $${SIZES:-1000,10000} --runs $${RUNS:-3}

## The output against real tools (v.Nu, nginx + linkchecker, headless Chromium, feedparser) on
## the sample edition and a 1,000-article corpus; installs what it needs. Run by CI after the tests.
verify: release
	python3 scripts/verify.py
