package answer

import (
	"bytes"
	"context"
	"encoding/json"
	"io"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// Encode writes v as one line of JSON to w, with <, > and & as they are:
// the LaTeX of an answer is full of them, and nobody embeds it in HTML.
func Encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return diag.Wrap(diag.Internal, err, "encoding the answer: "+err.Error())
	}
	return nil
}

// EncodeDiff writes the answer of d, a derivation by wrt, to w, as Encode
// writes DiffOf's answer with "schema", but rendering each step as it is
// written: the steps are most of a long derivation's answer, and holding
// them rendered and then encoded would hold the answer three times over.
// It stops with the budget's error once the budget is spent; what it
// wrote by then is not an answer.
// warnings, when there are some, go in the answer's "warnings".
func EncodeDiff(ctx context.Context, w io.Writer, wrt string, d *derive.Derivation, cse bool, warnings []Error) error {
	r, a := diffWithoutSteps(ctx, wrt, d, cse)
	a.Schema = Schema
	if len(warnings) > 0 {
		a.Warnings = warnings
	}
	return r.encodeSteps(w, a, d.Steps)
}

// EncodeSimplify is EncodeDiff for the answer of a simplification.
func EncodeSimplify(ctx context.Context, w io.Writer, input, result expr.Expr, steps []expr.Step) error {
	r, a := simplifyWithoutSteps(ctx, input, result, steps)
	a.Schema = Schema
	return r.encodeSteps(w, a, steps)
}

// stepsField is how an empty steps list encodes. Inside a JSON string a
// quote is escaped, so the bytes can only be the field itself.
var stepsField = []byte(`"steps":[]`)

// encodeSteps writes a, whose steps list is empty, with steps rendered
// into it one at a time.
func (r *Renderer) encodeSteps(w io.Writer, a any, steps []expr.Step) error {
	var head bytes.Buffer
	if err := Encode(&head, a); err != nil {
		return err
	}
	if err := r.Err(); err != nil {
		return err
	}
	b := head.Bytes()
	at := bytes.Index(b, stepsField)
	if at < 0 || bytes.Index(b[at+1:], stepsField) >= 0 {
		return diag.Internalf("encoding the answer: no single steps field in %T", a)
	}
	open := at + len(stepsField) - 1 // just after "steps":[
	if _, err := w.Write(b[:open]); err != nil {
		return err
	}
	var one bytes.Buffer
	for i, s := range steps {
		one.Reset()
		if i > 0 {
			one.WriteByte(',')
		}
		if err := Encode(&one, r.Step(s)); err != nil {
			return err
		}
		if err := r.Err(); err != nil {
			return err
		}
		if _, err := w.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n"))); err != nil {
			return err
		}
	}
	_, err := w.Write(b[open:])
	return err
}
