package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
)

func TestActivation(t *testing.T) {
	r := runCLI(t, "", "activation", "sigmoid")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "derivative:    f'(x) = sigmoid(x)*(1 - sigmoid(x)), written with f's own value\n")
	assert.Contains(t, r.stdout, "largest |f'|:  1/4, at x = 0, where f'' = 0\n")
	assert.Contains(t, r.stdout, "multiply a gradient by at most (1/4)^n: vanishing gradients in deep networks. (from: largest |f'|)")

	r = runCLI(t, "", "activation", "relu", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var a answer.Activation
	decodeStrict(t, r.stdout, &a)
	assert.Equal(t, answer.Schema, a.Schema)
	assert.Equal(t, "step(x)", a.Derivative.Plain)
	assert.Equal(t, []answer.ActivationDead{{At: 0, Below: true}}, a.Dead)
	assert.Equal(t, "+inf", a.Limits.FPlus.Kind)

	r = runCLI(t, "", "activation", "elu(x) = relu(x) + alpha*(exp(min(x, 0)) - 1), alpha = 1", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\begin{tikzpicture}`)
	assert.Contains(t, r.stdout, `\begin{tabular}`)
	assert.Contains(t, r.stdout, `\item \textbf{Advantage} (from the kinks). Differentiable at $x = 0$`)
}

func TestActivationFailures(t *testing.T) {
	for _, c := range []struct{ arg, want string }{
		{"relu(x) + alpha*x", "derivtex: 1:11: alpha has no value: give it one after a comma, alpha = 1\nrelu(x) + alpha*x\n          ^\n"},
		{"log(x)", "derivtex: 1:1: log(x) is undefined at x = -50: an activation is defined on the whole real line\nlog(x)\n^\n"},
		{"elu, alpha = b", "derivtex: 1:14: the value of alpha must be a number, not b\nelu, alpha = b\n             ^\n"},
	} {
		r := runCLI(t, "", "activation", c.arg)
		assert.Equal(t, 2, r.status, c.arg)
		assert.Equal(t, c.want, r.stderr, c.arg)
	}
}
