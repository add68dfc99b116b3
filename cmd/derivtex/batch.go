package main

import (
	"bufio"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/derivtex/derivtex/parser"
)

// batch answers one expression per line of stdin, so one process serves a
// whole corpus. Lines are answered by jobs workers in parallel (every
// package the answers use is safe for concurrent use) and printed in
// input order, so the output is the same whatever jobs is. A bad line gets
// its error in place of an answer and the run goes on; the exit status is
// then 2.
func batch(e *env, jobs int, asJSON bool, answer func(src string) (*exprAnswer, error)) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	if jobs == 1 {
		return batchInline(e, asJSON, answer)
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
		sc := bufio.NewScanner(e.stdin)
		sc.Buffer(make([]byte, 64<<10), parser.MaxInputBytes+1)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" {
				continue
			}
			it := &item{n: n, line: line, done: make(chan struct{})}
			select {
			case inOrder <- it:
			case <-stop:
				return
			}
			todo <- it // workers drain todo until it is closed
		}
		if err := sc.Err(); err != nil {
			readErr = inputErrorf("reading stdin: %v", err)
		}
	}()
	for range jobs {
		go func() {
			for it := range todo {
				it.a, it.err = answer(it.line)
				close(it.done)
			}
		}()
	}

	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	failed := 0
	for it := range inOrder {
		<-it.done
		if err := writeAnswer(out, asJSON, it.n, it.line, it.a, it.err); err != nil {
			var in *inputError
			if !errors.As(err, &in) {
				close(stop)
				for range inOrder { // let the reader finish
				}
				return err
			}
			failed++
		}
	}
	if readErr != nil { // set before inOrder was closed
		return readErr
	}
	if failed > 0 {
		return inputErrorf("%d of the input lines failed", failed)
	}
	return nil
}

// batchInline is batch on one goroutine, without handing lines over.
func batchInline(e *env, asJSON bool, answer func(src string) (*exprAnswer, error)) error {
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64<<10), parser.MaxInputBytes+1)
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	failed := 0
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		a, err := answer(line)
		if err := writeAnswer(out, asJSON, n, line, a, err); err != nil {
			var in *inputError
			if !errors.As(err, &in) {
				return err
			}
			failed++
		}
	}
	if err := sc.Err(); err != nil {
		return inputErrorf("reading stdin: %v", err)
	}
	if failed > 0 {
		return inputErrorf("%d of the input lines failed", failed)
	}
	return nil
}

// writeAnswer prints the answer to line n, or its error in its place. It
// returns the line's own input error, after printing it, so the caller can
// count it; any other error is a failure to answer or to write.
func writeAnswer(out *bufio.Writer, asJSON bool, n int, line string, a *exprAnswer, err error) error {
	if err != nil {
		var in *inputError
		if !errors.As(err, &in) {
			return err
		}
		msg := fmt.Sprintf("line %d: %s", n, strings.SplitN(in.msg, "\n", 2)[0])
		if asJSON {
			if err := writeJSON(out, exprAnswer{Input: line, Error: msg}); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(out, "error: %s\n", msg)
		}
		return in
	}
	if asJSON {
		return writeJSON(out, a)
	}
	_, err = fmt.Fprintln(out, a.Result)
	return err
}
