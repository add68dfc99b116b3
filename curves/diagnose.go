package curves

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// Kind is a diagnosis.
type Kind string

// The diagnoses.
const (
	LRTooHigh Kind = "lr-too-high"
	LRTooLow  Kind = "lr-too-low"
	Underfit  Kind = "underfitting"
	Overfit   Kind = "overfitting"
	Noisy     Kind = "noisy-gradients"
	Exploding Kind = "exploding-gradients"
	Bug       Kind = "bug"
	Healthy   Kind = "healthy"
	TooShort  Kind = "too-short"
)

// kindInfo is what a diagnosis says whatever the curve: its title and the
// fixes a practitioner would try, the likeliest first.
type kindInfo struct {
	Title string
	Fixes []string
}

// kinds is the table of diagnoses.
var kinds = map[Kind]kindInfo{
	LRTooHigh: {"learning rate too high", []string{
		"lower the learning rate (by 3 to 10 times)",
		"add a warm-up, or a schedule that decays the rate",
		"clip the gradient norm (e.g. at 1.0)",
		"check for log(0) or division by zero in the loss if it turned NaN",
	}},
	LRTooLow: {"learning rate too low", []string{
		"raise the learning rate (by 3 to 10 times), or run a learning-rate range test",
		"use an adaptive optimizer (Adam) or momentum",
		"train longer: the loss is still falling at the end",
	}},
	Underfit: {"underfitting", []string{
		"a larger model (more layers or units), or fewer constraints",
		"less regularisation (weight decay, dropout)",
		"better features or inputs; check the data and labels",
		"train longer or with a higher learning rate once the plateau is reached early",
	}},
	Overfit: {"overfitting", []string{
		"stop early, at the validation minimum (keep that checkpoint)",
		"more training data, or data augmentation",
		"more regularisation: weight decay, dropout",
		"a smaller model",
	}},
	Noisy: {"noisy gradients", []string{
		"a larger batch, or gradient accumulation",
		"a lower learning rate, or one that decays",
		"average the weights (EMA) or smooth the loss curve before judging it",
	}},
	Exploding: {"exploding gradients", []string{
		"clip the gradient norm",
		"lower the learning rate, or add a warm-up",
		"normalisation layers (batch norm, layer norm) and a careful initialisation",
		"look for bad batches (outliers, wrong labels) at the spike steps",
	}},
	Bug: {"a bug", []string{
		"check that the gradients reach the weights (optimizer.step(), zero_grad, requires_grad, a frozen model)",
		"check that labels match inputs (shuffled separately?) and the loss gets what it expects (logits or probabilities)",
		"check the validation split: leaking or far easier data, or training-mode layers (dropout) behaving differently",
		"overfit a single small batch first: a working pipeline drives its loss near zero",
	}},
	Healthy: {"healthy", []string{"nothing to fix: keep the checkpoint at the lowest validation loss"}},
	TooShort: {"too short to diagnose", []string{
		"log the loss more often (every few steps), or train longer",
	}},
}

// Title is the diagnosis as a reader sees it.
func (k Kind) Title() string { return kinds[k].Title }

// Fixes are what a practitioner would try.
func (k Kind) Fixes() []string { return kinds[k].Fixes }

// Diagnosis is one finding: its kind, the curve (or pair of curves) it
// is about, the measured evidence in words, and a step it points at
// (the early-stopping point, the divergence) when HasStep.
type Diagnosis struct {
	Kind     Kind
	Curve    string
	Evidence string
	Step     float64
	HasStep  bool
}

// Curve is a loss curve measured and diagnosed.
type Curve struct {
	Name      string
	Role      Role
	Features  Features
	Diagnoses []Diagnosis
	// Smooth is the curve smoothed (bin medians, at most 100 points) for
	// plotting; empty when too short.
	Smooth []Point
	data   *curveData
}

// Pair is a training curve read against its validation curve.
type Pair struct {
	Train, Validation string
	// Gaps are validation over training, at the same steps: the median
	// over the first third of the validation points, the last third, and
	// all of them.
	GapStart, GapEnd, Gap float64
	// ValMin is the validation minimum, at ValMinStep: the early-stopping
	// point. ValRise is how far validation ends above it (a fraction);
	// TrainAfter how far training fell after it (a fraction).
	ValMin, ValMinStep, ValRise, TrainAfter float64
	Diagnoses                               []Diagnosis
}

// Report is the analysis of a log.
type Report struct {
	Log    *Log
	Curves []*Curve
	Pair   *Pair // nil without both a training and a validation curve
	// Diagnoses are every curve's and the pair's, or healthy alone.
	Diagnoses []Diagnosis
}

// Analyze measures and diagnoses every curve of l.
func Analyze(l *Log) *Report {
	r := &Report{Log: l}
	hasTrain := slices.ContainsFunc(l.Series, func(s *Series) bool { return s.Role == Train })
	for _, s := range l.Series {
		f, d := measure(s)
		c := &Curve{Name: s.Name, Role: s.Role, Features: f, data: d}
		if d != nil {
			for i, v := range d.bins {
				c.Smooth = append(c.Smooth, Point{d.binX[i], d.loss(v)})
			}
		}
		c.Diagnoses = diagnoseCurve(c, s.Role == Train || !hasTrain)
		r.Curves = append(r.Curves, c)
	}
	train, val := primary(r.Curves, Train), primary(r.Curves, Validation)
	if train != nil && val != nil && train.data != nil && val.data != nil {
		r.Pair = diagnosePair(train, val)
	}
	for _, c := range r.Curves {
		r.Diagnoses = append(r.Diagnoses, c.Diagnoses...)
	}
	if r.Pair != nil {
		r.Diagnoses = append(r.Diagnoses, r.Pair.Diagnoses...)
	}
	if len(r.Diagnoses) == 0 {
		what := "every curve falls and settles"
		if train != nil {
			what = fmt.Sprintf("%s falls by %s and settles at %s", train.Name, pct(train.Features.Drop), num(train.Features.Plateau.Height))
			if r.Pair != nil {
				what += fmt.Sprintf("; validation ends at %.2f times training (%.2f at the start)", r.Pair.GapEnd, r.Pair.GapStart)
			}
		}
		r.Diagnoses = []Diagnosis{{Kind: Healthy, Curve: "", Evidence: what}}
	}
	return r
}

// Kinds are the kinds of r's diagnoses, each once, in order.
func (r *Report) Kinds() []Kind {
	var out []Kind
	for _, d := range r.Diagnoses {
		if !slices.Contains(out, d.Kind) {
			out = append(out, d.Kind)
		}
	}
	return out
}

// primary is the curve of role a pair is made of: the first, preferring a
// per-step curve to a per-epoch one (Lightning's train_loss_epoch).
func primary(cs []*Curve, role Role) *Curve {
	var first *Curve
	for _, c := range cs {
		if c.Role != role {
			continue
		}
		if first == nil {
			first = c
		}
		if !strings.HasSuffix(normalize(c.Name), "_epoch") {
			return c
		}
	}
	return first
}

// diagnoseCurve reads one curve's features; full is false for a
// validation curve beside a training one, whose shape the pair reads.
func diagnoseCurve(c *Curve, full bool) []Diagnosis {
	f := &c.Features
	var out []Diagnosis
	add := func(k Kind, step float64, hasStep bool, format string, args ...any) {
		out = append(out, Diagnosis{Kind: k, Curve: c.Name, Evidence: fmt.Sprintf(format, args...), Step: step, HasStep: hasStep})
	}
	if f.NonFinite > 0 {
		if f.AfterFinite {
			add(LRTooHigh, f.FirstNonFinite, true, "diverged: %d of %d values are NaN or infinite, the first at step %s, after finite ones", f.NonFinite, f.Points, num(f.FirstNonFinite))
		} else {
			add(Bug, f.FirstNonFinite, true, "undefined from the start: the first value (step %s) is already NaN or infinite, %d of %d in all", num(f.FirstNonFinite), f.NonFinite, f.Points)
		}
	}
	if c.data == nil {
		if f.NonFinite == 0 || f.AfterFinite {
			add(TooShort, 0, false, "%d finite values: at least %d are needed to measure a trend", f.Points-f.NonFinite, minPoints)
		}
		return out
	}
	if len(f.Spikes) > 0 {
		biggest := slices.MaxFunc(f.Spikes, func(a, b Spike) int { return cmpFloat(a.Ratio, b.Ratio) })
		add(Exploding, biggest.Step, true, "%d spike(s) where the loss jumps above its running median and comes back, the largest %sx at step %s", len(f.Spikes), num(biggest.Ratio), num(biggest.Step))
	}
	if !full {
		return out
	}
	high := false
	switch {
	case f.RiseLevels >= max(math.Log(1.5), 3*f.BinNoise) && f.LateTrend > 0:
		high = true
		add(LRTooHigh, f.MinStep, true, "diverging: the smoothed loss ends %s above its lowest level (lowest value %s at step %s) and still climbs (late trend %+.2f)", pct(f.Rise), num(f.Min), num(f.MinStep), f.LateTrend)
	case f.Wander >= max(0.1, 3*f.BinNoise):
		high = true
		add(LRTooHigh, 0, false, "oscillating: the smoothed curve wanders %.2f (log units) around the nearest never-rising curve, noise alone explains %.2f", f.Wander, f.BinNoise)
	}
	flat := f.Plateau.Length >= 0.9 && f.NonFinite == 0 &&
		math.Abs(f.Start-f.Plateau.Height) <= 0.05*max(math.Abs(f.Start), math.Abs(f.Plateau.Height))
	switch {
	case high:
	case flat:
		add(Bug, 0, false, "flat from the start: the loss starts at %s and stays within %s of %s over %s of the run%s", num(f.Start), pct(math.Expm1(f.Plateau.Band)), num(f.Plateau.Height), pct(f.Plateau.Length), chance(f))
	case f.Plateau.Length >= 0.5 && f.Drop >= 0.05 && f.Plateau.Height >= 0.5*f.Start:
		add(Underfit, f.Plateau.From, true, "early high plateau: from step %s (%s of the run) the loss stays at %s, %s of its start %s", num(f.Plateau.From), pct(f.Plateau.Length), num(f.Plateau.Height), pct(f.Plateau.Height/f.Start), num(f.Start))
	case f.Drop >= 0.05 && f.LateOverEarly >= 0.4 && f.Linearity >= 0.9 && f.LateTrend < 0:
		add(LRTooLow, 0, false, "slow near-linear decrease: a straight line fits the loss (R^2 %.3f), it falls as fast at the end as at the start (ratio %.2f) and is still falling", f.Linearity, f.LateOverEarly)
	}
	if !high && f.Noise >= 0.15 {
		add(Noisy, 0, false, "noise %s of the level around the running median, while the trend is %+.2f per run", pct(f.Noise), f.Trend)
	}
	return out
}

// chance names the number of classes whose uniform guess has the loss of
// a flat curve, when it is close to one (log 10 = 2.303).
func chance(f *Features) string {
	k := math.Exp(f.Plateau.Height)
	if r := math.Round(k); r >= 2 && r <= 1000 && math.Abs(k-r) < 0.02*r {
		return fmt.Sprintf(", which is log %d: the cross-entropy of guessing uniformly among %d classes", int(r), int(r))
	}
	return ""
}

// diagnosePair reads a training curve against its validation curve.
func diagnosePair(train, val *Curve) *Pair {
	p := &Pair{Train: train.Name, Validation: val.Name}
	t, v := train.data, val.data
	at := trainAt(t, v)
	gaps := make([]float64, len(v.z))
	for i, z := range v.z {
		gaps[i] = z - at(i)
	}
	third := max(len(gaps)/3, 1)
	ratio := func(g []float64) float64 {
		m := median(slices.Clone(g))
		if t.log && v.log {
			return math.Exp(m)
		}
		return v.loss(m+at(0)) / t.loss(at(0))
	}
	p.GapStart, p.GapEnd, p.Gap = ratio(gaps[:third]), ratio(gaps[len(gaps)-third:]), ratio(gaps)
	add := func(k Kind, step float64, hasStep bool, format string, args ...any) {
		p.Diagnoses = append(p.Diagnoses, Diagnosis{Kind: k, Curve: train.Name + "/" + val.Name, Evidence: fmt.Sprintf(format, args...), Step: step, HasStep: hasStep})
	}

	// The validation minimum, on bins smoothed once more.
	sm := v.bins
	if len(sm) >= 5 {
		sm = make([]float64, len(v.bins))
		for i := range v.bins {
			lo, hi := max(0, i-1), min(len(v.bins), i+2)
			sm[i] = median(slices.Clone(v.bins[lo:hi]))
		}
	}
	best := 0
	for i, z := range sm {
		if z < sm[best] {
			best = i
		}
	}
	// The raw minimum within the best bin and its neighbours.
	n := len(v.z)
	lo, hi := max(best-1, 0)*n/len(sm), min(best+2, len(sm))*n/len(sm)
	minAt := lo
	for i := lo; i < hi; i++ {
		if v.z[i] < v.z[minAt] {
			minAt = i
		}
	}
	p.ValMin, p.ValMinStep = v.loss(v.z[minAt]), v.x[minAt]
	rise := sm[len(sm)-1] - sm[best]
	p.ValRise = rise
	if v.log {
		p.ValRise = math.Expm1(rise)
	}
	trainFall := at(minAt) - t.bins[len(t.bins)-1]
	p.TrainAfter = trainFall
	if t.log {
		p.TrainAfter = -math.Expm1(-trainFall)
	}
	bestT := v.binT[best]
	turnsUp := rise >= max(0.1, 2*val.Features.BinNoise) && bestT <= 0.85 && trainFall >= 0.02
	widens := p.GapEnd >= 1.5 && p.GapEnd >= 1.3*p.GapStart
	switch {
	case turnsUp:
		add(Overfit, p.ValMinStep, true, "validation turns up while training falls: %s is lowest at step %s (%s), then ends %s higher, while %s falls a further %s; the gap (validation/training) goes from %.2f to %.2f. Early-stopping point: step %s",
			val.Name, num(p.ValMinStep), num(p.ValMin), pct(p.ValRise), train.Name, pct(p.TrainAfter), p.GapStart, p.GapEnd, num(p.ValMinStep))
	case widens:
		add(Overfit, p.ValMinStep, true, "the gap widens: validation/training goes from %.2f to %.2f while %s falls; %s is lowest at step %s (%s). Early-stopping point: step %s",
			p.GapStart, p.GapEnd, train.Name, val.Name, num(p.ValMinStep), num(p.ValMin), num(p.ValMinStep))
	}
	if p.Gap < 0.6 {
		add(Bug, 0, false, "validation better than training by a wide margin: %s is %.2f times %s over the run (at most 1 expected, a little below with dropout)", val.Name, p.Gap, train.Name)
	}
	return p
}

// trainAt returns the smoothed training level at the step of the i-th
// validation value: interpolated between bins by step when the steps of
// both only grow, by the fraction of the run otherwise.
func trainAt(t, v *curveData) func(i int) float64 {
	if sort.Float64sAreSorted(t.binX) && sort.Float64sAreSorted(v.x) && t.binX[0] < t.binX[len(t.binX)-1] {
		return func(i int) float64 { return interp(t.binX, t.bins, v.x[i]) }
	}
	return func(i int) float64 {
		return interp(t.binT, t.bins, (float64(i)+0.5)/float64(len(v.z)))
	}
}

// interp is the piecewise-linear interpolation of (xs, ys) at x, flat
// beyond the ends.
func interp(xs, ys []float64, x float64) float64 {
	j := sort.SearchFloat64s(xs, x)
	switch {
	case j == 0:
		return ys[0]
	case j >= len(xs):
		return ys[len(ys)-1]
	}
	x0, x1 := xs[j-1], xs[j]
	if x1 == x0 {
		return ys[j]
	}
	return ys[j-1] + (ys[j]-ys[j-1])*(x-x0)/(x1-x0)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// num writes a value with 4 significant digits.
func num(v float64) string { return fmt.Sprintf("%.4g", v) }

// pct writes a fraction as a percentage.
func pct(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }
