package solve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// TeXPackages are the Debian packages CompilePDF needs.
const TeXPackages = "texlive-latex-base texlive-latex-recommended texlive-pictures"

// ErrNoTeX says that no pdflatex is installed.
var ErrNoTeX = errors.New("pdflatex not found: install the Debian packages " + TeXPackages +
	" (apt-get install -y " + TeXPackages + ")")

// CompileTimeout bounds one pdflatex run.
const CompileTimeout = 2 * time.Minute

// LaTeXError is a compilation failure at a line of the .tex source.
type LaTeXError struct {
	Line int    // 0 when the log names none
	Msg  string // TeX's message, e.g. "Undefined control sequence."
}

func (e *LaTeXError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("LaTeX error at line %d of the document: %s", e.Line, e.Msg)
	}
	return "LaTeX error: " + e.Msg
}

// CompilePDF typesets tex into the file pdfPath with pdflatex, with shell
// escape off and stopping at the first error, in a scratch folder so that
// no auxiliary file is left behind.
func CompilePDF(tex, pdfPath string) error {
	bin, err := exec.LookPath("pdflatex")
	if err != nil {
		return ErrNoTeX
	}
	dir, err := os.MkdirTemp("", "derivtex-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "doc.tex")
	if err := os.WriteFile(src, []byte(tex), 0o644); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), CompileTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-no-shell-escape", "-halt-on-error", "-interaction=nonstopmode",
		"-output-directory", dir, src)
	cmd.Dir = dir
	out, runErr := cmd.CombinedOutput()
	if runErr != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("pdflatex took longer than %s", CompileTimeout)
		}
		if le := logError(filepath.Join(dir, "doc.log")); le != nil {
			return le
		}
		return fmt.Errorf("pdflatex failed: %v\n%s", runErr, tail(string(out), 20))
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "doc.pdf"))
	if err != nil {
		return err
	}
	return os.WriteFile(pdfPath, pdf, 0o644)
}

// logError finds TeX's first error ("! message") and its line ("l.42 ...")
// in a log file.
func logError(path string) *LaTeXError {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var le *LaTeXError
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if le == nil && strings.HasPrefix(line, "! ") {
			le = &LaTeXError{Msg: strings.TrimPrefix(line, "! ")}
			continue
		}
		if le != nil && strings.HasPrefix(line, "l.") {
			fmt.Sscanf(line, "l.%d", &le.Line)
			break
		}
	}
	return le
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
