package network_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/derivtex/derivtex/internal/nettest"
)

// BenchmarkConv times a convolutional layer and its max-pool, in float64,
// over images of growing size and kernels of growing width: y =
// conv2d(x, w, b, pad: 1) with 8 kernels over 3 channels, q = maxpool(y,
// 2), L = sum(q * u). bench/conv.sh puts the same network beside
// PyTorch.
func BenchmarkConv(b *testing.B) {
	for _, n := range []int{64, 256} {
		for _, k := range []int{3, 5} {
			b.Run(fmt.Sprintf("%dx%d/k%d", n, n, k), func(b *testing.B) {
				r := rand.New(rand.NewPCG(1, uint64(n*k)))
				out := n + 2 - k + 1
				shapes := map[string][]int{"x": {1, 3, n, n}, "w": {8, 3, k, k}, "b": {8}, "u": {1, 8, out / 2, out / 2}}
				inputs, _ := integers(r, shapes)
				benchNetwork(b, nettest.Network{Src: "y = conv2d(x, w, b, pad: 1)\nq = maxpool(y, 2)\nL = sum(q * u)", Inputs: inputs}, false)
			})
		}
	}
}
