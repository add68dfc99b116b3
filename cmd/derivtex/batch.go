package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser"
)

// batch answers one expression per line of stdin, so one process serves a
// whole corpus. Lines are answered by jobs workers in parallel (every
// package the answers use is safe for concurrent use) and printed in
// input order, so the output is the same whatever jobs is. A bad line gets
// its error in place of an answer and the run goes on; the exit status is
// then 2. jobs <= 0 means one worker per CPU, and more than maxJobsPerCPU
// per CPU are not started: they could only wait for each other.
func batch(e *env, jobs int, json bool, answer lineAnswer) error {
	cpus := runtime.GOMAXPROCS(0)
	if jobs <= 0 {
		jobs = cpus
	}
	jobs = min(jobs, maxJobsPerCPU*cpus)
	if jobs == 1 {
		return batchInline(e, json, answer)
	}
	type item struct {
		n    int // line number
		line string
		a    string
		err  error // the answer's, or the line's own
		done chan struct{}
	}
	todo := make(chan *item, 4*jobs)    // to the workers
	inOrder := make(chan *item, 4*jobs) // to the writer, in input order
	stop := make(chan struct{})         // the writer gave up
	var readErr error
	go func() { // reader
		defer close(todo)
		defer close(inOrder)
		readErr = scanLines(e.stdin, func(n int, line string, lineErr error) bool {
			it := &item{n: n, line: line, err: lineErr, done: make(chan struct{})}
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
				if it.err == nil {
					it.a, it.err = answerSafely(answer, it.line)
				}
				close(it.done)
			}
		}()
	}

	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	var t tally
	for it := range inOrder {
		<-it.done
		if err := t.add(writeLine(w, json, it.n, it.line, it.a, it.err)); err != nil {
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
func answerSafely(answer lineAnswer, line string) (a string, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = "", diag.Recovered(r, diag.Pos{}, "")
		}
	}()
	return answer(line)
}

// lineAnswer answers one line: the text to print for it, without its line
// break.
type lineAnswer func(src string) (string, error)

// batchInline is batch on one goroutine, without handing lines over.
func batchInline(e *env, json bool, answer lineAnswer) error {
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	var t tally
	var failure error
	readErr := scanLines(e.stdin, func(n int, line string, lineErr error) bool {
		a, err := "", lineErr
		if err == nil {
			a, err = answerSafely(answer, line)
		}
		failure = t.add(writeLine(w, json, n, line, a, err))
		return failure == nil
	})
	if failure != nil {
		return failure
	}
	return t.end(readErr)
}

// scanLines calls each with the number and the trimmed text of every
// non-blank line of r, until each returns false. A line longer than
// parser.MaxInputBytes is not kept: it is skipped to its end, and each
// gets the line's error instead of its text, so that the line is answered
// by its error and the batch goes on. It returns an input error if r could
// not be read.
func scanLines(r io.Reader, each func(n int, line string, lineErr error) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for n := 1; ; n++ {
		buf = buf[:0]
		long := false
		for {
			chunk, err := br.ReadSlice('\n')
			if !long {
				buf = append(buf, chunk...)
				if len(buf) > parser.MaxInputBytes+1 {
					long, buf = true, buf[:0]
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				if len(buf) == 0 && !long {
					return nil
				}
				break
			}
			if err != nil {
				return diag.Errorf("reading stdin: %v", err)
			}
			break
		}
		if long {
			err := diag.Errorf("1:1: line longer than %d bytes, the most an expression may hold", parser.MaxInputBytes)
			if !each(n, "", err) {
				return nil
			}
			continue
		}
		if line := strings.TrimSpace(string(buf)); line != "" && !each(n, line, nil) {
			return nil
		}
	}
}

// tally counts the lines whose answer was an input error.
type tally struct{ failed int }

// add takes writeLine's result: a line's input error is counted, and any
// other error is returned, ending the batch.
func (t *tally) add(err error) error {
	if err != nil && diag.KindOf(err) == diag.Input {
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
		return diag.Wrap(diag.Input, linesFailed(t.failed), fmt.Sprintf("%d of the input lines failed", t.failed))
	}
	return nil
}

// linesFailed is the cause of a batch's failure when lines failed: each
// line's error is already in the output, in its place.
type linesFailed int

func (n linesFailed) Error() string { return fmt.Sprint(int(n), " lines failed") }

// isBatchTally reports whether err is a batch's count of failed lines.
func isBatchTally(err error) bool {
	var n linesFailed
	return errors.As(err, &n)
}

// writeLine prints the answer to input line n, or its error in its place.
// It returns the line's own input error, after printing it, so the caller
// can count it; any other error is a failure to answer or to write.
func writeLine(w io.Writer, json bool, n int, line string, a string, err error) error {
	if err == nil {
		return writeAnswer(w, a)
	}
	if diag.KindOf(err) != diag.Input {
		return err
	}
	msg := fmt.Sprintf("line %d: %s%s", n, err.Error(), budgetHint(err))
	if json {
		err = writeJSON(w, answer.Failure{Schema: answer.Schema, Line: n, Input: line, Error: answer.ErrorOf(err)})
	} else {
		_, err = fmt.Fprintf(w, "error: %s\n", msg)
	}
	if err != nil {
		return err
	}
	return diag.Errorf("%s", msg) // the line's, to be counted
}
