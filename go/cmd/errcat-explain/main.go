// Command errcat-explain prints what the catalog knows about each code, like `errcat explain`, through the Go
// module.
//
//	go run ./cmd/errcat-explain [-version V] [-reporter R] [-lang zh] CODE...
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"errcat.dev/errcat"
)

var lang = flag.String("lang", "en", "language of meanings and solutions (en, zh)")

func pick(t errcat.Text) string {
	if *lang == "zh" && t.Zh != "" {
		return t.Zh
	}
	return t.En
}

func field(name, value string) {
	if value != "" {
		fmt.Printf("  %-11s %s\n", name, value)
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func explainError(code string, err error, opts []errcat.Option) {
	var e *errcat.Error
	if !errors.As(err, &e) {
		fmt.Printf("%s  %v\n", code, err)
		return
	}
	fmt.Printf("%s  %s: %s\n", code, e.Kind, e.Message)
	for _, c := range e.Candidates {
		field("candidate", c)
	}
	if n, convErr := strconv.Atoi(code); convErr == nil && isNumber(code) {
		if service, err := errcat.ServiceOf(n, opts...); err == nil {
			field("service", service+" (by its range)")
		}
	}
}

func explain(code string, opts []errcat.Option) bool {
	if isNumber(code) {
		n, err := strconv.Atoi(code)
		var e errcat.Entry
		if err == nil {
			e, err = errcat.Status(n, opts...)
		} else {
			err = &errcat.Error{Kind: errcat.KindInvalidCode, Message: code + " is not a status code"}
		}
		if err != nil {
			explainError(code, err, opts)
			return false
		}
		s := e.Blobstore
		message := s.Message
		if message == "" {
			message = "(no message)"
		}
		fmt.Printf("%d  %s\n", s.Code, message)
		if s.Description != nil {
			field("meaning", pick(*s.Description))
		}
		field("service", s.Service)
		span := s.Versions[0]
		if len(s.Versions) > 1 {
			span += ".." + s.Versions[len(s.Versions)-1]
		}
		if e.Valid {
			field("versions", span+" (valid at "+e.Version+")")
		} else {
			field("versions", span+" — not defined at "+e.Version)
		}
		if s.RenumberedTo != 0 {
			field("renumbered", fmt.Sprintf("now %d", s.RenumberedTo))
		}
		if s.RenumberedFrom != 0 {
			field("renumbered", fmt.Sprintf("was %d", s.RenumberedFrom))
		}
		field("retry", fmt.Sprintf("%s (retryable: %s)", s.Retry, yesNo(s.Retryable)))
		if s.GoConst != "" {
			field("go", fmt.Sprintf("%s %s (errors/%s.go)", s.GoConst, s.GoErr, s.GoFile))
		}
		return true
	}
	e, err := errcat.Lookup(code, opts...)
	if err != nil {
		explainError(code, err, opts)
		return false
	}
	k := e.Koupleless
	fmt.Printf("%s  %s\n", e.Code, pick(k.Meaning))
	field("solution", pick(k.Solution))
	dynamic := ""
	if e.Dynamic {
		dynamic = "dynamic combination; "
	}
	field("source", fmt.Sprintf("%s (%scatalogued: %s)", e.Source, dynamic, strings.Join(k.Sources, ", ")))
	field("reporter", k.Reporter+" — "+pick(k.BusinessType))
	field("retryable", yesNo(k.Retryable))
	if e.Alias != "" {
		field("alias", e.Alias+" → published spelling "+k.Type)
	}
	for _, n := range k.Notes {
		field("note", n)
	}
	return true
}

func main() {
	version := flag.String("version", "", "CubeFS version for numeric codes (default: newest)")
	reporter := flag.String("reporter", "", "resolve two-level codes inside this reporter's table")
	flag.Parse()
	var opts []errcat.Option
	if *version != "" {
		opts = append(opts, errcat.WithVersion(*version))
	}
	if *reporter != "" {
		opts = append(opts, errcat.WithReporter(*reporter))
	}
	ok := true
	for i, code := range flag.Args() {
		if i > 0 {
			fmt.Println()
		}
		ok = explain(code, opts) && ok
	}
	if !ok {
		os.Exit(1)
	}
}
