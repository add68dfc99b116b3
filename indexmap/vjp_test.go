package indexmap_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
	"github.com/derivtex/derivtex/parser"
)

// ops are index maps of every shape the package solves: strides,
// offsets, reversal, shifts, transposes, repetition, a diagonal, constant
// positions, products of two entries, coefficients that are other
// tensors, ranges that the argument's range does not imply.
var ops = []string{
	"SEE(x[2N])[i] = x[2 i], i = 1..N",
	"SOE(x[2N])[i] = x[2 i - 1], i = 1..N",
	"REV(x[N])[i] = x[N + 1 - i], i = 1..N",
	"EVERY3(x[3N])[i] = x[3 i - 1], i = 1..N",
	"SHIFT(x[N])[i] = x[i + 1], i = 1..N - 1",
	"T(x[M, N])[i, j] = x[j, i], i = 1..N, j = 1..M",
	"UP(x[N])[i, r] = x[i], i = 1..N, r = 1..2",
	"SQ(x[N])[i] = x[i]^2, i = 1..N",
	"PAIR(x[2N])[i] = x[2 i - 1] x[2 i], i = 1..N",
	"DIFF(x[N])[i] = x[i + 1] - x[i], i = 1..N - 1",
	"LAST(x[N])[i] = sin(x[i]) x[N], i = 1..N",
	"DIAG(x[N, N])[i] = x[i, i], i = 1..N",
	"INNER(x[2N])[i] = w[i] x[2 i], i = 1..N - 1",
	"BACK2(x[2N + 1])[i] = exp(x[2 N + 2 - 2 i]), i = 1..N",
	"ROW(x[M, N])[j] = x[2, j]^3, j = 1..N",
}

// TestVJPAgainstFiniteDifferences checks each operator's VJP, evaluated
// at sizes N = 3 and M = 2, against p^T J with J from central finite
// differences of the body: the collapsed delta sums, their conditions
// and the ranges left out must all agree with the definition.
func TestVJPAgainstFiniteDifferences(t *testing.T) {
	ctx := context.Background()
	sizes := map[string]float64{"N": 3, "M": 2}
	for _, src := range ops {
		t.Run(src, func(t *testing.T) {
			op, err := parser.ParseOp(ctx, "", src)
			require.NoError(t, err)
			jac, err := op.Jacobian(ctx)
			require.NoError(t, err)
			pieces, err := jac.VJP(ctx, indexmap.Symbolic("p"))
			require.NoError(t, err)

			rng := rand.New(rand.NewPCG(1, uint64(len(src))))
			in := dims(t, op.ArgShape, sizes)
			outRanges := make([][2]int, len(op.Out))
			outShape := make([]int, len(op.Out))
			for k, r := range op.Out {
				outRanges[k] = [2]int{int(value(t, r.Lo, sizes)), int(value(t, r.Hi, sizes))}
				outShape[k] = outRanges[k][1] // p is read 1-based at the output's own indices
			}
			x := randomArray(rng, in)
			p := randomArray(rng, outShape)
			w := randomArray(rng, []int{10})
			env := func(scalars map[string]float64) expr.Env {
				s := map[string]float64{}
				for k, v := range sizes {
					s[k] = v
				}
				for k, v := range scalars {
					s[k] = v
				}
				return expr.Env{Scalars: s, Arrays: map[string]expr.Array{op.Arg: x, "p": p, "w": w}}
			}

			want := make([]float64, len(x.Data))
			eachIndex(outRanges, func(i []int) {
				at := map[string]float64{}
				for k, r := range op.Out {
					at[r.Index.Name()] = float64(i[k])
				}
				pi := p.Data[flat(outShape, i)]
				for j := range x.Data {
					const h = 1e-5
					orig := x.Data[j]
					x.Data[j] = orig + h
					up, err := expr.Eval(op.Body, env(at))
					require.NoError(t, err)
					x.Data[j] = orig - h
					down, err := expr.Eval(op.Body, env(at))
					require.NoError(t, err)
					x.Data[j] = orig
					want[j] += pi * (up - down) / (2 * h)
				}
			})

			argRanges := make([][2]int, len(in))
			for d, n := range in {
				argRanges[d] = [2]int{1, n}
			}
			eachIndex(argRanges, func(j []int) {
				at := map[string]float64{}
				exact := map[expr.Expr]expr.Expr{}
				for k, s := range sizes {
					exact[expr.Sym(k)] = expr.Int(int64(s))
				}
				for d, s := range jac.In {
					at[s.Name()] = float64(j[d])
					exact[s] = expr.Int(int64(j[d]))
				}
				got := 0.0
				for _, pc := range pieces {
					holds := true
					for _, c := range pc.Conds {
						ok, err := c.Holds(exact)
						require.NoError(t, err)
						holds = holds && ok
					}
					if holds {
						v, err := expr.Eval(expr.Substitute(pc.Value, exact), env(at))
						require.NoError(t, err, "piece %s at %v", pc.Value, j)
						got += v
					}
				}
				require.InDelta(t, want[flat(in, j)], got, 1e-6*(1+math.Abs(got)), "entry %v of the VJP", j)
			})
		})
	}
}

func value(t *testing.T, x expr.Expr, sizes map[string]float64) float64 {
	v, err := expr.Eval(x, expr.Env{Scalars: sizes})
	require.NoError(t, err)
	return v
}

func dims(t *testing.T, shape []expr.Expr, sizes map[string]float64) []int {
	out := make([]int, len(shape))
	for d, s := range shape {
		out[d] = int(value(t, s, sizes))
	}
	return out
}

func entries(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

func randomArray(rng *rand.Rand, shape []int) expr.Array {
	a := expr.Array{Shape: shape, Data: make([]float64, entries(shape))}
	for k := range a.Data {
		a.Data[k] = rng.Float64()*2 - 1
	}
	return a
}

// eachIndex calls f with every 1-based multi-index in the ranges, the
// last varying fastest.
func eachIndex(ranges [][2]int, f func([]int)) {
	i := make([]int, len(ranges))
	var rec func(k int)
	rec = func(k int) {
		if k == len(ranges) {
			f(i)
			return
		}
		for v := ranges[k][0]; v <= ranges[k][1]; v++ {
			i[k] = v
			rec(k + 1)
		}
	}
	rec(0)
}

func flat(shape, i []int) int {
	at := 0
	for d, n := range shape {
		at = at*n + i[d] - 1
	}
	return at
}

// TestLossGradientAgainstFiniteDifferences checks dL/dx through each
// operator for the loss L = sum over the output of y^2 + 3 y against
// central finite differences of L itself.
func TestLossGradientAgainstFiniteDifferences(t *testing.T) {
	ctx := context.Background()
	sizes := map[string]float64{"N": 3, "M": 2}
	exact := map[expr.Expr]expr.Expr{expr.Sym("N"): expr.Int(3), expr.Sym("M"): expr.Int(2)}
	for _, src := range ops {
		t.Run(src, func(t *testing.T) {
			op, err := parser.ParseOp(ctx, "", src)
			require.NoError(t, err)
			out := make([]expr.Expr, len(op.Out))
			for k, r := range op.Out {
				out[k] = r.Index
			}
			y := expr.Index("y", out...)
			loss := expr.Add(expr.Pow(y, expr.Int(2)), expr.Mul(expr.Int(3), y))
			for k := len(op.Out) - 1; k >= 0; k-- {
				loss = expr.SumOver(loss, op.Out[k].Index, op.Out[k].Lo, op.Out[k].Hi)
			}
			l, err := op.NewLoss(ctx, "y", loss)
			require.NoError(t, err)
			sol, err := indexmap.Solve(ctx, op, l, nil, indexmap.Precision{})
			require.NoError(t, err)

			rng := rand.New(rand.NewPCG(2, uint64(len(src))))
			in := dims(t, op.ArgShape, sizes)
			outRanges := make([][2]int, len(op.Out))
			outShape := make([]int, len(op.Out))
			for k, r := range op.Out {
				outRanges[k] = [2]int{int(value(t, r.Lo, sizes)), int(value(t, r.Hi, sizes))}
				outShape[k] = outRanges[k][1]
			}
			x := randomArray(rng, in)
			w := randomArray(rng, []int{10})
			lossAt := func() float64 {
				ya := expr.Array{Shape: outShape, Data: make([]float64, entries(outShape))}
				eachIndex(outRanges, func(i []int) {
					s := map[string]float64{"N": 3, "M": 2}
					for k, r := range op.Out {
						s[r.Index.Name()] = float64(i[k])
					}
					v, err := expr.Eval(op.Body, expr.Env{Scalars: s, Arrays: map[string]expr.Array{op.Arg: x, "w": w}})
					require.NoError(t, err)
					ya.Data[flat(outShape, i)] = v
				})
				v, err := expr.Eval(loss, expr.Env{Scalars: sizes, Arrays: map[string]expr.Array{"y": ya}})
				require.NoError(t, err)
				return v
			}
			argRanges := make([][2]int, len(in))
			for d, n := range in {
				argRanges[d] = [2]int{1, n}
			}
			eachIndex(argRanges, func(j []int) {
				const h = 1e-5
				k := flat(in, j)
				orig := x.Data[k]
				x.Data[k] = orig + h
				up := lossAt()
				x.Data[k] = orig - h
				down := lossAt()
				x.Data[k] = orig
				want := (up - down) / (2 * h)

				at := map[expr.Expr]expr.Expr{}
				for s, v := range exact {
					at[s] = v
				}
				for d, s := range sol.Jacobian.In {
					at[s] = expr.Int(int64(j[d]))
				}
				got := 0.0
				for _, pc := range sol.Gradient {
					holds := true
					for _, c := range pc.Conds {
						ok, err := c.Holds(at)
						require.NoError(t, err)
						holds = holds && ok
					}
					if holds {
						v, err := expr.Eval(expr.Substitute(pc.Value, at), expr.Env{Scalars: sizes, Arrays: map[string]expr.Array{op.Arg: x, "w": w}})
						require.NoError(t, err, "piece %s at %v", pc.Value, j)
						got += v
					}
				}
				require.InDelta(t, want, got, 1e-5*(1+math.Abs(want)), "dL/d%s%v", op.Arg, j)
			})
		})
	}
}
