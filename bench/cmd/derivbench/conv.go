package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"time"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// convCase is one network of bench/conv.py: a convolution or pooling and
// its loss, with every input's entries, read from a line of stdin.
type convCase struct {
	Src    string               `json:"src"`
	Inputs map[string]convInput `json:"inputs"`
	Exact  bool                 `json:"exact"`
	Reps   int                  `json:"reps"`
}

type convInput struct {
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"` // row-major; whole numbers are read exactly
}

// convResult is what derivtex computed for a convCase: the value of every
// named node and the gradient by every input, in float64, and the median
// times of the forward pass alone and of forward and backward.
type convResult struct {
	Values   map[string][]float64 `json:"values"`
	Grads    map[string][]float64 `json:"grads"`
	Forward  float64              `json:"forward_s"`
	Backward float64              `json:"run_s"` // forward and backward
	Error    string               `json:"error,omitempty"`
}

// convMain runs each case of stdin (JSON Lines) and writes its result.
func convMain(args []string) error {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(nil, 1<<28)
	for in.Scan() {
		var c convCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			return err
		}
		r, err := runConv(c)
		if err != nil {
			r = &convResult{Error: err.Error()}
		}
		if err := emit(r); err != nil {
			return err
		}
	}
	return in.Err()
}

func runConv(c convCase) (*convResult, error) {
	prog, err := parser.ParseNetwork("", c.Src)
	if err != nil {
		return nil, err
	}
	inputs := map[string]tensor.Tensor{}
	shapes := map[string][]int{}
	for name, v := range c.Inputs {
		entries := make([]expr.Expr, len(v.Data))
		for i, x := range v.Data {
			if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
				entries[i] = expr.Int(int64(x))
			} else {
				entries[i] = expr.NewNumber(new(big.Rat).SetFloat64(x))
			}
		}
		t, err := tensor.New(v.Shape, entries)
		if err != nil {
			return nil, err
		}
		inputs[name], shapes[name] = t, v.Shape
	}
	g, err := network.Build(prog, shapes, "")
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	reps := max(c.Reps, 1)
	var forward, run []time.Duration
	var p *network.Pass
	for range reps {
		start := time.Now()
		if _, err := network.Forward(ctx, g, inputs, c.Exact); err != nil {
			return nil, err
		}
		forward = append(forward, time.Since(start))
		start = time.Now()
		if p, err = network.Run(ctx, g, inputs, c.Exact); err != nil {
			return nil, err
		}
		run = append(run, time.Since(start))
	}
	r := &convResult{Values: map[string][]float64{}, Grads: map[string][]float64{}, Forward: seconds(median(forward)), Backward: seconds(median(run))}
	floats := func(t tensor.Tensor) ([]float64, error) {
		out := make([]float64, 0, t.Len())
		for _, e := range t.Entries() {
			v, err := expr.Eval(e, expr.Env{})
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	for _, n := range g.Nodes {
		if n.Name == "" {
			continue
		}
		v, err := floats(p.Values[n.ID])
		if err != nil {
			return nil, fmt.Errorf("the value of %s: %w", n.Name, err)
		}
		r.Values[n.Name] = v
		if n.Op == "input" && p.Adjoints[n.ID] != nil {
			if r.Grads[n.Name], err = floats(*p.Adjoints[n.ID]); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}
