package bench

// ClassifyTypical and Classify80Frames time errcat.ClassifyArklet of the two answers of
// bench/rust/benches/classify.rs, read from the files that benchmark writes (ERRCAT_CLASSIFY_BODIES, default
// ../../target/criterion/classify): a typical failure (FAILED / REPEAT_BIZ, 231 bytes) and an install failure with
// an 80-frame JDK 17 trace (9,729 bytes), with the command installBiz as there. `make bench-go-classify` runs them
// after the Rust benchmark and prints the ratio to its criterion mean (classify_ratio.awk). Target: at most 3x.

import (
	"os"
	"path/filepath"
	"testing"

	"errcat.dev/errcat"
)

func body(b *testing.B, name string) []byte {
	dir := os.Getenv("ERRCAT_CLASSIFY_BODIES")
	if dir == "" {
		dir = filepath.Join("..", "..", "target", "criterion", "classify")
	}
	data, err := os.ReadFile(filepath.Join(dir, name+".body"))
	if err != nil {
		b.Skipf("%v (run bench/rust's classify benchmark first: make bench-classify-rust)", err)
	}
	return data
}

func benchClassify(b *testing.B, name, code string) {
	data := body(b, name)
	c, err := errcat.ClassifyArklet(data, errcat.WithCommand("installBiz"))
	if err != nil || c.Code != code {
		b.Fatalf("%s: %v %v, want %s", name, c, err, code)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := errcat.ClassifyArklet(data, errcat.WithCommand("installBiz")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassifyTypical(b *testing.B) {
	benchClassify(b, "typical", "Arklet.InstallationRequirementNotMet")
}

func BenchmarkClassify80Frames(b *testing.B) { benchClassify(b, "80-frames", "User.InstallBizUserError") }
