package solve_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/solve"
)

// The tests in this file try the sandbox of CompilePDF alone: raw hostile
// documents, which no problem file could produce while the problem
// language's checker does its job, typeset as they are. They show that
// what kpathsea's paranoid modes, Landlock, the environment and the time
// limit promise holds even if the checker had a hole.

// rawDoc wraps an attack into a document; the attack is on line 4.
func rawDoc(body string) string {
	return "\\documentclass{article}\n\\begin{document}\nSafe text.\n" + body + "\n\\end{document}\n"
}

// compileRaw typesets a raw document into a fresh folder and returns the
// PDF (nil when there is none) and CompilePDF's error.
func compileRaw(t *testing.T, tex string, opt solve.PDFOptions) ([]byte, string, error) {
	t.Helper()
	out := realTempDir(t)
	path := filepath.Join(out, "out.pdf")
	err := solve.CompilePDF(tex, path, opt)
	pdf, readErr := os.ReadFile(path)
	if readErr != nil {
		pdf = nil
	}
	return pdf, out, err
}

// TestSandboxReads: a document cannot read a file outside its scratch
// folder and the TeX installation, by any primitive that opens files.
func TestSandboxReads(t *testing.T) {
	requireTeX(t)
	t.Parallel()
	c := newCanary(t)
	for _, tc := range []struct{ name, body string }{
		{"input absolute", `\input{{{CANARY}}.tex}`},
		{"input relative", `\input{{{CANARYREL}}.tex}`},
		{"input dot file", `\input{{{CANARYDIR}}/.canary.tex}`},
		{"primitive input", `\makeatletter\@@input {{CANARY}}.tex \makeatother`},
		{"openin and read", `\newread\r\openin\r={{CANARY}}.tex \ifeof\r\else\read\r to\x \x\fi`},
		{"openin relative", `\newread\r\openin\r={{CANARYREL}}.tex \ifeof\r\else\read\r to\x \x\fi`},
		// pdfTeX reads the file of \pdfobj file without asking kpathsea:
		// only Landlock stops these.
		{"pdfobj file", `\immediate\pdfobj file {{{CANARY}}.txt}\pdfcatalog{/DerivtexCanary \the\pdflastobj\space 0 R}`},
		{"pdfobj stream file", `\immediate\pdfobj stream file {{{CANARY}}.txt}\pdfcatalog{/DerivtexCanary \the\pdflastobj\space 0 R}`},
		{"pdfobj stream file relative", `\immediate\pdfobj stream file {{{CANARYREL}}.txt}\pdfcatalog{/DerivtexCanary \the\pdflastobj\space 0 R}`},
		{"pdfximage", `\pdfximage{{{CANARY}}.pdf}\pdfrefximage\pdflastximage`},
		{"pdfximage relative", `\pdfximage{{{CANARYREL}}.pdf}\pdfrefximage\pdflastximage`},
		{"pdffiledump", `\pdffiledump length 64 {{{CANARY}}.txt}`},
		{"pdfmdfivesum", `\pdfmdfivesum file {{{CANARY}}.txt}`},
		{"font by path", `\font\x={{CANARY}} \x A`},
		{"pipe input", `\input|"cat {{CANARY}}.txt" `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pdf, out, err := compileRaw(t, rawDoc(c.expand(tc.body)), solve.PDFOptions{Timeout: 10 * time.Second})
			t.Logf("CompilePDF: %v", err)
			assert.Empty(t, c.leaks(t, pdf, out), "the canary was read")
			if err != nil {
				assert.NotContains(t, err.Error(), c.marker, "the canary was read into the error")
			}
		})
	}
}

// TestSandboxWrites: a document cannot write a file outside its scratch
// folder or run a program, and (under Landlock) cannot create one inside.
func TestSandboxWrites(t *testing.T) {
	requireTeX(t)
	t.Parallel()
	c := newCanary(t)
	for _, tc := range []struct {
		name, body string
		refused    string // part of the error CompilePDF must return; "" for any outcome
	}{
		{"openout absolute", `\newwrite\w\immediate\openout\w={{WATCH}}/abs.tex\immediate\write\w{x}\immediate\closeout\w`, "can't write on file"},
		{"openout relative", `\newwrite\w\immediate\openout\w={{WATCHREL}}/rel.tex\immediate\write\w{x}\immediate\closeout\w`, "can't write on file"},
		{"openout dot file", `\newwrite\w\immediate\openout\w=.hidden.tex\immediate\write\w{x}\immediate\closeout\w`, "can't write on file"},
		{"openout at shipout", `\newwrite\w\openout\w={{WATCH}}/late.tex\write\w{x}\closeout\w`, ""},
		{"write18", `\immediate\write18{touch {{WATCH}}/w18}`, ""},
		{"write18 at shipout", `\write18{touch {{WATCH}}/w18late}`, ""},
		{"pipe output", `\newwrite\w\immediate\openout\w=|"touch {{WATCH}}/pipe"\immediate\closeout\w`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, out, err := compileRaw(t, rawDoc(c.expand(tc.body)), solve.PDFOptions{Timeout: 10 * time.Second})
			t.Logf("CompilePDF: %v", err)
			if tc.refused != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.refused)
			}
			assertOnly(t, out, "out.pdf")
		})
	}
	// A new file inside the scratch folder is allowed by kpathsea; Landlock
	// allows only the .aux, .log and .pdf.
	t.Run("openout in the scratch folder", func(t *testing.T) {
		if solve.LandlockABI() == 0 {
			t.Skip("no Landlock in this kernel: kpathsea allows a new file in the scratch folder")
		}
		_, _, err := compileRaw(t, rawDoc(`\newwrite\w\immediate\openout\w=extra.tex\immediate\write\w{x}\immediate\closeout\w`), solve.PDFOptions{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "can't write on file")
	})
	t.Cleanup(func() { assert.Empty(t, c.written(t), "files appeared in the watched folder") })
}

// assertOnly checks that dir holds exactly the named files.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	for _, n := range got {
		if !contains(names, n) {
			t.Errorf("unexpected file %s in the output folder %s (it holds %v)", n, dir, got)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSandboxTimeLimit: a document that never ends is stopped at the
// limit, and the error says so and where TeX was.
func TestSandboxTimeLimit(t *testing.T) {
	requireTeX(t)
	t.Parallel()
	for _, tc := range []struct{ name, body string }{
		{"loop", `\loop\iftrue\repeat`},
		{"recursive macro", `\def\a{\a}\a`},
		{"growing argument", `\def\a#1{\a{#1x}}\a{}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			limit := 3 * time.Second
			_, out, err := compileRaw(t, rawDoc(tc.body), solve.PDFOptions{Timeout: limit})
			var te *solve.TimeoutError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, limit, te.Limit)
			assert.Equal(t, 4, te.Line, "the line TeX was reading")
			assert.Contains(t, err.Error(), "pdflatex did not finish within 3s; it was at line 4 of the document")
			assertOnly(t, out)
		})
	}
}

// TestSandboxFlags: what each of pdflatex's flags is for, seen from a
// document.
func TestSandboxFlags(t *testing.T) {
	requireTeX(t)
	t.Parallel()
	for _, tc := range []struct {
		name, body, msg string
		line            int
	}{
		// -interaction=nonstopmode and stdin from /dev/null: TeX never
		// waits for the terminal, not even when asked to read it.
		{"read the terminal", `\read16 to\x`, "Emergency stop", 4},
		// -halt-on-error: TeX stops at the first error, before the loop
		// on the next line, which would run into the time limit.
		{"halt on error", "\\undefinedcommand\n\\loop\\iftrue\\repeat", "Undefined control sequence.", 4},
		// -no-mktex=tfm: a missing font is an error, not a run of
		// mktextfm.
		{"no mktextfm", `\font\x=derivtexnosuchfont \x A`, "Metric (TFM) file not found", 4},
		// -no-mktex=pk: a font that exists only as Metafont source (EC)
		// is an error, not a run of mktexpk writing bitmaps.
		{"no mktexpk", `\font\x=ecrm1000 \x A`, "Font ecrm1000 at 600 not found", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := compileRaw(t, rawDoc(tc.body), solve.PDFOptions{Timeout: 10 * time.Second})
			var le *solve.LaTeXError
			require.ErrorAs(t, err, &le)
			assert.Contains(t, le.Msg, tc.msg)
			if tc.line > 0 {
				assert.Equal(t, tc.line, le.Line)
			}
		})
	}
}

// TestSandboxEnvironment: nothing of the caller's environment reaches
// pdflatex. Each variable below would, if it did, let the document read
// the canary or write in the watched folder. (Not parallel: it sets the
// process's environment.)
func TestSandboxEnvironment(t *testing.T) {
	requireTeX(t)
	c := newCanary(t)
	home := realTempDir(t)
	require.NoError(t, os.MkdirAll(filepath.Join(home, "texmf", "tex"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(home, "texmf", "tex", "homecanary.tex"), []byte("CANARY "+c.marker+"\n"), 0o644))
	cnf := realTempDir(t)
	require.NoError(t, os.WriteFile(filepath.Join(cnf, "texmf.cnf"), []byte("openin_any = a\nopenout_any = a\nTEXINPUTS = "+c.dir+"//\nshell_escape = t\n"), 0o644))

	for _, tc := range []struct{ name, env, value, body string }{
		{"TEXINPUTS", "TEXINPUTS", c.dir + "//:", `\input{canary}`},
		{"HOME", "HOME", home, `\input{homecanary}`},
		{"TEXMFHOME", "TEXMFHOME", filepath.Join(home, "texmf"), `\input{homecanary}`},
		{"TEXMFCNF", "TEXMFCNF", cnf, `\input{canary}`},
		{"openin_any", "openin_any", "a", `\input{{{CANARY}}.tex}`},
		{"openout_any", "openout_any", "a", `\newwrite\w\immediate\openout\w={{WATCH}}/o.tex\immediate\write\w{x}\immediate\closeout\w`},
		{"TEXMFOUTPUT", "TEXMFOUTPUT", c.watch, `\newwrite\w\immediate\openout\w={{WATCH}}/o.tex\immediate\write\w{x}\immediate\closeout\w`},
		{"shell_escape", "shell_escape", "t", `\immediate\write18{touch {{WATCH}}/w18}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(tc.env, tc.value)
			pdf, out, err := compileRaw(t, rawDoc(c.expand(tc.body)), solve.PDFOptions{Timeout: 10 * time.Second})
			t.Logf("CompilePDF: %v", err)
			assert.Empty(t, c.leaks(t, pdf, out), "the canary was read")
			assert.Empty(t, c.written(t), "files appeared in the watched folder")
		})
	}
}

// TestSandboxLongLog: an error's message is found in the log however
// long the document's output before it.
func TestSandboxLongLog(t *testing.T) {
	requireTeX(t)
	t.Parallel()
	body := `\count255=0 \loop\message{` + strings.Repeat("x", 200) + `}\advance\count255 by 1 \ifnum\count255<20000 \repeat` + "\n\\undefinedcommand"
	_, _, err := compileRaw(t, rawDoc(body), solve.PDFOptions{})
	var le *solve.LaTeXError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, 5, le.Line)
}

// TestSandboxOutputLimit: a document that writes without end is stopped
// when a file reaches MaxPDFBytes (Linux), or else at the time limit.
func TestSandboxOutputLimit(t *testing.T) {
	requireTeX(t)
	t.Parallel()
	body := `\def\x{` + strings.Repeat("x", 100) + `}\edef\x{\x\x\x\x\x\x\x\x\x\x}\edef\x{\x\x\x\x\x\x\x\x\x\x}\loop\message{\x}\iftrue\repeat`
	// The file limit stops it within a second or two; the time limit is
	// only a backstop, generous so that a loaded machine still reaches
	// the file limit first.
	_, out, err := compileRaw(t, rawDoc(body), solve.PDFOptions{Timeout: 90 * time.Second})
	require.Error(t, err)
	var ol *solve.OutputLimitError
	var te *solve.TimeoutError
	assert.True(t, errors.As(err, &ol) || runtime.GOOS != "linux" && errors.As(err, &te), "%v", err)
	assertOnly(t, out)
}

// TestSandboxActiveContent: what pdfTeX writes into the PDF on request,
// actions, links, annotations, embedded files, is refused by CheckPDF
// before the PDF is written; no sandbox of the process could stop it.
func TestSandboxActiveContent(t *testing.T) {
	requireTeX(t)
	t.Parallel()
	for _, tc := range []struct{ name, body string }{
		{"open action", `\pdfcatalog{/OpenAction << /S /URI /URI (https://example.org/) >>}`},
		{"open action by escaped name", `\pdfcatalog{/Open\string#41ction 5 0 R}`},
		{"javascript", `\pdfcatalog{/Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (app.alert(1)) >>] >> >>}`},
		{"annotation", `\pdfannot width 10pt height 10pt depth 0pt {/Subtype /Link /A << /S /Launch /F (/bin/sh) >>}`},
		{"link", `\pdfstartlink user{/Subtype /Link /A << /S /URI /URI (https://example.org/) >>}click\pdfendlink`},
		{"page action", `\pdfpageattr{/AA << /O << /S /JavaScript /JS (x) >> >>}`},
		{"embedded file", `\immediate\pdfobj stream attr {/Type /EmbeddedFile} {payload}\pdfnames{/EmbeddedFiles << /Names [(a.txt) << /Type /Filespec /F (a.txt) /EF << /F \the\pdflastobj\space 0 R >> >>] >>}`},
		{"outline", `\pdfoutline user {<< /S /URI /URI (https://example.org/) >>} count 0 {x}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pdf, out, err := compileRaw(t, rawDoc(tc.body), solve.PDFOptions{Timeout: 10 * time.Second})
			var ae *solve.ActiveContentError
			require.ErrorAs(t, err, &ae)
			t.Log(err)
			assert.Nil(t, pdf)
			assertOnly(t, out)
		})
	}
}
