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

	"github.com/derivtex/derivtex/diag"
)

// Limits are the ceilings of one job. A limit of 0 or less is no limit.
type Limits struct {
	// Work counts operations: terms visited or built, rule applications,
	// loop iterations. Engines charge in proportion to what they touch,
	// so the count is the same on every run and every machine.
	Work int64
	// Output counts the bytes of text a job prints. Printers stop at what
	// is left of it (expr.PlainMetered, latex.WithBudget), so a refused
	// job never builds more than that in memory.
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

// Exceeded is the detail of the error of a job that ran out of a budget:
// Err returns a *diag.Error of kind Input (the input asked for too much)
// whose cause is an *Exceeded, for errors.As.
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

	mu      sync.Mutex
	err     error  // the first refusal; set once
	culprit *Meter // the part whose charge was refused first, if any
	bad     atomic.Bool

	// parent, for a part (see Part), is the meter of the whole job,
	// charged with everything the part spends.
	parent *Meter
}

// ErrStopped is the error of a part of a job that stopped because another
// part spent the job's budget (see Part).
var ErrStopped = diag.Errorf("stopped: another part of the job spent its budget")

// ExceededError is the error of running out of a budget: a *diag.Error of
// kind Input whose cause is the *Exceeded.
func ExceededError(kind Kind, limit int64) error {
	e := &Exceeded{Kind: kind, Limit: limit}
	return diag.Wrap(diag.Input, e, e.Error())
}

// Part returns a meter for a part of m's job (one problem of a file, say):
// what the part spends is spent from m, under m's limits. When a limit is
// reached, the part whose charge reached it fails with m's error, and the
// other parts with ErrStopped, so the job can say which part was too big.
// Part of a nil meter is nil.
func (m *Meter) Part() *Meter {
	if m == nil {
		return nil
	}
	p := &Meter{ctx: m.ctx, parent: m}
	p.nextCheck.Store(checkEvery)
	return p
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

// Limits returns the meter's limits (a part's are its job's).
func (m *Meter) Limits() Limits {
	if m == nil {
		return Limits{}
	}
	if m.parent != nil {
		return m.parent.limits
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
	if m.parent != nil {
		return m.partCharge(m.parent.workBy(n, m))
	}
	return m.workBy(n, nil)
}

// workBy charges n operations on behalf of the part by (nil for m itself).
func (m *Meter) workBy(n int, by *Meter) bool {
	if m.bad.Load() {
		return false
	}
	w := m.work.Add(int64(n))
	if m.limits.Work > 0 && w > m.limits.Work {
		m.failBy(ExceededError(Work, m.limits.Work), by)
		return false
	}
	if next := m.nextCheck.Load(); w >= next && m.nextCheck.CompareAndSwap(next, w+checkEvery) {
		return m.check(by)
	}
	return true
}

// partCharge is what a part does with its job's answer to a charge: on a
// refusal it fails too, with the job's error if the refusal was its own.
func (m *Meter) partCharge(ok bool) bool {
	if ok {
		return true
	}
	p := m.parent
	p.mu.Lock()
	err, culprit := p.err, p.culprit
	p.mu.Unlock()
	if culprit != m {
		err = ErrStopped
	}
	m.fail(err)
	return false
}

// Output spends n bytes of output and reports whether the job may go on.
func (m *Meter) Output(n int) bool {
	if m == nil {
		return true
	}
	if m.bad.Load() {
		return false
	}
	if m.parent != nil {
		return m.partCharge(m.parent.outputBy(n, m))
	}
	return m.outputBy(n, nil)
}

func (m *Meter) outputBy(n int, by *Meter) bool {
	if m.bad.Load() {
		return false
	}
	if o := m.output.Add(int64(n)); m.limits.Output > 0 && o > m.limits.Output {
		m.failBy(ExceededError(Output, m.limits.Output), by)
		return false
	}
	return true
}

// OK reports whether no budget has been exceeded.
func (m *Meter) OK() bool { return m == nil || !m.bad.Load() }

// Err returns the first refusal, a *diag.Error: of kind Input wrapping an
// *Exceeded for a budget, of whatever kind ctx's cause says for a
// cancelled context.
func (m *Meter) Err() error {
	if m == nil || !m.bad.Load() {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.err
}

// Spent returns the work and output spent so far (by a part's whole job,
// which is what its limits are measured against).
func (m *Meter) Spent() (work, output int64) {
	if m == nil {
		return 0, 0
	}
	if m.parent != nil {
		return m.parent.Spent()
	}
	return m.work.Load(), m.output.Load()
}

func (m *Meter) fail(err error) { m.failBy(err, nil) }

// failBy records the first refusal, and the part whose charge it was.
func (m *Meter) failBy(err error, by *Meter) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err == nil {
		m.err, m.culprit = err, by
		m.bad.Store(true)
	}
}

// check looks at the context and the heap. A context cancelled with a
// cause (context.WithCancelCause) fails the meter with the cause, so a
// process-wide limit can stop every job with its own error.
func (m *Meter) check(by *Meter) bool {
	if m.ctx.Err() != nil {
		err := context.Cause(m.ctx)
		if diag.KindOf(err) != diag.Input {
			err = diag.Wrap(diag.Internal, err, "stopped: "+err.Error())
		}
		m.failBy(err, by)
		return false
	}
	if m.limits.Memory > 0 && HeapOver(m.limits.Memory) {
		m.failBy(ExceededError(Memory, m.limits.Memory), by)
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
