package answer

import (
	"math"

	"github.com/derivtex/derivtex/curves"
)

// Curves is the answer of curves: the log read, each curve's features and
// diagnoses, the training curve against the validation curve, and every
// diagnosis with its fixes. A value that is not a finite number is null.
type Curves struct {
	Schema    int              `json:"schema"`
	File      string           `json:"file"`
	Format    string           `json:"format"`
	Tool      string           `json:"tool"`
	X         string           `json:"x"`
	Rows      int              `json:"rows"`
	Curves    []Curve          `json:"curves"`
	Pair      *CurvePair       `json:"pair"`
	Diagnoses []CurveDiagnosis `json:"diagnoses"`
	Warnings  []Error          `json:"warnings"`
}

// Curve is one loss curve.
type Curve struct {
	Name     string        `json:"name"`
	Role     string        `json:"role"`
	Features CurveFeatures `json:"features"`
	// Smooth is the curve smoothed, [step, loss] pairs (at most 100).
	Smooth    [][2]float64     `json:"smooth"`
	Diagnoses []CurveDiagnosis `json:"diagnoses"`
}

// CurveFeatures are curves.Features; the shape features are null for a
// curve too short to measure.
type CurveFeatures struct {
	Points         int           `json:"points"`
	NonFinite      int           `json:"non_finite"`
	FirstNonFinite *float64      `json:"first_non_finite_step"`
	LogScale       bool          `json:"log_scale"`
	Start          *float64      `json:"start"`
	End            *float64      `json:"end"`
	Min            *float64      `json:"min"`
	MinStep        *float64      `json:"min_step"`
	Max            *float64      `json:"max"`
	Drop           *float64      `json:"drop"`
	Trend          *float64      `json:"trend"`
	LateTrend      *float64      `json:"late_trend"`
	Noise          *float64      `json:"noise"`
	Wander         *float64      `json:"wander"`
	BinNoise       *float64      `json:"bin_noise"`
	Rise           *float64      `json:"rise"`
	Linearity      *float64      `json:"linearity"`
	LateOverEarly  *float64      `json:"late_over_early"`
	Plateau        *CurvePlateau `json:"plateau"`
	Spikes         []CurveSpike  `json:"spikes"`
}

// CurvePlateau is curves.Plateau.
type CurvePlateau struct {
	From   *float64 `json:"from_step"`
	Length *float64 `json:"length"`
	Height *float64 `json:"height"`
}

// CurveSpike is curves.Spike.
type CurveSpike struct {
	Step  *float64 `json:"step"`
	Ratio *float64 `json:"ratio"`
}

// CurvePair is curves.Pair.
type CurvePair struct {
	Train      string           `json:"train"`
	Validation string           `json:"validation"`
	GapStart   *float64         `json:"gap_start"`
	GapEnd     *float64         `json:"gap_end"`
	Gap        *float64         `json:"gap"`
	ValMin     *float64         `json:"val_min"`
	ValMinStep *float64         `json:"val_min_step"`
	ValRise    *float64         `json:"val_rise"`
	TrainAfter *float64         `json:"train_fall_after"`
	Diagnoses  []CurveDiagnosis `json:"diagnoses"`
}

// CurveDiagnosis is curves.Diagnosis with its title and fixes.
type CurveDiagnosis struct {
	Kind     string   `json:"kind"`
	Title    string   `json:"title"`
	Curve    string   `json:"curve"`
	Evidence string   `json:"evidence"`
	Step     *float64 `json:"step"`
	Fixes    []string `json:"fixes"`
}

// CurvesOf describes a report.
func CurvesOf(r *curves.Report) Curves {
	a := Curves{Schema: Schema, File: r.Log.File, Format: r.Log.Format, Tool: r.Log.Tool, X: r.Log.XName, Rows: r.Log.Rows,
		Curves: []Curve{}, Diagnoses: diagnosesOf(r.Diagnoses), Warnings: WarningsOf(r.Log.Warnings)}
	for _, c := range r.Curves {
		f := &c.Features
		cf := CurveFeatures{Points: f.Points, NonFinite: f.NonFinite, LogScale: f.LogScale, Spikes: []CurveSpike{}}
		if f.NonFinite > 0 {
			cf.FirstNonFinite = finite(f.FirstNonFinite)
		}
		if f.Points > f.NonFinite {
			cf.Min, cf.MinStep, cf.Max = finite(f.Min), finite(f.MinStep), finite(f.Max)
		}
		if len(c.Smooth) > 0 {
			cf.Start, cf.End, cf.Drop = finite(f.Start), finite(f.End), finite(f.Drop)
			cf.Trend, cf.LateTrend, cf.Noise = finite(f.Trend), finite(f.LateTrend), finite(f.Noise)
			cf.Wander, cf.BinNoise, cf.Rise = finite(f.Wander), finite(f.BinNoise), finite(f.Rise)
			cf.Linearity, cf.LateOverEarly = finite(f.Linearity), finite(f.LateOverEarly)
			cf.Plateau = &CurvePlateau{finite(f.Plateau.From), finite(f.Plateau.Length), finite(f.Plateau.Height)}
			for _, s := range f.Spikes {
				cf.Spikes = append(cf.Spikes, CurveSpike{finite(s.Step), finite(s.Ratio)})
			}
		}
		smooth := [][2]float64{}
		for _, p := range c.Smooth {
			if finite(p.X) != nil && finite(p.Y) != nil {
				smooth = append(smooth, [2]float64{p.X, p.Y})
			}
		}
		a.Curves = append(a.Curves, Curve{Name: c.Name, Role: c.Role.String(), Features: cf, Smooth: smooth, Diagnoses: diagnosesOf(c.Diagnoses)})
	}
	if p := r.Pair; p != nil {
		a.Pair = &CurvePair{Train: p.Train, Validation: p.Validation,
			GapStart: finite(p.GapStart), GapEnd: finite(p.GapEnd), Gap: finite(p.Gap),
			ValMin: finite(p.ValMin), ValMinStep: finite(p.ValMinStep), ValRise: finite(p.ValRise), TrainAfter: finite(p.TrainAfter),
			Diagnoses: diagnosesOf(p.Diagnoses)}
	}
	return a
}

func diagnosesOf(ds []curves.Diagnosis) []CurveDiagnosis {
	out := []CurveDiagnosis{}
	for _, d := range ds {
		cd := CurveDiagnosis{Kind: string(d.Kind), Title: d.Kind.Title(), Curve: d.Curve, Evidence: d.Evidence, Fixes: d.Kind.Fixes()}
		if d.HasStep {
			cd.Step = finite(d.Step)
		}
		out = append(out, cd)
	}
	return out
}

// finite is v, or nil when it is not a finite number (JSON has none).
func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}
