package network_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/derivtex/derivtex/internal/nettest"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
)

// The benchmarks time each stage of Run on the networks of nettest:
// forward alone, forward and backward, and the whole Run (which also
// turns every value and adjoint into a tensor of exact entries). The
// backward pass costs the second figure less the first.

func benchNetwork(b *testing.B, net nettest.Network, exactly bool) {
	prog, err := parser.ParseNetwork("", net.Src)
	if err != nil {
		b.Fatal(err)
	}
	g, err := network.Build(prog, net.Shapes(), "")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	stages := []struct {
		name string
		run  func() error
	}{
		{"forward", func() error { return network.RunForward(ctx, g, net.Inputs, exactly) }},
		{"backward", func() error { return network.RunBackward(ctx, g, net.Inputs, exactly) }},
		{"run", func() error { _, err := network.Run(ctx, g, net.Inputs, exactly); return err }},
	}
	for _, s := range stages {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := s.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkChain: z1 = sin(x), z2 = tanh(z1), ... 1000 scalar operations.
func BenchmarkChain(b *testing.B) {
	for _, exactly := range []bool{false, true} {
		b.Run(mode(exactly), func(b *testing.B) { benchNetwork(b, nettest.Chain(1000), exactly) })
	}
}

// BenchmarkMLP: 20 dense layers of 32 x 32 with tanh, in float64; exactly
// with 1 and 2 layers, as the exact entries of a deeper one are tanh
// nested as deep as the layers and as wide as the sums.
func BenchmarkMLP(b *testing.B) {
	b.Run("float/layers=20", func(b *testing.B) { benchNetwork(b, nettest.MLP(20, 32), false) })
	for _, layers := range []int{1, 2} {
		b.Run(fmt.Sprintf("exact/layers=%d", layers), func(b *testing.B) { benchNetwork(b, nettest.MLP(layers, 32), true) })
	}
}

func mode(exactly bool) string {
	if exactly {
		return "exact"
	}
	return "float"
}
