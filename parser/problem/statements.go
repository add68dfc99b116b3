package problem

// The statements a problem can hold and the settings a file can hold, as
// tables: a keyword, how its argument is read, and what it must agree
// with. A new kind of problem (backprop, conv, maxpool, loss) is a new row
// here, an argument kind in args.go if none fits, and a solver in package
// solve.

// statementDef describes one statement keyword.
type statementDef struct {
	key string
	arg *argKind
	// kind marks the statements that say what to derive. A problem has
	// exactly one, and Problem.Kind is its key.
	kind bool
	// repeat allows the statement more than once in a problem.
	repeat bool
	// with lists the kinds of problem the statement serves; nil: any.
	with []string
	// check validates the statement against the rest of its problem, once
	// the whole problem is read and its kind is known to fit.
	check func(c *converter, p *Problem, s *Statement)
}

// statementDefs are the statements of a problem, in the order the
// documentation and error messages list them.
var statementDefs = []*statementDef{
	{key: "question", arg: argText},
	{key: "note", arg: argText},
	{key: "mle", arg: argDensity, kind: true, check: checkMLE},
	{key: "params", arg: argNames, with: []string{"mle"}, check: checkParams},
	{key: "response", arg: argName, with: []string{"mle"}, check: checkResponse},
	{key: "const", arg: argNames, with: []string{"mle"}, check: checkConst},
	{key: "diff", arg: argExpr, kind: true, check: checkDiff},
	{key: "wrt", arg: argVariables, with: []string{"diff", "network"}, check: checkWrt},
	{key: "simplify", arg: argExpr, kind: true},
	{key: "eval", arg: argEval, kind: true, check: checkEval},
	{key: "network", arg: argNetwork, kind: true, check: checkNetwork},
	{key: "op", arg: argOp, kind: true},
	{key: "curves", arg: argCurves, kind: true},
	{key: "activation", arg: argActivation, kind: true},
	{key: "activations", arg: argActivations, kind: true},
	{key: "convsize", arg: argConv, kind: true},
	{key: "convdesign", arg: argConv, kind: true},
	{key: "convcount", arg: argConv, kind: true},
	{key: "convstack", arg: argConv, kind: true},
	{key: "loss", arg: argLoss, with: []string{"network", "op"}, check: checkLoss},
	{key: "dtype", arg: argDtype, with: []string{"op"}},
	{key: "lr", arg: argNumber, with: []string{"network"}},
	{key: "momentum", arg: argNumber, with: []string{"network"}, check: checkDescent},
	{key: "steps", arg: argNumber, with: []string{"network"}, check: checkDescent},
	{key: "given", arg: argBindings, repeat: true, check: checkGiven},
}

// givenKinds are the kinds of problem whose solvers use given values:
// eval works its expression out at them, diff its derivatives. A given
// in a problem of another kind has no effect, and is a warning.
var givenKinds = []string{"eval", "diff", "network", "op"}

// readOptions are the options some problem kind reads, with the values
// each accepts. An option that is not here is read and kept
// (File.Options), with a warning that it has no effect.
var readOptions = map[string][]string{
	// cse on: derivations name their repeated subexpressions, however
	// small (u_1 = \sigma(w x + b)), as a person writes a long answer.
	OptionCSE: {"on", "off"},
	// substitution auto: a diff derivation is written through an inner
	// function (let z = w x + b) when that is shorter; on, whenever
	// there is one; off, never.
	OptionSubstitution: {"auto", "on", "off"},
	// convolution flipped: conv1d/conv2d/conv3d are true convolutions
	// (the kernel flipped), not the cross-correlations deep-learning
	// libraries compute.
	OptionConvolution: {"cross-correlation", "flipped"},
}

// OptionConvolution names the option that makes the convolutions of a
// file's networks and evals true convolutions.
const OptionConvolution = "convolution"

// OptionSubstitution names the option that says when diff derivations
// are written through an inner function.
const OptionSubstitution = "substitution"

// OptionCSE names the option that makes diff derivations name their
// repeated subexpressions.
const OptionCSE = "cse"

// settingDefs are the settings of a file, outside the problems. The
// problem keyword itself is part of the grammar.
var settingDefs = []*statementDef{
	{key: "title", arg: argHeading},
	{key: "author", arg: argAuthor},
	{key: "precision", arg: argPrecision},
	{key: "option", arg: argOption, repeat: true},
	{key: "preamble", arg: argPreamble},
	{key: "define", arg: argDefine, repeat: true},
}

// problemKeyword opens a problem block, and problemDef reads its title.
// The keyword is part of the grammar (a Problem token), not of the
// tables.
const problemKeyword = "problem"

var problemDef = &statementDef{key: problemKeyword, arg: argTitle}

var (
	statementByKey = index(statementDefs)
	settingByKey   = index(settingDefs)
)

func index(defs []*statementDef) map[string]*statementDef {
	m := make(map[string]*statementDef, len(defs))
	for _, d := range defs {
		m[d.key] = d
	}
	return m
}

// keys lists the keywords of defs in table order, and extra after them.
func keys(defs []*statementDef, extra ...string) []string {
	var out []string
	for _, d := range defs {
		out = append(out, d.key)
	}
	return append(out, extra...)
}

// kindKeys lists the statements that say what to derive.
func kindKeys() []string {
	var out []string
	for _, d := range statementDefs {
		if d.kind {
			out = append(out, d.key)
		}
	}
	return out
}
