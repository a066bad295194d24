// A program against the Go module alone (no Rust, no network): prints the library version, one lookup, and writes
// the JSON catalog export to the file named by its argument, for comparison with the Rust build.
package main

import (
	"errors"
	"fmt"
	"os"

	"errcat.dev/errcat"
)

func main() {
	e, err := errcat.Lookup("Arklet.InstallBizFailed")
	if err != nil {
		panic(err)
	}
	fmt.Printf("version %s\n%s: %s\n", errcat.LibraryVersion(), e.Code, e.Koupleless.Meaning.En)
	s, err := errcat.Status(552, errcat.WithVersion("v3.5.0"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("552 at v3.5.0: %s (valid %v)\n", s.Blobstore.Message, s.Valid)
	if _, err := errcat.Lookup("Arklet.InstallBizFailes"); !errors.Is(err, errcat.ErrNotFound) {
		panic(fmt.Sprint("expected NotFound, got ", err))
	}
	export, err := errcat.Export(errcat.FormatJSON, "")
	if err != nil {
		panic(err)
	}
	if len(os.Args) > 1 {
		if err := os.WriteFile(os.Args[1], []byte(export), 0o644); err != nil {
			panic(err)
		}
	}
}
