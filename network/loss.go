package network

import (
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// Losses, as PyTorch's defaults compute them (reduction "mean"):
//
//	mse(yhat, y)           mean((yhat - y)^2), one shape            MSELoss
//	bce(p, y)              mean(-(y log p + (1 - y) log(1 - p))),   BCELoss
//	                       p strictly between 0 and 1
//	crossentropy(z, c)     logsumexp(z) - z[c]: softmax cross-entropy CrossEntropyLoss
//	                       on logits z, c a class 1..C
//	crossentropy(z, p)     sum_i p_i (logsumexp(z) - z_i), p class
//	                       probabilities (one-hot or soft) of z's shape
//	nll(l, c), nll(l, p)   -l[c], -sum_i p_i l_i, l log-probabilities NLLLoss
//
// Logits and log-probabilities are a vector [C], or a batch [N, C] whose
// rows' losses are averaged, with N classes [N] or probabilities
// [N, C]. Classes are 1-based, as indices are. logsumexp is taken
// shifted by the largest logit in float64, so that large logits do not
// overflow (see stabilizer). A class label has no gradient (its adjoint
// is 0); probabilities do.

// lossShape checks the operands of a loss; every loss is a number.
func lossShape(name string, a, b []int) ([]int, error) {
	switch name {
	case "mse", "bce":
		if !sameShape(a, b) {
			return nil, diag.Errorf("shapes %s and %s differ in %s: the prediction and the target have one shape", shapeText(a), shapeText(b), name)
		}
		return nil, nil
	}
	what := "logits"
	if name == "nll" {
		what = "log-probabilities"
	}
	if len(a) < 1 || len(a) > 2 || !(sameShape(a, b) || sameShape(a[:len(a)-1], b)) {
		return nil, diag.Errorf("%s takes %s of shape [C] or [N, C] and classes of shape [] or [N] or probabilities of their shape, not shapes %s and %s", name, what, shapeText(a), shapeText(b))
	}
	return nil, nil
}

// rows views a classifier's operand as rows of C entries.
func rows[T any](a array[T]) (n, c int) {
	c = a.shape[len(a.shape)-1]
	return len(a.data) / c, c
}

// isClasses reports whether the target b of a classifier's operand a
// holds classes (shape [] for [C], [N] for [N, C]) rather than
// probabilities of a's shape. The shapes tell, not the count of entries:
// with one class (C = 1), N probabilities are N entries too.
func isClasses[T any](a, b array[T]) bool { return len(b.shape) < len(a.shape) }

// classOf is the 0-based class a label entry names, or an error saying
// why it names none.
func classOf[T any](f field[T], v T, classes int) (int, error) {
	x := f.toExpr(v)
	if n, ok := x.(*expr.Number); ok && n.IsInt() {
		if k, ok := n.Int64(); ok && k >= 1 && k <= int64(classes) {
			return int(k) - 1, nil
		}
	}
	return 0, diag.Errorf("the class %s is not one of 1..%d", expr.Short(x), classes)
}

// lossForward computes a loss of a (the prediction) against b (the
// target).
func lossForward[T any](f field[T], name string, a, b array[T]) (T, error) {
	total := f.zero()
	switch name {
	case "mse":
		for i, v := range a.data {
			d := f.add(v, f.neg(b.data[i]))
			total = f.add(total, f.mul(d, d))
		}
		return f.div(total, count(f, len(a.data))), nil
	case "bce":
		for i, p := range a.data {
			if err := probability(f, p); err != nil {
				return total, err
			}
			y := b.data[i]
			q := f.add(f.one(), f.neg(p))
			total = f.add(total, f.add(f.mul(y, f.log(p)), f.mul(f.add(f.one(), f.neg(y)), f.log(q))))
		}
		return f.neg(f.div(total, count(f, len(a.data)))), nil
	}
	n, c := rows(a)
	classes := isClasses(a, b)
	for r := range n {
		z := a.data[r*c : (r+1)*c]
		lse := f.zero()
		if name == "crossentropy" {
			lse = logSumExp(f, z)
		}
		if classes {
			k, err := classOf(f, b.data[r], c)
			if err != nil {
				return total, err
			}
			total = f.add(total, f.add(lse, f.neg(z[k])))
			continue
		}
		for i, p := range b.data[r*c : (r+1)*c] {
			total = f.add(total, f.mul(p, f.add(lse, f.neg(z[i]))))
		}
	}
	return f.div(total, count(f, n)), nil
}

// probability refuses a p of bce outside (0, 1), where a log of it has
// no value (PyTorch clamps the log at -100 instead).
func probability[T any](f field[T], p T) error {
	s, ok := f.sign(p)
	t, ok2 := f.sign(f.add(f.one(), f.neg(p)))
	if ok && ok2 && (s <= 0 || t <= 0) {
		return diag.Errorf("the probability %s is not strictly between 0 and 1", expr.Short(f.toExpr(p)))
	}
	return nil
}

// lossVJP is the adjoint of a loss's operands for the adjoint g0 of the
// loss.
func lossVJP[T any](f field[T], name string, a, b array[T], g0 T) []array[T] {
	ga := filled(a.shape, f.zero())
	gb := filled(b.shape, f.zero())
	switch name {
	case "mse":
		scale := f.div(f.mul(count(f, 2), g0), count(f, len(a.data)))
		for i, v := range a.data {
			ga.data[i] = f.mul(scale, f.add(v, f.neg(b.data[i])))
			gb.data[i] = f.neg(ga.data[i])
		}
		return []array[T]{ga, gb}
	case "bce":
		scale := f.div(g0, count(f, len(a.data)))
		for i, p := range a.data {
			y := b.data[i]
			q := f.add(f.one(), f.neg(p))
			// d/dp = (p - y) / (p (1 - p)); d/dy = log(1 - p) - log p.
			ga.data[i] = f.mul(scale, f.div(f.add(p, f.neg(y)), f.mul(p, q)))
			gb.data[i] = f.mul(scale, f.add(f.log(q), f.neg(f.log(p))))
		}
		return []array[T]{ga, gb}
	}
	n, c := rows(a)
	scale := f.div(g0, count(f, n))
	classes := isClasses(a, b)
	for r := range n {
		z := array[T]{shape: []int{c}, data: a.data[r*c : (r+1)*c]}
		mass := f.one() // the sum of the row's probabilities
		if !classes {
			mass = f.zero()
			for _, p := range b.data[r*c : (r+1)*c] {
				mass = f.add(mass, p)
			}
		}
		var s array[T]
		lse := f.zero()
		if name == "crossentropy" {
			s = softmaxOf(f, z)
			lse = logSumExp(f, z.data)
		}
		for i := range c {
			// d/dz_i: mass softmax_i - p_i for cross-entropy, -p_i for
			// nll, p being the one-hot vector of a class.
			p := f.zero()
			if classes {
				if k, err := classOf(f, b.data[r], c); err == nil && k == i {
					p = f.one()
				}
			} else {
				p = b.data[r*c+i]
				gb.data[r*c+i] = f.mul(scale, f.add(lse, f.neg(z.data[i])))
			}
			d := f.neg(p)
			if name == "crossentropy" {
				d = f.add(f.mul(mass, s.data[i]), d)
			}
			ga.data[r*c+i] = f.mul(scale, d)
		}
	}
	return []array[T]{ga, gb}
}
