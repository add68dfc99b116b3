package latex

import (
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/derivtex/derivtex/expr"
)

// Names become LaTeX by a few rules that cover how people name variables in
// handouts: Greek letters by name (alpha, Sigma), a trailing number or an
// underscore part as a subscript (w1, w_1, x_i), and longer names as upright
// words (\mathrm{loss}) so they cannot be misread as a product of letters.
// Every character of a name that means something to TeX is escaped, so a
// name can never inject TeX: only WithNames passes TeX through.

// greek lists the names that have a TeX command of the same name. Capital
// letters that look Latin (Alpha, Beta, ...) have no command and are words.
var greek = map[string]bool{}

// greekRunes maps Unicode Greek letters to their command names, for names
// typed as α or Σ.
var greekRunes = map[rune]string{}

func init() {
	lower := "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi omega"
	runes := []rune("αβγδεζηθικλμνξπρστυφχψω") // no omicron: it has no command
	for i, n := range strings.Fields(lower) {
		greek[n] = true
		greekRunes[runes[i]] = n
	}
	upper := map[string]rune{"Gamma": 'Γ', "Delta": 'Δ', "Theta": 'Θ', "Lambda": 'Λ', "Xi": 'Ξ', "Pi": 'Π',
		"Sigma": 'Σ', "Upsilon": 'Υ', "Phi": 'Φ', "Psi": 'Ψ', "Omega": 'Ω'}
	for n, r := range upper {
		greek[n] = true
		greekRunes[r] = n
	}
	// \ell, the script l, is no Greek letter but is written as one.
	for _, n := range strings.Fields("varepsilon vartheta varpi varrho varsigma varphi ell") {
		greek[n] = true
	}
}

// name returns the LaTeX of a symbol or vector name as a head and its
// subscripts, kept apart so that an Indexed can add its indices to the same
// subscript (w1[i] is w_{1,i}: two subscripts in a row are a TeX error).
func (p *printer) name(n string) (head string, subs []string) {
	if v, ok := p.cfg.names[n]; ok {
		return "{" + v + "}", nil
	}
	if i := strings.IndexByte(n, '_'); i > 0 && i < len(n)-1 {
		parts := strings.Split(n[i+1:], "_")
		if !contains(parts, "") {
			head, subs = p.name(n[:i])
			if strings.HasPrefix(head, "{") { // an override: its subscripts are its own
				return head, nil
			}
			for _, s := range parts {
				subs = append(subs, namePart(s, true))
			}
			return head, subs
		}
	}
	if j := digitSuffix(n); j > 0 && j < len(n) {
		return namePart(n[:j], false), []string{n[j:]}
	}
	return namePart(n, false), nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// digitSuffix returns where the trailing run of ASCII digits of s starts.
func digitSuffix(s string) int {
	j := len(s)
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	return j
}

// namePart renders one piece of a name: a Greek letter, a single letter, a
// number, or else a word, upright (\mathrm{loss}). In a subscript, letters
// are indices and stay italic (x_{ij}, W_{h1}), but a word of three
// letters or more, or one of the few two-letter words that label a
// variable (subscriptWords), is a label and upright, as textbooks write
// W_{\mathrm{out}}, x_{\mathrm{max}} and b_{\mathrm{in}}.
func namePart(s string, sub bool) string {
	if greek[s] {
		return `\` + s
	}
	if r, size := utf8.DecodeRuneInString(s); size == len(s) && size > 0 {
		if g, ok := greekRunes[r]; ok {
			return `\` + g
		}
		if isASCIIAlnum(r) {
			return s
		}
		return escapeMath(s)
	}
	if s != "" && (allDigits(s) || sub && allASCIIAlnum(s) && !isLabel(s)) {
		return s
	}
	return `\mathrm{` + escapeMath(s) + `}`
}

// subscriptWords are the two-letter subscripts that are words, not two
// indices.
var subscriptWords = map[string]bool{"in": true, "on": true, "up": true, "lo": true, "hi": true, "re": true, "im": true, "ex": true}

// isLabel reports whether a subscript of ASCII letters and digits is a
// word that labels a variable rather than indices: letters only, and
// three or more of them or a word of subscriptWords.
func isLabel(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return false
		}
	}
	return len(s) >= 3 || subscriptWords[s]
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func allASCIIAlnum(s string) bool {
	for _, r := range s {
		if !isASCIIAlnum(r) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// mathEscapes spells the ASCII characters that TeX would act on in math
// mode as symbols that merely show them.
var mathEscapes = map[rune]string{
	'\\': `\backslash{}`, '{': `\{`, '}': `\}`, '$': `\$`, '&': `\&`, '#': `\#`,
	'%': `\%`, '_': `\_`, '^': `\hat{}`, '~': `\sim{}`, ' ': `\ `,
}

// escapeMath makes s safe inside math mode. Characters outside printable
// ASCII (other than Greek letters) become "?": pdflatex has no math glyph
// for them and would stop with an error.
func escapeMath(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch e, ok := mathEscapes[r]; {
		case ok:
			b.WriteString(e)
		case r > ' ' && r < 0x7f:
			b.WriteRune(r)
		case greekRunes[r] != "":
			b.WriteString(`\` + greekRunes[r] + " ")
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// textEscapes spells the ASCII characters that TeX acts on in text mode,
// and those the default OT1 text font lacks (< > | print as other glyphs).
var textEscapes = map[rune]string{
	'\\': `\textbackslash{}`, '{': `\{`, '}': `\}`, '$': `\$`, '&': `\&`, '#': `\#`,
	'%': `\%`, '_': `\_`, '^': `\textasciicircum{}`, '~': `\textasciitilde{}`,
	'<': `\textless{}`, '>': `\textgreater{}`, '|': `\textbar{}`,
	'–': `--`, '—': `---`, '‘': "`", '’': `'`, '“': "``", '”': `''`,
	'σ': `\ensuremath{\sigma}`, // the sigmoid, in the titles of its identities
}

// escapeText makes s safe inside \text{...}: rule titles and notes are
// plain prose. Latin-1 letters pass (pdflatex's UTF-8 input knows them);
// other characters it might not know become "?".
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch e, ok := textEscapes[r]; {
		case ok:
			b.WriteString(e)
		case r >= ' ' && r < 0x7f, r >= 0xC0 && r <= 0xFF && r != 0xD7 && r != 0xF7:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

func (p *printer) symbol(s *expr.Symbol) { p.symbolName(s.Name()) }

// symbolName writes the name of a symbol: w_{1}, \alpha, \mathrm{loss}.
func (p *printer) symbolName(name string) {
	head, subs := p.name(name)
	p.str(head)
	if len(subs) > 0 {
		p.str("_{")
		p.subscripts(subs)
		p.str("}")
	}
}

// indexed writes x_{i}, W_{i,j}, and w1[i] as w_{1,i}.
func (p *printer) indexed(x *expr.Indexed) {
	head, subs := p.name(x.Name())
	p.str(head)
	p.str("_{")
	p.subscripts(subs)
	for i, ix := range x.Index() {
		if i > 0 || len(subs) > 0 {
			p.str(",")
		}
		p.index(ix)
	}
	p.str("}")
}

// index writes a position in a subscript. A position with fractional
// coefficients is written over its common denominator, inline: p_{(j+1)/2},
// never p_{\frac{j}{2} + \frac{1}{2}}.
func (p *printer) index(ix expr.Expr) {
	d := indexDenominator(ix)
	if d == 1 {
		p.expr(ix, 0)
		return
	}
	num := expr.Mul(expr.Int(d), ix)
	if num.Kind() == expr.KindAdd {
		p.str("(")
		p.expr(num, 0)
		p.str(")")
	} else {
		// The "/" follows: a \sum or \frac{\partial}{\partial w} that
		// runs on to the right is closed off before it.
		p.parenthesize(num, expr.PrecMul, operator)
	}
	p.str("/" + strconv.FormatInt(d, 10))
}

// indexDenominator is the least common denominator of the numeric
// coefficients of a position's terms, or 1 when it has none, it is not
// small, or a term is whole (N - j/2 + 1 reads better as it is).
func indexDenominator(ix expr.Expr) int64 {
	terms := []expr.Expr{ix}
	if a, ok := ix.(*expr.AddExpr); ok {
		terms = a.Terms()
	}
	d := int64(1)
	for _, t := range terms {
		c := t
		if m, ok := t.(*expr.MulExpr); ok {
			c = m.Factors()[0]
		}
		n, ok := c.(*expr.Number)
		if !ok || n.IsInt() {
			return 1
		}
		den := n.Den()
		if !den.IsInt64() || den.Cmp(big.NewInt(1<<20)) > 0 {
			return 1
		}
		d = d / gcd(d, den.Int64()) * den.Int64()
		if d > 1<<20 {
			return 1
		}
	}
	return d
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func (p *printer) subscripts(subs []string) {
	for i, s := range subs {
		if i > 0 {
			p.str(",")
		}
		p.str(s)
	}
}
