// Command derivtex derives, simplifies and evaluates expressions, and
// solves problem files into LaTeX solution handouts.
//
//	derivtex solve [FILE...] [-o OUT] [--pdf [--pdf-timeout 20s]] [--fragment] [--json]
//	derivtex diff EXPR --wrt VAR [--steps] [--json]
//	derivtex simplify EXPR [--json]
//	derivtex eval EXPR NAME=VALUE... [--json]
//	derivtex mle DENSITY --params w[,b...] [--steps] [--json]
//
// Exit status: 0 on success, 2 on bad input or usage (with the reason and
// its line:col on stderr), 1 on an internal failure.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/alecthomas/kong"
)

// Exit statuses.
const (
	exitOK       = 0
	exitInternal = 1
	exitInput    = 2
)

type cli struct {
	Solve    solveCmd    `cmd:"" help:"Solve problem files into a LaTeX (and PDF) solutions document; with no FILE, the embedded midterm."`
	Diff     diffCmd     `cmd:"" help:"Differentiate an expression."`
	Simplify simplifyCmd `cmd:"" help:"Simplify an expression."`
	Eval     evalCmd     `cmd:"" help:"Evaluate an expression at given values."`
	MLE      mleCmd      `cmd:"" name:"mle" help:"Derive the maximum-likelihood estimate of a density's parameters."`
}

// env is what commands read from and write to; tests supply their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// inputError is bad input from the user: exit status 2. Its message is
// already formatted (position first, then any snippet lines).
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func inputErrorf(format string, args ...any) error {
	return &inputError{fmt.Sprintf(format, args...)}
}

// kongExit carries kong's request to exit (after --help) out of Parse.
type kongExit int

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC paces the garbage collector for a short run. Most of the heap is
// the intern table, reachable to the end, so at Go's default pace
// (GOGC=100) collections mostly re-mark terms that cannot be freed. The
// heap may grow 3x between collections instead of 2x: a batch diff runs
// about 6% faster, and peak memory stays within 1.5x of the default. (A
// soft memory limit with a higher GOGC would gain a little more, but a
// run whose live terms outgrow the limit would then collect nonstop.)
// GOGC, when set, wins.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// run is the whole command, with its streams as parameters so tests can
// drive it. No panic escapes it: an unexpected one is an internal failure
// reported with its stack.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	defer func() {
		if r := recover(); r != nil {
			if code, ok := r.(kongExit); ok {
				status = int(code)
				return
			}
			fmt.Fprintf(stderr, "derivtex: internal error: %v\n%s", r, debug.Stack())
			status = exitInternal
		}
	}()
	var c cli
	k, err := kong.New(&c,
		kong.Name("derivtex"),
		kong.Description("A symbolic derivation engine with LaTeX output."),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { panic(kongExit(code)) }),
		kong.UsageOnError(),
	)
	if err != nil {
		fmt.Fprintf(stderr, "derivtex: internal error: %v\n", err)
		return exitInternal
	}
	ctx, err := k.Parse(args)
	if err != nil {
		fmt.Fprintf(stderr, "derivtex: %v\n", err)
		return exitInput
	}
	err = ctx.Run(&env{stdin: stdin, stdout: stdout, stderr: stderr})
	if err == nil {
		return exitOK
	}
	var in *inputError
	if errors.As(err, &in) {
		fmt.Fprintf(stderr, "derivtex: %s\n", strings.TrimRight(in.msg, "\n"))
		return exitInput
	}
	fmt.Fprintf(stderr, "derivtex: %v\n", err)
	return exitInternal
}
