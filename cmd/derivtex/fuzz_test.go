package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/derivtex/derivtex/internal/fuzzcheck"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/problem"
)

// FuzzRun drives the whole command, run(args, stdin, stdout, stderr), with
// argument lists built from the fuzzed input for each subcommand:
//
//	cmd%7  0 diff   --wrt arg, with --steps, --latex or --json (opts%4),
//	                the term as an argument or, with opts&4, one per line
//	                on stdin (opts&8: --jobs 1)
//	       1 simplify  the same without --wrt and --steps
//	       2 eval   bindings NAME=VALUE separated by ";" in arg
//	       3 mle    arg is PARAMS;RESPONSE, with --steps or --json
//	       4 solve  term is a problem file (arg a second one when not
//	                empty) in t.TempDir(), with --json, --fragment or -o
//	       5 net    term is the network, arg its bindings one per line,
//	                with --json (opts&1), else --tikz (opts&4) or --dot
//	                (opts&8), and --float (opts&2)
//	       6 op     term is the definition, arg the loss, a line break and
//	                sizes NAME=VALUE separated by ";", with --json (opts&1)
//
// Whatever the input, the exit status is 0 or 2 (never 1, an internal
// failure), stderr says why when it is 2 and never shows a panic or a
// goroutine stack, and --json output decodes.
//
// The seeds in testdata/fuzz/FuzzRun run with go test.
func FuzzRun(f *testing.F) {
	f.Fuzz(func(t *testing.T, cmd uint8, term, arg string, opts uint8) {
		if fuzzcheck.TooLong(term, arg) {
			t.Skip("input too long")
		}
		if tooBig(cmd%7, term, arg) {
			t.Skip("term too big")
		}
		args, stdin, isJSON := fuzzArgs(t, cmd%7, term, arg, opts)
		var stdout, stderr bytes.Buffer
		status := run(args, strings.NewReader(stdin), &stdout, &stderr)
		if status != exitOK && status != exitInput {
			t.Fatalf("derivtex %q (stdin %q): exit status %d\n%s", args, stdin, status, stderr.String())
		}
		if s := stderr.String(); strings.Contains(s, "goroutine") || strings.Contains(s, "panic") {
			t.Fatalf("derivtex %q (stdin %q): exit status %d with a stack\n%s", args, stdin, status, s)
		}
		if status == exitInput && stderr.Len() == 0 {
			t.Fatalf("derivtex %q (stdin %q): exit status 2 without a reason", args, stdin)
		}
		if isJSON {
			dec := json.NewDecoder(&stdout)
			for {
				var v any
				if err := dec.Decode(&v); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("derivtex %q (stdin %q): --json output does not decode: %v", args, stdin, err)
				}
			}
		}
	})
}

// fuzzArgs builds the command line of one FuzzRun input, with what goes
// to stdin and whether the output is JSON.
func fuzzArgs(t *testing.T, cmd uint8, term, arg string, opts uint8) (args []string, stdin string, isJSON bool) {
	withTerm := func(args []string) []string {
		if opts&4 != 0 {
			stdin = term
			if opts&8 != 0 {
				args = append(args, "--jobs", "1")
			}
			return append(args, "-")
		}
		return append(args, "--", term)
	}
	switch cmd {
	case 0:
		args = []string{"diff", "--wrt", arg}
		if format := []string{"", "--steps", "--latex", "--json"}[opts%4]; format != "" {
			args = append(args, format)
		}
		return withTerm(args), stdin, opts%4 == 3
	case 1:
		args = []string{"simplify"}
		if format := []string{"", "--latex", "--json", ""}[opts%4]; format != "" {
			args = append(args, format)
		}
		return withTerm(args), stdin, opts%4 == 2
	case 2:
		args = []string{"eval"}
		if opts%2 == 1 {
			args = append(args, "--json")
		}
		args = append(args, "--", term)
		if arg != "" {
			args = append(args, strings.Split(arg, ";")...)
		}
		return args, "", opts%2 == 1
	case 3:
		args = []string{"mle"}
		params, response, _ := strings.Cut(arg, ";")
		if params != "" {
			args = append(args, "--params", params)
		}
		if response != "" {
			args = append(args, "--response", response)
		}
		if format := []string{"", "--steps", "--json", ""}[opts%4]; format != "" {
			args = append(args, format)
		}
		return append(args, "--", term), "", opts%4 == 2
	case 6:
		args = []string{"op"}
		if opts&1 != 0 {
			args = append(args, "--json")
		}
		if loss, _, ok := strings.Cut(arg, "\n"); ok && loss != "" {
			args = append(args, "--loss", loss)
		}
		args = append(args, "--", term)
		if _, sizes, ok := strings.Cut(arg, "\n"); ok && sizes != "" {
			args = append(args, strings.Split(sizes, ";")...)
		}
		return args, "", opts&1 != 0
	case 5:
		args = []string{"net"}
		switch {
		case opts&1 != 0:
			args = append(args, "--json")
		case opts&4 != 0:
			args = append(args, "--tikz")
		case opts&8 != 0:
			args = append(args, "--dot")
		}
		if opts&2 != 0 {
			args = append(args, "--float")
		}
		args = append(args, "--", term)
		if arg != "" {
			args = append(args, strings.Split(arg, "\n")...)
		}
		return args, "", opts&1 != 0
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	args = []string{"solve", write("a.drv", term)}
	if arg != "" {
		args = append(args, write("b.drv", arg))
	}
	switch opts % 4 {
	case 1:
		args = append(args, "--json")
	case 2:
		args = append(args, "--fragment")
	case 3:
		args = append(args, "-o", filepath.Join(dir, "out.tex"))
	}
	return args, "", opts%4 == 1
}

// tooBig reports whether a term of the input is beyond fuzzcheck's
// bounds, read the way the subcommand will read it.
func tooBig(cmd uint8, term, arg string) bool {
	switch cmd {
	case 0, 1:
		for line := range strings.Lines(term) {
			if x, err := parser.Parse(line); err == nil && fuzzcheck.TooBig(x) {
				return true
			}
		}
	case 2:
		if x, err := parser.Parse(term); err == nil && fuzzcheck.TooBig(x) {
			return true
		}
	case 3:
		if d, err := parser.ParseDensity(term); err == nil && fuzzcheck.TooBig(d.Body) {
			return true
		}
	case 4:
		for _, src := range []string{term, arg} {
			f, err := problem.Parse("fuzz.drv", src)
			if err != nil {
				continue
			}
			for _, p := range f.Problems {
				for _, s := range p.Statements {
					if fuzzcheck.TooBig(s.Expr) {
						return true
					}
				}
			}
		}
	}
	return false
}
