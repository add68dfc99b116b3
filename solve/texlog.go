package solve

import (
	"regexp"
	"strconv"
	"strings"
)

// fileLineError is an error line of a log written with -file-line-error:
// "./doc.tex:42: Undefined control sequence."
var fileLineError = regexp.MustCompile(`^((?:\./|/)[^:]*):([0-9]+): (.*)$`)

// contextLine is TeX's "l.42 \foo" line under an error, which shows how
// far it had read the line.
var contextLine = regexp.MustCompile(`^l\.([0-9]+) `)

// logError finds TeX's first error in (the tail of) a log: its message,
// the line of the document it was reading, and the context line. It
// returns nil when the log holds no error. An error in another file than
// the document (a package, the .aux file) names no document line.
func logError(log string) *LaTeXError {
	lines := strings.Split(log, "\n")
	for i, line := range lines {
		line = strings.TrimRight(line, "\r")
		var le *LaTeXError
		if m := fileLineError.FindStringSubmatch(line); m != nil {
			if strings.Contains(m[3], "==> Fatal error occurred") {
				continue
			}
			le = &LaTeXError{Msg: m[3]}
			if isDocument(m[1]) {
				le.Line, _ = strconv.Atoi(m[2])
			} else {
				le.Msg += " (in " + m[1] + " at line " + m[2] + ")"
			}
		} else if strings.HasPrefix(line, "!") && !strings.Contains(line, "==> Fatal error occurred") {
			le = &LaTeXError{Msg: strings.TrimSpace(strings.TrimPrefix(line, "!"))}
		} else {
			continue
		}
		for _, next := range lines[i+1 : min(i+40, len(lines))] {
			if m := contextLine.FindStringSubmatch(next); m != nil {
				le.Context = strings.TrimRight(next, " \r")
				if le.Line == 0 && !strings.Contains(le.Msg, " (in ") {
					le.Line, _ = strconv.Atoi(m[1])
				}
				break
			}
		}
		return le
	}
	return nil
}

// isDocument reports whether a file name in the log is the document.
func isDocument(name string) bool {
	return name == "./"+texFile || strings.HasSuffix(name, "/"+texFile)
}
