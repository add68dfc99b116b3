// Package solve turns a problem file into solutions: each problem is
// handed to the engine (derive, simplify, mle, evaluation) and its
// derivation typeset as a section of a LaTeX handout, with the answers
// also kept as data for --json.
package solve

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/derivtex/derivtex/parser/problem"
)

// Answer is one result of a problem, for scripts and graders.
type Answer struct {
	Name  string   `json:"name"`            // what it is: "objective", "d/dw", "y", "w_hat"
	Expr  string   `json:"expr,omitempty"`  // plain syntax
	Value *float64 `json:"value,omitempty"` // where it is a number
	LaTeX string   `json:"latex"`
	Note  string   `json:"note,omitempty"`
}

// Solution is a solved problem.
type Solution struct {
	Problem *problem.Problem
	Kind    string
	// Body is the solution as LaTeX paragraphs and displays.
	Body    string
	Answers []Answer
}

// Document is a solved problem file.
type Document struct {
	File      *problem.File
	Solutions []*Solution
}

// Error is a problem the engine could not solve, with its position.
type Error struct {
	Pos problem.Pos
	Msg string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Pos.Filename, e.Pos.Line, e.Pos.Col, e.Msg)
}

// kinds maps a problem kind to its solver. Later problem kinds (networks,
// convolutions) add rows here.
var kinds = map[string]func(*problem.File, *problem.Problem) (*Solution, error){
	"mle":      solveMLE,
	"diff":     solveDiff,
	"simplify": solveSimplify,
	"eval":     solveEval,
}

// File solves every problem of f, in parallel across the machine's cores;
// the solutions keep the file's order. The first error by position wins.
func File(f *problem.File) (*Document, error) {
	doc := &Document{File: f, Solutions: make([]*Solution, len(f.Problems))}
	errs := make([]error, len(f.Problems))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, p := range f.Problems {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			doc.Solutions[i], errs[i] = Problem(f, p)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// Problem solves one problem.
func Problem(f *problem.File, p *problem.Problem) (*Solution, error) {
	solver, ok := kinds[p.Kind]
	if !ok {
		return nil, &Error{Pos: p.Pos, Msg: fmt.Sprintf("problem %q: nothing to derive (kind %q)", p.Title, p.Kind)}
	}
	s, err := solver(f, p)
	if err != nil {
		return nil, err
	}
	s.Problem, s.Kind = p, p.Kind
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
	return &Error{Pos: s.ArgPos, Msg: err.Error()}
}
