// Command derivtex derives, simplifies and evaluates expressions, and
// solves problem files into LaTeX solution handouts.
//
//	derivtex solve [FILE...] [-o OUT] [--pdf [--pdf-timeout 20s]] [--fragment] [--json]
//	derivtex diff EXPR --wrt VAR [--steps] [--json]
//	derivtex simplify EXPR [--to FORM] [--steps|--json]
//	derivtex eval EXPR NAME=VALUE... [--json]
//	derivtex mle DENSITY --params w[,b...] [--steps] [--json]
//	derivtex conv size|design|count|stack [FLAGS] [--json|--latex]
//	derivtex plot EXPR [--from -4 --to 4] [--derivative] [-o OUT.tex|OUT.pdf]
//	derivtex curves LOG [--json|--latex]
//	derivtex activation EXPR-or-NAME [--json|--latex]
//	derivtex check [FILE] [--input latex] [--assume 'w > 0'] [--wrt w] [--json|--latex]
//	derivtex check --against EXPR ANSWER | --problem FILE#N ANSWER
//
// Exit status: 0 on success, 2 on bad input or usage (with the reason and
// its line:col on stderr), 1 on an internal failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/alecthomas/kong"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
)

// Exit statuses.
const (
	exitOK       = 0
	exitInternal = 1
	exitInput    = 2
)

type cli struct {
	Solve      solveCmd      `cmd:"" help:"Solve problem files into a LaTeX (and PDF) solutions document; with no FILE, the embedded midterm."`
	Diff       diffCmd       `cmd:"" help:"Differentiate an expression."`
	Simplify   simplifyCmd   `cmd:"" help:"Simplify an expression."`
	Eval       evalCmd       `cmd:"" help:"Evaluate an expression at given values."`
	MLE        mleCmd        `cmd:"" name:"mle" help:"Derive the maximum-likelihood estimate of a density's parameters."`
	Net        netCmd        `cmd:"" help:"Run a network forward and backward: values, gradients, and a step of gradient descent."`
	Op         opCmd         `cmd:"" help:"Derive the Jacobian and the vector-Jacobian product of an operator defined by its index map, and the cost of its backward pass."`
	Conv       convCmd       `cmd:"" help:"The arithmetic of convolutional layers: output size, designs, counts, stacks."`
	Plot       plotCmd       `cmd:"" help:"Plot an expression of one variable, and its derivative, as pgfplots code or a PDF."`
	Curves     curvesCmd     `cmd:"" help:"Diagnose the loss curves of a training log (CSV or JSON Lines): features, diagnosis, fixes."`
	Activation activationCmd `cmd:"" help:"Analyse an activation function: its derivative, limits, largest slope, range, kinks, dead units, cost, and the advantages and drawbacks that follow."`
	Check      checkCmd      `cmd:"" help:"Check a hand derivation step by step (equal, up to a constant, propto, same argmin, derivative): a verdict per step, the first wrong one with a counterexample and a hint; or a final answer."`

	Budgets budgetFlags `embed:"" group:"Budgets"`
}

// env is what commands read from and write to; tests supply their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	limits         budget.Limits   // of each job
	jobs           context.Context // what every job's context derives from
	// json is set by a command answering in JSON, whose failure is then
	// a JSON answer too (answer.Failure), besides the message on stderr.
	json bool
}

// kongExit carries kong's request to exit (after --help) out of Parse.
type kongExit int

func main() {
	tuneGC()
	// A reader that goes away (derivtex ... | head -1) makes a write fail
	// with EPIPE, which ends the run quietly with exit status 1, instead of
	// killing the process with SIGPIPE (the Go runtime's default for stdout).
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	watchMemory = watchdog
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// watchMemory, when set, is started with the memory ceiling once the
// flags are read. main sets it; tests, which run in one process, do not.
var watchMemory func(limit int64, stop context.CancelCauseFunc, stderr io.Writer)

// watchdog holds the process's live heap under limit. The meters of the
// jobs look at the heap too, but only as they charge work, and one step of
// an engine can allocate a lot between two charges. Past the limit it
// stops every job (their meters fail at their next charge with the
// memory budget's error, so a batch still writes what it has); a process
// still over the limit a moment later is ended.
func watchdog(limit int64, stop context.CancelCauseFunc, stderr io.Writer) {
	exceeded := budget.ExceededError(budget.Memory, limit)
	go func() {
		for range time.Tick(20 * time.Millisecond) {
			if !budget.HeapOver(limit) {
				continue
			}
			stop(exceeded)
			time.Sleep(2 * time.Second)
			if budget.HeapOver(limit) {
				fmt.Fprintf(stderr, "derivtex: %v (raise it with --max-memory)\n", exceeded)
				os.Exit(exitInput)
			}
		}
	}()
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

// reportWriteError says why the output could not be written, unless its
// reader went away on purpose (derivtex ... | head -1): that reader knows.
func reportWriteError(stderr io.Writer, err error) {
	if !errors.Is(err, syscall.EPIPE) {
		fmt.Fprintf(stderr, "derivtex: writing the output: %v\n", err)
	}
}

// run is the whole command, with its streams as parameters so tests can
// drive it. No panic escapes it: an unexpected one is an internal failure,
// reported in one line (with the stack when DERIVTEX_DEBUG is set). A
// failure to write the output, such as a full disk or a closed pipe, is an
// internal failure too: the answer did not reach its reader.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	out := &checkedWriter{w: stdout}
	stderr = &sanitizer{w: stderr}
	defer func() {
		if r := recover(); r != nil {
			if code, ok := r.(kongExit); ok {
				status = int(code)
				return
			}
			status = internalError(stderr, diag.Recovered(r, diag.Pos{}, "").Error(), debug.Stack())
		}
		if out.err != nil && status != exitInternal {
			reportWriteError(stderr, out.err)
			status = exitInternal
		}
	}()
	var c cli
	k, err := kong.New(&c,
		kong.Name("derivtex"),
		kong.Description("A symbolic derivation engine with LaTeX output."),
		kong.Writers(out, stderr),
		kong.Exit(func(code int) { panic(kongExit(code)) }),
		kong.UsageOnError(),
		budgetVars,
	)
	if err != nil {
		fmt.Fprintf(stderr, "derivtex: internal error: %v\n", err)
		return exitInternal
	}
	ctx, err := k.Parse(termsAfterFlags(k.Model, args))
	if err != nil {
		if out.err != nil {
			return exitOK // the usage could not be written: reported below
		}
		if slices.Contains(args, "--json") {
			// A script asked for JSON: it gets its failure as JSON too.
			writeJSON(out, answer.Failure{Schema: answer.Schema, Error: answer.Error{Message: err.Error()}})
		}
		fmt.Fprintf(stderr, "derivtex: %v\n", err)
		return exitInput
	}
	limits := c.Budgets.limits()
	if limits.Memory > 0 {
		// Let the collector work harder before the ceiling is reached,
		// so that garbage does not count against it.
		debug.SetMemoryLimit(limits.Memory)
	}
	jobs, stopJobs := context.WithCancelCause(context.Background())
	defer stopJobs(nil)
	if limits.Memory > 0 && watchMemory != nil {
		watchMemory(limits.Memory, stopJobs, stderr)
	}
	e := &env{stdin: stdin, stdout: out, stderr: stderr, limits: limits, jobs: jobs}
	err = ctx.Run(e)
	if out.err != nil {
		// Whatever else went wrong, the answer did not reach its reader.
		reportWriteError(stderr, out.err)
		return exitInternal
	}
	if err == nil {
		return exitOK
	}
	var done answered
	if e.json && !isBatchTally(err) && !errors.As(err, &done) {
		writeJSON(out, answer.Failure{Schema: answer.Schema, Error: answer.ErrorOf(err)})
	}
	return report(stderr, err)
}

// report writes err as its reader should see it and returns the exit
// status its kind (diag.KindOf) gives: each mistake of the input with its
// position and source line, exit 2; a failure of derivtex in one line,
// exit 1.
func report(stderr io.Writer, err error) int {
	if diag.KindOf(err) != diag.Input {
		var d *diag.Error
		if errors.As(err, &d) && d.Stack == nil {
			// A failure derivtex meant to report, such as a full disk.
			fmt.Fprintf(stderr, "derivtex: %v\n", d)
			return exitInternal
		}
		d = diag.From(err)
		return internalError(stderr, d.Error(), d.Stack) // a bug
	}
	for _, e := range diag.ListOf(err) {
		fmt.Fprintf(stderr, "derivtex: %s\n", withHint(e))
	}
	return exitInput
}

// withHint renders e with its snippet, and, for a budget that ran out,
// the flag that raises it.
func withHint(e *diag.Error) string {
	msg := e.Error() + budgetHint(e)
	if s := e.Snippet(); s != "" {
		msg += "\n" + s
	}
	return msg
}

// internalError reports a panic in one line, and its stack only when
// DERIVTEX_DEBUG is set: a user needs to know that it is derivtex's fault
// and what to report, not a goroutine dump.
func internalError(stderr io.Writer, msg string, stack []byte) int {
	msg, _, _ = strings.Cut(msg, "\n")
	fmt.Fprintf(stderr, "derivtex: internal error: %s (please report it; set DERIVTEX_DEBUG=1 for details)\n", msg)
	if os.Getenv("DERIVTEX_DEBUG") != "" {
		fmt.Fprintf(stderr, "%s", stack)
	}
	return exitInternal
}

// checkedWriter remembers the first error of the writer it wraps and
// refuses every write after it, so a command that ignores one failed
// write cannot go on as if the output had been written.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}

// sanitizer writes messages with the characters a terminal would act on
// escaped (diag.Visible): the last guard between echoed input and the
// user's terminal, behind the snippets that escape their own.
type sanitizer struct{ w io.Writer }

func (s *sanitizer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, diag.Visible(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
