# The HTML report (`errcat audit --format html`, issue 17) in a real browser: Debian's chromium, headless, no
# network, driven over the DevTools protocol by audit/browser/check_report.mjs (playwright-core from npm, installed
# into build/browser; it never downloads a browser). `make test-audit-html` (part of `make test`): the demo log's
# report, a cluster's report merged from one partial per host, and a hostile log line's report are opened and
# checked (no console error, no request, every chart drawn in the DOM and in a screenshot, the search box filters
# a table, every number equals the JSON report, input text stays text). `make audit-screenshot` regenerates the
# README's picture of the report (audit/doc/html-report.png).

TEST_TARGETS += test-audit-html

BROWSER_DEPS := $(ROOT)/build/browser
PLAYWRIGHT_CORE := 1.65.1
AUDIT_HTML_OUT := $(ROOT)/target/audit-html
BROWSER_CHECK = BROWSER_DEPS=$(BROWSER_DEPS) node $(ROOT)/audit/browser/check_report.mjs

.PHONY: chromium browser-deps test-audit-html audit-screenshot

# Idempotent: installs Debian's chromium only when it is missing.
chromium:
	@if command -v chromium >/dev/null 2>&1; then \
	  echo "chromium: $$(command -v chromium)"; \
	else \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null && \
	  echo "chromium: installed $$(command -v chromium)"; \
	fi

browser-deps: chromium
	@if grep -qs '"version": "$(PLAYWRIGHT_CORE)"' $(BROWSER_DEPS)/node_modules/playwright-core/package.json; then \
	  echo "playwright-core $(PLAYWRIGHT_CORE): $(BROWSER_DEPS)"; \
	else \
	  mkdir -p $(BROWSER_DEPS) && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix $(BROWSER_DEPS) \
	    --no-audit --no-fund --silent playwright-core@$(PLAYWRIGHT_CORE); \
	fi

test-audit-html: cli browser-deps
	rm -rf $(AUDIT_HTML_OUT) && mkdir -p $(AUDIT_HTML_OUT)/partials
	@echo "== the demo log's report in Chromium"
	$(ERRCAT) audit --format html -o $(AUDIT_HTML_OUT)/demo.html testdata/audit/demo.log
	$(ERRCAT) audit --format json -o $(AUDIT_HTML_OUT)/demo.json testdata/audit/demo.log
	$(BROWSER_CHECK) $(AUDIT_HTML_OUT)/demo.html $(AUDIT_HTML_OUT)/demo.json
	@echo "== a cluster's report: one partial per host, merged (and equal to one pass over every host's logs)"
	python3 testdata/audit/gen_audit_log.py --lines 3000 --seed 5 --split-dir $(AUDIT_HTML_OUT)/cluster
	for d in $(AUDIT_HTML_OUT)/cluster/*/*/; do \
	  h=$$(basename $$(dirname $$d))-$$(basename $$d); \
	  $(ERRCAT) audit --format partial -o $(AUDIT_HTML_OUT)/partials/$$h.partial $$d; \
	done
	$(ERRCAT) audit merge --format html -o $(AUDIT_HTML_OUT)/cluster.html $(AUDIT_HTML_OUT)/partials/*.partial
	$(ERRCAT) audit merge --format json -o $(AUDIT_HTML_OUT)/cluster.json $(AUDIT_HTML_OUT)/partials/*.partial
	$(ERRCAT) audit --format json $$(ls -d $(AUDIT_HTML_OUT)/cluster/*/*/ | sort) | cmp - $(AUDIT_HTML_OUT)/cluster.json
	$(BROWSER_CHECK) $(AUDIT_HTML_OUT)/cluster.html $(AUDIT_HTML_OUT)/cluster.json
	@echo "== a hostile log line (</script>, <img onerror>) stays text"
	$(ERRCAT) audit --format html -o $(AUDIT_HTML_OUT)/hostile.html testdata/audit/hostile.log
	$(ERRCAT) audit --format json -o $(AUDIT_HTML_OUT)/hostile.json testdata/audit/hostile.log
	$(BROWSER_CHECK) $(AUDIT_HTML_OUT)/hostile.html $(AUDIT_HTML_OUT)/hostile.json --hostile

audit-screenshot: cli browser-deps
	mkdir -p $(AUDIT_HTML_OUT)
	$(ERRCAT) audit --format html -o $(AUDIT_HTML_OUT)/demo.html testdata/audit/demo.log
	$(ERRCAT) audit --format json -o $(AUDIT_HTML_OUT)/demo.json testdata/audit/demo.log
	$(BROWSER_CHECK) $(AUDIT_HTML_OUT)/demo.html $(AUDIT_HTML_OUT)/demo.json --screenshot audit/doc/html-report.png
	@echo "audit/doc/html-report.png regenerated"

# `make bench-audit-cluster` (part of `make bench`): writing a partial against writing the JSON report, merging 100
# partials, and the HTML report's size and render time in Chromium, on the 512 MiB log (AUDIT_BENCH_SIZE).
BENCH_TARGETS += bench-audit-cluster
.PHONY: bench-audit-cluster
bench-audit-cluster: cli browser-deps
	ERRCAT=$(ERRCAT) BROWSER_DEPS=$(BROWSER_DEPS) bench/audit/cluster.sh $(AUDIT_BENCH_SIZE) $(AUDIT_BENCH_RUNS)
