package solve_test

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/solve"
)

// requireTeX fails the test, with how to install them, when pdflatex or
// pdftotext is missing: the sandbox tests are no use skipped, and CI
// installs both.
func requireTeX(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdflatex", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: the sandbox and attack tests need it (apt-get install -y %s poppler-utils)",
				tool, solve.TeXPackages)
		}
	}
}

// canary is a set of files holding a random marker, outside every folder
// pdflatex may read, and a watched folder outside every folder it may
// write. An attack that reads a canary file or writes in the watched
// folder leaves a trace the test can find.
type canary struct {
	marker string // random digits, which no font kerns apart
	dir    string // holds canary.tex, .txt, .tfm and .pdf
	watch  string // must stay empty
	// rel and relWatch reach dir and watch from any scratch folder of
	// CompilePDF by a relative path: ../<path from the temp folder>.
	rel, relWatch string
}

func newCanary(t *testing.T) *canary {
	t.Helper()
	c := &canary{marker: fmt.Sprintf("%d%d", 1e8+rand.Int64N(9e8), 1e8+rand.Int64N(9e8))}
	c.dir = realTempDir(t)
	c.watch = realTempDir(t)
	tmp, err := filepath.EvalSymlinks(os.TempDir())
	require.NoError(t, err)
	for _, p := range []struct {
		rel *string
		dir string
	}{{&c.rel, c.dir}, {&c.relWatch, c.watch}} {
		r, err := filepath.Rel(tmp, p.dir)
		require.NoError(t, err)
		require.False(t, strings.HasPrefix(r, ".."), "t.TempDir() is not under os.TempDir()")
		*p.rel = "../" + filepath.ToSlash(r)
	}
	line := "CANARY " + c.marker + "\n"
	for _, name := range []string{"canary.tex", "canary.txt", "canary.tfm", ".canary.tex"} {
		require.NoError(t, os.WriteFile(filepath.Join(c.dir, name), []byte(line), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(c.dir, "canary.pdf"), canaryPDF(c.marker), 0o644))
	return c
}

func realTempDir(t *testing.T) string {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	return dir
}

// expand substitutes the canary's paths into an attack.
func (c *canary) expand(s string) string {
	return strings.NewReplacer(
		"{{CANARY}}", c.dir+"/canary", "{{CANARYREL}}", c.rel+"/canary", "{{CANARYDIR}}", c.dir,
		"{{WATCH}}", c.watch, "{{WATCHREL}}", c.relWatch,
	).Replace(s)
}

// traces are the forms the marker can take in a PDF: itself, its bytes
// in hex (\pdffiledump), the MD5 sum of a canary file (\pdfmdfivesum).
func (c *canary) traces() []string {
	h := hex.EncodeToString([]byte(c.marker))
	sum := md5.Sum([]byte("CANARY " + c.marker + "\n"))
	return []string{c.marker, h, strings.ToUpper(h), hex.EncodeToString(sum[:]), strings.ToUpper(hex.EncodeToString(sum[:]))}
}

// leaks returns where a trace of the canary shows: in the PDF's bytes,
// any of its streams inflated, its text, or files under dir; "" for none.
func (c *canary) leaks(t *testing.T, pdf []byte, dir string) string {
	t.Helper()
	var where []string
	if len(pdf) > 0 {
		text, err := pdfText(pdf)
		if err != nil {
			where = append(where, "(pdftotext cannot read the PDF: "+err.Error()+")")
		}
		flat := strings.Join(strings.Fields(text), "")
		for _, tr := range c.traces() {
			if bytes.Contains(pdf, []byte(tr)) {
				where = append(where, "the PDF's bytes")
			}
			for i, s := range pdfStreams(pdf) {
				if bytes.Contains(s, []byte(tr)) {
					where = append(where, fmt.Sprintf("stream %d of the PDF, inflated", i))
				}
			}
			if strings.Contains(flat, tr) {
				where = append(where, "the PDF's text")
			}
		}
	}
	if dir != "" {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, _ := os.ReadFile(path)
			for _, tr := range c.traces() {
				if bytes.Contains(b, []byte(tr)) {
					where = append(where, path)
				}
			}
			return nil
		})
	}
	return strings.Join(where, ", ")
}

// written lists what is in the watched folder.
func (c *canary) written(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(c.watch)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// streamData finds the start of each stream's data in a PDF.
var streamData = regexp.MustCompile(`stream\r?\n`)

// pdfStreams inflates every FlateDecode stream of a PDF: its object
// streams hide the catalog and everything else that is not a page. It is
// deliberately simpler than solve.CheckPDF, which it checks: every
// "stream" keyword, inflated as far as zlib will go.
func pdfStreams(pdf []byte) [][]byte {
	var out [][]byte
	for _, loc := range streamData.FindAllIndex(pdf, -1) {
		r, err := zlib.NewReader(bytes.NewReader(pdf[loc[1]:]))
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(io.LimitReader(r, 256<<20))
		out = append(out, b)
	}
	return out
}

// pdfText is the PDF's text as pdftotext reads it.
func pdfText(pdf []byte) (string, error) {
	cmd := exec.Command("pdftotext", "-q", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	return string(out), err
}

// activeKeys are the PDF names of actions, scripts, links, annotations
// and embedded files. None belongs in a handout.
var activeKeys = []string{"/OpenAction", "/AA", "/Launch", "/JavaScript", "/JS", "/URI", "/Annot", "/EmbeddedFile", "/GoToR", "/SubmitForm"}

// activeContent returns the active keys found in the PDF outside its
// streams, or in any stream, inflated, that is not a font program. A
// plain substring search, more suspicious than solve.CheckPDF: it also
// finds keys in page contents and in strings.
func activeContent(pdf []byte) []string {
	var found []string
	hay := [][]byte{streamBodies.ReplaceAll(pdf, []byte("stream\nendstream"))}
	for _, s := range pdfStreams(pdf) {
		if !bytes.Contains(s[:min(len(s), 64)], []byte("%!PS-AdobeFont")) {
			hay = append(hay, s)
		}
	}
	for _, k := range activeKeys {
		for _, h := range hay {
			if bytes.Contains(h, []byte(k)) {
				found = append(found, k)
				break
			}
		}
	}
	return found
}

// streamBodies matches the data of each stream, compressed binary that
// could hold any key by chance.
var streamBodies = regexp.MustCompile(`(?s)stream\r?\n.*?endstream`)

// canaryPDF is a one-page PDF that shows the marker, for \pdfximage.
func canaryPDF(marker string) []byte {
	content := "BT /F1 12 Tf 72 720 Td (" + marker + ") Tj ET\n"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
