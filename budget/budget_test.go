package budget

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWorkIsStickyOnceExceeded(t *testing.T) {
	m := New(context.Background(), Limits{Work: 10})
	require.True(t, m.Work(4))
	require.True(t, m.Work(6))
	require.True(t, m.OK())
	require.False(t, m.Work(1))
	// Every later charge is refused, of any kind, with the first reason.
	assert.False(t, m.Work(0))
	assert.False(t, m.Output(0))
	var e *Exceeded
	require.ErrorAs(t, m.Err(), &e)
	assert.Equal(t, Work, e.Kind)
	assert.Equal(t, "work budget exceeded: more than 10 operations", m.Err().Error())
}

func TestOutput(t *testing.T) {
	m := New(context.Background(), Limits{Output: 1 << 20})
	require.True(t, m.Output(1<<20))
	require.False(t, m.Output(1))
	assert.Equal(t, "output budget exceeded: more than 1,048,576 bytes", m.Err().Error())
	_, out := m.Spent()
	assert.Equal(t, int64(1<<20+1), out)
}

func TestNoLimits(t *testing.T) {
	var nilMeter *Meter
	assert.True(t, nilMeter.Work(1<<40))
	assert.True(t, nilMeter.Output(1<<40))
	assert.True(t, nilMeter.OK())
	assert.NoError(t, nilMeter.Err())
	assert.Equal(t, Limits{}, nilMeter.Limits())

	m := New(context.Background(), Limits{}) // zero limits: none
	assert.True(t, m.Work(1<<40))
	assert.True(t, m.Output(1<<40))
}

func TestMemory(t *testing.T) {
	m := New(context.Background(), Limits{Memory: 1}) // any live heap is more
	ok := true
	for i := 0; ok && i < 2*checkEvery; i++ {
		ok = m.Work(1)
	}
	require.False(t, ok, "the heap is looked at every %d operations", checkEvery)
	var e *Exceeded
	require.ErrorAs(t, m.Err(), &e)
	assert.Equal(t, Memory, e.Kind)
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	m := New(ctx, Limits{})
	cancel()
	ok := true
	for i := 0; ok && i < 2*checkEvery; i++ {
		ok = m.Work(1)
	}
	require.False(t, ok)
	assert.True(t, errors.Is(m.Err(), context.Canceled))
}

func TestContext(t *testing.T) {
	assert.Nil(t, From(context.Background()))
	m := New(context.Background(), Default)
	assert.Same(t, m, From(With(context.Background(), m)))
}

func TestGroup(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 5_000_000: "5,000,000", -1234: "-1,234"} {
		assert.Equal(t, want, group(n))
	}
}

func TestHeapOver(t *testing.T) {
	assert.True(t, HeapOver(1))
	assert.False(t, HeapOver(1<<50))
}

// TestParts: parts of a job spend its budget; the part whose charge
// crosses a limit gets the limit's error, the others ErrStopped.
func TestParts(t *testing.T) {
	job := New(context.Background(), Limits{Work: 100, Output: 1000})
	a, b := job.Part(), job.Part()
	require.True(t, a.Work(60))
	require.True(t, b.Work(30))
	w, _ := a.Spent()
	assert.Equal(t, int64(90), w, "a part's spending is its job's")
	assert.Equal(t, job.Limits(), a.Limits())
	require.False(t, b.Work(20), "b crosses the job's limit")
	require.False(t, a.Work(1))
	var e *Exceeded
	require.ErrorAs(t, b.Err(), &e)
	assert.Equal(t, Work, e.Kind)
	assert.ErrorIs(t, a.Err(), ErrStopped)
	require.ErrorAs(t, job.Err(), &e)

	var none *Meter
	assert.Nil(t, none.Part())
}

func TestCancelCause(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	m := New(ctx, Limits{})
	cause := ExceededError(Memory, 7)
	cancel(cause)
	ok := true
	for i := 0; ok && i < 2*checkEvery; i++ {
		ok = m.Work(1)
	}
	require.False(t, ok)
	assert.Same(t, cause, m.Err())
}
