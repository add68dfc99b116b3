package network

import (
	"context"

	"github.com/derivtex/derivtex/tensor"
)

// RunForward is Run's forward pass alone, and RunBackward its forward and
// backward passes without the values turned into tensors: the benchmarks
// time each stage of Run.
func RunForward(ctx context.Context, g *Graph, inputs map[string]tensor.Tensor, exactly bool) error {
	_, err := runThrough(ctx, g, inputs, exactly, throughForward)
	return err
}

func RunBackward(ctx context.Context, g *Graph, inputs map[string]tensor.Tensor, exactly bool) error {
	_, err := runThrough(ctx, g, inputs, exactly, throughBackward)
	return err
}
