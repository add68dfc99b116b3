package curves

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRecognition diagnoses 200 generated curves of every case (fixed
// seeds: 0-99, on which the thresholds were tuned, and 5000-5099, on
// which they were not) and asserts each case is recognised at least 90% of the time: its
// diagnosis is among those given (healthy: alone). The table is logged
// (go test -run Recognition -v).
func TestRecognition(t *testing.T) {
	const runs = 200
	var table strings.Builder
	fmt.Fprintf(&table, "%-18s %-20s %9s %7s\n", "case", "expected", "recognised", "alone")
	for _, c := range Cases {
		t.Run(c.Name, func(t *testing.T) {
			hits, alone := 0, 0
			var misses []string
			for i := range uint64(runs) {
				seed := i + i/100*4900
				got := Analyze(Synthetic(c.Name, seed)).Kinds()
				ok := slices.Contains(got, c.Kind)
				if c.Kind == Healthy {
					ok = len(got) == 1 && got[0] == Healthy
				}
				if ok {
					hits++
					if len(got) == 1 {
						alone++
					}
				} else if len(misses) < 5 {
					misses = append(misses, fmt.Sprintf("seed %d: %v", seed, got))
				}
			}
			fmt.Fprintf(&table, "%-18s %-20s %8d%% %6d%%\n", c.Name, c.Kind, hits*100/runs, alone*100/runs)
			assert.GreaterOrEqual(t, hits, runs*9/10, "misses: %s", strings.Join(misses, "; "))
		})
	}
	t.Log("\n" + table.String())
}
