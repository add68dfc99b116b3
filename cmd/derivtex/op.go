package main

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
	"github.com/derivtex/derivtex/parser"
)

type opCmd struct {
	Definition string   `arg:"" help:"The operator by its index map: NAME(x[SIZE, ...])[i, ...] = body, i = LO..HI, ... (SEE(x[2N])[i] = x[2 i], i = 1..N)."`
	Sizes      []string `arg:"" optional:"" help:"Sizes to count the cost at, NAME=VALUE: N=10^6."`
	Loss       string   `help:"A loss of the output y, a sum over its entries: 'sum(w[i] y[i], i, 1, N)'; gives dL/dx through the operator."`
	Output     string   `default:"y" help:"The output's name in --loss."`
	Precision  string   `default:"FP32" help:"The number format of the byte counts: FP64, FP32, FP16, BF16, FP8."`
	JSON       bool     `name:"json" help:"Answer in JSON (docs/json.md)."`
}

func (c *opCmd) Run(e *env) error {
	e.json = c.JSON
	ctx, m := e.job()
	op, err := parser.ParseOp(ctx, "", c.Definition)
	if err != nil {
		return err
	}
	var loss *indexmap.Loss
	if c.Loss != "" {
		x, err := parser.Parse(c.Loss)
		if err != nil {
			return diag.Prefixed("--loss", err)
		}
		if loss, err = op.NewLoss(ctx, c.Output, x); err != nil {
			return diag.Prefixed("--loss", diag.From(err).Located(diag.Pos{Line: 1, Col: 1}, c.Loss))
		}
	}
	prec, err := indexmap.PrecisionNamed(c.Precision)
	if err != nil {
		return diag.Prefixed("--precision", err)
	}
	sizes, err := readSizes(c.Sizes)
	if err != nil {
		return err
	}
	s, err := indexmap.Solve(ctx, op, loss, sizes, prec)
	if err != nil {
		return err
	}
	if err := m.Err(); err != nil {
		return err
	}
	if c.JSON {
		a := answer.IndexMapOf(s)
		a.Schema = answer.Schema
		return writeJSON(e.stdout, a)
	}
	_, err = fmt.Fprint(e.stdout, plainIndexMap(s))
	return err
}

// readSizes reads NAME=VALUE sizes: whole numbers, at least 1.
func readSizes(args []string) (map[expr.Expr]expr.Expr, error) {
	out := map[expr.Expr]expr.Expr{}
	for _, arg := range args {
		vals, _, err := readTensors([]string{arg})
		if err != nil {
			return nil, err
		}
		for name, t := range vals {
			n, ok := t.At().(*expr.Number)
			if t.Rank() != 0 || !ok || !n.IsInt() || n.Sign() <= 0 {
				at := diag.Pos{Line: 1, Col: 1}.Advance(arg[:strings.IndexByte(arg, '=')+1])
				return nil, diag.Prefixed(fmt.Sprintf("size %q", diag.Clip(arg)), diag.At(at, "a size is a whole number from 1, not %s", t).WithSource(arg))
			}
			if _, twice := out[expr.Sym(name)]; twice {
				return nil, diag.Errorf("the size %s is given twice", name)
			}
			out[expr.Sym(name)] = n
		}
	}
	return out, nil
}

// plainIndexMap writes an operator's solution as a terminal shows it.
func plainIndexMap(s *indexmap.Solution) string {
	var b strings.Builder
	op, j := s.Op, s.Jacobian
	in := make([]expr.Expr, len(j.In))
	for d, v := range j.In {
		in[d] = v
	}
	out := make([]expr.Expr, len(op.Out))
	for d, r := range op.Out {
		out[d] = r.Index
	}
	y, x := expr.Index("y", out...).String(), expr.Index(op.Arg, in...).String()
	fmt.Fprintf(&b, "%s\n", op)
	fmt.Fprintf(&b, "jacobian   d%s/d%s = %s\n", y, x, j.FormatEntry(indexmap.Plain))
	fmt.Fprintf(&b, "           %s x %s (%s), %s not 0\n", expr.Plain(op.OutSize()), expr.Plain(op.InSize()), s.Structure, counted(j.Nonzeros(), "entry", "entries"))
	fmt.Fprintf(&b, "vjp        vjp_%s(%s)%s = %s\n", op.Name, s.Upstream, bracket(in), indexmap.FormatVJP(s.VJP, indexmap.Plain))
	if s.Loss != nil {
		fmt.Fprintf(&b, "gradient   dL/d%s = %s   (L = %s)\n", x, indexmap.FormatVJP(s.Gradient, indexmap.Plain), expr.Plain(s.Loss.Term))
	}
	fmt.Fprintf(&b, "backward   with the Jacobian: %s, %s\n", counted(s.Cost.DenseMemory, "entry", "entries"), counted(s.Cost.DenseTime, "multiply-add", "multiply-adds"))
	fmt.Fprintf(&b, "           with the VJP:      %s, %s\n", counted(s.Cost.VJPMemory, "entry", "entries"), counted(s.Cost.VJPTime, "multiply-add", "multiply-adds"))
	if c := s.At; c != nil {
		var at []string
		for k, v := range c.Sizes {
			at = append(at, expr.Plain(k)+" = "+expr.Plain(v))
		}
		sort.Strings(at)
		fmt.Fprintf(&b, "at %s, %s (%d bytes an entry):\n", strings.Join(at, ", "), c.Precision.Name, c.Precision.Bytes)
		n := func(x *big.Int) string { return indexmap.FormatCount(x, indexmap.Plain) }
		fmt.Fprintf(&b, "           with the Jacobian: %s entries = %s, %s multiply-adds\n", n(c.DenseMemory), indexmap.Bytes(c.Bytes(c.DenseMemory), indexmap.Plain), n(c.DenseTime))
		fmt.Fprintf(&b, "           with the VJP:      %s entries = %s, %s multiply-adds\n", n(c.VJPMemory), indexmap.Bytes(c.Bytes(c.VJPMemory), indexmap.Plain), n(c.VJPTime))
	}
	return b.String()
}

// bracket writes [j] or [k, l].
func bracket(ix []expr.Expr) string {
	parts := make([]string, len(ix))
	for i, x := range ix {
		parts[i] = expr.Plain(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// counted writes a count and what it counts, in the singular for 1:
// "1 entry", "N entries".
func counted(n expr.Expr, one, many string) string {
	if n == expr.One {
		return "1 " + one
	}
	return expr.Plain(n) + " " + many
}
