package solve_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/problems"
	"github.com/derivtex/derivtex/solve"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func solveSource(t testing.TB, name, src string) *solve.Document {
	t.Helper()
	f, err := problem.Parse(name, src)
	require.NoError(t, err)
	d, err := solve.File(t.Context(), f)
	require.NoError(t, err)
	return d
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	assert.Equal(t, readFile(t, path), got, "golden %s (go test ./solve -update to refresh)", path)
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ name, src, golden string }{
		{problems.MidtermAName, problems.MidtermA, "midterm-a.golden.tex"},
		{"kinds.drv", readFile(t, "../testdata/kinds.drv"), "kinds.golden.tex"},
		{"given.drv", readFile(t, "testdata/given.drv"), "given.golden.tex"},
		{"backprop.drv", readFile(t, "testdata/backprop.drv"), "backprop.golden.tex"},
		{"course.drv", readFile(t, "testdata/course.drv"), "course.golden.tex"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := solveSource(t, tc.name, tc.src)
			tex := d.LaTeX(false)
			golden(t, tc.golden, tex)
			// Solving is deterministic, also when problems run in parallel.
			again := solveSource(t, tc.name, tc.src).LaTeX(false)
			require.Equal(t, tex, again)
		})
	}
}

func TestFragmentIsTheBody(t *testing.T) {
	d := solveSource(t, problems.MidtermAName, problems.MidtermA)
	frag := d.LaTeX(true)
	assert.NotContains(t, frag, `\documentclass`)
	assert.NotContains(t, frag, `\begin{document}`)
	assert.Contains(t, d.LaTeX(false), frag)
}

// TestTikZOnlyWhenDrawn: the midterm's network is drawn, with TikZ in the
// preamble; a handout without networks does not load TikZ.
func TestTikZOnlyWhenDrawn(t *testing.T) {
	tex := solveSource(t, problems.MidtermAName, problems.MidtermA).LaTeX(false)
	assert.Contains(t, tex, "\\usepackage{tikz}\n\\usetikzlibrary{arrows.meta}\n")
	assert.Equal(t, 14, strings.Count(tex, `\begin{tikzpicture}`), "the graphs of questions 3, 4 and 6 (two), the windows of question 5 (three), the activations of question 9 (four), the loss curves of question 11 (three)")
	tex = solveSource(t, "kinds.drv", readFile(t, "../testdata/kinds.drv")).LaTeX(false)
	assert.NotContains(t, tex, "tikz")
}

func TestAnswers(t *testing.T) {
	d := solveSource(t, "kinds.drv", readFile(t, "../testdata/kinds.drv"))
	byTitle := map[string]answer.Problem{}
	for _, s := range d.Solutions {
		byTitle[s.Problem.Title] = s.Answer
		assert.Equal(t, s.Problem.Title, s.Answer.Title)
		assert.Equal(t, s.Kind, s.Answer.Kind)
	}
	fwd := byTitle["Forward pass with numbers"].Eval
	require.NotNil(t, fwd)
	assert.Equal(t, "y", fwd.Name)
	assert.Equal(t, "2", fwd.Exact.Plain)
	require.NotNil(t, fwd.Value)
	assert.Equal(t, 2.0, fwd.Value)

	exact := byTitle["An exact value and its decimal"].Eval
	assert.Equal(t, "pi - 1/4", exact.Exact.Plain)
	assert.InDelta(t, 2.8916, exact.Value, 1e-4)

	gauss := byTitle["A Gaussian's mean and scale"].MLE
	require.NotNil(t, gauss)
	est := map[string]string{}
	for _, e := range gauss.Estimates {
		est[e.Param] = e.Plain
	}
	assert.Equal(t, "sum(y[i], i, 1, N)/N", est["mu"])
}

// TestGivenInDiff: a diff problem with given values also answers the
// derivative at them, exactly and as a decimal when it is a number, and
// without them stays as it was (the kinds golden).
func TestGivenInDiff(t *testing.T) {
	d := solveSource(t, "given.drv", readFile(t, "testdata/given.drv"))
	byTitle := map[string]map[string]answer.Diff{}
	for _, s := range d.Solutions {
		byTitle[s.Problem.Title] = map[string]answer.Diff{}
		for _, a := range s.Answer.Diff {
			byTitle[s.Problem.Title][a.Wrt] = a
		}
	}
	at := byTitle["A derivative at given values"]
	assert.Equal(t, "2*x*cos(w)*sin(w)", at["w"].Result.Plain)
	require.NotNil(t, at["w"].AtGiven)
	assert.Equal(t, "sqrt(3)", at["w"].AtGiven.Exact.Plain)
	require.NotNil(t, at["w"].AtGiven.Value)
	assert.InDelta(t, 1.7320508, at["w"].AtGiven.Value, 1e-7)
	assert.Equal(t, "3/4", at["x"].AtGiven.Exact.Plain)

	m := byTitle["An element of a weight matrix"]["W[1, 2]"].AtGiven
	assert.Equal(t, "3", m.Exact.Plain)

	partial := byTitle["A derivative at some of its variables"]["w"].AtGiven
	assert.Equal(t, "8*exp(2*w)", partial.Exact.Plain)
	assert.Nil(t, partial.Value, "w is not given: no number")

	for _, s := range solveSource(t, "kinds.drv", readFile(t, "../testdata/kinds.drv")).Solutions {
		for _, a := range s.Answer.Diff {
			assert.Nil(t, a.AtGiven, "no given, no answer at it")
		}
	}
}

func TestGivenErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"derivative undefined at the given values", "problem \"P\" {\n    given x = 0\n    diff log(x)\n    wrt x\n}\n",
			"f.drv:2:11: d/dx: undefined at the given values: division by zero"},
		{"an element past the end of its vector", "problem \"P\" {\n    given x = [1, 2]\n    eval y = sum(x[i], i, 1, 3)\n}\n",
			"f.drv:3:10: index 3 out of range 1..2: x is a vector of 2 entries (in x[3])"},
		{"an element past the end of its matrix, in diff", "problem \"P\" {\n    given W = [[1, 2], [3, 4]]\n    diff W[1, 3]^2 + W[1, 1]\n    wrt W[1, 1]\n}\n",
			"f.drv:3:10: second index 3 out of range 1..2: W is a 2x2 matrix (in W[1, 3])"},
		{"a value too large for a float", "problem \"P\" {\n    given x = [1, exp(1000)]\n    eval x[2]\n}\n",
			"f.drv:3:10: value overflows a float64 (in exp(1000))"},
		{"a sum too long to write out, without a value", "problem \"P\" {\n    given x = [" + strings.Repeat("1, ", 1000) + "0]\n    eval y = sum(log(x[i]), i, 1, 1001)\n}\n",
			"f.drv:3:10: log of non-positive number 0 (in log(x[i]))"},
		{"a sum too long to write out, past the end", "problem \"P\" {\n    given x = [" + strings.Repeat("1, ", 1000) + "0]\n    eval y = sum(x[i], i, 1, 1002)\n}\n",
			"f.drv:3:10: index 1002 out of range 1..1001: x is a vector of 1001 entries (in x[i])"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := problem.Parse("f.drv", tc.src)
			require.NoError(t, err)
			_, err = solve.File(t.Context(), f)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

// TestCompiles typesets the golden documents with pdflatex. On CI (CI=true)
// a missing pdflatex is a failure: .ci/run installs it.
func TestCompiles(t *testing.T) {
	requireTeX(t)
	for _, tc := range []struct{ name, src string }{
		{problems.MidtermAName, problems.MidtermA},
		{"kinds.drv", readFile(t, "../testdata/kinds.drv")},
		{"given.drv", readFile(t, "testdata/given.drv")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := solveSource(t, tc.name, tc.src)
			pdf := filepath.Join(t.TempDir(), "out.pdf")
			require.NoError(t, solve.CompilePDF(d.LaTeX(false), pdf, solve.PDFOptions{}))
			st, err := os.Stat(pdf)
			require.NoError(t, err)
			assert.Greater(t, st.Size(), int64(1000))
		})
	}
}

func TestLaTeXErrorsNameTheLine(t *testing.T) {
	requireTeX(t)
	tex := "\\documentclass{article}\n\\begin{document}\nfine\n\\undefinedmacro\n\\end{document}\n"
	err := solve.CompilePDF(tex, filepath.Join(t.TempDir(), "x.pdf"), solve.PDFOptions{})
	var le *solve.LaTeXError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, 4, le.Line)
	assert.True(t, strings.HasPrefix(le.Msg, "Undefined control sequence"), le.Msg)
}

func BenchmarkSolveMidterm(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f, err := problem.Parse(problems.MidtermAName, problems.MidtermA)
		if err != nil {
			b.Fatal(err)
		}
		d, err := solve.File(b.Context(), f)
		if err != nil {
			b.Fatal(err)
		}
		_ = d.LaTeX(false)
	}
}

// TestOptionCSE: with option cse on, a diff problem's derivation names the
// parts its question and answer share, however small, and the boxed
// answer uses the names; the derivatives it works out stay written out.
func TestOptionCSE(t *testing.T) {
	src := `problem "P" {
    diff tanh(a*x + c)^3 + exp(tanh(a*x + c))
    wrt a
}
`
	plain := solveSource(t, "p.drv", src).Solutions[0].Body
	assert.NotContains(t, plain, "u_{1}")

	named := solveSource(t, "p.drv", "option cse = on\n"+src).Solutions[0].Body
	assert.Contains(t, named, "\\intertext{where}\nu_{1} &= \\tanh\\mathopen{}\\left(a x + c\\right)\n\\end{align*}")
	assert.Contains(t, named, `\frac{\partial}{\partial a} \left(a x + c\right)`, "the derivatives worked out are not named")
	boxed := named[strings.Index(named, `\boxed`):]
	assert.Contains(t, boxed, `u_{1}^{2}`)
	assert.NotContains(t, boxed, `\tanh`)

	off := solveSource(t, "p.drv", "option cse = off\n"+src).Solutions[0].Body
	assert.Equal(t, plain, off)

	// The JSON answer names what the handout names.
	a := solveSource(t, "p.drv", "option cse = on\n"+src).Solutions[0].Answer.Diff[0]
	require.Len(t, a.Terms, 1)
	assert.Equal(t, "tanh(a*x + c)", a.Terms[0].Plain)
	assert.Equal(t, "x*(1 - u1^2)*(3*u1^2 + exp(u1))", a.Result.Plain)
}

// TestNetworkAnswer: the embedded midterm's backpropagation question is
// answered with the network's gradient and update, as the command gives
// them.
func TestNetworkAnswer(t *testing.T) {
	d := solveSource(t, problems.MidtermAName, problems.MidtermA)
	var net *answer.Network
	for _, s := range d.Solutions {
		if s.Problem.Title == "Simple backpropagation" {
			net = s.Answer.Network
		}
	}
	require.NotNil(t, net)
	assert.Equal(t, "[0, 1/2]", net.Gradients["w"].Exact.Plain)
	assert.Equal(t, "[pi/2, pi - 1/4]", net.Update["w"].Exact.Plain)
	assert.Equal(t, "-log(2)", net.Loss.Exact.Plain)

	// Another network: its error at its place.
	f, err := problem.Parse("n.drv", "problem \"N\" {\n    network z = w x; L = -log(z)\n    given w = 1, x = 0\n}\n")
	require.NoError(t, err)
	_, err = solve.File(t.Context(), f)
	require.Error(t, err)
	assert.Equal(t, "n.drv:2:27: log(z): the log of 0, which is not positive", err.Error())
}

// TestNetworkConstantLoss: a loss that depends on no input has no
// backward pass; the handout says so rather than failing, and one step
// is "One step".
func TestNetworkConstantLoss(t *testing.T) {
	for _, src := range []string{
		"problem \"C\" {\n    network L = 3\n}\n",
		"problem \"C\" {\n    network y = x; L = 3\n    given x = 1\n    lr 1\n    steps 1\n}\n",
	} {
		d := solveSource(t, "c.drv", src)
		tex := d.LaTeX(false)
		assert.Contains(t, tex, `The loss $L$ is a constant: its gradient by every input is $0$`)
	}
	tex := solveSource(t, "s.drv", "problem \"S\" {\n    network L = x * x\n    given x = 1\n    lr 1/4\n    steps 1\n}\n").LaTeX(false)
	assert.Contains(t, tex, `\paragraph{Training.} One step of gradient descent`)
}

// TestTensorEvalStamps: an eval of a convolution or a pooling shows the
// size formula with the numbers put in and every stamp (the seed's
// question 5, and a case it does not have: a 1-D pooling of averages).
func TestTensorEvalStamps(t *testing.T) {
	tex := solveSource(t, "c.drv", `problem "S" {
    eval  y = conv2d(x, w, stride: 3, pad: 1)
    given x = [[1, 0, 2], [2, 1, -1], [0, 0, 2]], w = [[1, -1], [0, 2]]
}
problem "A" {
    eval  y = avgpool(x, 2, stride: 1)
    given x = [1, 3, 5]
}
problem "T" {
    eval  y = W x
    given W = [[1, 2], [3, 4]], x = [1, 1]
}
problem "B" {
    eval  W + 1
    given W = [[1, 2], [3, 4]]
}
`).LaTeX(false)
	assert.Contains(t, tex, `\left\lfloor \frac{3 + 2 \cdot 1 - 1 \cdot (2 - 1) - 1}{3} \right\rfloor + 1 = 2`)
	assert.Contains(t, tex, `y_{11} &= 1 \cdot 0 + \left(-1\right) \cdot 0 + 0 \cdot 0 + 2 \cdot 1 = 2`)
	assert.Contains(t, tex, `y_{22} &= 1 \cdot 2 + \left(-1\right) \cdot 0 + 0 \cdot 0 + 2 \cdot 0 = 2`)
	assert.Contains(t, tex, `y_{2} &= \frac{1}{2}(3 + 5) = 4`)
	assert.Contains(t, tex, `\boxed{y = \begin{bmatrix} 3 \\ 7 \end{bmatrix}}`)
	assert.Contains(t, tex, `\boxed{y = \begin{bmatrix} 2 & 3 \\ 4 & 5 \end{bmatrix}}`, "a matrix used whole, as eval on the command line reads it")
}

// TestConvolutionOption: option convolution = flipped makes the file's
// convolutions true ones, and the solution says so.
func TestConvolutionOption(t *testing.T) {
	tex := solveSource(t, "f.drv", `option convolution = flipped
problem "F" {
    eval  y = conv2d(x, w)
    given x = [[1, 0, 2], [2, 1, -1], [0, 0, 2]], w = [[1, -1], [0, 2]]
}
`).LaTeX(false)
	assert.Contains(t, tex, "a true convolution: the kernel is flipped")
	assert.Contains(t, tex, `y_{11} &= 2 \cdot 1 + 0 \cdot 0 + \left(-1\right) \cdot 2 + 1 \cdot 1 = 1`)
}

// TestPoolingSettingsInForwardRows: a forward row writes a pooling's or a
// convolution's window, stride and padding as the author wrote them.
func TestPoolingSettingsInForwardRows(t *testing.T) {
	tex := solveSource(t, "p.drv", "problem \"P\" {\n    network z = conv1d(x, w, stride: 1, pad: same); f = maxpool(z, 2, stride: 1, pad: 1)[1]\n    given x = [2, 1, 2], w = [1, 0, 1]\n}\n").LaTeX(false)
	assert.Contains(t, tex, `\operatorname{maxpool}\mathopen{}\left(z, 2, \text{stride: } 1, \text{pad: } 1\right)`)
	assert.Contains(t, tex, `\operatorname{conv1d}\mathopen{}\left(x, w, \text{stride: } 1, \text{pad: } \text{same}\right)`)
}
