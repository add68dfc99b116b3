package network

import (
	"context"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// Descent says how to train: the learning rate, the momentum (nil for
// plain gradient descent) and the number of steps.
type Descent struct {
	LR       expr.Expr
	Momentum expr.Expr
	Steps    int
}

// MaxSteps bounds the steps of a descent.
const MaxSteps = 1000

// Step is one step of a descent: the loss and the gradients where it
// starts, and the velocities and inputs after it. Without momentum the
// velocity is the gradient.
type Step struct {
	Loss      tensor.Tensor
	Gradients map[string]tensor.Tensor
	Velocity  map[string]tensor.Tensor
	Inputs    map[string]tensor.Tensor
}

// Descend takes d.Steps steps of gradient descent on the inputs wrt from
// first, the pass at inputs: with momentum mu, v' = mu v + dL/dw and
// w' = w - lr v', the velocity v starting at 0; without, w' = w - lr
// dL/dw. Each step is worked out exactly when first is.
func Descend(ctx context.Context, first *Pass, inputs map[string]tensor.Tensor, wrt []string, d Descent) ([]Step, error) {
	if d.Steps < 1 || d.Steps > MaxSteps {
		return nil, diag.Errorf("the number of steps is %d: it is from 1 to %d", d.Steps, MaxSteps)
	}
	g := first.Graph
	current := map[string]tensor.Tensor{}
	for k, v := range inputs {
		current[k] = v
	}
	velocity := map[string]tensor.Tensor{}
	var steps []Step
	p := first
	for i := range d.Steps {
		if i > 0 {
			var err error
			if p, err = Run(ctx, g, current, first.Exact); err != nil {
				return steps, diag.Prefixed(stepName(i+1), err)
			}
		}
		s := Step{Loss: p.Values[g.Loss.ID], Gradients: map[string]tensor.Tensor{}, Velocity: map[string]tensor.Tensor{}, Inputs: map[string]tensor.Tensor{}}
		next := map[string]tensor.Tensor{}
		for k, v := range current {
			next[k] = v
		}
		for _, name := range wrt {
			n, ok := g.Node(name)
			if !ok || n.Op != "input" {
				return nil, diag.Errorf("%s is not an input of the network: only given values are updated", name)
			}
			w := current[name].Entries()
			grad := make([]expr.Expr, len(w))
			for j := range grad {
				grad[j] = expr.Zero
			}
			if a := p.Adjoints[n.ID]; a != nil {
				grad = a.Entries()
			}
			v := grad
			if d.Momentum != nil {
				v = make([]expr.Expr, len(w))
				old := velocity[name]
				for j := range v {
					prev := expr.Expr(expr.Zero)
					if old.Len() > 0 {
						prev = old.Entries()[j]
					}
					v[j] = expr.Add(expr.Mul(d.Momentum, prev), grad[j])
				}
			}
			moved := make([]expr.Expr, len(w))
			for j := range w {
				moved[j] = expr.Sub(w[j], expr.Mul(d.LR, v[j]))
			}
			shape := n.Shape
			s.Gradients[name] = mustTensor(shape, grad)
			s.Velocity[name] = mustTensor(shape, v)
			s.Inputs[name] = mustTensor(shape, moved)
			velocity[name] = s.Velocity[name]
			next[name] = s.Inputs[name]
		}
		steps = append(steps, s)
		current = next
	}
	return steps, nil
}

func stepName(i int) string { return "step " + expr.Int(int64(i)).String() }

func mustTensor(shape []int, entries []expr.Expr) tensor.Tensor {
	t, err := tensor.New(shape, entries)
	if err != nil {
		panic(diag.Recovered(err, diag.Pos{}, "network: a tensor of the wrong size"))
	}
	return t
}
