// Package suggest finds the known word a misspelt one most likely meant,
// for messages such as "unknown statement \"dif\" (did you mean diff?)".
// The problem-file parser and the LaTeX allowlist share it.
package suggest

// Nearest returns the word of known closest to word, if it is close
// enough to be a likely misspelling: at most two edits away, and fewer
// than half of word's letters. An edit is an insertion, a deletion, a
// substitution or a swap of neighbours.
func Nearest(word string, known []string) string {
	if len(word) > 64 {
		return ""
	}
	best, bestDist := "", 3
	for _, k := range known {
		if d := editDistance(word, k); d < bestDist && 2*d < len(word) {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b,
// bytewise (keywords and command names are ASCII).
func editDistance(a, b string) int {
	// d[i][j] is the distance between a[:i] and b[:j].
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
