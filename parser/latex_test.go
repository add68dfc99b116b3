package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLaTeXMeaning reads LaTeX as students and handouts write it and
// compares each with its meaning in the plain syntax: the same term, not
// only the same value.
func TestLaTeXMeaning(t *testing.T) {
	tests := []struct{ tex, plain string }{
		// Fractions, including TeX's one-token arguments.
		{`\frac{1}{2}`, "1/2"},
		{`\frac12`, "1/2"},
		{`\frac{1}2 x`, "x/2"},
		{`\frac1{2x}`, "1/(2*x)"},
		{`\dfrac{a}{b} + \tfrac{c}{d}`, "a/b + c/d"},
		{`\frac\pi2`, "pi/2"},
		{`\frac{x+1}{x-1}`, "(x + 1)/(x - 1)"},
		{`2 \frac{x}{y}`, "2*x/y"},
		{`\frac{a}{b} c`, "a*c/b"},
		{`-\frac{x+1}{2}`, "-(x + 1)/2"},
		{`\frac{\frac{a}{b}}{c}`, "a/b/c"},
		{`a / b / c`, "a/b/c"},
		// Implicit products.
		{`2x`, "2*x"},
		{`xy`, "x*y"},
		{`2 x y^2`, "2*x*y^2"},
		{`x(1-x)`, "x*(1 - x)"},
		{`(a+b)(a-b)`, "(a + b)*(a - b)"},
		{`2 \cdot 3 x`, "6*x"},
		{`a \times b`, "a*b"},
		{`a \div b`, "a/b"},
		{`-x^2`, "-(x^2)"},
		{`-a b`, "-a*b"},
		{`a - b - c`, "a - b - c"},
		{`a - (b - c)`, "a - (b - c)"},
		// Powers and roots.
		{`x^2`, "x^2"},
		{`x^{10}`, "x^10"},
		{`x^{-1}`, "x^-1"},
		{`x^{3/2}`, "x^(3/2)"},
		{`{x^2}^3`, "(x^2)^3"},
		{`x^{y^z}`, "x^(y^z)"},
		{`x_i^2`, "x[i]^2"},
		{`x^2_i`, "x[i]^2"},
		{`\sqrt{x}`, "sqrt(x)"},
		{`\sqrt2`, "sqrt(2)"},
		{`\sqrt[3]{x}`, "x^(1/3)"},
		{`\sqrt[n]{x+1}`, "(x + 1)^(1/n)"},
		// Euler's number and pi.
		{`e^{x}`, "exp(x)"},
		{`e^x`, "exp(x)"},
		{`e^{-\frac{x^2}{2}}`, "exp(-x^2/2)"},
		{`\mathrm{e}^{x}`, "exp(x)"},
		{`\exp(x)`, "exp(x)"},
		{`\exp\left(-\lambda x\right)`, "exp(-lambda*x)"},
		{`2\pi`, "2*pi"},
		{`e`, "e"},
		// Functions: parentheses, or a bare argument that runs over the
		// juxtaposed factors up to the next function.
		{`\sin(x)`, "sin(x)"},
		{`\sin x`, "sin(x)"},
		{`\sin x y`, "sin(x*y)"},
		{`\sin 2x`, "sin(2*x)"},
		{`\sin x \cos x`, "sin(x)*cos(x)"},
		{`\sin x + 1`, "sin(x) + 1"},
		{`\sin x \cdot y`, "sin(x)*y"},
		{`\sin(x) y`, "sin(x)*y"},
		{`\sin^2 x`, "sin(x)^2"},
		{`\sin^2(x) + \cos^2(x)`, "sin(x)^2 + cos(x)^2"},
		{`\sin(x)^2`, "sin(x)^2"},
		{`\sin x^2`, "sin(x^2)"},
		{`\tan\theta`, "tan(theta)"},
		{`\sinh x + \cosh x + \tanh x`, "sinh(x) + cosh(x) + tanh(x)"},
		{`\tanh^2 x`, "tanh(x)^2"},
		{`\log x`, "log(x)"},
		{`\ln x`, "log(x)"},
		{`\ln(1 + e^{x})`, "log(1 + exp(x))"},
		{`\log_2 x`, "log(x)/log(2)"},
		{`\log_{10}(x)`, "log(x)/log(10)"},
		{`\log 2\pi\sigma^2`, "log(2*pi*sigma^2)"},
		{`\frac{1}{2}\log(2\pi) + \log\sigma`, "log(2*pi)/2 + log(sigma)"},
		{`\log \frac{a}{b}`, "log(a/b)"},
		{`\log |x|`, "log(abs(x))"},
		{`\max(a, b)`, "max(a, b)"},
		{`\min\left(a, b, c\right)`, "min(a, b, c)"},
		{`\operatorname{ReLU}(x)`, "relu(x)"},
		{`\operatorname{relu}(x)`, "relu(x)"},
		{`\operatorname{sgn}(x)`, "sign(x)"},
		{`\operatorname{sign} x`, "sign(x)"},
		{`\mathrm{sign}(x)`, "sign(x)"},
		{`\operatorname{H}(x)`, "step(x)"},
		// Activations the engine has no name for, by their definitions.
		{`\operatorname{softplus}(x)`, "log(1 + exp(x))"},
		{`\operatorname{softplus} 2x + 1`, "log(1 + exp(2*x)) + 1"},
		{`\mathrm{softplus}\left(w x\right)`, "log(1 + exp(w*x))"},
		{`\operatorname{swish}(z)`, "z*sigmoid(z)"},
		{`\operatorname{SiLU}(w x + b)`, "(w*x + b)*sigmoid(w*x + b)"},
		{`\operatorname{softsign}(x)^2`, "(x/(1 + abs(x)))^2"},
		{`\mathrm{swish}`, "swish"},
		// Primes on a function: its derivative at a variable.
		{`\sigma'(z)`, "diff(sigmoid(z), z)"},
		{`\sigma'\left(z_i\right)`, "diff(sigmoid(z[i]), z[i])"},
		{`\sigma'(z)^2`, "diff(sigmoid(z), z)^2"},
		{`\tanh''(x)`, "diff(diff(tanh(x), x), x)"},
		{`\log'(u) + \exp'(v)`, "diff(log(u), u) + diff(exp(v), v)"},
		{`\operatorname{ReLU}'(x)`, "diff(relu(x), x)"},
		{`\operatorname{softplus}'(a)`, "diff(log(1 + exp(a)), a)"},
		{`\sin x \sigma'(z)`, "sin(x)*diff(sigmoid(z), z)"},
		{`\sigma^\prime(z)`, "diff(sigmoid(z), z)"},
		{`\tanh^{\prime\prime}\left(x\right)`, "diff(diff(tanh(x), x), x)"},
		{`\sin x \sigma^{\prime}(z)`, "sin(x)*diff(sigmoid(z), z)"},
		// A definition's header: f(x) alone reads as L(w) does.
		{`f(x)`, "f*x"},
		{`h(\sigma(z))`, "h*sigmoid(z)"},
		{`L(\theta)`, "L*theta"},
		{`\ell(\lambda)`, "ell*lambda"},
		{`ℓ(λ)`, "ell*lambda"},
		{`-\ell(\theta) + \ell_1`, "-ell*theta + ell_1"},
		{`\log\Gamma(x)`, "lgamma(x)"},
		{`\psi(x)`, "polygamma(0, x)"},
		{`\psi^{(1)}(x)`, "polygamma(1, x)"},
		{`n!`, "factorial(n)"},
		{`(n+1)!`, "factorial(n + 1)"},
		// sigma: the sigmoid when applied, else the Greek letter.
		{`\sigma(z)`, "sigmoid(z)"},
		{`\sigma\left(w x + b\right)`, "sigmoid(w*x + b)"},
		{`\sigma(z)(1-\sigma(z))`, "sigmoid(z)*(1 - sigmoid(z))"},
		{`\sigma^2`, "sigma^2"},
		{`\sigma \cdot (x + 1)`, "sigma*(x + 1)"},
		{`\frac{x - \mu}{\sigma}`, "(x - mu)/sigma"},
		{`\sigma_1`, "sigma_1"},
		// Delimiters.
		{`\left(x + 1\right)^2`, "(x + 1)^2"},
		{`\left(\left(x+1\right) y\right)^2`, "((x + 1)*y)^2"},
		{`\bigl(x + 1\bigr) y`, "(x + 1)*y"},
		{`\Bigl(x\Bigr)`, "x"},
		{`\big( x \big)`, "x"},
		{`\left[x + 1\right]^2`, "(x + 1)^2"},
		{`[x + 1]^2`, "(x + 1)^2"},
		{`\{x + 1\} y`, "(x + 1)*y"},
		{`\left\{x + 1\right\} y`, "(x + 1)*y"},
		{`{x + 1} y`, "(x + 1)*y"},
		{`|x|`, "abs(x)"},
		{`|x - y| + |y|`, "abs(x - y) + abs(y)"},
		{`\lvert x \rvert`, "abs(x)"},
		{`\left| x \right|`, "abs(x)"},
		{`\left|\left| x \right| - 1\right|`, "abs(abs(x) - 1)"},
		{`\bigl| x \bigr|`, "abs(x)"},
		// Spacing is ignored.
		{`x\,y`, "x*y"},
		{`x \; y \! z \quad w \qquad v`, "x*y*z*w*v"},
		// A step's justification after \quad, at the end, is dropped.
		{`2x \quad \text{(power rule)}`, "2*x"},
		{`2x \qquad \text{by } \textrm{(3)} \, % why`, "2*x"},
		{`x^2\quad\mbox{since $x > 0$}`, "x^2"},
		{`x~y`, "x*y"},
		{`\displaystyle \frac{1}{2}`, "1/2"},
		{`\sin\mathopen{}\left(x\right)`, "sin(x)"},
		{"x % a comment\n + y", "x + y"},
		{`x^2 + 1.`, "x^2 + 1"},
		{`\frac{1}{2},`, "1/2"},
		// Numbers.
		{`3.25`, "3.25"},
		{`.5`, "0.5"},
		{`1\,000\,000`, "1000000"},
		{`3 \cdot 10^{30}`, "3*10^30"},
		// Names.
		{`\alpha + \beta`, "alpha + beta"},
		{`\Sigma`, "Sigma"},
		{`\varepsilon`, "varepsilon"},
		{`\mathbf{w}`, "w"},
		{`\boldsymbol{\theta}`, "theta"},
		{`\bm{w} + \vec{x} + \vec x`, "w + 2*x"},
		{`\mathrm{loss}`, "loss"},
		{`\mathcal{L}`, "L"},
		{`\hat{y} - y`, "y_hat - y"},
		{`\bar{x}`, "x_bar"},
		{`W_{\mathrm{out}} h`, "W_out*h"},
		{`W_{\text{out}}`, "W_out"},
		{`x_{\mathrm{max}}`, "x_max"},
		{`w_1 + w_2`, "w_1 + w_2"},
		{`w_{12}`, "w_12"},
		{`\theta_0`, "theta_0"},
		{`x_i`, "x[i]"},
		{`x_{i+1} - x_i`, "x[i + 1] - x[i]"},
		{`x_{2i}`, "x[2*i]"},
		{`W_{i,j}`, "W[i, j]"},
		{`W_{ij}`, "W_ij"},
		{`\sum_{i=1}^{N}\sum_{j=1}^{M} W_{ij}`, "sum(sum(W[i, j], j, 1, M), i, 1, N)"},
		{`W_{h1}`, "W_h1"},
		{`\mu_k`, "mu[k]"},
		{`x^{(i)}`, "x[i]"},
		{`\sum_{i=1}^{N} x_i - x_1`, "sum(x[i], i, 1, N) - x[1]"},
		{`x_1 + y`, "x_1 + y"},
		// Transposes: a scalar term is its own transpose.
		{`\mathbf{w}^\top \mathbf{x}`, "w*x"},
		{`\mathbf{w}^{\top} \mathbf{x} + b`, "w*x + b"},
		{`\mathbf{w}^T \mathbf{x}`, "w*x"},
		{`\mathbf{w}^{\mathsf{T}} \mathbf{x}`, "w*x"},
		{`x^T`, "x^T"},
		{`(\mathbf{x} - \boldsymbol\mu)^T (\mathbf{x} - \boldsymbol\mu)`, "(x - mu)^2"},
		{`(x - \mu)^T`, "(x - mu)^T"},
		{`α + β^2 + Σ`, "alpha + beta^2 + Sigma"},
		{`2π`, "2*pi"},
		{`\sigma(\mathbf{w}^\top \mathbf{x})`, "sigmoid(w*x)"},
		// Sums and products.
		{`\sum_{i=1}^{N} x_i`, "sum(x[i], i, 1, N)"},
		{`\sum_{i=1}^N x_i y_i`, "sum(x[i]*y[i], i, 1, N)"},
		{`\sum_{i=1}^{N} x_i + y`, "sum(x[i], i, 1, N) + y"},
		{`\sum\limits_{i=0}^{N-1} x_{i+1}`, "sum(x[i + 1], i, 0, N - 1)"},
		{`\sum_{i=1}^{N} (y_i - w x_i)^2`, "sum((y[i] - w*x[i])^2, i, 1, N)"},
		{`\sum_{i=1}^{N} \log x_i`, "sum(log(x[i]), i, 1, N)"},
		{`-\sum_{i=1}^{N} \log p_i`, "-sum(log(p[i]), i, 1, N)"},
		{`\prod_{i=1}^{N} \lambda e^{-\lambda x_i}`, "prod(lambda*exp(-lambda*x[i]), i, 1, N)"},
		{`\frac{1}{N}\sum_{i=1}^{N} x_i`, "sum(x[i], i, 1, N)/N"},
		// Without bounds, over the examples: i = 1 to N.
		{`\sum_i x_i`, "sum(x[i], i, 1, N)"},
		{`\sum_{i} (y_i - w x_i)^2`, "sum((y[i] - w*x[i])^2, i, 1, N)"},
		{`\prod_{n} p_n`, "prod(p[n], n, 1, N)"},
		{`\sum_j^{M} x_j`, "sum(x[j], j, 1, M)"},
		{`\sum_i \sum_j W_{ij}`, "sum(sum(W[i, j], j, 1, N), i, 1, N)"},
		{`\sum^{N}_{k=1} k`, "sum(k, k, 1, N)"},
		// Derivatives, unevaluated.
		{`\frac{\partial f}{\partial w}`, "diff(f, w)"},
		{`\frac{\partial}{\partial w} f`, "diff(f, w)"},
		{`\frac{\partial}{\partial w} w^2 x`, "diff(w^2*x, w)"},
		{`\frac{\partial}{\partial w} (w x + b)^2 + 1`, "diff((w*x + b)^2, w) + 1"},
		{`\frac{d}{dx} \sin x`, "diff(sin(x), x)"},
		{`\frac{d}{d x} x^2`, "diff(x^2, x)"},
		{`\frac{\mathrm{d}}{\mathrm{d}x} x^2`, "diff(x^2, x)"},
		{`\frac{dy}{dx}`, "diff(y, x)"},
		{`\frac{d^2}{dx^2} x^3`, "diff(diff(x^3, x), x)"},
		{`\frac{\partial^2 f}{\partial x \partial y}`, "diff(diff(f, y), x)"},
		{`\frac{\partial L}{\partial w_1}`, "diff(L, w_1)"},
		{`\frac{\partial L}{\partial \mathbf{w}}`, "diff(L, w)"},
		{`\frac{\partial}{\partial x_i} \sum_{j=1}^{N} x_j^2`, "diff(sum(x[j]^2, j, 1, N), x[i])"},
		{`\frac{d}{2}`, "d/2"},
		{`\frac{a d}{d x}`, "a*d/(d*x)"},
	}
	for _, tc := range tests {
		t.Run(tc.tex, func(t *testing.T) {
			want, err := Parse(tc.plain)
			require.NoError(t, err, "the plain syntax %s", tc.plain)
			got, err := ParseAs(LaTeX, "", tc.tex)
			require.NoError(t, err)
			assert.Equal(t, want.String(), got.String())
			assert.True(t, want == got, "%s: the same value, built differently", got)
		})
	}
}

// TestLaTeXErrors checks what a user sees for LaTeX the reader refuses:
// the position, a message that names the construct, and the caret.
func TestLaTeXErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`\int_0^1 x \, dx`, "1:1: \\int is not supported\n\\int_0^1 x \\, dx\n^"},
		{`\left( x + 1`, "1:1: unbalanced \\left(: no \\right)\n\\left( x + 1\n^"},
		{`\left( x + 1 \right]`, "1:20: \\left( closed by \\right]: expected \\right)\n\\left( x + 1 \\right]\n                   ^"},
		{`x + \right)`, "1:5: unbalanced \\right): no \\left before it\nx + \\right)\n    ^"},
		{`x \right)`, "1:3: unbalanced \\right): no \\left before it\nx \\right)\n  ^"},
		{`(x + 1`, "1:1: unclosed \"(\"\n(x + 1\n^"},
		{`x + 1)`, "1:6: unbalanced \")\": nothing open to close\nx + 1)\n     ^"},
		{`\left(\left( x \right)`, "1:1: unbalanced \\left(: no \\right)\n\\left(\\left( x \\right)\n^"},
		{`\frac{1}`, "1:9: unexpected end of input, expected the denominator of \\frac\n\\frac{1}\n        ^"},
		{`\frac{1}{2`, "1:9: unclosed \"{\"\n\\frac{1}{2\n        ^"},
		{`2^3^4`, "1:4: double superscript: write braces, x^{a^{b}} or {x^{a}}^{b}\n2^3^4\n   ^"},
		{`x^{2}^{3}`, "1:6: double superscript: write braces, x^{a^{b}} or {x^{a}}^{b}\nx^{2}^{3}\n     ^"},
		{`x_{i}_{j}`, "1:6: double subscript: write x_{i,j}\nx_{i}_{j}\n     ^"},
		{`x^-1`, "1:3: TeX takes one token after ^: write x^{-1}\nx^-1\n  ^"},
		{`x^23`, "1:4: unexpected \"3\": write \\cdot to multiply by a number (in TeX, x^23 is x^{2} 3: write x^{23})\nx^23\n   ^"},
		{`\frac123`, "1:8: unexpected \"3\": write \\cdot to multiply by a number (in TeX, x^23 is x^{2} 3: write x^{23})\n\\frac123\n       ^"},
		{`2\frac{1}{2}`, "1:2: a number before a fraction: write 2 + \\frac{1}{2} for a mixed number, or 2 \\cdot \\frac{1}{2} for a product\n2\\frac{1}{2}\n ^"},
		{`-2\frac{1}{2}`, "1:3: a number before a fraction: write 2 + \\frac{1}{2} for a mixed number, or 2 \\cdot \\frac{1}{2} for a product\n-2\\frac{1}{2}\n  ^"},
		{`\lim_{x \to 0} x`, "1:1: \\lim is not supported\n\\lim_{x \\to 0} x\n^"},
		{`\sum_{i=1}^{\infty} x_i`, "1:13: \\infty is not supported: sums have finite bounds, and there are no limits\n\\sum_{i=1}^{\\infty} x_i\n            ^"},
		{`\sum_1 x`, "1:6: \\sum needs an index and bounds: \\sum_{i=1}^{N}\n\\sum_1 x\n     ^"},
		{`\sum_{ij} x`, "1:8: unexpected \"j\", expected \"=\" and the lower bound, or \"}\": \\sum_{i=1}^{N}, \\sum_{i}\n\\sum_{ij} x\n       ^"},
		{`\sum_{i=1} x_i`, "1:1: \\sum needs an index and bounds: \\sum_{i=1}^{N}\n\\sum_{i=1} x_i\n^"},
		{`\frac{\partial}{\partial x}`, "1:28: unexpected end of input, expected what \\frac{\\partial}{\\partial ...} differentiates\n\\frac{\\partial}{\\partial x}\n                           ^"},
		{`\frac{\partial^2 f}{\partial x}`, "1:1: \\partial of order 2 above and 1 below\n\\frac{\\partial^2 f}{\\partial x}\n^"},
		{`\partial f`, "1:1: \\partial is read only in a derivative: \\frac{\\partial f}{\\partial x}\n\\partial f\n^"},
		{`\text{for all } x`, "1:1: \\text{...} is prose, not maths: leave words out of the formula\n\\text{for all } x\n^"},
		{`x = y`, "1:3: unexpected \"=\"\nx = y\n  ^"},
		{`x., y`, "1:2: unexpected \".\"\nx., y\n ^"},
		{`\begin{bmatrix} 1 \\ 0 \end{bmatrix}`, "1:1: environments (\\begin{bmatrix}, \\begin{cases}) are not supported: derivtex reads one scalar formula\n\\begin{bmatrix} 1 \\\\ 0 \\end{bmatrix}\n^"},
		{`\sin^{-1} x`, "1:5: \\sin^{-1} (the inverse function) is not supported\n\\sin^{-1} x\n    ^"},
		{`x'`, "1:2: primes are read only on a function derivtex knows, \\sigma'(z) or \\tanh'(x): write \\frac{d}{dx} and what is differentiated\nx'\n ^"},
		{`f'(x)`, "1:2: primes are read only on a function derivtex knows, \\sigma'(z) or \\tanh'(x): write \\frac{d}{dx} and what is differentiated\nf'(x)\n ^"},
		{`\sigma'(w x)`, "1:8: \\sigma'(...) is read only at a variable, \\sigma'(z): for an expression, write the derivative out\n\\sigma'(w x)\n       ^"},
		{`f^\prime(x)`, "1:3: primes are read only on a function derivtex knows, \\sigma'(z) or \\tanh'(x): write \\frac{d}{dx} and what is differentiated\nf^\\prime(x)\n  ^"},
		{`\sigma' z`, "1:9: \\sigma' takes its argument in parentheses: \\sigma'(z)\n\\sigma' z\n        ^"},
		{`\max'(a, b)`, "1:5: primes are read only on a function of one argument: \\max' is not one\n\\max'(a, b)\n    ^"},
		{`\operatorname{lrelu}(x)`, "1:1: the leaky ReLU has a slope to choose: write \\max(x, a x)\n\\operatorname{lrelu}(x)\n^"},
		{`\operatorname{softplus}(x, y)`, "1:1: \\operatorname{softplus} takes 1 argument, got 2\n\\operatorname{softplus}(x, y)\n^"},
		{`p(y \mid x, \theta)`, "1:5: \\mid (a conditional, p(y \\mid x)) is not supported: write the density out as a formula of its variables\np(y \\mid x, \\theta)\n    ^"},
		{`\nabla_w f`, "1:1: \\nabla (a gradient) is not supported: write each partial derivative, \\frac{\\partial f}{\\partial w}\n\\nabla_w f\n^"},
		{`2x \quad \text{(a)} + 1`, "1:10: \\text{...} is prose, not maths: leave words out of the formula\n2x \\quad \\text{(a)} + 1\n         ^"},
		{`f(x) + 1`, "1:1: f(...) reads as a function, and functions cannot be variables: write f \\cdot (...) for a product\nf(x) + 1\n^"},
		{`2 g(x)`, "1:3: g(...) reads as a function, and functions cannot be variables: write g \\cdot (...) for a product\n2 g(x)\n  ^"},
		{`\|x\|`, "1:1: \\|: norms are not supported\n\\|x\\|\n^"},
		{`\left. x \right|`, "1:1: \\left. (an invisible delimiter) is not supported\n\\left. x \\right|\n^"},
		{`\operatorname{softmax}(x)`, "1:1: unknown function \"softmax\"\n\\operatorname{softmax}(x)\n^"},
		{`\max x`, "1:6: \\max takes its arguments in parentheses: \\max(a, b)\n\\max x\n     ^"},
		{`\frac{1}{x - x}`, "1:1: undefined value: division by zero\n\\frac{1}{x - x}\n^"},
		{`x_i + x`, "1:7: x has no index, but x_i before it has 1 index\nx_i + x\n      ^"},
		{`\frac{d}{dx} x + \frac{d}{d\pi} x`, "1:28: diff needs a variable to differentiate by\n\\frac{d}{dx} x + \\frac{d}{d\\pi} x\n                           ^"},
		{"x +\n  \\int x", "2:3: \\int is not supported\n  \\int x\n  ^"},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			_, err := ParseAs(LaTeX, "", tc.src)
			require.Error(t, err)
			assert.Equal(t, tc.want, render(err))
		})
	}
}

// FuzzLaTeX feeds arbitrary text to the LaTeX reader. It may refuse it,
// with a positioned input error, but never panic; a term it reads must
// print (latex.Expr) to LaTeX that it reads or refuses, and print in the plain
// syntax to text that the plain parser reads back to the same term. The
// seeds in testdata/fuzz/FuzzLaTeX run with go test.
func FuzzLaTeX(f *testing.F) {
	for _, s := range []string{`\frac12`, `\sum_{i=1}^{N} x_i \log x_i`, `\left(\sigma(z)\right)^2`,
		`\frac{\partial^2 f}{\partial x \partial y}`, `W_{\mathrm{out},i}`, `|x|y|z|`, `\sqrt[3]{x^{(i)}}`,
		`\sigma'(z) + \operatorname{softplus} x \sum_i \ell_i \quad \text{(a)}`, `f(x)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		x, err := ParseAs(LaTeX, "", src)
		if err != nil {
			e, ok := err.(*diag.Error)
			if !ok || e.Kind == diag.Internal {
				t.Fatalf("%q: %T: %v", src, err, err)
			}
			_ = e.Snippet()
			return
		}
		// Its LaTeX may not read back to it: LaTeX writes some names
		// alike (TestLaTeXRoundTrip covers those it tells apart), but
		// reading it fails, if at all, as input.
		if _, err := ParseAs(LaTeX, "", latex.Expr(x)); err != nil {
			if e, ok := err.(*diag.Error); !ok || e.Kind == diag.Internal {
				t.Fatalf("%q read as %s, whose LaTeX %s fails: %v", src, x, latex.Expr(x), err)
			}
		}
		y, err := Parse(expr.Plain(x))
		if err != nil && nearFoldLimit(x) {
			return
		}
		require.NoError(t, err, "%q read as %s", src, expr.Plain(x))
		require.True(t, x == y, "%q read as %s, which reads back as %s", src, expr.Plain(x), expr.Plain(y))
	})
}

// BenchmarkLaTeX measures a handout's line (a Gaussian negative
// log-likelihood) and a long sum, the LaTeX counterparts of
// BenchmarkParse's inputs.
func BenchmarkLaTeX(b *testing.B) {
	var terms []string
	for k := range 1000 {
		terms = append(terms, fmt.Sprintf(`\frac{%d}{%d} x_{%d}^{2} w`, k+1, k%7+2, k))
	}
	inputs := []struct{ name, src string }{
		{"typical", `\frac{N}{2}\log\left(2\pi\sigma^2\right) + \frac{1}{2\sigma^2}\sum_{i=1}^{N}\left(y_i - \mathbf{w}^\top \mathbf{x}_i\right)^2 + \lambda \lvert w \rvert`},
		{"long sum", strings.Join(terms, " - ")},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseAs(LaTeX, "", in.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLaTeXHostile: input built to exhaust the reader fails fast with a
// positioned error, as plain syntax does (limits.go).
func TestLaTeXHostile(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"braces", strings.Repeat("{", 20000) + "x" + strings.Repeat("}", 20000), "nesting deeper than 5000"},
		{"left", strings.Repeat(`\left(`, 20000) + "x", "nesting deeper than 5000"},
		{"frac", strings.Repeat(`\frac{1}{`, 20000) + "x", "nesting deeper than 5000"},
		{"factorials", "x" + strings.Repeat("!", 100000), "nesting deeper than 5000"},
		{"minus", strings.Repeat("-", 100000) + "x", "nesting deeper than 5000"},
		{"derivatives", strings.Repeat(`\frac{d}{dx} `, 20000) + "x", "nesting deeper than 5000"},
		{"subscripts", strings.Repeat(`x_{`, 20000), "nesting deeper than 5000"},
		{"digits", strings.Repeat("9", 500000), "number too large"},
		{"digit groups", "1" + strings.Repeat(`\,000`, 100000), "number too large"},
		{"products", strings.Repeat("x ", 200000), "expression too large: more than 100000 operands and operators"},
		{"large", strings.Repeat("x", MaxInputBytes+1), "input larger than 1 MiB"},
		// Each \quad looks for a justification after it: once for the run.
		{"quads", strings.Repeat(`\quad `, 170000) + `\text{a} x`, `\text{...} is prose`},
		{"primes", `\sigma` + strings.Repeat("'", 100000) + "(z)", "the order of a derivative is a whole number from 1 to 9"},
		{"prime scripts", `\sigma^{` + strings.Repeat(`\prime`, 100000) + "}(z)", "the order of a derivative is a whole number from 1 to 9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseAs(LaTeX, "", tc.src)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestParseSyntax: the names --input takes.
func TestParseSyntax(t *testing.T) {
	for name, want := range map[string]Syntax{"": Plain, "plain": Plain, "latex": LaTeX, "tex": LaTeX} {
		s, err := ParseSyntax(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, s, name)
	}
	_, err := ParseSyntax("mathml")
	assert.EqualError(t, err, `unknown input syntax "mathml" (want plain or latex)`)
	assert.Equal(t, "latex", LaTeX.String())
	assert.Equal(t, "plain", Plain.String())
}

// TestLaTeXUses: the names a LaTeX term uses are reported as written, at
// their first use, so that a caller binding values reports a mismatch
// there.
func TestLaTeXUses(t *testing.T) {
	_, uses, err := ParseTermAs(LaTeX, "", `\alpha + \sum_{i=1}^{N} W_{i,j} x_{i} + w_{1} + \mathbf{v}`)
	require.NoError(t, err)
	var got []string
	for _, u := range uses {
		got = append(got, fmt.Sprintf("%s/%d %q at %d:%d free %v", u.Name, u.Indices, u.Text, u.Pos.Line, u.Pos.Col, u.Free.IsValid()))
	}
	assert.Equal(t, []string{
		`alpha/0 "\\alpha" at 1:1 free true`,
		`N/0 "N" at 1:22 free true`,
		`W/2 "W_{i,j}" at 1:25 free true`,
		`i/0 "i" at 1:28 free false`,
		`j/0 "j" at 1:30 free true`,
		`x/1 "x_{i}" at 1:33 free true`,
		`w_1/0 "w_{1}" at 1:41 free true`,
		`v/0 "\\mathbf{v}" at 1:49 free true`,
	}, got)
}

// TestParseManyAs: the sides of a derivation decide their names alike.
func TestParseManyAs(t *testing.T) {
	srcs := []string{`\sum_{i=1}^{N} x_i - x_1`, `x_1 + w_1`, `\int x`, `x_{2}`}
	xs, errs := ParseManyAs(LaTeX, "", srcs)
	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	require.NoError(t, errs[3])
	assert.Equal(t, "1:1: \\int is not supported\n\\int x\n^", render(errs[2]))
	assert.Nil(t, xs[2])
	for k, want := range map[int]string{0: "sum(x[i], i, 1, N) - x[1]", 1: "x[1] + w_1", 3: "x[2]"} {
		assert.True(t, xs[k] == mustParse(t, want), "%s read as %s, want %s", srcs[k], xs[k], want)
	}
	alone, err := ParseAs(LaTeX, "", `x_1 + w_1`)
	require.NoError(t, err)
	assert.Equal(t, "w_1 + x_1", alone.String(), "alone, x_1 is a symbol")
	xs, errs = ParseManyAs(Plain, "", []string{"x[1]", "x +"})
	assert.True(t, xs[0] == mustParse(t, "x[1]"))
	assert.Error(t, errs[1])
}

func mustParse(t *testing.T, src string) expr.Expr {
	t.Helper()
	x, err := Parse(src)
	require.NoError(t, err)
	return x
}
