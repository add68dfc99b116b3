// Package nettest writes the networks the benchmarks run, in derivtex's
// plain syntax, with fixed inputs: a long chain of scalar functions and a
// deep multilayer perceptron. bench/cmd/derivbench hands the same
// networks and inputs to PyTorch and SymPy (bench/README.md).
package nettest

import (
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// Network is a program with values for its inputs.
type Network struct {
	Src    string
	Inputs map[string]tensor.Tensor
	// Order lists the inputs in the order the program introduces them.
	Order []string
}

// Shapes is the shape of each input, as network.Build takes them.
func (n Network) Shapes() map[string][]int {
	out := map[string][]int{}
	for name, t := range n.Inputs {
		out[name] = t.Shape()
	}
	return out
}

// ChainFuncs are the functions of Chain, in turn.
var ChainFuncs = []string{"sin", "tanh"}

// Chain is z1 = sin(x); z2 = tanh(z1); z3 = sin(z2); ... and last
// L = f(z(n-1)): n scalar operations in n assignments (the parser takes
// at most 1000), at x = 1/2. Both functions take small values to
// values as small, with a slope near 1, so the gradient shrinks only like
// a power of n and stays far from float64's underflow at n = 1000.
func Chain(n int) Network {
	var b strings.Builder
	prev := "x"
	for k := 1; k <= n; k++ {
		z := fmt.Sprintf("z%d", k)
		if k == n {
			z = "L"
		}
		fmt.Fprintf(&b, "%s = %s(%s)\n", z, ChainFuncs[(k-1)%len(ChainFuncs)], prev)
		prev = z
	}
	return Network{Src: b.String(), Inputs: map[string]tensor.Tensor{"x": tensor.Scalar(expr.Rat(1, 2))}, Order: []string{"x"}}
}

// MLP is layers dense layers of width x width with tanh,
// h_k = tanh(W_k h_{k-1} + b_k) from h0 = x, and L = sum(h_n * h_n).
// Every input entry is Entry of its name and place, a multiple of 1/256,
// exact in float64 as in expr.
func MLP(layers, width int) Network {
	var b strings.Builder
	net := Network{Inputs: map[string]tensor.Tensor{}}
	add := func(name string, shape ...int) {
		count := 1
		for _, d := range shape {
			count *= d
		}
		entries := make([]expr.Expr, count)
		for i := range entries {
			entries[i] = expr.Rat(Entry(name, i), 256)
		}
		t, err := tensor.New(shape, entries)
		if err != nil {
			panic(err)
		}
		net.Inputs[name] = t
		net.Order = append(net.Order, name)
	}
	add("x", width)
	prev := "x"
	for k := 1; k <= layers; k++ {
		w, bias, h := fmt.Sprintf("W%d", k), fmt.Sprintf("b%d", k), fmt.Sprintf("h%d", k)
		add(w, width, width)
		add(bias, width)
		fmt.Fprintf(&b, "%s = tanh(%s %s + %s)\n", h, w, prev, bias)
		prev = h
	}
	fmt.Fprintf(&b, "L = sum(%s * %s)\n", prev, prev)
	net.Src = b.String()
	return net
}

// Entry is the numerator (over 256) of the i-th entry, row-major, of the
// input named name: a pseudo-random integer in [-40, 40], so a weight is
// at most 0.16 and a layer's sums stay where tanh is not flat. It depends
// only on the name and i, so any other program can compute it.
func Entry(name string, i int) int64 {
	h := uint64(14695981039346656037) // FNV-1a of the name, then i mixed in
	for _, c := range []byte(name) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	h ^= uint64(i) * 0x9E3779B97F4A7C15
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 29
	return int64(h%81) - 40
}
