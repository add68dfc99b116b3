package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser"
)

type mleCmd struct {
	Density  string   `arg:"" help:"The model density: a term in y, or p(y | x; w, b) = ... as the exam writes it."`
	Params   []string `sep:"," help:"Parameters to estimate, comma-separated (default: the names after ';' in the density's header)."`
	Response string   `help:"The observed variable (default: the header's, or y)."`
	Steps    bool     `help:"Print the derivation as LaTeX."`
	JSON     bool     `name:"json" help:"Answer in JSON."`
}

// mleAnswer is the --json answer of mle. Every term is plain syntax that
// derivtex eval accepts with the data bound as vectors (x=[...] y=[...] N=7).
type mleAnswer struct {
	NLL          string            `json:"nll"`
	Objective    string            `json:"objective"`
	Gradient     map[string]string `json:"gradient"`
	Stationary   map[string]string `json:"stationary"`
	NoClosedForm string            `json:"no_closed_form,omitempty"`
	LaTeX        string            `json:"latex"`
	Steps        []stepJSON        `json:"steps"`
}

// parseModel reads a density and its roles from the command line.
func parseModel(src string, params []string, response string) (*mle.Model, error) {
	d, err := parser.ParseDensity(src)
	if err != nil {
		return nil, err
	}
	m, err := mle.FromDensity(d, params, response)
	if err != nil {
		return nil, diag.Errorf("%v", err)
	}
	return m, nil
}

func (c *mleCmd) Run(e *env) error {
	m, err := parseModel(c.Density, c.Params, c.Response)
	if err != nil {
		return err
	}
	ctx, meter := e.job()
	r, err := mle.Derive(ctx, m)
	if err != nil {
		return err
	}
	var b strings.Builder
	switch {
	case c.JSON:
		a, err := mleJSON(r, meter)
		if err != nil {
			return err
		}
		return writeJSON(e.stdout, a)
	case c.Steps:
		tex, err := r.LaTeX()
		if err != nil {
			return err
		}
		b.WriteString(tex + "\n")
	default:
		fmt.Fprintf(&b, "nll:       %s\n", r.Plain(r.NLL))
		fmt.Fprintf(&b, "objective: %s\n", r.Plain(r.Objective))
		for _, g := range r.Gradient {
			fmt.Fprintf(&b, "d/d%s:     %s\n", g.Param, r.Plain(g.Value))
		}
		if r.Stationary == nil {
			fmt.Fprintf(&b, "no closed form: %s\n", r.NoClosedForm)
		}
		for _, s := range r.Stationary {
			fmt.Fprintf(&b, "%s_hat:     %s\n", s.Param, r.Plain(s.Value))
		}
	}
	if err := meter.Err(); err != nil {
		return err
	}
	_, err = io.WriteString(e.stdout, b.String())
	return err
}

func mleJSON(r *mle.Result, m *budget.Meter) (mleAnswer, error) {
	tex, err := r.LaTeX()
	if err != nil {
		return mleAnswer{}, err
	}
	a := mleAnswer{
		NLL:          r.Plain(r.NLL),
		Objective:    r.Plain(r.Objective),
		Gradient:     r.GradientPlain(),
		Stationary:   r.StationaryPlain(),
		NoClosedForm: r.NoClosedForm,
		LaTeX:        tex,
		Steps:        stepsJSON(m, r.NLLSteps),
	}
	return a, m.Err()
}
