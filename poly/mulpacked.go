package poly

import (
	"math/big"
	"math/bits"
	"slices"
)

// mulPacked multiplies aligned p and q when every exponent vector of the
// product packs into 64 bits (variable 0 in the high bits, so the order
// of keys is the order of terms): terms are summed in a hash table, in
// int64 when the coefficients are integers small enough that no sum can
// overflow, else in big.Int or big.Rat accumulators updated in place.
// ok is false when the exponents do not pack.
func mulPacked(p, q Poly) (Poly, bool) {
	n := p.nv()
	width := 1
	for k := range n {
		width = max(width, bits.Len(uint(p.Degree(k)+q.Degree(k))))
	}
	if n*width > 64 || n == 0 {
		return Poly{}, false
	}
	pack := func(m []uint32) uint64 {
		var key uint64
		for _, e := range m {
			key = key<<width | uint64(e)
		}
		return key
	}
	pk, qk := make([]uint64, p.Len()), make([]uint64, q.Len())
	for t := range pk {
		pk[t] = pack(p.mono(t))
	}
	for t := range qk {
		qk[t] = pack(q.mono(t))
	}
	index := make(map[uint64]int, max(p.Len(), q.Len())*2)
	var keys []uint64
	slot := func(k uint64) int {
		i, ok := index[k]
		if !ok {
			i = len(keys)
			index[k] = i
			keys = append(keys, k)
		}
		return i
	}
	var cs []*big.Rat
	integers := allIntegers(p) && allIntegers(q)
	switch {
	case integers && maxBits(p)+maxBits(q)+bits.Len(uint(min(p.Len(), q.Len()))) < 62:
		var acc []int64
		pc, qc := smallInts(p), smallInts(q)
		for i, a := range pc {
			for j, b := range qc {
				s := slot(pk[i] + qk[j])
				if s == len(acc) {
					acc = append(acc, 0)
				}
				acc[s] += a * b
			}
		}
		cs = make([]*big.Rat, len(acc))
		for i, v := range acc {
			cs[i] = new(big.Rat).SetInt64(v)
		}
	case integers:
		var acc []*big.Int
		t := new(big.Int)
		for i := range pk {
			for j := range qk {
				s := slot(pk[i] + qk[j])
				if s == len(acc) {
					acc = append(acc, new(big.Int))
				}
				acc[s].Add(acc[s], t.Mul(p.cs[i].Num(), q.cs[j].Num()))
			}
		}
		cs = make([]*big.Rat, len(acc))
		for i, v := range acc {
			cs[i] = new(big.Rat).SetInt(v)
		}
	default:
		var acc []*big.Rat
		t := new(big.Rat)
		for i := range pk {
			for j := range qk {
				s := slot(pk[i] + qk[j])
				if s == len(acc) {
					acc = append(acc, new(big.Rat))
				}
				acc[s].Add(acc[s], t.Mul(p.cs[i], q.cs[j]))
			}
		}
		cs = acc
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case keys[a] > keys[b]:
			return -1
		case keys[a] < keys[b]:
			return 1
		}
		return 0
	})
	out := Poly{vars: p.vars, exps: make([]uint32, 0, n*len(keys)), cs: make([]*big.Rat, 0, len(keys))}
	mask := uint64(1)<<width - 1
	m := make([]uint32, n)
	for _, i := range order {
		if cs[i].Sign() == 0 {
			continue
		}
		k := keys[i]
		for v := n - 1; v >= 0; v-- {
			m[v] = uint32(k & mask)
			k >>= width
		}
		out.exps = append(out.exps, m...)
		out.cs = append(out.cs, cs[i])
	}
	return out, true
}

func allIntegers(p Poly) bool {
	for _, c := range p.cs {
		if !c.IsInt() {
			return false
		}
	}
	return true
}

// smallInts returns the coefficients of p, integers that fit, as int64.
func smallInts(p Poly) []int64 {
	out := make([]int64, p.Len())
	for i, c := range p.cs {
		out[i] = c.Num().Int64()
	}
	return out
}
