// gomodzip writes a Go module as a module proxy serves it (GOPROXY protocol, the layout `go mod download` reads):
//
//	<out>/<module>/@v/<version>.zip   the module zip (golang.org/x/mod/zip: the checked file set and size limits)
//	<out>/<module>/@v/<version>.mod   its go.mod
//	<out>/<module>/@v/<version>.info  {"Version": ..., "Time": ...}
//	<out>/<module>/@v/list            the version
//
// Usage: gomodzip -dir ../../go -version v0.1.0 -out ../../dist/goproxy
// `GOPROXY=file://<out> GOSUMDB=off go get <module>@<version>` then fetches it like any published module.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	dir := flag.String("dir", "", "the module directory (with go.mod)")
	version := flag.String("version", "", "the version, e.g. v0.1.0")
	out := flag.String("out", "", "the proxy directory to write into")
	flag.Parse()
	if err := run(*dir, *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gomodzip:", err)
		os.Exit(1)
	}
}

func run(dir, version, out string) error {
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	path := modfile.ModulePath(gomod)
	mv := module.Version{Path: path, Version: version}
	if err := module.Check(path, version); err != nil {
		return err
	}
	escaped, err := module.EscapePath(path)
	if err != nil {
		return err
	}
	at := filepath.Join(out, filepath.FromSlash(escaped), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		return err
	}
	// CheckDir reports what the zip would leave out (and why) and fails on what it cannot hold.
	files, err := zip.CheckDir(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	for _, f := range files.Omitted {
		fmt.Fprintf(os.Stderr, "gomodzip: omitted %s: %v\n", f.Path, f.Err)
	}
	z, err := os.Create(filepath.Join(at, version+".zip"))
	if err != nil {
		return err
	}
	if err := zip.CreateFromDir(z, mv, dir); err != nil {
		z.Close()
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(at, version+".mod"), gomod, 0o644); err != nil {
		return err
	}
	info, _ := json.Marshal(struct {
		Version string
		Time    string
	}{version, time.Now().UTC().Format(time.RFC3339)})
	if err := os.WriteFile(filepath.Join(at, version+".info"), info, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(at, "list"), []byte(version+"\n"), 0o644)
}
