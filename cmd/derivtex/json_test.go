package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
)

// schemaTypes are the answers docs/json.md documents, by the name its
// examples are marked with.
var schemaTypes = map[string]func() any{
	"Diff":            func() any { return new(answer.Diff) },
	"Simplify":        func() any { return new(answer.Simplify) },
	"Eval":            func() any { return new(answer.Eval) },
	"MLE":             func() any { return new(answer.MLE) },
	"Network":         func() any { return new(answer.Network) },
	"IndexMap":        func() any { return new(answer.IndexMap) },
	"SymbolicNetwork": func() any { return new(answer.SymbolicNetwork) },
	"ConvSize":        func() any { return new(answer.ConvSize) },
	"ConvDesign":      func() any { return new(answer.ConvDesign) },
	"ConvCount":       func() any { return new(answer.ConvCount) },
	"ConvStack":       func() any { return new(answer.ConvStack) },
	"Curves":          func() any { return new(answer.Curves) },
	"Activation":      func() any { return new(answer.Activation) },
	"Check":           func() any { return new(answer.Check) },
	"Solve":           func() any { return new(answer.Solve) },
	"Failure":         func() any { return new(answer.Failure) },
}

// TestJSONDocs: every example of docs/json.md decodes into the type it is
// marked with, no field left over, so the page and the schema agree.
func TestJSONDocs(t *testing.T) {
	doc, err := os.ReadFile("../../docs/json.md")
	require.NoError(t, err)
	examples := regexp.MustCompile("<!-- schema: (\\w+) -->\n```json\n(.*)\n```").FindAllStringSubmatch(string(doc), -1)
	require.Len(t, examples, 19)
	seen := map[string]bool{}
	for _, ex := range examples {
		newAnswer, ok := schemaTypes[ex[1]]
		require.True(t, ok, "unknown schema %s", ex[1])
		decodeStrict(t, ex[2], newAnswer())
		seen[ex[1]] = true
	}
	assert.Len(t, seen, len(schemaTypes), "every answer has an example")
}

// TestJSONAnswers: every command's --json answer, and every failure,
// decodes into its documented type with no field left over, and carries
// the schema number.
func TestJSONAnswers(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one.drv")
	two := filepath.Join(dir, "two.drv")
	require.NoError(t, os.WriteFile(one, []byte(`problem "D" {
    diff x^2 sin(x)
    wrt x
}
problem "S" {
    simplify log(exp(x)) + x
}
problem "E" {
    given x = 3
    eval y = x^2
}
problem "M" {
    mle p(y; w) = w exp(-w y)
}
`), 0o644))
	require.NoError(t, os.WriteFile(two, []byte("problem \"E2\" {\n    eval 1/2 + 1/3\n}\n"), 0o644))
	tests := []struct {
		name   string
		stdin  string
		args   []string
		schema string
		status int
	}{
		{"diff", "", []string{"diff", "x^2 sin(x)", "--wrt", "x", "--json"}, "Diff", 0},
		{"diff of a deep composition", "", []string{"diff", nest("sin", 200, "w"), "--wrt", "w", "--json"}, "Diff", 0},
		{"simplify", "", []string{"simplify", "log(x^2 exp(y))", "--json"}, "Simplify", 0},
		{"eval", "", []string{"eval", "x^2", "x=1/2", "--json"}, "Eval", 0},
		{"eval with a warning", "", []string{"eval", "x^2", "x=1/2", "y=[1, 2]", "--json"}, "Eval", 0},
		{"mle", "", []string{"mle", "p(y | x; w, b) = 1/2 exp(-|w x + b - y|)", "--json"}, "MLE", 0},
		{"solve one file", "", []string{"solve", one, "--json"}, "Solve", 0},
		{"solve two files", "", []string{"solve", one, two, "--json"}, "Solve", 0},
		{"diff failure", "", []string{"diff", "sin(x", "--wrt", "x", "--json"}, "Failure", 2},
		{"simplify failure", "", []string{"simplify", "1/0", "--json"}, "Failure", 2},
		{"eval failure", "", []string{"eval", "x + y", "x=1", "--json"}, "Failure", 2},
		{"eval of a tensor", "", []string{"eval", "W x", "W=[[1, 2], [3, 4]]", "x=[1, 1]", "--json"}, "Eval", 0},
		{"eval of a tensor failure", "", []string{"eval", "x[3]", "x=[1, 2]", "--json"}, "Failure", 2},
		{"net", "", []string{"net", "h = tanh(W x + b); L = sum(h * h)", "W=[[1, 2], [0, 1]]", "x=[1, -1]", "b=[0, 1/2]", "--lr", "0.1", "--json"}, "Network", 0},
		{"net in floats", "", []string{"net", "L = logsumexp(softmax(x))", "x=[1, 2, 3]", "--float", "--json"}, "Network", 0},
		{"op", "", []string{"op", "T(x[M, N])[i, j] = x[j, i], i = 1..N, j = 1..M", "M=2", "N=3", "--json"}, "IndexMap", 0},
		{"conv size", "", []string{"conv", "size", "--in", "13x13x3", "--kernel", "5", "--filters", "6", "--json"}, "ConvSize", 0},
		{"conv design", "", []string{"conv", "design", "--in", "32x24x3", "--out", "16x12x8", "--max-rate", "2", "--json"}, "ConvDesign", 0},
		{"conv count", "", []string{"conv", "count", "--input", "2x3x9x9", "--kernel", "3", "--out", "4", "--json"}, "ConvCount", 0},
		{"conv stack", "", []string{"conv", "stack", "--kernels", "3x3,2x2,3x3", "--strides", "1,2,1", "--json"}, "ConvStack", 0},
		{"conv failure", "", []string{"conv", "size", "--in", "3", "--kernel", "5", "--json"}, "Failure", 2},
		{"op failure", "", []string{"op", "SEE(x[2N])[i] = x[i^2], i = 1..N", "--json"}, "Failure", 2},
		{"net symbolic", "", []string{"net", "h = tanh(W x); L = sum(h * h)", "--json"}, "SymbolicNetwork", 0},
		{"net failure", "", []string{"net", "y = w + x", "w=[1, 2]", "x=[1, 2, 3]", "--json"}, "Failure", 2},
		{"mle failure", "", []string{"mle", "w exp(-w x)", "--params", "w", "--json"}, "Failure", 2},
		{"solve failure", "", []string{"solve", filepath.Join(dir, "missing.drv"), "--json"}, "Solve", 2},
		{"usage failure", "", []string{"diff", "x", "--json"}, "Failure", 2},
		{"check", "x^2\n= x x\n", []string{"check", "--json"}, "Check", 0},
		{"check with a bad line", "x^2\n= x (x\n", []string{"check", "--json"}, "Check", 2},
		{"check failure", "", []string{"check", "--assume", "w > 0, w < 0", "--json"}, "Failure", 2},
		{"budget failure", "", []string{"diff", product(200), "--wrt", "x", "--json", "--max-work", "1000"}, "Failure", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.stdin, tc.args...)
			require.Equal(t, tc.status, r.status, r.stderr)
			a := schemaTypes[tc.schema]()
			decodeStrict(t, r.stdout, a)
			assert.Contains(t, r.stdout, `"schema":1`)
		})
	}

	// A batch: an answer or a failure per line, in input order.
	r := runCLI(t, "x^2\nsin(\n"+nest("exp", 100, "x")+"\n", "diff", "-", "--wrt", "x", "--json")
	assert.Equal(t, 2, r.status)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 3)
	decodeStrict(t, lines[0], new(answer.Diff))
	var f answer.Failure
	decodeStrict(t, lines[1], &f)
	assert.Equal(t, 2, f.Line)
	decodeStrict(t, lines[2], new(answer.Diff))

	// Shared subterms are named once in "terms", and the names read back
	// once the terms are put in.
	size := func(depth int) int {
		r := runCLI(t, "", "diff", nest("sin", depth, "w"), "--wrt", "w", "--json")
		var d answer.Diff
		decodeStrict(t, r.stdout, &d)
		require.NotEmpty(t, d.Terms)
		assert.Equal(t, "u1", d.Terms[0].Name)
		uses := 0
		defined := map[string]bool{}
		for _, term := range d.Terms {
			for _, used := range regexp.MustCompile(`\bu(\d+)\b`).FindAllStringSubmatch(term.Plain, -1) {
				assert.True(t, defined[used[0]], "%s uses %s before it is defined", term.Name, used[0])
				assert.Contains(t, term.LaTeX, "u_{"+used[1]+"}", "the same name in both syntaxes")
				uses++
			}
			defined[term.Name] = true
		}
		assert.Positive(t, uses, "later terms are written with the names before them")
		return len(r.stdout)
	}
	s200, s400 := size(200), size(400)
	assert.Less(t, float64(s400)/float64(s200), 2.5, "%d then %d bytes: linear in the depth, not quadratic", s200, s400)
}

// TestSolveJSONFailures: solve --json answers every file and problem it
// can, with the errors of the others in their place, and exits 2; the
// errors are on stderr too, with their source lines.
func TestSolveJSONFailures(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.drv")
	bad := filepath.Join(dir, "bad.drv")
	half := filepath.Join(dir, "half.drv")
	require.NoError(t, os.WriteFile(good, []byte("problem \"G\" {\n    simplify log(exp(x))\n}\n"), 0o644))
	require.NoError(t, os.WriteFile(bad, []byte("problem \"B\" {\n    simplify (x\n}\nproblem \"C\" {\n    eval 1/0\n}\n"), 0o644))
	require.NoError(t, os.WriteFile(half, []byte("problem \"H1\" {\n    eval 1/2\n}\nproblem \"H2\" {\n    simplify 1/(exp(log(x)) - x)\n}\n"), 0o644))

	r := runCLI(t, "", "solve", bad, good, half, filepath.Join(dir, "missing.drv"), "--json")
	assert.Equal(t, 2, r.status)
	var a answer.Solve
	decodeStrict(t, r.stdout, &a)
	require.Len(t, a.Files, 4)

	assert.Empty(t, a.Files[0].Problems)
	require.Len(t, a.Files[0].Errors, 2, "every mistake of the file: %s", r.stdout)
	assert.Equal(t, 2, a.Files[0].Errors[0].Line)
	assert.Equal(t, bad, a.Files[0].Errors[0].File)

	require.Len(t, a.Files[1].Problems, 1)
	assert.Equal(t, "x", a.Files[1].Problems[0].Simplify.Result.Plain)
	assert.Empty(t, a.Files[1].Errors)

	require.Len(t, a.Files[2].Problems, 2)
	assert.Equal(t, "1/2", a.Files[2].Problems[0].Eval.Exact.Plain)
	assert.Nil(t, a.Files[2].Problems[0].Error)
	require.NotNil(t, a.Files[2].Problems[1].Error)
	assert.Nil(t, a.Files[2].Problems[1].Simplify)
	assert.Equal(t, "H2", a.Files[2].Problems[1].Title)
	assert.Equal(t, 5, a.Files[2].Problems[1].Error.Line)

	require.Len(t, a.Files[3].Errors, 1)
	assert.Contains(t, a.Files[3].Errors[0].Message, "no such file")
	assert.Equal(t, filepath.Join(dir, "missing.drv"), a.Files[3].Errors[0].File)

	assert.Contains(t, r.stderr, "    simplify (x\n")
	assert.Contains(t, r.stderr, "    simplify 1/(exp(log(x)) - x)\n")
}
