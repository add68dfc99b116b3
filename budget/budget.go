// Package budget bounds what one job may cost: operations of work, bytes
// of output and bytes of memory. A problem file may come from a stranger,
// and a few kilobytes of input can ask for exponential work (a deep
// composition's derivation written out as a tree, a product rule over
// thousands of factors, a sum to 10^7 over a long body), so every engine
// charges a Meter as it goes and stops once the meter says no.
//
// The meter's error is sticky, as bufio.Scanner's is: after the first
// refusal every charge is refused, so an engine can stop at its next
// loop and return Err, and code in between needs no error plumbing. A nil
// *Meter is unlimited, so packages stay usable without one.
package budget

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
)

// Limits are the ceilings of one job. A limit of 0 or less is no limit.
type Limits struct {
	// Work counts operations: terms visited or built, rule applications,
	// loop iterations. Engines charge in proportion to what they touch,
	// so the count is the same on every run and every machine.
	Work int64
	// Output counts the bytes of text a job prints, estimated from the
	// terms before they are printed, so that a refused job never builds
	// its output in memory.
	Output int64
	// Memory is the ceiling of the process's live Go heap, in bytes.
	Memory int64
}

// Default serves every real problem with room to spare (the embedded
// midterm costs about 0.2% of its work, a derivative of the benchmark
// corpus under 0.1%) and stops every known bomb within half a second of
// CPU and well under a gigabyte: the costliest operations, new terms of
// the product rule, run at about 4 million a second.
var Default = Limits{Work: 2_000_000, Output: 16 << 20, Memory: 1 << 30}

// Kind names a budget.
type Kind string

// The budgets.
const (
	Work   Kind = "work"
	Output Kind = "output"
	Memory Kind = "memory"
)

// Exceeded is the error of a job that ran out of a budget.
type Exceeded struct {
	Kind  Kind
	Limit int64
}

func (e *Exceeded) Error() string {
	unit := "operations"
	if e.Kind != Work {
		unit = "bytes"
	}
	return fmt.Sprintf("%s budget exceeded: more than %s %s", e.Kind, group(e.Limit), unit)
}

// group writes n with thousands separators: 20,000,000.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Meter counts one job's spending against its Limits. It is safe for
// concurrent use, so the problems of one file, solved in parallel, share
// their file's budget.
type Meter struct {
	ctx    context.Context
	limits Limits
	work   atomic.Int64
	output atomic.Int64
	// nextCheck is the work count at which memory and ctx are looked at
	// again: reading the heap size costs about a microsecond, so it is
	// done once per checkEvery operations.
	nextCheck atomic.Int64

	mu  sync.Mutex
	err error // the first refusal; set once
	bad atomic.Bool
}

// checkEvery is how many operations pass between looks at memory and ctx.
const checkEvery = 1 << 16

// New returns a meter for limits. Cancelling ctx stops the job too, at
// the next check, with ctx's error.
func New(ctx context.Context, limits Limits) *Meter {
	if ctx == nil {
		ctx = context.Background()
	}
	m := &Meter{ctx: ctx, limits: limits}
	m.nextCheck.Store(checkEvery)
	return m
}

// Limits returns the meter's limits.
func (m *Meter) Limits() Limits {
	if m == nil {
		return Limits{}
	}
	return m.limits
}

// Work spends n operations and reports whether the job may go on.
func (m *Meter) Work(n int) bool {
	if m == nil {
		return true
	}
	if m.bad.Load() {
		return false
	}
	w := m.work.Add(int64(n))
	if m.limits.Work > 0 && w > m.limits.Work {
		m.fail(&Exceeded{Kind: Work, Limit: m.limits.Work})
		return false
	}
	if next := m.nextCheck.Load(); w >= next && m.nextCheck.CompareAndSwap(next, w+checkEvery) {
		return m.check()
	}
	return true
}

// Output spends n bytes of output and reports whether the job may go on.
func (m *Meter) Output(n int) bool {
	if m == nil {
		return true
	}
	if m.bad.Load() {
		return false
	}
	if o := m.output.Add(int64(n)); m.limits.Output > 0 && o > m.limits.Output {
		m.fail(&Exceeded{Kind: Output, Limit: m.limits.Output})
		return false
	}
	return true
}

// OK reports whether no budget has been exceeded.
func (m *Meter) OK() bool { return m == nil || !m.bad.Load() }

// Err returns the first refusal: an *Exceeded, or ctx's error.
func (m *Meter) Err() error {
	if m == nil || !m.bad.Load() {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.err
}

// Spent returns the work and output spent so far.
func (m *Meter) Spent() (work, output int64) {
	if m == nil {
		return 0, 0
	}
	return m.work.Load(), m.output.Load()
}

func (m *Meter) fail(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err == nil {
		m.err = err
		m.bad.Store(true)
	}
}

// check looks at the context and the heap.
func (m *Meter) check() bool {
	if err := m.ctx.Err(); err != nil {
		m.fail(err)
		return false
	}
	if m.limits.Memory > 0 && HeapOver(m.limits.Memory) {
		m.fail(&Exceeded{Kind: Memory, Limit: m.limits.Memory})
		return false
	}
	return true
}

// HeapOver reports whether the process's live heap is above limit bytes.
// The heap counts garbage not yet collected, so above the limit it
// collects and looks again; that happens only near the ceiling.
func HeapOver(limit int64) bool {
	if heapBytes() <= uint64(limit) {
		return false
	}
	runtime.GC()
	return heapBytes() > uint64(limit)
}

// heapBytes reads the bytes of heap objects, live or not yet swept.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

type meterKey struct{}

// With returns a context that carries m to the engines a job calls.
func With(ctx context.Context, m *Meter) context.Context {
	return context.WithValue(ctx, meterKey{}, m)
}

// From returns the meter ctx carries, or nil (no limits).
func From(ctx context.Context) *Meter {
	if ctx == nil {
		return nil
	}
	m, _ := ctx.Value(meterKey{}).(*Meter)
	return m
}
