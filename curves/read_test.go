package curves

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
)

// TestReadSamples reads the logs of testdata: the tool each came from,
// its step column, its loss curves, the columns it ignores, and its
// diagnosis.
func TestReadSamples(t *testing.T) {
	tests := []struct {
		file, format, tool, x string
		rows                  int
		series                []string // name:role:values
		ignored               []string
		kind                  Kind
	}{
		{"lightning_metrics.csv", "csv", "lightning", "step", 180, []string{"train_loss:train:150", "val_loss:validation:30"}, []string{"val_acc"}, Overfit},
		{"keras_training.csv", "csv", "keras", "epoch", 40, []string{"loss:train:40", "val_loss:validation:40"}, []string{"accuracy", "val_accuracy"}, Healthy},
		{"diverging.jsonl", "jsonl", "", "iteration", 200, []string{"loss:train:200"}, []string{"lr"}, LRTooHigh},
		{"slow.csv", "csv", "", "iter", 100, []string{"train loss:train:100", "val loss:validation:100"}, nil, LRTooLow},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", tc.file))
			require.NoError(t, err)
			l, err := Read(tc.file, src)
			require.NoError(t, err)
			assert.Equal(t, tc.format, l.Format)
			assert.Equal(t, tc.tool, l.Tool)
			assert.Equal(t, tc.x, l.XName)
			assert.Equal(t, tc.rows, l.Rows)
			var got []string
			for _, s := range l.Series {
				got = append(got, s.Name+":"+s.Role.String()+":"+strconv.Itoa(len(s.Y)))
			}
			assert.Equal(t, tc.series, got)
			var ignored []string
			for _, w := range l.Warnings {
				assert.Equal(t, diag.Warning, w.Kind)
				assert.Equal(t, 1, w.Pos.Line)
				ignored = append(ignored, strings.Split(w.Msg, `"`)[1])
			}
			assert.Equal(t, tc.ignored, ignored)
			assert.Contains(t, Analyze(l).Kinds(), tc.kind)
		})
	}
}

// TestReadFormats: separators, quotes, blank and comment lines, NaN and
// Inf as written by Python and Keras, rows without a step, and a
// Lightning row that logs nothing of a column.
func TestReadFormats(t *testing.T) {
	l, err := Read("a.csv", []byte("# run 3\n\"epoch\";\"train loss\"\n\n1;2.5\n2; nan\n3;-inf\n4;1e999\n"))
	require.NoError(t, err)
	assert.Equal(t, "epoch", l.XName)
	require.Len(t, l.Series, 1)
	assert.Equal(t, []float64{1, 2, 3, 4}, l.Series[0].X)
	assert.Equal(t, 2.5, l.Series[0].Y[0])
	assert.True(t, math.IsNaN(l.Series[0].Y[1]))
	assert.True(t, math.IsInf(l.Series[0].Y[2], -1))
	assert.True(t, math.IsInf(l.Series[0].Y[3], 1))

	l, err = Read("b.jsonl", []byte("{\"step\": 10, \"train/loss\": 1.5, \"note\": {\"a\": [1, \"}\"]}}\n{\"step\": 20, \"val/loss\": \"NaN\", \"train/loss\": Infinity}\n{\"val/loss\": null}\n"))
	require.NoError(t, err)
	require.Len(t, l.Series, 2)
	assert.Equal(t, Train, l.Series[0].Role)
	assert.Equal(t, Validation, l.Series[1].Role)
	assert.Equal(t, []float64{10, 20}, l.Series[0].X)
	assert.True(t, math.IsInf(l.Series[0].Y[1], 1))
	assert.Equal(t, []float64{20}, l.Series[1].X)
	require.Len(t, l.Warnings, 1)
	assert.Contains(t, l.Warnings[0].Error(), `b.jsonl:1:33: column "note" is neither a step nor a loss: ignored`)

	l, err = Read("c.csv", []byte("loss\n3\n2\n1\n"))
	require.NoError(t, err)
	assert.Empty(t, l.XName)
	assert.Equal(t, []float64{1, 2, 3}, l.Series[0].X, "rows are counted")
}

// TestMalformed: every malformed log is refused with its line and column,
// or read and given a diagnosis that says what it is; nothing panics.
func TestMalformed(t *testing.T) {
	refused := []struct{ name, src, want string }{
		{"empty", "", "x.csv:1:1: empty log: no header and no rows"},
		{"blank", "\n  \n", "x.csv:1:1: empty log: no header and no rows"},
		{"header only", "epoch,loss\n", "x.csv:1:1: no rows: the log has a header and nothing under it"},
		{"no loss column", "epoch,acc\n1,0.5\n", "x.csv:1:1: no loss column: expected a name like loss, train_loss or val_loss, but the columns are epoch, acc"},
		{"text in a number column", "epoch,loss\n1,0.5\n2,abc\n", `x.csv:3:3: "abc" in column "loss" is not a number`},
		{"text in the step column", "epoch,loss\n1,0.5\ntwo,0.4\n", `x.csv:3:1: "two" in column "epoch" is not a number`},
		{"NaN step", "epoch,loss\n1,0.5\nnan,0.4\n", `x.csv:3:1: the step column "epoch" holds NaN: a step is a finite number`},
		{"short row", "epoch,loss,val_loss\n1,0.5,0.6\n2,0.4\n", "x.csv:3:6: this row has 2 fields, the header (line 1) has 3"},
		{"long row", "epoch,loss\n1,0.5\n2,0.4,9\n", "x.csv:3:7: this row has 3 fields, the header (line 1) has 2"},
		{"unclosed quote", "epoch,\"loss\n1,2\n", "x.csv:1:7: unclosed quote"},
		{"every loss cell empty", "epoch,loss\n1,\n2,\n", "x.csv:3:1: no loss values: every loss cell is empty"},
		{"jsonl not an object", "{\"loss\": 1}\n[1, 2]\n", "x.csv:2:1: expected an object {...}, one per line"},
		{"jsonl text value", "{\"loss\": 1}\n{\"loss\": \"high\"}\n", `x.csv:2:10: "high" in column "loss" is not a number`},
		{"jsonl nested loss", "{\"loss\": [1]}\n", `x.csv:1:10: the value of "loss" is not a number: a loss or a step is a number`},
		{"jsonl truncated", "{\"loss\": 1}\n{\"loss\": 2\n", "x.csv:2:11: expected , or } after a value"},
		{"jsonl trailing text", "{\"loss\": 1} x\n", "x.csv:1:13: text after the object: one object per line"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read("x.csv", []byte(tc.src))
			require.Error(t, err)
			var d *diag.Error
			require.True(t, errors.As(err, &d))
			assert.Equal(t, diag.Input, d.Kind)
			assert.Equal(t, tc.want, d.Error())
		})
	}
	t.Run("snippet", func(t *testing.T) {
		_, err := Read("x.csv", []byte("epoch,loss\n1,0.5\n2,abc\n"))
		assert.Equal(t, "x.csv:3:3: \"abc\" in column \"loss\" is not a number\n2,abc\n  ^", diag.From(err).Report())
	})

	diagnosed := []struct {
		name, src string
		kind      Kind
	}{
		{"one point", "epoch,loss\n1,0.5\n", TooShort},
		{"four points", "epoch,loss\n1,0.5\n2,0.4\n3,0.3\n4,0.2\n", TooShort},
		{"NaN from the start", "epoch,loss\n1,nan\n2,nan\n3,nan\n", Bug},
		{"NaN rows after finite ones", "epoch,loss\n1,2\n2,1.9\n3,1.8\n4,1.7\n5,1.6\n6,1.5\n7,nan\n8,nan\n", LRTooHigh},
		{"constant", "epoch,loss\n1,2\n2,2\n3,2\n4,2\n5,2\n6,2\n7,2\n", Bug},
		{"negative losses", "epoch,loss\n1,-1\n2,-2\n3,-3\n4,-3.5\n5,-3.7\n6,-3.8\n7,-3.85\n8,-3.86\n9,-3.87\n10,-3.87\n", ""},
		{"zeros", "epoch,loss\n1,0\n2,0\n3,0\n4,0\n5,0\n6,0\n", Bug},
	}
	for _, tc := range diagnosed {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Read("x.csv", []byte(tc.src))
			require.NoError(t, err)
			r := Analyze(l)
			require.NotEmpty(t, r.Diagnoses)
			if tc.kind != "" {
				assert.Contains(t, r.Kinds(), tc.kind)
			}
			assert.NotEmpty(t, r.Text())
			assert.NotEmpty(t, r.LaTeX())
		})
	}
}

// FuzzRead: no log makes Read or Analyze panic, and every refusal has a
// position.
func FuzzRead(f *testing.F) {
	for _, s := range []string{"epoch,loss\n1,0.5\n2,0.4\n", "{\"step\": 1, \"loss\": NaN}\n", "a;b\n\"1\";2\n", "loss\n1\n2\n3\n4\n5\n6\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l, err := Read("f", src)
		if err != nil {
			if !diag.From(err).Pos.IsValid() {
				t.Fatalf("no position: %v", err)
			}
			return
		}
		r := Analyze(l)
		_ = r.Text()
		_ = r.LaTeX()
	})
}
