package problem

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

// mustParse parses src and fails the test on any error, showing them all.
func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f, err := Parse("test.drv", src)
	if err != nil {
		require.FailNow(t, "unexpected errors", "%s", err.(diag.List).Report())
	}
	return f
}

// term parses plain syntax for comparison with parsed statements; terms
// are interned, so equal terms are the same pointer.
func term(t *testing.T, src string) expr.Expr {
	t.Helper()
	x, err := parser.Parse(src)
	require.NoError(t, err)
	return x
}

func TestParseExample(t *testing.T) {
	src, err := os.ReadFile("testdata/example.drv")
	require.NoError(t, err)
	f := mustParse(t, string(src))

	assert.Equal(t, "test.drv", f.Name)
	assert.Equal(t, "Training questions for the midterm, variant A", f.Title)
	assert.Equal(t, "VIR 2022", f.Author)
	assert.Equal(t, 4, f.Precision)
	assert.True(t, f.PrecisionSet)
	assert.Equal(t, map[string]string{"convolution": "cross-correlation"}, f.Options)
	require.Len(t, f.Problems, 4)

	t.Run("mle", func(t *testing.T) {
		p := f.Problems[0]
		assert.Equal(t, diag.Pos{File: "test.drv", Line: 7, Col: 1, Offset: strings.Index(string(src), `problem "MLE`)}, p.Pos)
		assert.Equal(t, "MLE loss: exponential model", p.Title)
		assert.Equal(t, "mle", p.Kind)
		assert.Equal(t, "You are given the model $p(y|x,w) = xw\\exp(-xwy)$ ... Write down the\n"+
			"optimisation problem of the maximum-likelihood estimate of $w$.", p.Question)
		require.Len(t, p.Statements, 3)
		mle := p.Statements[1]
		assert.Equal(t, "mle", mle.Key)
		assert.Equal(t, 12, mle.Pos.Line)
		assert.Equal(t, 5, mle.Pos.Col)
		assert.Equal(t, 14, mle.ArgPos.Col)
		assert.Equal(t, "p(y | x, w) = x w exp(-x w y)", mle.Text)
		require.NotNil(t, mle.Density)
		assert.Equal(t, "y", mle.Density.Response)
		assert.Equal(t, []string{"x", "w"}, mle.Density.Given)
		assert.Same(t, term(t, "x w exp(-x w y)"), mle.Expr)
		assert.Same(t, mle.Density.Body, mle.Expr)
		assert.Equal(t, []string{"w"}, p.Statements[2].Names)
	})

	t.Run("eval", func(t *testing.T) {
		p := f.Problems[1]
		assert.Equal(t, "eval", p.Kind)
		assert.Equal(t, `Compute the forward pass for $\mathbf{x} = [2, 1]^\top$.`, p.Question)
		assert.Equal(t, `The loss is then $-\log(y \cdot l)$.`, p.Note)
		given := p.Statement("given")
		require.NotNil(t, given)
		require.Len(t, given.Bindings, 3)
		x := given.Bindings[0]
		assert.Equal(t, "x", x.Name)
		assert.Equal(t, []int{2}, x.Value.Shape())
		assert.Equal(t, []expr.Expr{expr.Int(2), expr.Int(1)}, x.Value.Entries())
		assert.Equal(t, diag.Pos{File: "test.drv", Line: 18, Col: 14, Offset: x.Pos.Offset}, x.Pos)
		assert.Equal(t, "w1", given.Bindings[1].Name)
		assert.Equal(t, 0, given.Bindings[1].Value.Rank())
		assert.Same(t, term(t, "pi/2"), given.Bindings[1].Value.At())
		assert.Equal(t, 26, given.Bindings[1].Pos.Col)
		assert.Same(t, expr.Pi, given.Bindings[2].Value.At())
		eval := p.Statement("eval")
		assert.Equal(t, []string{"y"}, eval.Names)
		assert.Same(t, term(t, "sin(w1) x[1] + sin(w2) x[2]"), eval.Expr)
	})

	t.Run("diff", func(t *testing.T) {
		p := f.Problems[2]
		assert.Equal(t, "diff", p.Kind)
		assert.Empty(t, p.Question)
		assert.Same(t, term(t, "sin(w)^2 x"), p.Statement("diff").Expr)
		wrt := p.Statement("wrt")
		assert.Equal(t, []string{"w"}, wrt.Names)
		assert.Equal(t, []expr.Expr{expr.Sym("w")}, wrt.Terms)
	})

	t.Run("simplify", func(t *testing.T) {
		p := f.Problems[3]
		assert.Equal(t, "simplify", p.Kind)
		s := p.Statements[0]
		assert.Equal(t, "log(x^2 exp(y))", s.Text)
		assert.Same(t, term(t, "log(x^2 exp(y))"), s.Expr)
	})
}

// TestDocumentedExamples keeps the examples of the package comment and of
// docs/problem-language.md parsing, and the package comment's the same as
// testdata/example.drv.
func TestDocumentedExamples(t *testing.T) {
	want, err := os.ReadFile("testdata/example.drv")
	require.NoError(t, err)

	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	_, after, _ := strings.Cut(string(doc), "// # Example\n//\n")
	block, _, _ := strings.Cut(after, "//\n// # Grammar")
	var lines []string
	for _, l := range strings.SplitAfter(block, "\n") {
		l = strings.TrimPrefix(strings.TrimPrefix(l, "//"), "\t")
		lines = append(lines, l)
	}
	assert.Equal(t, string(want), strings.Join(lines, ""), "doc.go's example and testdata/example.drv differ")

	manual, err := os.ReadFile("../../docs/problem-language.md")
	require.NoError(t, err)
	blocks := strings.Split(string(manual), "```drv\n")[1:]
	require.NotEmpty(t, blocks)
	for i, b := range blocks {
		src, _, _ := strings.Cut(b, "```")
		_, err := Parse("manual.drv", src)
		if strings.Contains(src, "# error") {
			assert.Error(t, err, "block %d of the manual is marked as an error", i)
			continue
		}
		assert.NoError(t, err, "block %d of the manual:\n%s", i, src)
	}
}

func TestParseForms(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, f *File)
	}{
		{"empty file", "", func(t *testing.T, f *File) {
			assert.Empty(t, f.Problems)
			assert.Equal(t, DefaultPrecision, f.Precision)
			assert.False(t, f.PrecisionSet)
			assert.NotNil(t, f.Options)
		}},
		{"precision 0", "precision 0\n", func(t *testing.T, f *File) {
			assert.Equal(t, 0, f.Precision)
			assert.True(t, f.PrecisionSet)
		}},
		{"brace on the next line", "problem \"P\"\n{\n  simplify x\n}\n", func(t *testing.T, f *File) {
			assert.Equal(t, "simplify", f.Problems[0].Kind)
		}},
		{"closing brace after the last statement", "problem \"P\" {\n  simplify x + 1 }\nproblem \"Q\" { simplify y }\n", func(t *testing.T, f *File) {
			require.Len(t, f.Problems, 2)
			assert.Equal(t, "x + 1", f.Problems[0].Statements[0].Text)
			assert.Equal(t, "y", f.Problems[1].Statements[0].Text)
		}},
		{"comments and blank lines", "# c\n\n   # c\ntitle \"T\" # c\n\nproblem \"P\" { # c\n\n  # c\n  simplify x # c\n\n} # c\n# c", func(t *testing.T, f *File) {
			assert.Equal(t, "T", f.Title)
			assert.Equal(t, "x", f.Problems[0].Statements[0].Text)
		}},
		{"CRLF line ends", "title \"T\"\r\nproblem \"P\" {\r\n  diff x^2\r\n  wrt x\r\n}\r\n", func(t *testing.T, f *File) {
			assert.Equal(t, "T", f.Title)
			assert.Equal(t, "x^2", f.Problems[0].Statements[0].Text)
			assert.Equal(t, []string{"x"}, f.Problems[0].Statements[1].Names)
		}},
		{"no final newline", "problem \"P\" {\n  simplify x\n}", func(t *testing.T, f *File) {
			assert.Len(t, f.Problems, 1)
		}},
		{"settings after problems", "problem \"P\" { simplify x }\ntitle \"T\"\nauthor \"A\"\n", func(t *testing.T, f *File) {
			assert.Equal(t, "T", f.Title)
			assert.Equal(t, "A", f.Author)
		}},
		{"options verbatim", "option convolution = cross-correlation\noption padding.mode=zeros \n", func(t *testing.T, f *File) {
			assert.Equal(t, map[string]string{"convolution": "cross-correlation", "padding.mode": "zeros"}, f.Options)
		}},
		{"wrt elements", "problem \"P\" {\n  diff x[1] x[2]^2 w\n  wrt x[2], w, x[ 1 ]\n}\n", func(t *testing.T, f *File) {
			wrt := f.Problems[0].Statement("wrt")
			assert.Equal(t, []string{"x[2]", "w", "x[1]"}, wrt.Names)
			assert.Equal(t, []expr.Expr{expr.Index("x", expr.Int(2)), expr.Sym("w"), expr.Index("x", expr.Int(1))}, wrt.Terms)
		}},
		{"wrt a matrix element", "problem \"P\" {\n  diff W[1,2] W[2,1] + x\n  wrt W[1,2], x\n}\n", func(t *testing.T, f *File) {
			wrt := f.Problems[0].Statement("wrt")
			assert.Equal(t, []string{"W[1, 2]", "x"}, wrt.Names)
			assert.Equal(t, []expr.Expr{expr.Index("W", expr.One, expr.Two), expr.Sym("x")}, wrt.Terms)
		}},
		{"wrt a symbolic element", "problem \"P\" {\n  diff x[i]^2\n  wrt x[i]\n}\n", func(t *testing.T, f *File) {
			assert.Equal(t, []string{"x[i]"}, f.Problems[0].Statement("wrt").Names)
		}},
		{"given matrix", "problem \"P\" {\n  given W = [[1, 2], [3, pi/2]], b = [1, 2]\n  eval W[2, 2] + b[1]\n}\n", func(t *testing.T, f *File) {
			g := f.Problems[0].Statement("given")
			assert.Equal(t, []int{2, 2}, g.Bindings[0].Value.Shape())
			assert.Same(t, term(t, "pi/2"), g.Bindings[0].Value.At(2, 2), "exact")
			assert.Equal(t, []int{2}, g.Bindings[1].Value.Shape())
			assert.Empty(t, f.Warnings)
		}},
		{"mle with header parameters", "problem \"P\" {\n  mle p(y | x; w, b) = 1/2 exp(-|w x + b - y|)\n  response y\n}\n", func(t *testing.T, f *File) {
			mle := f.Problems[0].Statement("mle")
			assert.Equal(t, []string{"w", "b"}, mle.Density.Params)
			assert.Equal(t, []string{"y"}, f.Problems[0].Statement("response").Names)
		}},
		{"mle with a bare density", "problem \"P\" {\n  mle 1/sqrt(2 pi) exp(-(y - w x)^2 / 2)\n  params w\n}\n", func(t *testing.T, f *File) {
			mle := f.Problems[0].Statement("mle")
			assert.Equal(t, "", mle.Density.Name)
			assert.Same(t, mle.Density.Body, mle.Expr)
		}},
		{"eval without a name", "problem \"P\" {\n  eval 2^10 + 1\n}\n", func(t *testing.T, f *File) {
			s := f.Problems[0].Statement("eval")
			assert.Nil(t, s.Names)
			assert.Same(t, expr.Int(1025), s.Expr)
		}},
		{"given repeats and sizes", "problem \"P\" {\n  given N = 3\n  given x = [1, 2.5, 1/3], a = max(1, 2)\n  eval sum(x[i], i, 1, N) + a\n}\n", func(t *testing.T, f *File) {
			var names []string
			for _, s := range f.Problems[0].Statements {
				for _, b := range s.Bindings {
					names = append(names, b.Name)
				}
			}
			assert.Equal(t, []string{"N", "x", "a"}, names)
			x := f.Problems[0].Statements[1].Bindings[0]
			assert.Equal(t, []expr.Expr{expr.Int(1), expr.Rat(5, 2), expr.Rat(1, 3)}, x.Value.Entries())
			assert.Empty(t, f.Warnings)
		}},
		{"escapes", `problem "P \"quoted\"" { simplify x }` + "\n" + `author "a \\ b \" c $\alpha$ \\"`, func(t *testing.T, f *File) {
			assert.Equal(t, `P "quoted"`, f.Problems[0].Title)
			assert.Equal(t, `a \\ b " c $\alpha$ \\`, f.Author)
		}},
		{"raw string on one line", `title """a "b" \c{c}"""`, func(t *testing.T, f *File) {
			assert.Equal(t, `a "b" \c{c}`, f.Title)
		}},
		{"unicode columns", "problem \"Ünïcödé\" {\n\tdiff x^2\n\twrt x\n}\n", func(t *testing.T, f *File) {
			assert.Equal(t, 2, f.Problems[0].Statements[0].Pos.Col)
			assert.Equal(t, 7, f.Problems[0].Statements[0].ArgPos.Col)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, mustParse(t, tt.src))
		})
	}
}

func TestMerge(t *testing.T) {
	a := mustParse(t, "title \"A\"\noption k = 1\nproblem \"P\" { simplify x }\n")
	b := mustParse(t, "author \"B\"\nprecision 2\noption k = 2\noption j = 3\nproblem \"Q\" { simplify y }\n")
	m := Merge([]*File{a, b})
	assert.Equal(t, "A", m.Title)
	assert.Equal(t, "B", m.Author)
	assert.Equal(t, 2, m.Precision)
	assert.True(t, m.PrecisionSet)
	assert.Equal(t, map[string]string{"k": "1", "j": "3"}, m.Options)
	require.Len(t, m.Problems, 2)
	assert.Equal(t, "Q", m.Problems[1].Title)

	one := Merge([]*File{a})
	assert.Equal(t, a.Name, one.Name)
	assert.Equal(t, DefaultPrecision, Merge(nil).Precision)
}
