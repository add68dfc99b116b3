package curves

import (
	"math"
	"slices"
)

// maxBins is the most bins a curve is smoothed into: the trend, the
// plateau and the wander are measured on bin medians, so that their cost
// does not grow with the log.
const maxBins = 100

// Point is a point of a smoothed curve: a step and a loss.
type Point struct{ X, Y float64 }

// Features are what is measured on one loss curve. Levels are on the log
// of the loss when every value is positive (LogScale), so that "noise" is
// a relative spread and a trend a rate; otherwise on the loss divided by
// its 5-95% range.
type Features struct {
	Points    int // values logged, finite or not
	NonFinite int // of them NaN or infinite
	// FirstNonFinite is the step of the first NaN or infinity, when
	// NonFinite > 0; AfterFinite says finite values came before it.
	FirstNonFinite float64
	AfterFinite    bool
	LogScale       bool
	// Start and End are the smoothed loss (bin medians) at the start and
	// the end; Min the lowest value logged, at MinStep; Max the highest.
	Start, End, Min, MinStep, Max float64
	// Drop is the fraction of the start loss the smoothed curve loses at
	// its lowest: 1 - lowest/start.
	Drop float64
	// Trend is the Theil-Sen slope of the smoothed log loss over the whole
	// run (the run counted as 1), LateTrend over its last quarter.
	Trend, LateTrend float64
	// Noise is the robust spread (1.4826 MAD) of the values around their
	// running median of 9: the relative noise of the loss.
	Noise float64
	// Wander is the RMS distance of the smoothed curve from the closest
	// curve that never rises: oscillation and divergence, beyond noise;
	// BinNoise is the spread noise alone gives the smoothed curve.
	Wander, BinNoise float64
	// Rise is how far the smoothed curve ends above its lowest level, as
	// a fraction of that level.
	Rise float64
	// RiseLevels is Rise in the units of the levels (log loss).
	RiseLevels float64
	// Linearity is the R^2 of a straight line through the smoothed loss;
	// LateOverEarly the slope of its last third over that of its first
	// third (1: as fast at the end as at the start; 0: converged).
	Linearity, LateOverEarly float64
	// Plateau is the final level the curve settles at.
	Plateau Plateau
	// Spikes are jumps of the loss that come back down.
	Spikes []Spike
}

// Plateau is where a curve stays within a band of its final level to the
// end: from step From, Length the fraction of the run, at Height.
type Plateau struct {
	From, Length, Height float64
	// Band is the band's half-width, in the units of the levels.
	Band float64
}

// Spike is a jump of the loss at Step, Ratio times its local median.
type Spike struct{ Step, Ratio float64 }

// curveData is a curve being measured: its finite values as levels (z),
// their steps, and its smoothed bins.
type curveData struct {
	x, z   []float64
	scale  float64 // levels are loss/scale (when not LogScale)
	log    bool
	bins   []float64 // bin medians of z
	binX   []float64 // the step at each bin's middle
	binT   []float64 // each bin's middle as a fraction of the run
	binLen float64   // values per bin
}

// level converts a loss to a level; loss converts back.
func (c *curveData) level(y float64) float64 {
	if c.log {
		return math.Log(y)
	}
	return y / c.scale
}

func (c *curveData) loss(z float64) float64 {
	if c.log {
		return math.Exp(z)
	}
	return z * c.scale
}

// measure computes the features of s; the curveData is nil when fewer
// than minPoints values are finite.
func measure(s *Series) (Features, *curveData) {
	f := Features{Points: len(s.Y), Min: math.Inf(1), Max: math.Inf(-1)}
	var d curveData
	d.log = true
	finite := 0
	for i, y := range s.Y {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			if f.NonFinite == 0 {
				f.FirstNonFinite, f.AfterFinite = s.X[i], finite > 0
			}
			f.NonFinite++
			continue
		}
		finite++
		if y <= 0 {
			d.log = false
		}
		if y < f.Min {
			f.Min, f.MinStep = y, s.X[i]
		}
		f.Max = max(f.Max, y)
	}
	if finite == 0 {
		f.Min, f.Max = 0, 0
	}
	if finite < minPoints {
		return f, nil
	}
	d.x = make([]float64, 0, finite)
	d.z = make([]float64, 0, finite)
	for i, y := range s.Y {
		if !math.IsNaN(y) && !math.IsInf(y, 0) {
			d.x = append(d.x, s.X[i])
			d.z = append(d.z, y)
		}
	}
	d.scale = 1
	if !d.log {
		sorted := sampleSorted(d.z)
		p5, p95 := sorted[len(sorted)*5/100], sorted[len(sorted)*95/100]
		if p95 > p5 {
			d.scale = p95 - p5
		} else if p95 != 0 {
			d.scale = math.Abs(p95)
		}
	}
	for i, y := range d.z {
		d.z[i] = d.level(y)
	}
	f.LogScale = d.log
	d.smooth()
	f.measureShape(&d)
	return f, &d
}

// binSample is the most values of a bin its median is taken over.
const binSample = 1001

// minPoints is the fewest finite values a curve is diagnosed from.
const minPoints = 5

// smooth fills the bins: medians of equal runs of values.
func (d *curveData) smooth() {
	n := len(d.z)
	nb := min(n, maxBins)
	d.binLen = float64(n) / float64(nb)
	scratch := make([]float64, 0, n/nb+1)
	for b := range nb {
		lo, hi := b*n/nb, (b+1)*n/nb
		// The median of at most binSample values of the bin, evenly
		// taken: as good a level, at a bounded cost.
		stride := max(1, (hi-lo)/binSample)
		scratch = scratch[:0]
		for i := lo; i < hi; i += stride {
			scratch = append(scratch, d.z[i])
		}
		d.bins = append(d.bins, median(scratch))
		d.binX = append(d.binX, d.x[(lo+hi-1)/2])
		d.binT = append(d.binT, (float64(lo+hi)/2)/float64(n))
	}
}

// measureShape measures everything but the counts.
func (f *Features) measureShape(d *curveData) {
	nb := len(d.bins)
	f.Start, f.End = d.loss(d.bins[0]), d.loss(d.bins[nb-1])
	lowest := slices.Min(d.bins)
	f.Drop = 1 - d.loss(lowest)/d.loss(d.bins[0])
	if !d.log {
		f.Drop = (d.bins[0] - lowest) / max(math.Abs(d.bins[0]), 1e-300)
	}
	sm := runningMedian(d.bins, 2)
	f.Rise = sm[nb-1] - slices.Min(sm)
	f.RiseLevels = f.Rise
	if d.log {
		f.Rise = math.Expm1(f.Rise)
	}
	f.Trend = theilSen(d.binT, d.bins)
	late := nb * 3 / 4
	f.LateTrend = theilSen(d.binT[late:], d.bins[late:])

	// Noise: second differences remove the trend; their robust spread is
	// sqrt(6) times the noise's.
	n := len(d.z)
	stride := max(1, n/50000)
	resid := make([]float64, 0, n/stride+1)
	for i := 1; i+1 < n; i += stride {
		resid = append(resid, math.Abs(d.z[i+1]-2*d.z[i]+d.z[i-1]))
	}
	f.Noise = 1.4826 * median(resid) / math.Sqrt(6)
	f.BinNoise = 1.2533 * f.Noise / math.Sqrt(d.binLen)

	// Spikes: a value far above its running median of 9, away from the
	// ends (a spike comes back down). A value no higher than threshold
	// above its window's least cannot be one, which spares computing
	// most medians.
	threshold := max(math.Ln2, 6*f.Noise)
	var w [9]float64
	inSpike := false
	for i := 4; i < n-4; i++ {
		win := d.z[i-4 : i+5]
		if d.z[i]-slices.Min(win) <= threshold {
			inSpike = false
			continue
		}
		copy(w[:], win)
		med := median(w[:])
		r := d.z[i] - med
		if r <= threshold {
			inSpike = false
			continue
		}
		ratio := math.Exp(r)
		if !d.log {
			ratio = 1 + r*d.scale/max(math.Abs(d.loss(med)), 1e-300)
		}
		if k := len(f.Spikes); inSpike {
			f.Spikes[k-1].Ratio = max(f.Spikes[k-1].Ratio, ratio)
			continue
		}
		inSpike = true
		f.Spikes = append(f.Spikes, Spike{Step: d.x[i], Ratio: ratio})
	}

	// Wander: the distance from the closest non-increasing curve.
	iso := nonIncreasing(d.bins)
	var ss float64
	for i, v := range d.bins {
		ss += (v - iso[i]) * (v - iso[i])
	}
	f.Wander = math.Sqrt(ss / float64(nb))

	// Shape on the loss itself: straight or bending.
	lin := make([]float64, nb)
	for i, v := range d.bins {
		lin[i] = d.loss(v)
	}
	f.Linearity = rSquared(d.binT, lin)
	third := max(nb/3, 2)
	early := slope(d.binT[:third], lin[:third])
	if early < 0 {
		f.LateOverEarly = slope(d.binT[nb-third:], lin[nb-third:]) / early
	}

	// Plateau: from where the curve stays within a band of its final level.
	tail := max(nb/10, 1)
	final := median(slices.Clone(d.bins[nb-tail:]))
	band := max(0.05, 3*f.BinNoise)
	from := nb
	for from > 0 && math.Abs(sm[from-1]-final) <= band {
		from--
	}
	if from == nb {
		from = nb - 1
	}
	lo := from * n / nb
	f.Plateau = Plateau{From: d.x[lo], Length: 1 - float64(lo)/float64(n), Height: d.loss(final), Band: band}
}

// runningMedian is the median of each value and its h neighbours on
// either side.
func runningMedian(v []float64, h int) []float64 {
	out := make([]float64, len(v))
	w := make([]float64, 0, 2*h+1)
	for i := range v {
		w = append(w[:0], v[max(0, i-h):min(len(v), i+h+1)]...)
		out[i] = median(w)
	}
	return out
}

// median returns the median of v, reordering it.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m]
	}
	return (v[m-1] + v[m]) / 2
}

// sampleSorted returns at most 50,000 of v's values, evenly taken, sorted.
func sampleSorted(v []float64) []float64 {
	stride := max(1, len(v)/50000)
	out := make([]float64, 0, len(v)/stride+1)
	for i := 0; i < len(v); i += stride {
		out = append(out, v[i])
	}
	slices.Sort(out)
	return out
}

// theilSen is the median of the slopes between all pairs of points: a
// line fit that a few wild points do not move.
func theilSen(x, y []float64) float64 {
	var slopes []float64
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			if dx := x[j] - x[i]; dx != 0 {
				slopes = append(slopes, (y[j]-y[i])/dx)
			}
		}
	}
	return median(slopes)
}

// slope is the least-squares slope of y on x.
func slope(x, y []float64) float64 {
	mx, my := mean(x), mean(y)
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	if sxx == 0 {
		return 0
	}
	return sxy / sxx
}

// rSquared is the share of y's variance a least-squares line explains.
func rSquared(x, y []float64) float64 {
	b := slope(x, y)
	mx, my := mean(x), mean(y)
	var res, tot float64
	for i := range x {
		r := y[i] - (my + b*(x[i]-mx))
		res += r * r
		tot += (y[i] - my) * (y[i] - my)
	}
	if tot == 0 {
		return 0
	}
	return 1 - res/tot
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// nonIncreasing is the least-squares non-increasing fit of v (pool
// adjacent violators).
func nonIncreasing(v []float64) []float64 {
	type block struct {
		sum float64
		n   int
	}
	var blocks []block
	for _, x := range v {
		blocks = append(blocks, block{x, 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/float64(a.n) >= b.sum/float64(b.n) {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{a.sum + b.sum, a.n + b.n})
		}
	}
	out := make([]float64, 0, len(v))
	for _, b := range blocks {
		for range b.n {
			out = append(out, b.sum/float64(b.n))
		}
	}
	return out
}
