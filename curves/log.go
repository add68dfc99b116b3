// Package curves reads training logs (CSV or JSON Lines, as PyTorch
// Lightning's metrics.csv or Keras' CSVLogger write them) and diagnoses
// each loss curve from measured features: trend, noise, divergence,
// plateau, spikes, and the gap between training and validation.
//
// Read turns a log into a Log; Analyze turns a Log into a Report, the
// record that the text, JSON and LaTeX renderings all draw from.
package curves

import (
	"strings"

	"github.com/derivtex/derivtex/diag"
)

// Role is what a loss column measures.
type Role uint8

const (
	// Train is a loss on the training data.
	Train Role = iota
	// Validation is a loss on held-out data (validation, dev or test).
	Validation
)

func (r Role) String() string {
	if r == Validation {
		return "validation"
	}
	return "train"
}

// Series is one loss column: its values in the order of the log, each
// with the step (the log's x column) of its row. A row with the cell
// empty has no value here; a value logged as NaN or Inf is kept.
type Series struct {
	Name string
	Role Role
	X, Y []float64
}

// Log is a training log as read.
type Log struct {
	File   string
	Format string // "csv" or "jsonl"
	// Tool names the program that wrote the log when its columns say so
	// ("lightning", "keras"); "" otherwise.
	Tool string
	// XName is the column the steps come from; "" when the log has none
	// and rows are counted instead (1, 2, ...).
	XName  string
	Rows   int
	Series []*Series
	// Warnings name the columns that are neither a step nor a loss.
	Warnings diag.List
}

// stepNames are the step columns, the preferred first: a Lightning log
// has both epoch and step, and step is the finer.
var stepNames = []string{"step", "global_step", "trainer_global_step", "iteration", "iter", "it", "batch", "steps", "iterations", "epoch", "epochs"}

// stepRank ranks a step column (lower is preferred), or returns -1 for a
// column that is not one.
func stepRank(name string) int {
	n := normalize(name)
	for i, s := range stepNames {
		if n == s {
			return i
		}
	}
	return -1
}

// lossRole says whether a column is a loss, and of which data: a name
// holding "loss" or "nll", validation when it starts with val, valid,
// validation, dev, test or eval.
func lossRole(name string) (Role, bool) {
	n := normalize(name)
	if !strings.Contains(n, "loss") && !strings.Contains(n, "nll") {
		return Train, false
	}
	for _, p := range []string{"val", "valid", "validation", "dev", "test", "eval"} {
		if n == p || strings.HasPrefix(n, p+"_") || strings.HasPrefix(n, p+"loss") {
			return Validation, true
		}
	}
	return Train, true
}

// normalize lowercases a column name and writes its separators (space,
// hyphen, slash, dot) as underscores: "train/loss" is "train_loss".
func normalize(name string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '/', '.':
			return '_'
		}
		return r
	}, strings.ToLower(strings.TrimSpace(name)))
}

// guessTool names the writer of a log from its column names.
func guessTool(names []string) string {
	has := map[string]bool{}
	for _, n := range names {
		has[normalize(n)] = true
	}
	switch {
	case has["epoch"] && has["step"]:
		return "lightning"
	case has["epoch"] && has["loss"]:
		return "keras"
	}
	return ""
}
