package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
)

// TestCheckLaTeX: derivations written in LaTeX, end to end through the
// LaTeX reader (add when it merges).
func TestCheckLaTeX(t *testing.T) {
	tests := []struct {
		name, src  string
		args       []string
		firstWrong int // 0: none
		hintKind   string
		verdict    string
	}{
		{"seed question 1 with its sum slip", `\begin{align*}
-\log L(w) &= -\sum_{i=1}^{N} \log\left(x_i w e^{-x_i w y_i}\right) \\
  &= -\sum_{i=1}^{N} \left(\log x_i + \log w - x_i w y_i\right) \\
  &= -\sum_{i=1}^{N} \log x_i - \log w + w \sum_{i=1}^{N} x_i y_i
\end{align*}`, []string{"--assume", "w > 0, x[i] > 0, y[i] > 0", "--wrt", "w"}, 4, "sum-n", "not equal"},
		{"seed question 1, argmin", `\begin{align*}
-\sum_{i=1}^{N} \log\left(x_i w e^{-x_i w y_i}\right)
  &= -\sum_{i=1}^{N} \log x_i - N \log w + w \sum_{i=1}^{N} x_i y_i \\
  &\stackrel{\arg\min_w}{=} w \sum_{i=1}^{N} x_i y_i - N \log w \\
  &\stackrel{\arg\min_w}{=} \frac{1}{N} \left(w \sum_{i=1}^{N} x_i y_i - N \log w\right) + 7
\end{align*}`, []string{"--assume", "w > 0, x[i] > 0, y[i] > 0"}, 0, "", "equal"},
		{"sigmoid with a sign slip", `\begin{align*}
\frac{d}{dx} \frac{1}{1 + e^{-x}} &= \frac{e^{-x}}{(1 + e^{-x})^2} \\
 &= \sigma(x) \left(1 - \sigma(x)\right) \\
 &= \sigma(x) + \sigma(x)^2
\end{align*}`, nil, 4, "sign", "not equal"},
		{"Laplace, up to a constant", `\begin{aligned}
-\sum_{i=1}^N \log \frac{1}{2} e^{-|w x_i + b - y_i|} &= N \log 2 + \sum_{i=1}^N |w x_i + b - y_i| \\
  &\stackrel{c}{=} \sum_{i=1}^N |w x_i + b - y_i|
\end{aligned}`, []string{"--wrt", "w,b"}, 0, "", "equal"},
		{"log of a sum", `$$\log(a + b) = \log a + \log b$$`, nil, 1, "log-exp-rule", "not equal"},
		{"log of a product, conditions", `$$\log(a b) = \log a + \log b$$`, nil, 0, "", "equal under conditions"},
		{"MLE: defined name, set to zero, solved", `\begin{align*}
\ell(\beta) &= \sum_{i=1}^{N} \left(a \log\beta - \beta x_i\right) \\
\frac{\partial \ell}{\partial \beta} &= \frac{N a}{\beta} - \sum_{i=1}^{N} x_i = 0 \\
\implies \hat\beta &= \frac{N a}{\sum_{i=1}^{N} x_i}
\end{align*}`, []string{"--assume", "beta > 0, a > 0, x[i] > 0"}, 0, "", "equal"},
		{"MLE: the solution inverted", `\begin{align*}
\mathcal{J}(\beta) &= a \log\beta - \beta S \\
\frac{d\mathcal{J}}{d\beta} &= \frac{a}{\beta} - S = 0 \\
\Rightarrow \hat\beta &= \frac{S}{a}
\end{align*}`, []string{"--assume", "beta > 0, a > 0, S > 0"}, 4, "solution", "not equal"},
		{"justifications after \\quad, a sign slip", `\begin{align*}
f(z) &= \sigma'(z) \\
 &= \sigma(z)(1 - \sigma(z)) \quad \text{(derivative of the sigmoid)} \\
 &= \sigma(z) + \sigma(z)^2 \qquad \text{(expanding)}
\end{align*}`, nil, 4, "sign", "not equal"},
		{"chain rule factor missing", `\begin{align*} \frac{\partial}{\partial w} \tanh(w x + b) &= 1 - \tanh^2(w x + b) \end{align*}`, nil, 1, "chain", "not equal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.src, append([]string{"check", "--input", "latex", "--json"}, tc.args...)...)
			require.Equal(t, 0, r.status, r.stderr)
			var a answer.Check
			decodeStrict(t, r.stdout, &a)
			assert.Equal(t, tc.verdict, a.Verdict, r.stdout)
			if tc.firstWrong == 0 {
				assert.Nil(t, a.FirstWrong, r.stdout)
				return
			}
			require.NotNil(t, a.FirstWrong, r.stdout)
			assert.Equal(t, tc.firstWrong, *a.FirstWrong)
			for _, s := range a.Steps {
				if s.Line == tc.firstWrong && s.Verdict == "not equal" {
					assert.Equal(t, tc.hintKind, s.HintKind, s.Hint)
				}
			}
		})
	}
	// A LaTeX error is placed in the file, under its source line.
	r := runCLI(t, "\\begin{align*}\n a &= \\frac{1}{ \\\\\n &= b\n\\end{align*}", "check", "--input", "latex")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "derivtex: 2:")
}
