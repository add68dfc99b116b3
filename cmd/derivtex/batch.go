package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/derivtex/derivtex/parser"
)

// batch answers one expression per line of stdin, so one process serves a
// whole corpus. Lines are answered by jobs workers in parallel (every
// package the answers use is safe for concurrent use) and printed in
// input order, so the output is the same whatever jobs is. A bad line gets
// its error in place of an answer and the run goes on; the exit status is
// then 2. jobs <= 0 means one worker per CPU, and more than maxJobsPerCPU
// per CPU are not started: they could only wait for each other.
func batch(e *env, jobs int, out outFormat, answer func(src string) (*exprAnswer, error)) error {
	cpus := runtime.GOMAXPROCS(0)
	if jobs <= 0 {
		jobs = cpus
	}
	jobs = min(jobs, maxJobsPerCPU*cpus)
	if jobs == 1 {
		return batchInline(e, out, answer)
	}
	type item struct {
		n    int // line number
		line string
		a    *exprAnswer
		err  error
		done chan struct{}
	}
	todo := make(chan *item, 4*jobs)    // to the workers
	inOrder := make(chan *item, 4*jobs) // to the writer, in input order
	stop := make(chan struct{})         // the writer gave up
	var readErr error
	go func() { // reader
		defer close(todo)
		defer close(inOrder)
		readErr = scanLines(e.stdin, func(n int, line string) bool {
			it := &item{n: n, line: line, done: make(chan struct{})}
			select { // a select picks at random among ready cases: stop first
			case <-stop:
				return false
			default:
			}
			select {
			case <-stop:
				return false
			case inOrder <- it:
			}
			todo <- it // workers drain todo until it is closed
			return true
		})
	}()
	for range jobs {
		go func() {
			for it := range todo {
				it.a, it.err = answerSafely(answer, it.line)
				close(it.done)
			}
		}()
	}

	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	var t tally
	for it := range inOrder {
		<-it.done
		if err := t.add(writeLine(w, out, it.n, it.line, it.a, it.err)); err != nil {
			// Stop now: the reader quits at its next line, and the workers
			// once the lines handed to them are done. Waiting for them
			// would wait for stdin to end.
			close(stop)
			return err
		}
	}
	return t.end(readErr) // readErr was set before inOrder was closed
}

// maxJobsPerCPU caps --jobs.
const maxJobsPerCPU = 4

// answerSafely is answer with a panic turned into an internal error, as
// run does on the main goroutine: a worker's panic would end the process.
func answerSafely(answer func(string) (*exprAnswer, error), line string) (a *exprAnswer, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("internal error: %v\n%s", r, debug.Stack())
		}
	}()
	return answer(line)
}

// batchInline is batch on one goroutine, without handing lines over.
func batchInline(e *env, out outFormat, answer func(src string) (*exprAnswer, error)) error {
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	var t tally
	var failure error
	readErr := scanLines(e.stdin, func(n int, line string) bool {
		a, err := answer(line)
		failure = t.add(writeLine(w, out, n, line, a, err))
		return failure == nil
	})
	if failure != nil {
		return failure
	}
	return t.end(readErr)
}

// scanLines calls each with the number and the trimmed text of every
// non-blank line of r, until each returns false. It returns an input
// error if r could not be read to its end (a line over MaxInputBytes).
func scanLines(r io.Reader, each func(n int, line string) bool) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), parser.MaxInputBytes+1)
	for n := 1; sc.Scan(); n++ {
		if line := strings.TrimSpace(sc.Text()); line != "" && !each(n, line) {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		return inputErrorf("reading stdin: %v", err)
	}
	return nil
}

// tally counts the lines whose answer was an input error.
type tally struct{ failed int }

// add takes writeLine's result: a line's input error is counted, and any
// other error is returned, ending the batch.
func (t *tally) add(err error) error {
	var in *inputError
	if errors.As(err, &in) {
		t.failed++
		return nil
	}
	return err
}

// end is the batch's result once every line is written.
func (t *tally) end(readErr error) error {
	if readErr != nil {
		return readErr
	}
	if t.failed > 0 {
		return inputErrorf("%d of the input lines failed", t.failed)
	}
	return nil
}

// outFormat is how answers are printed.
type outFormat int

const (
	outPlain outFormat = iota // the result in plain syntax
	outLaTeX                  // the result as LaTeX math
	outJSON                   // the whole answer, steps included, as one JSON line
)

// writeAnswer prints one answer.
func writeAnswer(w io.Writer, out outFormat, a *exprAnswer) error {
	var err error
	switch out {
	case outJSON:
		err = writeJSON(w, a)
	case outLaTeX:
		_, err = fmt.Fprintln(w, a.LaTeX)
	default:
		_, err = fmt.Fprintln(w, a.Result)
	}
	return err
}

// writeLine prints the answer to input line n, or its error in its place.
// It returns the line's own input error, after printing it, so the caller
// can count it; any other error is a failure to answer or to write.
func writeLine(w io.Writer, out outFormat, n int, line string, a *exprAnswer, err error) error {
	if err == nil {
		return writeAnswer(w, out, a)
	}
	var in *inputError
	if !errors.As(err, &in) {
		return err
	}
	msg := fmt.Sprintf("line %d: %s", n, strings.SplitN(in.msg, "\n", 2)[0])
	if out == outJSON {
		err = writeJSON(w, exprAnswer{Input: line, Error: msg})
	} else {
		_, err = fmt.Fprintf(w, "error: %s\n", msg)
	}
	if err != nil {
		return err
	}
	return in
}
