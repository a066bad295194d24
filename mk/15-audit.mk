# Blobstore audit-log analyser (`errcat audit`): the demo report on a realistic log committed under testdata/audit/
# (regenerate it with `python3 testdata/audit/gen_audit_log.py --demo --out testdata/audit/demo.log`: an hour of a
# cluster's requests in which disk 17 starts failing at 02:36).
# `make bench-audit` (part of `make bench`, never of `make test`): errcat audit against wc -l, awk and Python on the
# same generated log, and `errcat audit trace` against grep -F, best of AUDIT_BENCH_RUNS; AUDIT_BENCH_SIZE=64M for a
# quick run, AUDIT_BENCH_DIR=/dir to keep (and reuse) the generated log instead of a temporary one,
# AUDIT_BENCH_BASE=<git rev> to time the report of that commit too.
# `make bench-audit-dimensions` (not part of `make bench`: it builds a patched throwaway errcat first): what the
# entities, the Trace-Log and the timeline each add to the one-shot report (bench/audit/dimensions.sh).

DEMO_TARGETS += demo-audit
BENCH_TARGETS += bench-audit

AUDIT_BENCH_SIZE ?= 512M
AUDIT_BENCH_RUNS ?= 5
AUDIT_BENCH_BASE ?=
AUDIT_DEMO_DIR ?= target/demo/cluster

.PHONY: demo-audit bench-audit bench-audit-dimensions

demo-audit: cli
	@echo "== errcat audit: an hour of a blobstore cluster (every service, special codes, odd and malformed lines);"
	@echo "   the timeline shows when disk 17 starts failing, the entities which disk, Trace-Log where the time went"
	$(ERRCAT) audit --top 5 testdata/audit/demo.log
	@echo "== the last 20 minutes against the 20 minutes before: what changed, most significant first"
	$(ERRCAT) audit --since -20m --baseline -40m..-20m testdata/audit/demo.log | sed -n '/^What changed/,/^$$/p'
	@echo "== one request across nodes: the cluster's logs, one directory per service and host ($(AUDIT_DEMO_DIR))"
	@rm -rf $(AUDIT_DEMO_DIR) && python3 testdata/audit/gen_audit_log.py --lines 3000 --seed 5 \
		--split-dir $(AUDIT_DEMO_DIR) --trace-out $(AUDIT_DEMO_DIR).trace
	$(ERRCAT) audit trace $$(cat $(AUDIT_DEMO_DIR).trace) $(AUDIT_DEMO_DIR)
	@echo "== the same log at CubeFS v3.5.0: 552 is 'access limited' there, ShardNode's 8xx codes do not exist yet"
	$(ERRCAT) audit --version v3.5.0 testdata/audit/demo.log | sed -n '/^Codes unknown/,/^$$/p'
	@echo "== Prometheus text: service_response_code reconstructed from the log"
	$(ERRCAT) audit --format prom testdata/audit/demo.log | sed -n '1,8p'
	@echo "== the HTML report: one self-contained page (charts, tables, search), no network"
	@mkdir -p target/demo && $(ERRCAT) audit --format html -o target/demo/audit.html testdata/audit/demo.log
	@echo "   written to $(ROOT)/target/demo/audit.html: open it in a browser"

bench-audit: cli
	ERRCAT=$(ERRCAT) AUDIT_BENCH_BASE=$(AUDIT_BENCH_BASE) bench/audit/run.sh $(AUDIT_BENCH_SIZE) $(AUDIT_BENCH_RUNS)

bench-audit-dimensions: cli
	ERRCAT=$(ERRCAT) bench/audit/dimensions.sh $(AUDIT_BENCH_SIZE) $(AUDIT_BENCH_RUNS)

# Live audit logs (issue 13). `make promtool` installs Debian's prometheus package for promtool (idempotent; the
# /metrics tests run `promtool check metrics` when it is there and say loudly when it is not). `make
# test-audit-soak` (part of `make test`): millions of lines through `errcat audit --follow` with rotations, memory
# read from /proc staying flat. `make bench-audit-follow` (part of `make bench`): follow-mode ingest rate against
# `cat` of the same bytes (AUDIT_FOLLOW_SIZE, default 512M).

TEST_TARGETS += test-audit-soak
BENCH_TARGETS += bench-audit-follow
AUDIT_FOLLOW_SIZE ?= 512M

.PHONY: promtool test-audit-soak bench-audit-follow

promtool:
	@if command -v promtool >/dev/null 2>&1; then \
	  echo "promtool: $$(command -v promtool)"; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null && \
	  echo "promtool: installed $$(command -v promtool)"; \
	else \
	  echo "!!! promtool: apt-get is not available here: the /metrics tests will NOT run promtool check metrics !!!"; \
	fi

# The /metrics tests in test-rust use promtool when it is installed.
test-rust: promtool

# The soaked CLI is the shipped release build; the test itself (a writer and /proc reads) needs no optimisation.
# The soak is the workspace's one ignored test: run as `--workspace --tests`, it reuses test-rust's build (`-p
# errcat-cli` resolves the shared crates' features differently and rebuilt them).
test-audit-soak: promtool cli
	ERRCAT_CLI=$(ERRCAT) $(CARGO_TEST) --tests -- --ignored --nocapture

bench-audit-follow: cli
	ERRCAT=$(ERRCAT) bench/audit/follow.sh $(AUDIT_FOLLOW_SIZE)
