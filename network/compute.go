package network

import (
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// forward computes n's operation applied to args, whose shapes Build has
// accepted, in field f.
func forward[T any](f field[T], n *Node, args []array[T]) (array[T], error) {
	o, shape := n.op, n.Shape
	out := array[T]{shape: shape, data: make([]T, size(shape))}
	switch o.kind {
	case defined:
		return mappedForward(f, n, args[0])
	case conv:
		return convForward(f, n, args)
	case pool:
		return poolForward(f, n, args[0])
	case elementwise:
		for i, v := range args[0].data {
			if err := domain(f, o.fn, v); err != nil {
				return out, err
			}
			out.data[i] = f.call(o.fn, v)
		}
	case negate:
		for i, v := range args[0].data {
			out.data[i] = f.neg(v)
		}
	case identity:
		copy(out.data, args[0].data)
	case binary:
		a, b := args[0], args[1]
		for i := range out.data {
			x, y := entry(a, i), entry(b, i)
			switch o.name {
			case "add":
				out.data[i] = f.add(x, y)
			case "sub":
				out.data[i] = f.add(x, f.neg(y))
			case "mul":
				out.data[i] = f.mul(x, y)
			case "div":
				if isZero(f, y) {
					return out, diag.Errorf("division by zero")
				}
				out.data[i] = f.div(x, y)
			case "pow":
				out.data[i] = f.pow(x, y)
			case "maximum", "minimum":
				v, err := pairwise(f, x, y, o.name == "minimum")
				if err != nil {
					return out, err
				}
				out.data[i] = v
			}
		}
	case matmul:
		return product(f, args[0], args[1], shape), nil
	case transpose:
		return transposed(args[0], shape), nil
	case reduce:
		a := args[0]
		switch o.name {
		case "sum", "mean":
			s := f.zero()
			for _, v := range a.data {
				s = f.add(s, v)
			}
			if o.name == "mean" {
				s = f.div(s, count(f, len(a.data)))
			}
			out.data[0] = s
		case "logsumexp":
			out.data[0] = logSumExp(f, a.data)
		case "max", "min":
			best, _, err := extreme(f, a.data, o.name == "min")
			if err != nil {
				return out, err
			}
			out.data[0] = a.data[best]
		case "norm":
			out.data[0] = norm(f, a)
		}
	case softmax:
		out = softmaxOf(f, args[0])
	case index:
		out = gathered(args[0], n.picks, shape)
	case reshape:
		copy(out.data, args[0].data)
	case concat:
		out = concatenated(args[0], args[1], n.axis, shape)
	case loss:
		v, err := lossForward(f, o.name, args[0], args[1])
		if err != nil {
			return out, err
		}
		out.data[0] = v
	}
	for _, v := range out.data {
		if err := f.check(v); err != nil {
			return out, err
		}
	}
	return out, nil
}

// vjp is the vector-Jacobian product of o at args (out its value): for
// the adjoint g of its result, the adjoint of each argument. No Jacobian
// is formed: each rule is the product written out, as the structure of
// the Jacobian allows (diagonal for an elementwise function, a sum of
// outer products for a matrix product).
func vjp[T any](f field[T], n *Node, args []array[T], out, g array[T]) []array[T] {
	o := n.op
	switch o.kind {
	case defined:
		d, err := mappedVJP(f, n, args[0], g)
		if err != nil {
			// The VJP reads what the forward pass read, at positions its
			// conditions checked: a failure is a bug of the derivation.
			panic(diag.Internalf("the VJP of %s: %v", o.name, err))
		}
		return []array[T]{d}
	case elementwise:
		a := args[0]
		d := array[T]{shape: a.shape, data: make([]T, len(a.data))}
		for i, v := range a.data {
			d.data[i] = f.mul(g.data[i], f.deriv(o.fn, v))
		}
		return []array[T]{d}
	case negate:
		return []array[T]{mapped(g, f.neg)}
	case identity:
		return []array[T]{g}
	case binary:
		a, b := args[0], args[1]
		ga := array[T]{shape: g.shape, data: make([]T, len(g.data))}
		gb := array[T]{shape: g.shape, data: make([]T, len(g.data))}
		for i, gi := range g.data {
			x, y := entry(a, i), entry(b, i)
			switch o.name {
			case "add":
				ga.data[i], gb.data[i] = gi, gi
			case "sub":
				ga.data[i], gb.data[i] = gi, f.neg(gi)
			case "mul":
				ga.data[i], gb.data[i] = f.mul(gi, y), f.mul(gi, x)
			case "div":
				ga.data[i] = f.div(gi, y)
				gb.data[i] = f.neg(f.div(f.mul(gi, x), f.mul(y, y)))
			case "pow":
				// d/dx x^y = y x^(y-1); d/dy x^y = x^y log x.
				ga.data[i] = f.mul(gi, f.mul(y, f.pow(x, f.add(y, f.neg(f.one())))))
				gb.data[i] = f.mul(gi, f.mul(entry(out, i), f.log(x)))
			case "maximum", "minimum":
				ga.data[i], gb.data[i] = pairwiseVJP(f, x, y, gi, o.name == "minimum")
			}
		}
		return []array[T]{fitted(f, ga, a.shape), fitted(f, gb, b.shape)}
	case matmul:
		return productVJP(f, args[0], args[1], g)
	case transpose:
		return []array[T]{transposed(g, args[0].shape)}
	case reduce:
		a := args[0]
		d := array[T]{shape: a.shape, data: make([]T, len(a.data))}
		g0 := g.data[0]
		switch o.name {
		case "sum":
			for i := range d.data {
				d.data[i] = g0
			}
		case "mean":
			for i := range d.data {
				d.data[i] = f.div(g0, count(f, len(a.data)))
			}
		case "logsumexp":
			s := softmaxOf(f, a)
			for i := range d.data {
				d.data[i] = f.mul(g0, s.data[i])
			}
		case "max", "min":
			d = extremeVJP(f, a, g0, o.name == "min")
		case "norm":
			d = normVJP(f, a, out.data[0], g0)
		}
		return []array[T]{d}
	case softmax:
		// s * (g - <g, s>), the Jacobian diag(s) - s s^T applied to g.
		s := out
		dot := f.zero()
		for i := range s.data {
			dot = f.add(dot, f.mul(g.data[i], s.data[i]))
		}
		d := array[T]{shape: s.shape, data: make([]T, len(s.data))}
		for i := range s.data {
			d.data[i] = f.mul(s.data[i], f.add(g.data[i], f.neg(dot)))
		}
		return []array[T]{d}
	case index:
		return []array[T]{scattered(f, g, args[0].shape, n.picks)}
	case reshape:
		return []array[T]{{shape: args[0].shape, data: g.data}}
	case concat:
		return split(g, args[0].shape, args[1].shape, n.axis)
	case loss:
		return lossVJP(f, o.name, args[0], args[1], g.data[0])
	case conv:
		return convVJP(f, n, args, g)
	case pool:
		return []array[T]{poolVJP(f, n, args[0], g)}
	}
	panic(diag.Internalf("network: no gradient rule for %s", o.name))
}

// entry is a's i-th entry, a scalar's only one whatever i.
func entry[T any](a array[T], i int) T {
	if len(a.data) == 1 {
		return a.data[0]
	}
	return a.data[i]
}

// fitted is the adjoint g summed to an operand's shape: a scalar that
// went with every entry gets the sum of their adjoints.
func fitted[T any](f field[T], g array[T], shape []int) array[T] {
	if !isScalar(shape) || isScalar(g.shape) {
		return g
	}
	s := f.zero()
	for _, v := range g.data {
		s = f.add(s, v)
	}
	return array[T]{shape: shape, data: []T{s}}
}

// mapped applies h to every entry.
func mapped[T any](a array[T], h func(T) T) array[T] {
	out := array[T]{shape: a.shape, data: make([]T, len(a.data))}
	for i, v := range a.data {
		out.data[i] = h(v)
	}
	return out
}

// asMatrix views a shape as rows x columns: a vector as a column, a
// scalar as 1 x 1.
func asMatrix(shape []int) (rows, cols int) {
	switch len(shape) {
	case 0:
		return 1, 1
	case 1:
		return shape[0], 1
	}
	return shape[0], shape[1]
}

// product is a b as productShape defines it, into the given shape.
func product[T any](f field[T], a, b array[T], shape []int) array[T] {
	out := array[T]{shape: shape, data: make([]T, size(shape))}
	if isScalar(a.shape) || isScalar(b.shape) {
		for i := range out.data {
			out.data[i] = f.mul(entry(a, i), entry(b, i))
		}
		return out
	}
	n, k := asMatrix(a.shape)
	_, m := asMatrix(b.shape)
	for i := range n {
		for j := range m {
			s := f.zero()
			for l := range k {
				s = f.add(s, f.mul(a.data[i*k+l], b.data[l*m+j]))
			}
			out.data[i*m+j] = s
		}
	}
	return out
}

// productVJP is the adjoint of a and b in a b: g b^T and a^T g, as
// matrices, in the operands' own shapes; with a scalar, the sum of the
// entries times their adjoints.
func productVJP[T any](f field[T], a, b, g array[T]) []array[T] {
	if isScalar(a.shape) || isScalar(b.shape) {
		ga := array[T]{shape: g.shape, data: make([]T, len(g.data))}
		gb := array[T]{shape: g.shape, data: make([]T, len(g.data))}
		for i, gi := range g.data {
			ga.data[i] = f.mul(gi, entry(b, i))
			gb.data[i] = f.mul(gi, entry(a, i))
		}
		return []array[T]{fitted(f, ga, a.shape), fitted(f, gb, b.shape)}
	}
	n, k := asMatrix(a.shape)
	_, m := asMatrix(b.shape)
	ga := array[T]{shape: a.shape, data: make([]T, n*k)}
	gb := array[T]{shape: b.shape, data: make([]T, k*m)}
	for i := range n {
		for l := range k {
			s := f.zero()
			for j := range m {
				s = f.add(s, f.mul(g.data[i*m+j], b.data[l*m+j]))
			}
			ga.data[i*k+l] = s
		}
	}
	for l := range k {
		for j := range m {
			s := f.zero()
			for i := range n {
				s = f.add(s, f.mul(a.data[i*k+l], g.data[i*m+j]))
			}
			gb.data[l*m+j] = s
		}
	}
	return []array[T]{ga, gb}
}

// transposed is a with rows and columns swapped, into the given shape.
func transposed[T any](a array[T], shape []int) array[T] {
	n, m := asMatrix(a.shape)
	out := array[T]{shape: shape, data: make([]T, len(a.data))}
	for i := range n {
		for j := range m {
			out.data[j*n+i] = a.data[i*m+j]
		}
	}
	return out
}

// softmaxOf is exp(a_i) / sum_j exp(a_j), each exponent shifted by the
// stabilizer.
func softmaxOf[T any](f field[T], a array[T]) array[T] {
	m := f.stabilizer(a.data)
	e := mapped(a, func(v T) T { return f.call(expr.FnExp, f.add(v, f.neg(m))) })
	s := f.zero()
	for _, v := range e.data {
		s = f.add(s, v)
	}
	return mapped(e, func(v T) T { return f.div(v, s) })
}

// logSumExp is log(sum_i exp(x_i)), written m + log(sum_i exp(x_i - m))
// for the stabilizer m, so that in float64 no exponential overflows.
func logSumExp[T any](f field[T], xs []T) T {
	m := f.stabilizer(xs)
	s := f.zero()
	for _, v := range xs {
		s = f.add(s, f.call(expr.FnExp, f.add(v, f.neg(m))))
	}
	return f.add(m, f.log(s))
}

// count is n in field f.
func count[T any](f field[T], n int) T {
	v, _ := f.fromExpr(expr.Int(int64(n)))
	return v
}

// isZero reports whether v is 0 (not merely unknown).
func isZero[T any](f field[T], v T) bool {
	s, ok := f.sign(v)
	return ok && s == 0
}

// domain refuses an argument outside a function's domain, as the value
// it would give is none: the log of a number that is not positive.
func domain[T any](f field[T], fn *expr.Func, v T) error {
	if fn != expr.FnLog {
		return nil // before sign, which evaluates an exact term whole
	}
	if s, ok := f.sign(v); ok && s <= 0 {
		return diag.Errorf("the log of %s, which is not positive", expr.Short(f.toExpr(v)))
	}
	return nil
}
