package convarith

import "math/rand/v2"

// The dimension of the set of composed kernels is the rank of the
// Jacobian of the map from the stack's kernels to the composed kernel at
// a generic point (the map is polynomial, so its rank is the same almost
// everywhere, and the image is a set of that dimension). It is computed
// at a random integer point, modulo a large prime: exact arithmetic, and
// a rank that a bad draw could only lower, with a chance of about
// rows/prime.

const rankPrime = 1<<31 - 1

// kernels holds a layer's kernels, [out][in], each [h][w].
type kernels [][][][]int64

// layerShape is layer l's kernels: m from one channel first, m by m
// between, one over m channels last; one kernel for a single layer.
func (s *Stack) layerShape(l int) (out, in int) {
	m, n := int(s.Request.Channels), len(s.Request.Kernels)
	switch {
	case n == 1:
		return 1, 1
	case l == 0:
		return m, 1
	case l == n-1:
		return 1, m
	}
	return m, m
}

// composeNumbers composes the layers' kernels: K_l[o][i] = sum over c of
// V[o][c] composed with K_{l-1}[c][i], at the stride so far.
func (s *Stack) composeNumbers(layers []kernels) [][]int64 {
	r := s.Request
	k := layers[0]
	step := r.Strides[0]
	for l := 1; l < len(layers); l++ {
		v := layers[l]
		next := make(kernels, len(v))
		for o := range v {
			next[o] = make([][][]int64, len(k[0]))
			for i := range k[0] {
				kh, kw := len(k[0][i]), len(k[0][i][0])
				vh, vw := len(v[o][0]), len(v[o][0][0])
				acc := grid[int64](step[0]*int64(vh-1)+int64(kh), step[1]*int64(vw-1)+int64(kw))
				for c := range v[o] {
					for a := range vh {
						for b := range vw {
							if v[o][c][a][b] == 0 {
								continue
							}
							for e := range kh {
								for f := range kw {
									at := &acc[step[0]*int64(a)+int64(e)][step[1]*int64(b)+int64(f)]
									*at = (*at + v[o][c][a][b]*k[c][i][e][f]) % rankPrime
								}
							}
						}
					}
				}
				next[o][i] = acc
			}
		}
		k = next
		step[0] *= r.Strides[l][0]
		step[1] *= r.Strides[l][1]
	}
	return k[0][0]
}

// rank is the generic rank of the composition's Jacobian, -1 past the
// caps.
func (s *Stack) rank() int {
	r := s.Request
	rows := s.Field[0].Int() * s.Field[1].Int()
	cols := s.LayerCount.Int()
	if rows*cols > maxRankEntries {
		return -1
	}
	rng := rand.New(rand.NewPCG(1, 2))
	layers := make([]kernels, len(r.Kernels))
	for l, k := range r.Kernels {
		out, in := s.layerShape(l)
		layers[l] = make(kernels, out)
		for o := range out {
			layers[l][o] = make([][][]int64, in)
			for i := range in {
				g := grid[int64](k[0], k[1])
				for a := range g {
					for b := range g[a] {
						g[a][b] = rng.Int64N(rankPrime-1) + 1
					}
				}
				layers[l][o][i] = g
			}
		}
	}
	// The composition is linear in each layer: its derivative by one
	// entry is the composition with that layer replaced by the entry's
	// unit kernel.
	var jac [][]int64
	for l, k := range r.Kernels {
		out, in := s.layerShape(l)
		saved := layers[l]
		for o := range out {
			for i := range in {
				for a := range k[0] {
					for b := range k[1] {
						unit := make(kernels, out)
						for oo := range out {
							unit[oo] = make([][][]int64, in)
							for ii := range in {
								unit[oo][ii] = grid[int64](k[0], k[1])
							}
						}
						unit[o][i][a][b] = 1
						layers[l] = unit
						col := s.composeNumbers(layers)
						var flat []int64
						for _, row := range col {
							flat = append(flat, row...)
						}
						jac = append(jac, flat)
					}
				}
			}
		}
		layers[l] = saved
	}
	return rankModP(jac)
}

// rankModP is the rank of the rows of m modulo rankPrime, by Gaussian
// elimination.
func rankModP(m [][]int64) int {
	if len(m) == 0 {
		return 0
	}
	rank := 0
	cols := len(m[0])
	for c := 0; c < cols && rank < len(m); c++ {
		p := -1
		for i := rank; i < len(m); i++ {
			if m[i][c]%rankPrime != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[rank], m[p] = m[p], m[rank]
		inv := powMod(m[rank][c], rankPrime-2)
		for i := rank + 1; i < len(m); i++ {
			f := m[i][c] * inv % rankPrime
			if f == 0 {
				continue
			}
			for j := c; j < cols; j++ {
				m[i][j] = ((m[i][j]-f*m[rank][j])%rankPrime + rankPrime) % rankPrime
			}
		}
		rank++
	}
	return rank
}

func powMod(b, e int64) int64 {
	b = (b%rankPrime + rankPrime) % rankPrime
	r := int64(1)
	for e > 0 {
		if e&1 == 1 {
			r = r * b % rankPrime
		}
		b = b * b % rankPrime
		e >>= 1
	}
	return r
}
