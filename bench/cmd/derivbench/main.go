// Command derivbench is the derivtex side of the SymPy comparison in
// bench/: it writes the random corpus and the density table that both
// systems work on, and times the engine in-process where a whole-process
// run would measure mostly printing or startup (see bench/README.md).
//
//	derivbench corpus [-seed S] [-n N] [-depth D] [-o FILE]
//	derivbench densities                 # the MLE table, JSON Lines
//	derivbench mle [-reps R]             # MLE of every density, in-process
//	derivbench scale -kind nested|sum -n 100,1000 [-printmax TREESIZE] [-cpuprofile FILE]
//	derivbench diffcorpus -in FILE [-wrt x] [-reps R] [-plain] [-cpuprofile FILE]
//	derivbench net -net chain|mlp -n N [-width W] [-exact|-float]  # a network of nettest, and one run of it
//	derivbench conv < cases.jsonl        # convolutions and poolings of bench/conv.py, each run in-process
//
// Every subcommand writes JSON (one object per line) to stdout, for
// bench/bench.py to read.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"time"
)

var commands = map[string]func(args []string) error{
	"corpus":     corpusMain,
	"densities":  densitiesMain,
	"mle":        mleMain,
	"scale":      scaleMain,
	"diffcorpus": diffCorpusMain,
	"net":        netMain,
	"conv":       convMain,
}

func main() {
	if len(os.Args) < 2 || commands[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: derivbench corpus|densities|mle|scale|diffcorpus|net|conv [flags]")
		os.Exit(2)
	}
	if err := commands[os.Args[1]](os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "derivbench:", err)
		os.Exit(1)
	}
}

// emit writes v as one JSON line on stdout.
func emit(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// median returns the median of ds (the lower middle for an even count).
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// seconds converts a duration for JSON.
func seconds(d time.Duration) float64 { return d.Seconds() }

// startProfile starts a CPU profile written to path; call stop when done.
func startProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
