# Blobstore audit-log analyser (`errcat audit`): the demo report on a realistic log committed under testdata/audit/
# (regenerate it with `python3 testdata/audit/gen_audit_log.py --demo --out testdata/audit/demo.log`).
# The benchmark against wc -l / awk / Python is bench/audit_vs_awk.sh (run by hand: it writes a ~200 MB file).

DEMO_TARGETS += demo-audit

.PHONY: demo-audit

demo-audit: cli
	@echo "== errcat audit: a blobstore audit log (every service, special codes, odd lines, malformed lines)"
	$(ERRCAT) audit testdata/audit/demo.log
	@echo "== the same log at CubeFS v3.5.0: 552 is 'access limited' there, ShardNode's 8xx codes do not exist yet"
	$(ERRCAT) audit --version v3.5.0 testdata/audit/demo.log | sed -n '/^Codes unknown/,/^$$/p'
	@echo "== Prometheus text: service_response_code reconstructed from the log"
	$(ERRCAT) audit --format prom testdata/audit/demo.log | sed -n '1,8p'
