//go:build cgo && errcat_dev && !errcat_system

package errcat

// Linking with -tags errcat_dev: the development build inside the errcat repository, against the header and the
// static library of the release build there (`make c-lib`; on linux-x86_64 the zig-linked build in
// target/x86_64-unknown-linux-gnu/release, elsewhere target/release). `make test-go` builds this way, so the tests
// run against the current sources; the default build uses the committed prebuilt library instead.

/*
#cgo CFLAGS: -I${SRCDIR}/../include
#cgo linux,amd64 LDFLAGS: ${SRCDIR}/../target/x86_64-unknown-linux-gnu/release/liberrcat.a -lgcc_s -lutil -lrt -lpthread -lm -ldl
#cgo !linux !amd64 LDFLAGS: ${SRCDIR}/../target/release/liberrcat.a -lpthread -lm -ldl
*/
import "C"
