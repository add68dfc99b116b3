package solve

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/derivtex/derivtex/diag"
)

// TeXPackages are the Debian packages CompilePDF needs.
const TeXPackages = "texlive-latex-base texlive-latex-recommended texlive-pictures lmodern"

// ErrNoTeX says that no pdflatex is installed.
var ErrNoTeX = errors.New("pdflatex not found: install the Debian packages " + TeXPackages +
	" (apt-get install -y " + TeXPackages + ")")

// DefaultPDFTimeout bounds one pdflatex run when PDFOptions sets no limit.
const DefaultPDFTimeout = 20 * time.Second

// MaxPDFBytes is the largest PDF CompilePDF copies back. On Linux
// pdflatex may not write any file larger than this either.
const MaxPDFBytes = 64 << 20

// maxLogBytes is how much of the end of pdflatex's log is read for its
// error: with -halt-on-error the error is the last thing TeX writes.
const maxLogBytes = 256 << 10

// interruptGrace is how long pdflatex has, after the interrupt at the time
// limit, to write where it was before its process group is killed.
const interruptGrace = time.Second

// The files of a compilation in its scratch folder.
const (
	jobName = "doc"
	texFile = jobName + ".tex"
	pdfFile = jobName + ".pdf"
	logFile = jobName + ".log"
	auxFile = jobName + ".aux"
)

// pdflatexArgs turn off everything in pdflatex that a document could use
// to run programs or make it wait: shell escape, questions on the terminal
// (stdin is /dev/null as well), and the mktex scripts that generate
// missing fonts. -file-line-error makes each error say its file and line.
var pdflatexArgs = []string{
	"-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
	"-no-mktex=tex", "-no-mktex=tfm", "-no-mktex=pk",
	texFile,
}

// pdflatexEnv is the whole environment pdflatex runs in: nothing of the
// caller's (TEXINPUTS, TEXMFCNF, TEXMFHOME and the like could send its
// reading elsewhere), and kpathsea's paranoid modes, in which TeX opens no
// file by an absolute path outside TEXMFOUTPUT, none in a parent folder
// and none whose name starts with a dot, for reading or writing. HOME is
// the scratch folder, so TEXMFHOME and TEXMFVAR are too. max_print_line
// keeps TeX from breaking the lines of its log, and error_line and
// half_error_line let its context lines show more of a line.
func pdflatexEnv(bin, dir string) []string {
	return []string{
		"PATH=" + filepath.Dir(bin) + string(os.PathListSeparator) + "/usr/bin" + string(os.PathListSeparator) + "/bin",
		"HOME=" + dir,
		"TEXMFOUTPUT=" + dir,
		"openin_any=p",
		"openout_any=p",
		"shell_escape=f",
		"max_print_line=10000",
		"error_line=254",
		"half_error_line=238",
	}
}

// PDFOptions adjust CompilePDF; the zero value is the defaults.
type PDFOptions struct {
	// Timeout bounds the pdflatex run; 0 means DefaultPDFTimeout.
	Timeout time.Duration
	// Map sends the document's lines back to the problem file in errors;
	// nil names lines of the document.
	Map *SourceMap
}

// LaTeXError is a compilation failure at a line of the .tex source.
type LaTeXError struct {
	Line    int     // line of the document; 0 when the log names none
	Msg     string  // TeX's message, e.g. "Undefined control sequence."
	Context string  // TeX's context line, "l.42 \foo", or ""
	Origin  *Origin // the part of the problem file the line came from, or nil
}

func (e *LaTeXError) Error() string {
	var msg string
	switch {
	case e.Origin != nil:
		msg = fmt.Sprintf("%s: LaTeX error in %s: %s", e.Origin.At(), e.Origin.What, e.Msg)
	case e.Line > 0:
		msg = fmt.Sprintf("LaTeX error at line %d of the document: %s", e.Line, e.Msg)
	default:
		msg = "LaTeX error: " + e.Msg
	}
	if e.Context != "" {
		msg += "\n    " + e.Context
	}
	return msg
}

// TimeoutError says pdflatex did not finish within its time limit.
type TimeoutError struct {
	Limit   time.Duration
	Line    int     // the document line TeX was reading when stopped; 0 if unknown
	Context string  // TeX's context line there, or ""
	Origin  *Origin // the part of the problem file that line came from, or nil
}

func (e *TimeoutError) Error() string {
	msg := fmt.Sprintf("pdflatex did not finish within %s", e.Limit)
	switch {
	case e.Origin != nil:
		msg = fmt.Sprintf("%s: %s; it was typesetting %s", e.Origin.At(), msg, e.Origin.What)
	case e.Line > 0:
		msg += fmt.Sprintf("; it was at line %d of the document", e.Line)
	}
	if e.Context != "" {
		msg += "\n    " + e.Context
	}
	return msg
}

// OutputLimitError says pdflatex wrote more than MaxPDFBytes to a file.
type OutputLimitError struct{ Limit int64 }

func (e *OutputLimitError) Error() string {
	return fmt.Sprintf("pdflatex wrote a file larger than %d MiB; the document is too large", e.Limit>>20)
}

// CompilePDF typesets tex into the file pdfPath with pdflatex, in a
// scratch folder that is removed afterwards, and copies back only the
// PDF. pdflatex runs with its own environment and flags (pdflatexArgs,
// pdflatexEnv), in a process group of its own that is killed at the time
// limit, and on Linux under a Landlock ruleset that keeps it from reading
// anything but the TeX installation and its scratch folder and from
// writing anything but its own three output files. Its PDF is refused if
// it holds actions, scripts, links, annotations or embedded files
// (CheckPDF). Its errors are diag.Errors: about the document (or a
// missing pdflatex), of kind Input, whose cause is a *LaTeXError,
// *TimeoutError, *OutputLimitError or *ActiveContentError (or ErrNoTeX);
// about pdflatex failing otherwise, or the PDF not being written, of kind
// Internal.
func CompilePDF(tex, pdfPath string, opt PDFOptions) error {
	r, err := typeset(tex, opt)
	if err != nil {
		return pdfError(err)
	}
	if err := os.WriteFile(pdfPath, r.pdf, 0o644); err != nil {
		return diag.Wrap(diag.Internal, err, "writing the PDF: "+err.Error())
	}
	return nil
}

// pdfError classifies an error of typeset.
func pdfError(err error) error {
	var (
		le *LaTeXError
		te *TimeoutError
		ol *OutputLimitError
		ae *ActiveContentError
	)
	kind := diag.Internal
	if errors.As(err, &le) || errors.As(err, &te) || errors.As(err, &ol) || errors.As(err, &ae) || errors.Is(err, ErrNoTeX) {
		kind = diag.Input
	}
	return diag.Wrap(kind, err, err.Error())
}

// typesetRun is what a pdflatex run leaves: the PDF, and the tails of its
// log and of its terminal output, where TeX says what went wrong.
type typesetRun struct {
	pdf      []byte
	log, out string
}

// typeset runs pdflatex on tex in a scratch folder, sandboxed, and
// returns its checked PDF; on an error the run is returned too when
// there was one.
func typeset(tex string, opt PDFOptions) (*typesetRun, error) {
	bin, err := exec.LookPath("pdflatex")
	if err != nil {
		return nil, ErrNoTeX
	}
	if bin, err = filepath.Abs(bin); err != nil {
		return nil, err
	}
	limit := opt.Timeout
	if limit <= 0 {
		limit = DefaultPDFTimeout
	}
	dir, err := os.MkdirTemp("", "derivtex-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if dir, err = filepath.EvalSymlinks(dir); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, texFile), []byte(tex), 0o600); err != nil {
		return nil, err
	}
	// The files pdflatex may write, made now: under Landlock it may write
	// these and create no others.
	writable := []string{auxFile, logFile, pdfFile}
	for _, name := range writable {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			return nil, err
		}
	}

	stdin, err := os.Open(os.DevNull)
	if err != nil {
		return nil, err
	}
	defer stdin.Close()
	out := &tailBuffer{max: 16 << 10}
	cmd := exec.Command(bin, pdflatexArgs...)
	cmd.Dir = dir
	cmd.Env = pdflatexEnv(bin, dir)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, out, out
	res, runErr := runSandboxed(cmd, sandbox{bin: bin, dir: dir, writable: writable}, limit)

	r := &typesetRun{log: readTail(filepath.Join(dir, logFile), maxLogBytes), out: out.String()}
	switch {
	case res.timedOut:
		te := &TimeoutError{Limit: limit}
		if le := logError(r.log); le != nil {
			te.Line, te.Context = le.Line, le.Context
			te.Origin = opt.Map.Origin(le.Line)
		}
		return r, te
	case res.fileTooLarge:
		return r, &OutputLimitError{Limit: MaxPDFBytes}
	case runErr != nil:
		if le := logError(r.log); le != nil {
			le.Origin = opt.Map.Origin(le.Line)
			return r, le
		}
		var exit *exec.ExitError
		if !errors.As(runErr, &exit) {
			return r, fmt.Errorf("running pdflatex: %w", runErr)
		}
		// TeX stopped without an error of its own: pdfTeX ends at once
		// when the sandbox refuses it a file, and says so last.
		last := tail(r.out, 1)
		if i := strings.LastIndex(last, bin+": "); i >= 0 {
			last = last[i+len(bin)+2:]
		}
		return r, &LaTeXError{Msg: "pdflatex stopped (" + runErr.Error() + "): " + last}
	}
	if r.pdf, err = readCapped(filepath.Join(dir, pdfFile), MaxPDFBytes); err != nil {
		return r, err
	}
	if len(r.pdf) == 0 {
		return r, fmt.Errorf("pdflatex wrote no PDF:\n%s", tail(r.out, 20))
	}
	if err := CheckPDF(r.pdf); err != nil {
		return r, err
	}
	return r, nil
}

// readCapped reads a file that may be at most max bytes.
func readCapped(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &OutputLimitError{Limit: max}
	}
	return b, nil
}

// readTail returns the last max bytes of a file, or "" when it cannot be
// read.
func readTail(path string, max int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > max {
		if _, err := f.Seek(st.Size()-max, io.SeekStart); err != nil {
			return ""
		}
	}
	b, _ := io.ReadAll(io.LimitReader(f, max))
	return string(b)
}

// tailBuffer keeps the last max bytes written to it (at most 2*max
// between trims), so a document that prints without end cannot fill
// memory.
type tailBuffer struct {
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > t.max {
		p = p[len(p)-t.max:]
	}
	t.b = append(t.b, p...)
	if len(t.b) > 2*t.max {
		t.b = append(t.b[:0], t.b[len(t.b)-t.max:]...)
	}
	return n, nil
}

func (t *tailBuffer) String() string { return string(t.b) }

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
