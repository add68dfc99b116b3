package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/derivtex/derivtex/budget"
)

// budgetFlags are the ceilings every command runs under (see package
// budget). The defaults serve every real problem; a refused job says
// which flag raises its ceiling.
type budgetFlags struct {
	MaxWork   int64    `name:"max-work" placeholder:"N" help:"Most operations of work per job (a batch line, a problem file, a command); 0 for no limit. Default ${default}." default:"${max_work}"`
	MaxOutput byteSize `name:"max-output" placeholder:"SIZE" help:"Most output per job, e.g. 16MiB; 0 for no limit. Default ${default}." default:"${max_output}"`
	MaxMemory byteSize `name:"max-memory" placeholder:"SIZE" help:"Most memory the process may hold, e.g. 1GiB; 0 for no limit. Default ${default}." default:"${max_memory}"`
}

// budgetVars are the flags' defaults, from budget.Default.
var budgetVars = kong.Vars{
	"max_work":   strconv.FormatInt(budget.Default.Work, 10),
	"max_output": byteSize(budget.Default.Output).String(),
	"max_memory": byteSize(budget.Default.Memory).String(),
}

func (b budgetFlags) limits() budget.Limits {
	return budget.Limits{Work: b.MaxWork, Output: int64(b.MaxOutput), Memory: int64(b.MaxMemory)}
}

// flagOf names the flag that raises a budget.
var flagOf = map[budget.Kind]string{
	budget.Work:   "--max-work",
	budget.Output: "--max-output",
	budget.Memory: "--max-memory",
}

// job returns the context of one job: a fresh meter with the command's
// limits, so that each batch line or problem file has its own budget.
func (e *env) job() (context.Context, *budget.Meter) {
	base := e.jobs
	if base == nil {
		base = context.Background()
	}
	m := budget.New(base, e.limits)
	return budget.With(base, m), m
}

// budgetHint says how to raise the budget err ran out of, or is "".
func budgetHint(err error) string {
	var be *budget.Exceeded
	if !errors.As(err, &be) {
		return ""
	}
	return " (raise it with " + flagOf[be.Kind] + ")"
}

// byteSize is a size in bytes, written as a number with an optional unit:
// 500000, 64KiB, 64MiB, 1GiB (or KB, MB, GB as powers of 1000).
type byteSize int64

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
}

// String writes s in the largest binary unit that divides it: 16MiB.
func (s byteSize) String() string {
	for i := 2; i >= 0; i-- { // GiB, MiB, KiB
		if u := sizeUnits[i]; s != 0 && int64(s)%u.mult == 0 {
			return strconv.FormatInt(int64(s)/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(s), 10)
}

func (s *byteSize) UnmarshalText(text []byte) error {
	str := strings.TrimSpace(string(text))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(strings.ToUpper(str), strings.ToUpper(u.suffix)) {
			str, mult = strings.TrimSpace(str[:len(str)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(str, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return fmt.Errorf("%q is not a size: write a whole number of bytes, or one with a unit such as 64MiB", text)
	}
	*s = byteSize(n * mult)
	return nil
}
