// Package solve turns a problem file into solutions: each problem is
// handed to the engine (derive, simplify, mle, evaluation) and its
// derivation typeset as a section of a LaTeX handout, with the answers
// also kept as data for --json.
package solve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/tensor"
)

// Solution is a solved problem.
type Solution struct {
	Problem *problem.Problem
	Kind    string
	// Body is the solution as LaTeX paragraphs and displays.
	Body string
	// Draws reports whether Body holds a tikzpicture, for which the
	// handout's preamble loads TikZ (tikzPreamble).
	Draws bool
	// Answer is the solution as data, for scripts and graders: the answer
	// the command of the problem's kind gives (docs/json.md).
	Answer answer.Problem
	// Parts are the answer's values, exact, by the name a later problem
	// uses them by (grad.w): a diff's derivative by each variable, an
	// MLE's estimate of each parameter, an eval's value (by its name),
	// a simplification's result (by ""), a network's gradient by each
	// input.
	Parts map[string]tensor.Tensor
}

// Document is a solved problem file.
type Document struct {
	File      *problem.File
	Solutions []*Solution
	// Errors has each problem's error, nil where it was solved, when File
	// returns an error: a handout needs every problem, an answer for
	// scripts takes what was solved.
	Errors []error
}

// Errors are diag.Errors: a problem the engine could not solve is an
// Input error at the statement it came from; a panic while solving is an
// Internal one, recovered on the problem's goroutine, which would
// otherwise end the process, and keeping its stack.

// kinds maps a problem kind to its solver. Later problem kinds (networks,
// convolutions) add rows here.
var kinds = map[string]func(context.Context, *problem.File, *problem.Problem) (*Solution, error){
	"mle":         solveMLE,
	"diff":        solveDiff,
	"simplify":    solveSimplify,
	"eval":        solveEval,
	"network":     solveNetwork,
	"op":          solveOp,
	"curves":      solveCurves,
	"activation":  solveActivation,
	"activations": solveActivations,
	"convsize":    solveConv,
	"convdesign":  solveConv,
	"convcount":   solveConv,
	"convstack":   solveConv,
}

// File solves every problem of f, in parallel across the machine's cores;
// the solutions keep the file's order. The first error by position wins;
// the document then has the problems solved, and every problem's error.
// The problems share ctx's budget (package budget): a file is one job, and
// when it runs out, the error is that of the problem that spent the last
// of it, not of the others it stopped.
func File(ctx context.Context, f *problem.File) (*Document, error) {
	m := budget.From(ctx)
	doc := &Document{File: f, Solutions: make([]*Solution, len(f.Problems))}
	errs := make([]error, len(f.Problems))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	// A problem that uses an earlier one's answer waits for it; earlier
	// problems start first, so waiting never blocks the one waited for.
	done := make([]chan struct{}, len(f.Problems))
	index := map[*problem.Problem]int{}
	for i, p := range f.Problems {
		done[i] = make(chan struct{})
		index[p] = i
	}
	for i, p := range f.Problems {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer close(done[i])
			defer func() { <-sem }()
			defer func() {
				if r := recover(); r != nil {
					errs[i] = diag.Recovered(r, p.Pos, fmt.Sprintf("solving problem %q", p.Title))
				}
			}()
			for _, r := range refsOf(p) {
				<-done[index[r]]
			}
			q, from, err := withAnswers(p, index, doc.Solutions)
			if err != nil {
				errs[i] = err
				return
			}
			s, err := Problem(budget.With(ctx, m.Part()), f, q)
			if s != nil {
				s.Problem = p
				s.Body = from + s.Body
			}
			doc.Solutions[i], errs[i] = s, err
		}()
	}
	wg.Wait()
	var first, stopped error
	for _, err := range errs {
		switch {
		case errors.Is(err, budget.ErrStopped):
			stopped = cmp.Or(stopped, err)
		case err != nil:
			first = cmp.Or(first, err)
		}
	}
	if err := cmp.Or(first, stopped); err != nil {
		doc.Errors = errs
		return doc, err
	}
	return doc, nil
}

// Problem solves one problem. A budget that runs out is the problem's
// error, at its position, so the message says which problem was too big.
func Problem(ctx context.Context, f *problem.File, p *problem.Problem) (*Solution, error) {
	solver, ok := kinds[p.Kind]
	if !ok {
		return nil, diag.At(p.Pos, "problem %q: nothing to derive (kind %q)", p.Title, p.Kind)
	}
	s, err := solver(ctx, f, p)
	if err == nil {
		err = budget.From(ctx).Err()
	}
	if err != nil {
		if d := diag.From(err); !d.Pos.IsValid() {
			// A budget spent outside any statement: the problem's.
			err = &diag.Error{Kind: d.Kind, Pos: p.Pos, Msg: fmt.Sprintf("problem %q: %s", p.Title, d.Msg), Err: d}
		}
		return nil, err
	}
	s.Problem, s.Kind = p, p.Kind
	s.Answer.Title, s.Answer.Kind = p.Title, p.Kind
	return s, nil
}

// statement returns the problem's first statement with the given key.
func statement(p *problem.Problem, key string) *problem.Statement {
	for _, s := range p.Statements {
		if s.Key == key {
			return s
		}
	}
	return nil
}

func errorAt(s *problem.Statement, err error) error {
	return diag.From(err).Located(s.ArgPos, "")
}
