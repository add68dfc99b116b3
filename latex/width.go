package latex

import "strings"

// width estimates how wide the LaTeX math s prints, in glyphs (an italic
// letter, about half an em). Chain uses it to break rows before they run
// off the page; counting bytes would not do, since \left( prints one glyph
// and \frac{a}{b} prints as wide as the wider of a and b. It errs wide.
// Width estimates the width of rendered TeX in glyphs, as the line
// breaking of derivations does; drawings size their labels with it.
func Width(s string) float64 { return width(s) }

func width(s string) float64 {
	w, _ := measure(s, 0, 1)
	return w
}

// scriptScale is how much smaller sub- and superscripts print.
const scriptScale = 0.8

// measure adds up the width of s from i to the closing brace of the
// current group (or the end), at the given scale, and returns where it
// stopped.
func measure(s string, i int, scale float64) (w float64, next int) {
	script := false // the next atom is a sub- or superscript
	for i < len(s) {
		sc := scale
		if script {
			sc *= scriptScale
		}
		script = false
		switch c := s[i]; c {
		case '}':
			return w, i + 1
		case '{':
			gw, n := measure(s, i+1, sc)
			w, i = w+gw, n
			continue
		case '^', '_':
			script = true
		case ' ':
		case '+', '-', '=', '<', '>':
			w += 2 * sc // binary operators carry space on both sides
		case ',', '.', ';', '!':
			w += 0.6 * sc
		case '\\':
			j := i + 1
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			if j == i+1 { // a control symbol: \, \; \{ \\ ...
				if j < len(s) {
					w += controlSymbolWidth(s[j]) * sc
					j++
				}
				i = j
				continue
			}
			word := s[i+1 : j]
			i = j
			switch word {
			case "frac":
				a, n := argWidth(s, i, sc)
				b, n := argWidth(s, n, sc)
				w, i = w+max(a, b)+0.5*sc, n
			case "begin":
				ew, n := envWidth(s, i, sc)
				w, i = w+ew, n
			case "sqrt":
				if i < len(s) && s[i] == '[' {
					for i < len(s) && s[i] != ']' {
						i++
					}
					i++
				}
				w += 1.8 * sc
			default:
				w += wordWidth(word) * sc
			}
			continue
		default:
			if c >= 'A' && c <= 'Z' {
				w += 1.4 * sc // capitals are wide
			} else {
				w += sc
			}
		}
		i++
	}
	return w, i
}

// argWidth measures the argument of a command at i: a braced group or a
// single character.
func argWidth(s string, i int, scale float64) (float64, int) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i < len(s) && s[i] == '{' {
		return measure(s, i+1, scale)
	}
	if i < len(s) {
		return scale, i + 1
	}
	return 0, i
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func controlSymbolWidth(c byte) float64 {
	switch c {
	case ',':
		return 0.35
	case ';', ' ':
		return 0.55
	case '\\':
		return 0
	}
	return 1
}

// wordWidth is the width of a control word: the name itself for operator
// names (\sin prints "sin"), nothing for commands that only style or size
// what follows, one glyph for a symbol.
func wordWidth(word string) float64 {
	switch word {
	case "mathrm", "operatorname", "text", "boxed", "mathit", "mathopen":
		return 0
	case "left", "right":
		return 0.3 // the delimiter that follows counts one more
	case "sin", "cos", "tan", "tanh", "sinh", "cosh", "log", "exp", "max", "min":
		return float64(len(word)) + 0.5
	case "cdot", "sum", "prod", "quad":
		return 2
	}
	return 1
}

// envWidth measures an environment whose name starts at i, after
// \begin: a matrix is as wide as its widest cell in each column, side by
// side, with its brackets; it returns where \end{name} stops.
func envWidth(s string, i int, scale float64) (float64, int) {
	if i >= len(s) || s[i] != '{' {
		return 0, i
	}
	close := strings.IndexByte(s[i:], '}')
	if close < 0 {
		return 0, len(s)
	}
	name := s[i+1 : i+close]
	body := i + close + 1
	end, after := body, len(s)
	depth := 0 // braces and nested environments
	var rows [][]string
	row, cell := []string{}, body
	for j := body; j < len(s); j++ {
		switch {
		case s[j] == '{':
			depth++
		case s[j] == '}':
			depth--
		case strings.HasPrefix(s[j:], `\begin{`):
			depth++
			j += len(`\begin`) - 1
		case strings.HasPrefix(s[j:], `\end{`) && depth > 0:
			depth--
			j += len(`\end`) - 1
		case strings.HasPrefix(s[j:], `\end{`+name+`}`):
			end, after = j, j+len(`\end{`+name+`}`)
			j = len(s)
		case depth == 0 && s[j] == '&':
			row = append(row, s[cell:j])
			cell = j + 1
		case depth == 0 && strings.HasPrefix(s[j:], `\\`):
			rows = append(rows, append(row, s[cell:j]))
			row = []string{}
			j++
			if j+1 < len(s) && s[j+1] == '*' {
				j++
			}
			cell = j + 1
		case s[j] == '\\':
			j++ // a control symbol: \{ or \&
		}
	}
	if cell <= end {
		rows = append(rows, append(row, s[cell:end]))
	}
	var cols []float64
	for _, r := range rows {
		for k, c := range r {
			if k >= len(cols) {
				cols = append(cols, 0)
			}
			cols[k] = max(cols[k], width(c))
		}
	}
	w := 0.0
	for k, c := range cols {
		w += c
		if k > 0 {
			w += 1.5 // the space between columns
		}
	}
	if strings.HasSuffix(name, "matrix") {
		w += 1.5 // the brackets
	}
	return w * scale, after
}
