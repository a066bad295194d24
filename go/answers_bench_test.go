package errcat

import "testing"

// BenchmarkAnswerTableLoad is what the first call of a process pays once: the library's table text and the maps
// built from it (`make bench-go` prints it).
func BenchmarkAnswerTableLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if t := loadTable(answerTableText()); t.err != nil {
			b.Fatal(t.err)
		}
	}
}
