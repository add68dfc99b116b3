package equiv

import (
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// conditionPoints is how many signed points test the domain conditions.
const conditionPoints = 64

// domainConditions lists where both sides are defined: the conditions
// their logs and roots need (log(u): u > 0; sqrt(u): u >= 0), less those
// that always hold under the assumptions (exp(x) > 0) and those the
// others imply (a b > 0 given a > 0 and b > 0).
func (d *decider) domainConditions(sm *sampler) []string {
	var cands []Assumption
	seen := map[expr.Expr]bool{}
	add := func(u expr.Expr, op string) {
		if seen[u] || u.Kind() == expr.KindNumber {
			return
		}
		seen[u] = true
		cands = append(cands, Assumption{Left: u, Op: op, Right: expr.Zero, Src: expr.Plain(u) + " " + op + " 0"})
	}
	for _, side := range []expr.Expr{d.l, d.r} {
		expr.Inspect(side, func(x expr.Expr) bool {
			switch y := x.(type) {
			case *expr.CallExpr:
				if y.Func() == expr.FnLog {
					add(y.Args()[0], ">")
				}
			case *expr.PowExpr:
				n, ok := y.Exp().(*expr.Number)
				switch {
				case !ok:
					add(y.Base(), ">")
				case !n.IsInt() && n.Den().Bit(0) == 0:
					if n.Sign() < 0 {
						add(y.Base(), ">")
					} else {
						add(y.Base(), ">=")
					}
				}
			}
			return true
		})
	}
	var pts []*point
	sm.uniform = true
	for k := range conditionPoints {
		if p := d.drawOK(sm, k, true); p != nil {
			pts = append(pts, p)
		}
	}
	sm.uniform = false
	// Drop what always holds.
	cands = slices.DeleteFunc(cands, func(c Assumption) bool {
		for _, p := range pts {
			if !c.holds(p) {
				return false
			}
		}
		return true
	})
	// Drop what the others imply, the largest first.
	slices.SortStableFunc(cands, func(a, b Assumption) int { return expr.Size(b.Left) - expr.Size(a.Left) })
	for i := 0; i < len(cands); {
		others := slices.Concat(cands[:i], cands[i+1:])
		implied, support := true, 0
		for _, p := range pts {
			all := true
			for _, o := range others {
				if !o.holds(p) {
					all = false
					break
				}
			}
			if !all {
				continue
			}
			support++
			if !cands[i].holds(p) {
				implied = false
				break
			}
		}
		if implied && support >= 2 {
			cands = others
			continue
		}
		i++
	}
	slices.SortStableFunc(cands, func(a, b Assumption) int { return expr.Size(a.Left) - expr.Size(b.Left) })
	out := make([]string, len(cands))
	for i, c := range cands {
		out[i] = c.Src
	}
	return out
}

// signConditions finds which variables must be positive for a relation
// that holds at the positive points: those whose sign flipped breaks it.
func (d *decider) signConditions(sm *sampler, pos []value) []string {
	var vars []string
	for _, v := range d.space.scalars {
		if _, dir := d.assume.bound(v); dir == 0 {
			vars = append(vars, v)
		}
	}
	for name := range d.space.arrays {
		if _, dir := d.assume.bound(name); dir == 0 {
			vars = append(vars, name)
		}
	}
	slices.Sort(vars)
	groups := map[int][]value{}
	for _, v := range pos {
		groups[v.group] = append(groups[v.group], v)
	}
	var need []string
	for _, name := range vars {
		broke := false
		for g := range groupsPerPhase {
			var flipped []value
			for _, v := range groups[g] {
				q := v.p.clone()
				if _, ok := q.scalars[name]; ok {
					q.scalars[name] = -q.scalars[name]
				} else if a, ok := q.arrays[name]; ok {
					for i := range a.Data {
						a.Data[i] = -a.Data[i]
					}
				}
				w := d.evaluate(q)
				w.group = g
				if w.lok != w.rok {
					broke = true
				}
				if w.lok && w.rok {
					flipped = append(flipped, w)
				}
			}
			if broke || (len(flipped) > 0 && d.failing(flipped) != nil) {
				broke = true
				break
			}
		}
		if broke {
			need = append(need, name)
		}
	}
	if len(need) == 0 {
		need = vars
	}
	out := make([]string, len(need))
	for i, n := range need {
		if _, ok := d.space.arrays[n]; ok {
			out[i] = "every " + n + "[i] > 0"
			continue
		}
		out[i] = n + " > 0"
	}
	return out
}
