package texcheck

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// textRunes are the non-ASCII characters problem text may hold, in text
// mode only. pdflatex reads UTF-8 and sets each character the encodings
// of the handout (T1, and TS1 for symbols) declare; any other character
// stops it with "Unicode character ... not set up for use with LaTeX".
// These are the Latin-1 and Latin Extended-A letters and signs that do
// compile (found by compiling every character of those blocks; solve's
// tests compile this list), Romanian s and t with a comma, and typographic
// dashes, quotes, bullets and the ellipsis.
var textRunes = []struct{ lo, hi rune }{
	{0x00A0, 0x00AC}, {0x00AE, 0x0125}, {0x0128, 0x0137}, {0x0139, 0x013E},
	{0x0141, 0x0148}, {0x014A, 0x0165}, {0x0168, 0x017E}, {0x0218, 0x021B},
	{0x2010, 0x2015}, {0x2018, 0x201A}, {0x201C, 0x201E}, {0x2020, 0x2022},
	{0x2026, 0x2026}, {0x2030, 0x2030}, {0x2039, 0x203A}, {0x20AC, 0x20AC},
	{0x2122, 0x2122},
}

// TextRunes lists the non-ASCII characters problem text may hold in text
// mode.
func TextRunes() []rune {
	var out []rune
	for _, r := range textRunes {
		for x := r.lo; x <= r.hi; x++ {
			out = append(out, x)
		}
	}
	return out
}

func isTextRune(r rune) bool {
	for _, span := range textRunes {
		if span.lo <= r && r <= span.hi {
			return true
		}
	}
	return false
}

// invisible are the characters that do not show, or that reorder the
// text around them: a reader of the file could not see what TeX reads.
var invisible = []struct {
	lo, hi rune
	what   string
}{
	{0x00AD, 0x00AD, `a soft hyphen: write \- for a place to hyphenate`},
	{0x034F, 0x034F, "an invisible combining character"},
	{0x061C, 0x061C, "a bidirectional control"},
	{0x115F, 0x1160, "an invisible filler"},
	{0x180E, 0x180E, "an invisible separator"},
	{0x200B, 0x200D, "a zero-width character"},
	{0x200E, 0x200F, "a bidirectional control"},
	{0x202A, 0x202E, "a bidirectional control"},
	{0x2060, 0x2064, "a zero-width character"},
	{0x2066, 0x2069, "a bidirectional control"},
	{0x206A, 0x206F, "an invisible formatting character"},
	{0x3164, 0x3164, "an invisible filler"},
	{0xFE00, 0xFE0F, "a variation selector"},
	{0xFEFF, 0xFEFF, "a zero-width character (byte order mark)"},
	{0xFFA0, 0xFFA0, "an invisible filler"},
	{0xFFF9, 0xFFFB, "an invisible annotation character"},
	{0xE0000, 0xE007F, "an invisible tag character"},
}

// mathRunes gives the LaTeX for characters that belong in math, for the
// hint when one is typed as a character.
var mathRunes = map[rune]string{
	'−': `-`, '×': `\times`, '÷': `\div`, '±': `\pm`, '∓': `\mp`, '·': `\cdot`, '⋅': `\cdot`,
	'≤': `\leq`, '≥': `\geq`, '≠': `\neq`, '≈': `\approx`, '≡': `\equiv`, '∼': `\sim`, '≃': `\simeq`,
	'∝': `\propto`, '≪': `\ll`, '≫': `\gg`, '∞': `\infty`, '∑': `\sum`, '∏': `\prod`, '∫': `\int`,
	'∮': `\oint`, '∂': `\partial`, '∇': `\nabla`, '∈': `\in`, '∉': `\notin`, '∋': `\ni`, '√': `\sqrt{...}`,
	'→': `\to`, '←': `\leftarrow`, '↔': `\leftrightarrow`, '⇒': `\Rightarrow`, '⇐': `\Leftarrow`,
	'⇔': `\Leftrightarrow`, '↦': `\mapsto`, '∀': `\forall`, '∃': `\exists`, '∅': `\emptyset`,
	'⊂': `\subset`, '⊆': `\subseteq`, '⊃': `\supset`, '⊇': `\supseteq`, '∪': `\cup`, '∩': `\cap`,
	'∧': `\wedge`, '∨': `\vee`, '¬': `\neg`, '∘': `\circ`, '⊙': `\odot`, '⊗': `\otimes`, '⊕': `\oplus`,
	'⊤': `\top`, '⊥': `\perp`, '‖': `\|`, '∣': `\mid`, '⟨': `\langle`, '⟩': `\rangle`, '⌊': `\lfloor`,
	'⌋': `\rfloor`, '⌈': `\lceil`, '⌉': `\rceil`, '′': `'`, '″': `''`, '°': `^\circ`, '¹': `^1`, '²': `^2`,
	'³': `^3`, 'µ': `\mu`, 'ℝ': `\mathbb{R}`, 'ℕ': `\mathbb{N}`, 'ℤ': `\mathbb{Z}`, 'ℚ': `\mathbb{Q}`,
	'ℂ': `\mathbb{C}`, '…': `\dots`, '⋯': `\cdots`, 'ℓ': `\ell`, 'ħ': `\hbar`,
}

func init() {
	// The Greek letters: those LaTeX has a command for, and the capitals
	// that look like Latin ones.
	lower := words(`alpha beta gamma delta varepsilon zeta eta theta iota kappa lambda mu nu xi o pi rho
		varsigma sigma tau upsilon varphi chi psi omega`)
	for i, name := range lower {
		mathRunes[rune(0x03B1+i)] = `\` + name
	}
	upper := words(`A B Gamma Delta E Z H Theta I K Lambda M N Xi O Pi P - Sigma T Upsilon Phi X Psi Omega`)
	for i, name := range upper {
		if name == "-" {
			continue
		}
		if len(name) > 1 {
			name = `\` + name
		}
		mathRunes[rune(0x0391+i)] = name
	}
	mathRunes['ο'] = "o"
	mathRunes['ϵ'] = `\epsilon`
	mathRunes['ϑ'] = `\vartheta`
	mathRunes['ϕ'] = `\phi`
	mathRunes['ϱ'] = `\varrho`
	mathRunes['ϖ'] = `\varpi`
}

// refusedRune says why a non-ASCII character (size bytes of UTF-8) may
// not stand in problem text, or returns "" when it may, in text mode.
func refusedRune(r rune, size int) string {
	if r == utf8.RuneError && size == 1 {
		return "problem text must be UTF-8, and this is not"
	}
	for _, in := range invisible {
		if in.lo <= r && r <= in.hi {
			return fmt.Sprintf("%U is %s, which is not allowed in problem text", r, in.what)
		}
	}
	if isTextRune(r) {
		return ""
	}
	if tex, ok := mathRunes[r]; ok {
		return fmt.Sprintf("%c (%U) is not allowed in problem text: write %s in math, $%s$", r, r, tex, tex)
	}
	if 0x2000 <= r && r <= 0x200A || r == 0x202F || r == 0x205F || r == 0x3000 {
		return fmt.Sprintf(`%U is a special space, which is not allowed in problem text: write a space, ~ or \quad`, r)
	}
	return fmt.Sprintf("%c (%U) is not allowed in problem text: pdflatex has no letter for it in the handout's fonts "+
		"(allowed are accented Latin letters, and typographic quotes and dashes)", r, r)
}

// mathRuneHint says what to write for a non-ASCII character typed in
// math, where no non-ASCII character may stand.
func mathRuneHint(ch string) string {
	r, _ := utf8.DecodeRuneInString(ch)
	if tex, ok := mathRunes[r]; ok {
		return fmt.Sprintf("%s cannot stand in math: write %s", ch, tex)
	}
	if strings.ContainsRune("–—", r) {
		return fmt.Sprintf("%s cannot stand in math: write -", ch)
	}
	return fmt.Sprintf(`%s cannot stand in math: write \text{%s}`, ch, ch)
}
