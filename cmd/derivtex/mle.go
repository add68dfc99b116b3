package main

import (
	"fmt"

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
		return nil, asInputError(err)
	}
	m, err := mle.FromDensity(d, params, response)
	if err != nil {
		return nil, inputErrorf("%v", err)
	}
	return m, nil
}

func (c *mleCmd) Run(e *env) error {
	m, err := parseModel(c.Density, c.Params, c.Response)
	if err != nil {
		return err
	}
	r, err := mle.Derive(m)
	if err != nil {
		return asInputError(err)
	}
	switch {
	case c.JSON:
		return writeJSON(e.stdout, mleJSON(r))
	case c.Steps:
		_, err = fmt.Fprintln(e.stdout, r.LaTeX())
		return err
	}
	fmt.Fprintf(e.stdout, "nll:       %s\n", r.NLL)
	fmt.Fprintf(e.stdout, "objective: %s\n", r.Objective)
	for _, g := range r.Gradient {
		fmt.Fprintf(e.stdout, "d/d%s:     %s\n", g.Param, g.Value)
	}
	if r.Stationary == nil {
		_, err = fmt.Fprintf(e.stdout, "no closed form: %s\n", r.NoClosedForm)
		return err
	}
	for _, s := range r.Stationary {
		fmt.Fprintf(e.stdout, "%s_hat:     %s\n", s.Param, s.Value)
	}
	return nil
}

func mleJSON(r *mle.Result) mleAnswer {
	return mleAnswer{
		NLL:          r.NLL.String(),
		Objective:    r.Objective.String(),
		Gradient:     r.GradientPlain(),
		Stationary:   r.StationaryPlain(),
		NoClosedForm: r.NoClosedForm,
		LaTeX:        r.LaTeX(),
		Steps:        stepsJSON(r.NLLSteps),
	}
}
