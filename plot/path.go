package plot

import (
	"math"
	"slices"
)

// Point is a point of a drawn path.
type Point struct{ X, Y float64 }

// pieces turns samples into the paths to draw: a path ends at a cut or
// where the function is undefined, and is clipped to the window (a path
// that leaves it ends at its edge, and one that comes back starts a new
// path there). A lone point is no path and is dropped.
func pieces(ss []sample, w window) [][]Point {
	var out [][]Point
	var cur []Point
	flush := func() {
		if len(cur) >= 2 {
			out = append(out, cur)
		}
		cur = nil
	}
	for i, s := range ss {
		if !s.ok {
			flush()
			continue
		}
		if s.cut || i == 0 || !ss[i-1].ok {
			flush()
			if w.inside(s.y) {
				cur = append(cur, Point{s.x, s.y})
			}
			continue
		}
		p, q := Point{ss[i-1].x, ss[i-1].y}, Point{s.x, s.y}
		a, b, visible := w.clip(p, q)
		if !visible {
			flush()
			continue
		}
		if a != p || len(cur) == 0 {
			flush()
			cur = append(cur, a)
		}
		cur = append(cur, b)
		if b != q {
			flush()
		}
	}
	flush()
	return out
}

// inside reports whether y is in the window.
func (w window) inside(y float64) bool { return y >= w.lo && y <= w.hi }

// clip returns the part of the segment pq inside the window's band of y,
// or visible false when there is none.
func (w window) clip(p, q Point) (a, b Point, visible bool) {
	t0, t1 := 0.0, 1.0
	dy := q.Y - p.Y
	for _, edge := range []struct {
		bound float64
		below bool
	}{{w.lo, true}, {w.hi, false}} {
		if dy == 0 {
			if edge.below && p.Y < edge.bound || !edge.below && p.Y > edge.bound {
				return p, q, false
			}
			continue
		}
		t := (edge.bound - p.Y) / dy
		// Entering the band when y moves inward across the edge.
		entering := edge.below == (dy > 0)
		if entering {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
	}
	if t0 >= t1 {
		return p, q, false // outside, or touching the window at a point
	}
	at := func(t float64) Point {
		switch {
		case t == 0:
			return p
		case t == 1:
			return q
		}
		y := p.Y + t*dy
		if t > 0.5 { // the nearer end loses less
			y = q.Y - (1-t)*dy
		}
		// Rounding can leave y a hair outside: the edge is the point.
		return Point{p.X + t*(q.X-p.X), min(max(y, w.lo), w.hi)}
	}
	return at(t0), at(t1), true
}

// simplify drops the points of a path that lie within tol of the line
// through their neighbours (Ramer-Douglas-Peucker), measured with x in
// units of sx and y in units of sy, so the drawn path keeps its shape
// with far fewer points than were sampled.
func simplify(path []Point, sx, sy, tol float64) []Point {
	if len(path) <= 2 {
		return path
	}
	keep := make([]bool, len(path))
	keep[0], keep[len(path)-1] = true, true
	type job struct{ i, j int }
	stack := []job{{0, len(path) - 1}}
	for len(stack) > 0 {
		jb := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ax, ay := path[jb.i].X/sx, path[jb.i].Y/sy
		bx, by := path[jb.j].X/sx, path[jb.j].Y/sy
		dx, dy := bx-ax, by-ay
		norm := math.Hypot(dx, dy)
		far, at := 0.0, -1
		for k := jb.i + 1; k < jb.j; k++ {
			px, py := path[k].X/sx-ax, path[k].Y/sy-ay
			d := math.Hypot(px, py)
			if norm > 0 {
				d = math.Abs(px*dy-py*dx) / norm
			}
			if d > far {
				far, at = d, k
			}
		}
		if far > tol {
			keep[at] = true
			stack = append(stack, job{jb.i, at}, job{at, jb.j})
		}
	}
	out := make([]Point, 0, len(path))
	for k, p := range path {
		if keep[k] {
			out = append(out, p)
		}
	}
	return out
}

// maxPoints bounds the points drawn of a curve: pgfplots keeps them all in
// TeX's memory, which a curve of some 10^5 points exhausts. Only a curve
// that wiggles faster than the figure can show (sin x over ±10^15) has
// more after simplify.
const maxPoints = 3000

// columns is how many columns decimate sorts points into.
const columns = maxPoints / 4

// decimate keeps, of paths with more than maxPoints points in all, the
// first, last, lowest and highest point of each of columns equal columns
// of x, in order: the band the curve fills is drawn as it looks. The
// paths are joined first: a curve that dense is cut only where float64
// runs out of points between two samples, a cut no one could see.
func decimate(paths [][]Point, from, to float64) [][]Point {
	n := 0
	for _, p := range paths {
		n += len(p)
	}
	if n <= maxPoints {
		return paths
	}
	column := func(x float64) int { return int(float64(columns) * (x - from) / (to - from)) }
	var out [][]Point
	for _, path := range [][]Point{slices.Concat(paths...)} {
		var kept []Point
		for i := 0; i < len(path); {
			c := column(path[i].X)
			j, lo, hi := i, i, i
			for j < len(path) && column(path[j].X) == c {
				if path[j].Y < path[lo].Y {
					lo = j
				}
				if path[j].Y > path[hi].Y {
					hi = j
				}
				j++
			}
			for _, k := range []int{i, min(lo, hi), max(lo, hi), j - 1} {
				if len(kept) == 0 || kept[len(kept)-1] != path[k] {
					kept = append(kept, path[k])
				}
			}
			i = j
		}
		if len(kept) >= 2 {
			out = append(out, kept)
		}
	}
	return out
}
