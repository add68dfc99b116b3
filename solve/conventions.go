package solve

import (
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser/problem"
)

// flipped reports whether the file asks for true convolutions
// (option convolution = flipped).
func flipped(f *problem.File) bool { return f.Options[problem.OptionConvolution] == "flipped" }

// flipConvolutions makes every convolution in x a true convolution, the
// kernel flipped, as the file's option asks.
func flipConvolutions(x network.Expr) {
	a, ok := x.(*network.Apply)
	if !ok {
		return
	}
	switch a.Op {
	case "conv1d", "conv2d", "conv3d":
		if a.Window == nil {
			a.Window = &network.Window{}
		}
		a.Window.Flip = true
	}
	for _, arg := range a.Args {
		flipConvolutions(arg)
	}
}
