package curves

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// millionRows is a Lightning-style metrics.csv of 10^6 rows: a training
// loss on every row, a validation loss every 1000th.
func millionRows(jsonl bool) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	if !jsonl {
		b.WriteString("epoch,step,train_loss,val_loss,lr\n")
	}
	const n = 1_000_000
	for i := range n {
		t := float64(i) / n
		y := (0.1 + 2*math.Exp(-t/0.1)) * math.Exp(0.05*rng.NormFloat64())
		val := ""
		if i%1000 == 999 {
			val = fmt.Sprintf("%.6f", y*1.1)
		}
		if jsonl {
			if val == "" {
				val = "null"
			}
			fmt.Fprintf(&b, "{\"epoch\": %d, \"step\": %d, \"train_loss\": %.6f, \"val_loss\": %s, \"lr\": 0.001}\n", i/1000, i, y, val)
		} else {
			fmt.Fprintf(&b, "%d,%d,%.6f,%s,0.001\n", i/1000, i, y, val)
		}
	}
	return b.Bytes()
}

// BenchmarkCurves reads and diagnoses a 10^6-row CSV log, what derivtex
// curves does past reading the file.
func BenchmarkCurves(b *testing.B) {
	src := millionRows(false)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		l, err := Read("metrics.csv", src)
		if err != nil {
			b.Fatal(err)
		}
		if r := Analyze(l); r.Diagnoses[0].Kind != Healthy {
			b.Fatalf("diagnosed %v", r.Kinds())
		}
	}
}

// BenchmarkCurvesJSONL is BenchmarkCurves on the same log as JSON Lines.
func BenchmarkCurvesJSONL(b *testing.B) {
	src := millionRows(true)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		l, err := Read("metrics.jsonl", src)
		if err != nil {
			b.Fatal(err)
		}
		Analyze(l)
	}
}
