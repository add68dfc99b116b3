package convarith

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
)

// Caps of a stack: layers, a symbolic kernel's side (its entries are
// named w11 .. w99), and the terms of the composed kernel written out.
const (
	MaxLayers      = 5
	MaxSymbolSide  = 9
	MaxStackTerms  = 20000
	MaxChannels    = 64
	maxRankEntries = 200000
)

// kernelNames name the layers' kernels, the first layer's first (the
// exam's w and v).
var kernelNames = []string{"w", "v", "u", "q", "z"}

// StackRequest is a stack of linear convolutions (no bias, no
// activation, no padding): each layer's kernel and stride (nil: 1), the
// output size wanted (0: 1x1, a scalar) and the channels between layers:
// the kernels of every layer but the last, which has one (1: the exam's
// f; 4: its g).
type StackRequest struct {
	Kernels  [][2]int64
	Strides  [][2]int64
	Out      [2]int64
	Channels int64
}

// Stack is what a stack of linear convolutions amounts to.
type Stack struct {
	Request StackRequest
	Names   []string // the layers' kernels: w, v, ...
	// In is the smallest input per axis giving Out, worked back layer by
	// layer from the last: n_{i-1} = s_i (n_i - 1) + k_i.
	In      [2]int64
	InSteps [2][]Step
	// Field is the receptive field per axis, 1 + sum (k_i - 1) prod_{j<i} s_j,
	// the composed kernel's size; Stride the composed stride.
	Field      [2]Formula
	Stride     [2]int64
	Kernels    [][][]expr.Expr // each layer's kernel of symbols; nil past the caps or with channels
	Composed   [][]expr.Expr   // the composed kernel's entries, polynomials; nil likewise
	Free       Formula         // the composed kernel's entries: the parameters of the one convolution
	LayerCount Formula         // the stack's own parameters
	// Dimension is the dimension of the set of composed kernels: the rank
	// of the map from the stack's parameters to the composed kernel, at a
	// random point (the generic rank), -1 past the caps.
	Dimension int
	Zero      *ZeroInit
}

// ZeroInit is the zero-initialisation argument: the output's top-left
// entry as a polynomial in the kernels and the input, its derivative by
// the first entry of each layer's kernel, and that derivative at all
// kernels 0.
type ZeroInit struct {
	Output expr.Expr
	Grads  []Grad
	// AllZero reports that the derivative by every entry of every kernel
	// vanishes at 0, each checked.
	AllZero bool
}

// Grad is dy/d(entry) and its value at zero kernels.
type Grad struct {
	Wrt, D, AtZero expr.Expr
}

// NewStack works out a stack.
func NewStack(ctx context.Context, r StackRequest) (*Stack, error) {
	n := len(r.Kernels)
	if n < 1 || n > MaxLayers {
		return nil, errorf("kernels", 0, "a stack has 1 to %d layers, not %d", MaxLayers, n)
	}
	if r.Strides == nil {
		r.Strides = make([][2]int64, n)
		for i := range r.Strides {
			r.Strides[i] = [2]int64{1, 1}
		}
	}
	if len(r.Strides) != n {
		return nil, errorf("strides", 0, "%d strides for %d layers: give one per layer", len(r.Strides), n)
	}
	if r.Out == [2]int64{} {
		r.Out = [2]int64{1, 1}
	}
	if r.Channels == 0 {
		r.Channels = 1
	}
	if r.Channels < 1 || r.Channels > MaxChannels {
		return nil, errorf("channels", 0, "the channels between layers are a whole number from 1 to %d, not %d", MaxChannels, r.Channels)
	}
	for i := range n {
		for a := range 2 {
			if k := r.Kernels[i][a]; k < 1 || k > MaxSize {
				return nil, errorf("kernels", 2*i+a, "a kernel size is a whole number from 1 to %d, not %d", MaxSize, k)
			}
			if s := r.Strides[i][a]; s < 1 || s > MaxSize {
				return nil, errorf("strides", 2*i+a, "a stride is a whole number from 1 to %d, not %d", MaxSize, s)
			}
		}
	}
	for a := range 2 {
		if o := r.Out[a]; o < 1 || o > MaxSize {
			return nil, errorf("out", a, "an output size is a whole number from 1 to %d, not %d", MaxSize, o)
		}
	}
	s := &Stack{Request: r, Names: kernelNames[:n], Dimension: -1}
	s.sizes()
	s.LayerCount = s.layerCount()
	if s.In[0] > MaxSize || s.In[1] > MaxSize {
		return nil, errorf("out", 0, "the input would be %dx%d, more than %d", s.In[0], s.In[1], MaxSize)
	}
	s.Dimension = s.rank()
	if r.Channels == 1 && s.symbolic() {
		if err := s.compose(ctx); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// sizes works the input back from the output, and the receptive field
// and stride forward.
func (s *Stack) sizes() {
	r := s.Request
	names := []Names{Height, Width}
	for a := range 2 {
		out := r.Out[a]
		for i := len(r.Kernels) - 1; i >= 0; i-- {
			k, st := r.Kernels[i][a], r.Strides[i][a]
			f := Sum(Prod(Var(strideName(i), st), Sum(Var(axisSize(names[a], i+1), out)).Minus(Num(1))), Var(kernName(a, i), k))
			s.InSteps[a] = append(s.InSteps[a], Step{fmt.Sprintf("input %s of layer %d", names[a].Axis, i+1), axisSize(names[a], i), f})
			out = f.Int()
		}
		s.In[a] = out
		terms := []Formula{Num(1)}
		stride := int64(1)
		var strides []Formula
		for i, k := range r.Kernels {
			f := Sum(Var(kernName(a, i), k[a])).Minus(Num(1))
			if len(strides) == 0 {
				terms = append(terms, f)
			} else {
				terms = append(terms, Prod(append(slices.Clone(strides), f)...))
			}
			strides = append(strides, Var(strideName(i), r.Strides[i][a]))
			stride *= r.Strides[i][a]
		}
		s.Field[a] = Sum(terms...)
		s.Stride[a] = stride
	}
	s.Free = Prod(Var("R_h", s.Field[0].Int()), Var("R_w", s.Field[1].Int()))
}

// kernName names layer i's kernel size along axis a: k_h1, k_w2.
func kernName(a, i int) string { return []string{"k_h", "k_w"}[a] + strconv.Itoa(i+1) }

// strideName names layer i's stride.
func strideName(i int) string { return "s_" + strconv.Itoa(i+1) }

// axisSize names the size of an axis after layer i (0: the input).
func axisSize(n Names, i int) string {
	return n.In + "_" + strconv.Itoa(i)
}

// layerCount is the stack's parameters: m k_h1 k_w1 for the first layer
// (m kernels of one channel), m^2 k_h k_w between, m k_h k_w for the
// last (one kernel over m channels).
func (s *Stack) layerCount() Formula {
	r := s.Request
	var terms []Formula
	for i, k := range r.Kernels {
		f := []Formula{Var(kernName(0, i), k[0]), Var(kernName(1, i), k[1])}
		if len(r.Kernels) > 1 && r.Channels > 1 {
			f = append([]Formula{Var("m", r.Channels)}, f...)
			if i > 0 && i < len(r.Kernels)-1 {
				f = append([]Formula{Var("m", r.Channels)}, f...)
			}
		}
		terms = append(terms, Prod(f...))
	}
	return Sum(terms...)
}

// symbolic reports whether the kernels are small enough to name their
// entries w11 .. w99 and to write the composed kernel out.
func (s *Stack) symbolic() bool {
	terms := int64(1)
	for _, k := range s.Request.Kernels {
		if k[0] > MaxSymbolSide || k[1] > MaxSymbolSide {
			return false
		}
		terms *= k[0] * k[1]
	}
	return terms <= MaxStackTerms
}

// compose writes each layer's kernel in symbols and composes them: the
// output of layer 2 at i reads layer 1's outputs at S i + a, each of which
// reads the input at s1 (S i + a) + c, so one kernel K[s1 a + c] =
// sum v[a] w[c] does it all, of stride s1 s2. Then the zero
// initialisation: y by each layer's first entry, at 0.
func (s *Stack) compose(ctx context.Context) error {
	r := s.Request
	m := budget.From(ctx)
	for l, k := range r.Kernels {
		ker := make([][]expr.Expr, k[0])
		for i := range ker {
			ker[i] = make([]expr.Expr, k[1])
			for j := range ker[i] {
				ker[i][j] = expr.Sym(fmt.Sprintf("%s%d%d", s.Names[l], i+1, j+1))
			}
		}
		s.Kernels = append(s.Kernels, ker)
	}
	terms := grid[[]expr.Expr](r.Kernels[0][0], r.Kernels[0][1])
	for i, row := range s.Kernels[0] {
		for j, w := range row {
			terms[i][j] = []expr.Expr{w}
		}
	}
	step := [2]int64{r.Strides[0][0], r.Strides[0][1]}
	for l := 1; l < len(r.Kernels); l++ {
		k := r.Kernels[l]
		h := step[0]*(k[0]-1) + int64(len(terms))
		w := step[1]*(k[1]-1) + int64(len(terms[0]))
		next := grid[[]expr.Expr](h, w)
		for a, row := range s.Kernels[l] {
			for b, v := range row {
				for c, trow := range terms {
					for d, ts := range trow {
						at := &next[step[0]*int64(a)+int64(c)][step[1]*int64(b)+int64(d)]
						for _, t := range ts {
							*at = append(*at, expr.Mul(v, t))
						}
					}
				}
			}
			m.Work(len(row) * len(terms) * len(terms[0]))
		}
		if err := m.Err(); err != nil {
			return err
		}
		terms = next
		step[0] *= r.Strides[l][0]
		step[1] *= r.Strides[l][1]
	}
	s.Composed = make([][]expr.Expr, len(terms))
	var y []expr.Expr
	for i, row := range terms {
		s.Composed[i] = make([]expr.Expr, len(row))
		for j, ts := range row {
			s.Composed[i][j] = expr.Add(ts...)
			x := expr.Index("x", expr.Int(int64(i+1)), expr.Int(int64(j+1)))
			for _, t := range ts {
				y = append(y, expr.Mul(t, x))
			}
		}
	}
	if len(r.Kernels) < 2 {
		return nil
	}
	return s.zeroInit(ctx, expr.Add(y...))
}

// zeroInit differentiates y by every entry of every kernel and puts all
// kernels at 0: each term of y holds one entry of each kernel, so its
// derivative by an entry of one still holds an entry of another.
func (s *Stack) zeroInit(ctx context.Context, y expr.Expr) error {
	zero := map[expr.Expr]expr.Expr{}
	for _, ker := range s.Kernels {
		for _, row := range ker {
			for _, w := range row {
				zero[w] = expr.Zero
			}
		}
	}
	z := &ZeroInit{Output: y, AllZero: true}
	for _, ker := range s.Kernels {
		for i, row := range ker {
			for j, w := range row {
				d, err := derive.Diff(ctx, y, w)
				if err != nil {
					return err
				}
				at := expr.Substitute(d, zero)
				if n, ok := at.(*expr.Number); !ok || n.Sign() != 0 {
					z.AllZero = false
				}
				if i == 0 && j == 0 {
					z.Grads = append(z.Grads, Grad{Wrt: w, D: d, AtZero: at})
				}
			}
		}
	}
	s.Zero = z
	return nil
}

func grid[T any](h, w int64) [][]T {
	g := make([][]T, h)
	for i := range g {
		g[i] = make([]T, w)
	}
	return g
}
