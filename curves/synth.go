package curves

import (
	"math"
	"math/rand/v2"
)

// Cases are the kinds of curve Synthetic makes, each the textbook shape
// of its diagnosis; "lr-too-high" comes as divergence and as oscillation,
// "bug" as a flat curve and as validation far below training.
var Cases = []struct {
	Name string
	Kind Kind
}{
	{"healthy", Healthy},
	{"diverging", LRTooHigh},
	{"oscillating", LRTooHigh},
	{"slow", LRTooLow},
	{"underfitting", Underfit},
	{"overfitting", Overfit},
	{"noisy", Noisy},
	{"spiky", Exploding},
	{"flat", Bug},
	{"validation-better", Bug},
}

// Synthetic makes a log of the case named name (one of Cases): a
// training loss logged at every step and a validation loss every 20
// steps, with noise, the same for the same seed.
func Synthetic(name string, seed uint64) *Log {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	u := func(a, b float64) float64 { return a + (b-a)*rng.Float64() }
	steps := 300 + rng.IntN(700)
	l0 := u(1.5, 3)
	floor, tau := u(0.05, 0.25)*l0, u(0.08, 0.2)
	noise := u(0.02, 0.06)
	valNoise := u(0.01, 0.03)
	gap := u(1.03, 1.2)
	healthy := func(t float64) float64 { return floor + (l0-floor)*math.Exp(-t/tau) }
	train, val := healthy, func(t float64) float64 { return healthy(t) * gap }
	var spikes map[int]float64
	nanFrom := math.Inf(1)
	switch name {
	case "diverging":
		td, r := u(0.2, 0.5), u(4, 8)
		train = func(t float64) float64 {
			return l0 * (0.7 + 0.3*math.Exp(-t/0.05)) * math.Exp(r*max(0, t-td))
		}
		val = func(t float64) float64 { return train(t) * gap }
		if rng.IntN(2) == 0 {
			nanFrom = u(td+0.2, 0.95)
		}
	case "oscillating":
		a, period, phase := u(0.3, 0.6), u(0.06, 0.15), u(0, 2*math.Pi)
		train = func(t float64) float64 {
			return l0 * (0.6 + 0.4*math.Exp(-t/0.1)) * math.Exp(a*math.Sin(2*math.Pi*t/period+phase))
		}
		val = func(t float64) float64 { return train(t) * gap }
	case "slow":
		rate := u(0.15, 0.4)
		train = func(t float64) float64 { return l0 * (1 - rate*t) }
		val = func(t float64) float64 { return train(t) * gap }
		noise = u(0.01, 0.03)
	case "underfitting":
		level, fast := u(0.6, 0.85)*l0, u(0.02, 0.05)
		train = func(t float64) float64 { return level + (l0-level)*math.Exp(-t/fast) }
		val = func(t float64) float64 { return train(t) * u(1.01, 1.04) }
	case "overfitting":
		turn, up := u(0.3, 0.6), u(0.3, 0.8)
		valTurn := healthy(turn) * gap
		val = func(t float64) float64 {
			if t < turn {
				return healthy(t) * gap
			}
			return valTurn * (1 + up*(t-turn)/(1-turn))
		}
		train = func(t float64) float64 { return healthy(t) * math.Exp(-1.5*t) }
	case "noisy":
		noise = u(0.2, 0.35)
	case "spiky":
		spikes = map[int]float64{}
		for range 2 + rng.IntN(5) {
			spikes[steps/10+rng.IntN(steps*8/10)] = u(3, 20)
		}
	case "flat":
		level := math.Log(float64([]int{2, 10, 100, 1000}[rng.IntN(4)]))
		train = func(float64) float64 { return level }
		val = func(float64) float64 { return level * u(0.995, 1.005) }
		noise = u(0.005, 0.02)
	case "validation-better":
		ratio := u(0.3, 0.5)
		val = func(t float64) float64 { return healthy(t) * ratio }
	}
	ts := &Series{Name: "train_loss", Role: Train}
	vs := &Series{Name: "val_loss", Role: Validation}
	for i := range steps {
		t := float64(i) / float64(steps)
		y := train(t) * math.Exp(noise*rng.NormFloat64())
		if k, ok := spikes[i]; ok {
			y *= k
		}
		if t >= nanFrom {
			y = math.NaN()
		}
		ts.X, ts.Y = append(ts.X, float64(i)), append(ts.Y, y)
		if i%20 == 19 {
			v := val(t) * math.Exp(valNoise*rng.NormFloat64())
			if t >= nanFrom {
				v = math.NaN()
			}
			vs.X, vs.Y = append(vs.X, float64(i)), append(vs.Y, v)
		}
	}
	return &Log{File: name, Format: "synthetic", XName: "step", Rows: steps, Series: []*Series{ts, vs}}
}
