package expr

import (
	"math/bits"
	"sync"
	"sync/atomic"
)

// Every symbol and vector name gets one of 64 bits, and every term keeps
// the bits of the names it mentions (header.names), so whether a term
// mentions a name is one AND instead of a walk: engines ask it of every
// subterm, which would otherwise cost time quadratic in a term's depth.
// Bits are handed out in turn, so after 64 names some bits are shared; a
// shared bit can only say "maybe", and DependsOn then walks, pruning every
// subterm whose bit is clear.
var nameBits = struct {
	sync.Mutex
	bit    map[string]uint8
	next   uint8
	owners [64]atomic.Int32 // how many names share each bit
}{bit: map[string]uint8{}}

// nameBit returns the bit of a name, handing out the next one to a new
// name.
func nameBit(name string) uint64 {
	nameBits.Lock()
	defer nameBits.Unlock()
	b, ok := nameBits.bit[name]
	if !ok {
		b = nameBits.next
		nameBits.next = (nameBits.next + 1) % 64
		nameBits.bit[name] = b
		nameBits.owners[b].Add(1)
	}
	return 1 << b
}

// exclusive reports whether a name's bit is that name's alone, so that a
// term with the bit set surely mentions the name.
func exclusive(bit uint64) bool {
	return nameBits.owners[bits.TrailingZeros64(bit)].Load() == 1
}
