package problem

import (
	"fmt"
	"github.com/derivtex/derivtex/activation"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// File is a parsed problem file.
type File struct {
	Name          string // the filename given to Parse
	Title, Author string // "" when not set
	// Precision is the number of decimals shown for numeric results: the
	// file's precision setting, or DefaultPrecision. PrecisionSet tells the
	// two apart.
	Precision    int
	PrecisionSet bool
	// Preamble is the preamble setting's LaTeX, checked by
	// texcheck.CheckPreamble, for the handout's preamble; "" for none.
	Preamble string
	// PreamblePos is where the preamble setting's text starts;
	// PreambleLines where each of its lines does, nil when not known.
	PreamblePos   diag.Pos
	PreambleLines []diag.Pos
	// Options holds the option NAME = VALUE settings, verbatim; never nil.
	Options  map[string]string
	Problems []*Problem
	// Warnings are what was read but is probably not meant: a given that
	// no statement uses, an option nothing reads. Each is a diag.Error of
	// kind diag.Warning with its source line, in source order; none of
	// them is an error.
	Warnings diag.List
}

// DefaultPrecision is File.Precision when the file sets none.
const DefaultPrecision = 4

// Problem is one problem "title" { ... } block.
type Problem struct {
	Pos   diag.Pos // of the keyword problem
	Title string   // the author's LaTeX
	// Label is the name after as in problem "Title" as NAME, by which a
	// later problem's given uses this one's answer; "" for none.
	Label    string
	LabelPos diag.Pos
	Question string // the question statement's text, "" if none
	Note     string // the note statement's text, "" if none
	// Kind is the key of the statement that says what to derive: "mle",
	// "diff", "simplify" or "eval". A parsed problem has exactly one.
	Kind string
	// Statements are the problem's statements in source order, question
	// and note included.
	Statements []*Statement
}

// Statement is one keyword line of a problem, or a file setting.
type Statement struct {
	Pos    diag.Pos // of the keyword
	ArgPos diag.Pos // of the argument; just after the keyword when there is none
	Key    string   // the keyword: "diff", "wrt", ...
	// Text is the argument as written for a rest-of-line argument (trimmed),
	// and the string's value for a string argument (quotes and escapes
	// resolved, indentation of """ strings removed).
	Text string
	// TextLines are where each line of a string's Text starts in the
	// file, for LaTeX's complaints about a line of it; nil for a
	// rest-of-line argument.
	TextLines []diag.Pos
	// Expr is the term of diff and simplify, the right-hand side of eval,
	// and the density's body for mle; nil for other statements.
	Expr expr.Expr
	// Density is the parsed density of mle; nil for other statements.
	Density *parser.Density
	// Names holds the names of params, the one name of response, the
	// variables of wrt (x, or an element written x[1]), and for eval the
	// name before "=" when there is one. nil for other statements.
	Names []string
	// Terms holds the variables of wrt as terms (*expr.Symbol or
	// *expr.Indexed), parallel to Names; nil for other statements.
	Terms []expr.Expr
	// Bindings holds the bindings of given; nil for other statements.
	Bindings []Binding
	// Network is the network of a network statement; nil for others.
	Network *network.Program
	// Op is the operator of an op statement; nil for others.
	Op *indexmap.Op
	// Conv holds the settings of a convolution problem (convsize,
	// convdesign, convcount, convstack); nil for others.
	Conv *ConvArgs
	// Seed is the seed of a curves problem's generated log.
	Seed uint64
	// Activations are the activation of an activation problem, and those
	// of an activations comparison; nil for others.
	Activations []*activation.Spec
	// Tensor is the term of an eval worked out over tensors (conv2d(x,
	// w), W x), read in network mode; nil for a plain term, in Expr.
	Tensor network.Expr

	evalSrc piece // the term of eval, as written
	evalErr error // the plain reading's error, until checkEval decides
}

// Binding is one NAME = VALUE of a given statement.
type Binding struct {
	Pos  diag.Pos // of the name
	Name string
	// Value is the value, exact, as parser.ParseValue reads it: a number
	// (rank 0), read as Name, or an array, read 1-based as Name[i] for a
	// vector and Name[i, j] for a matrix. For a reference to another
	// problem's answer it has the answer's shape, filled with zeros, until
	// the solver puts the answer in.
	Value tensor.Tensor
	// Ref, when not nil, says the value is an earlier problem's answer.
	Ref *Ref
	// Text is the value as written (0.5, not 1/2), for the line that
	// shows the given values put in.
	Text string
}

// Ref is a value written as an earlier problem's answer: grad.w is the
// part w of the answer of the problem labelled grad (its derivative by w,
// its estimate of w, its gradient by w), grad alone its only part.
type Ref struct {
	Pos     diag.Pos // of the label
	Problem *Problem // the problem referred to, earlier in the file
	Part    string   // "" for the answer's only part
}

// String writes the reference as the file does: grad.w.
func (r *Ref) String() string {
	if r.Part == "" {
		return r.Problem.Label
	}
	return r.Problem.Label + "." + r.Part
}

// Statement returns the problem's first statement with the given key, or
// nil.
func (p *Problem) Statement(key string) *Statement {
	for _, s := range p.Statements {
		if s.Key == key {
			return s
		}
	}
	return nil
}

// Merge joins several files into one document: the problems of all of
// them in order, and each setting from the first file that sets it.
// Positions keep their own filenames.
func Merge(files []*File) *File {
	m := &File{Precision: DefaultPrecision, Options: map[string]string{}}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
		if m.Title == "" {
			m.Title = f.Title
		}
		if m.Author == "" {
			m.Author = f.Author
		}
		if f.PrecisionSet && !m.PrecisionSet {
			m.Precision, m.PrecisionSet = f.Precision, true
		}
		for k, v := range f.Options {
			if _, ok := m.Options[k]; !ok {
				m.Options[k] = v
			}
		}
		// Each file's texts use its own preamble; the same preamble in
		// several files is written once (two that define one command
		// differently are LaTeX's error, at compile time).
		if f.Preamble != "" && !strings.Contains(m.Preamble, f.Preamble) {
			if m.Preamble == "" {
				m.PreamblePos, m.PreambleLines = f.PreamblePos, f.PreambleLines
			} else {
				m.PreambleLines = nil // lines of several files
			}
			m.Preamble = strings.TrimSpace(m.Preamble + "\n" + f.Preamble)
		}
		m.Warnings = append(m.Warnings, f.Warnings...)
		m.Problems = append(m.Problems, f.Problems...)
	}
	if len(names) == 1 {
		m.Name = names[0]
	} else if len(names) > 1 {
		m.Name = fmt.Sprint(names)
	}
	return m
}

// TermPos is the place in the file of an offset into the term of eval,
// for errors found when a tensor term is worked out.
func (s *Statement) TermPos(offset int) diag.Pos { return s.evalSrc.at(offset) }

// TermSource is the term of eval as written.
func (s *Statement) TermSource() string { return s.evalSrc.text }
