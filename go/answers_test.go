package errcat

import "testing"

// The code index answers every code of the table's map (the codes Lookup's hit path serves) with the map's answer,
// in about one probe, and answers nothing else.
func TestCodeIndex(t *testing.T) {
	tbl := answers()
	if tbl.err != nil {
		t.Fatal(tbl.err)
	}
	probes, indexed := 0, 0
	for code, want := range tbl.lookup {
		if got, err := lookup(code, nil); got != want || err != nil {
			t.Fatalf("lookup(%q) = %p, %v; the map has %p", code, got, err, want)
		}
		if len(code) < 8 {
			continue
		}
		indexed++
		mask := uint64(len(tbl.codes.slots) - 1)
		for i := codeHash(code) >> tbl.codes.shift; tbl.codes.slots[i&mask].code != code; i++ {
			probes++
		}
		probes++
	}
	if indexed == 0 || float64(probes)/float64(indexed) > 1.5 {
		t.Fatalf("%d codes indexed in %d slots, %d probes", indexed, len(tbl.codes.slots), probes)
	}
	t.Logf("%d codes indexed in %d slots, %.2f probes per code", indexed, len(tbl.codes.slots), float64(probes)/float64(indexed))
	used := 0
	for _, s := range tbl.codes.slots {
		if s.entry != nil {
			used++
			if tbl.lookup[s.code] != s.entry {
				t.Fatalf("slot %q holds another answer than the map", s.code)
			}
		}
	}
	if used != indexed {
		t.Fatalf("%d slots used for %d codes", used, indexed)
	}
	for _, miss := range []string{"", "Arklet.", "Arklet.InstallBizFailes", "arklet.InstallBizFailed", "Arklet.InstallBizFailed\x00", "12345678"} {
		if e, ok := tbl.lookup[miss]; ok {
			t.Fatalf("%q is in the table: %v", miss, e)
		}
		if _, err := lookup(miss, nil); err == nil {
			t.Fatalf("lookup(%q) succeeded", miss)
		}
	}
}
