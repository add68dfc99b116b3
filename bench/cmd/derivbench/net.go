package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"time"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/internal/nettest"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
)

// netSpec is one network of bench/network.py as the other systems read
// it: the program in plain syntax and every input's entries, exact.
type netSpec struct {
	Net    string              `json:"net"` // chain or mlp
	N      int                 `json:"n"`   // operations of the chain, layers of the MLP
	Width  int                 `json:"width,omitempty"`
	Src    string              `json:"src"`
	Order  []string            `json:"order"`
	Inputs map[string]netInput `json:"inputs"`
	// Run is the result of one network.Run in this process when -exact
	// or -float asked for one: its time (the first run, before any of
	// its terms was interned) and the printed size of the gradients.
	Run *netRun `json:"run,omitempty"`
}

type netInput struct {
	Shape   []int    `json:"shape"`
	Entries []string `json:"entries"` // row-major, plain syntax (-37/256)
	Plain   string   `json:"plain"`   // the tensor as derivtex net reads it
}

type netRun struct {
	Exact   bool    `json:"exact"`
	Seconds float64 `json:"seconds"`
	// Size, TreeSize and PrintLen measure the gradients by every input
	// together: distinct subterms (expr.Size, summed over entries, so
	// shared subterms count once per entry), the tree the printed form
	// spells out (expr.TreeSize) and the length of that print.
	Size     int `json:"size"`
	TreeSize int `json:"tree_size"`
	PrintLen int `json:"print_len"` // -1 when the tree is over -printmax
	// Grads are the gradients by every input, row-major, in float64
	// (exact ones evaluated), for the check against PyTorch.
	Grads map[string][]float64 `json:"grads"`
}

// NetworkOf is the network kind of size n (and width, for the MLP).
func NetworkOf(kind string, n, width int) (nettest.Network, error) {
	switch kind {
	case "chain":
		return nettest.Chain(n), nil
	case "mlp":
		return nettest.MLP(n, width), nil
	}
	return nettest.Network{}, fmt.Errorf("unknown network %q (chain or mlp)", kind)
}

func netMain(args []string) error {
	fs := flag.NewFlagSet("net", flag.ExitOnError)
	kind := fs.String("net", "chain", "chain or mlp")
	n := fs.Int("n", 1000, "operations of the chain, layers of the MLP")
	width := fs.Int("width", 32, "width of the MLP's layers")
	exact := fs.Bool("exact", false, "also run the network exactly once and measure its gradients")
	float := fs.Bool("float", false, "also run the network in float64 once")
	printMax := fs.Int("printmax", 20_000_000, "print the gradients when their tree size is at most this")
	fs.Parse(args)
	net, err := NetworkOf(*kind, *n, *width)
	if err != nil {
		return err
	}
	spec := netSpec{Net: *kind, N: *n, Src: net.Src, Order: net.Order, Inputs: map[string]netInput{}}
	if *kind == "mlp" {
		spec.Width = *width
	}
	for name, t := range net.Inputs {
		in := netInput{Shape: t.Shape(), Plain: t.String()}
		if in.Shape == nil {
			in.Shape = []int{}
		}
		for _, e := range t.Entries() {
			in.Entries = append(in.Entries, expr.Plain(e))
		}
		spec.Inputs[name] = in
	}
	if *exact || *float {
		if spec.Run, err = runNet(net, *exact, *printMax); err != nil {
			return err
		}
	}
	return emit(spec)
}

// runNet runs net once, from parsing to the gradients as tensors, and
// measures the gradients.
func runNet(net nettest.Network, exactly bool, printMax int) (*netRun, error) {
	runtime.GC()
	start := time.Now()
	prog, err := parser.ParseNetwork("", net.Src)
	if err != nil {
		return nil, err
	}
	g, err := network.Build(prog, net.Shapes(), "")
	if err != nil {
		return nil, err
	}
	p, err := network.Run(context.Background(), g, net.Inputs, exactly)
	if err != nil {
		return nil, err
	}
	r := &netRun{Exact: exactly, Seconds: seconds(time.Since(start)), Grads: map[string][]float64{}}
	var grads []expr.Expr
	for _, name := range net.Order {
		node, _ := g.Node(name)
		a := p.Adjoints[node.ID]
		if a == nil {
			continue
		}
		for _, e := range a.Entries() {
			v, err := expr.Eval(e, expr.Env{})
			if err != nil {
				return nil, fmt.Errorf("the gradient by %s: %w", name, err)
			}
			r.Grads[name] = append(r.Grads[name], v)
			grads = append(grads, e)
		}
	}
	for _, e := range grads {
		r.Size += expr.Size(e)
		r.TreeSize = min(r.TreeSize+expr.TreeSize(e, treeLimit), treeLimit)
	}
	r.PrintLen = -1
	if r.TreeSize <= printMax {
		r.PrintLen = 0
		for _, e := range grads {
			r.PrintLen += len(expr.Plain(e))
		}
	}
	return r, nil
}
