package check

import (
	"testing"
	"unicode/utf8"

	"github.com/derivtex/derivtex/internal/fuzzcheck"
	"github.com/derivtex/derivtex/parser"
)

// FuzzSplitLaTeX: any input splits without a panic into lines that start
// inside it, and errors placed inside it.
func FuzzSplitLaTeX(f *testing.F) {
	for _, s := range []string{
		"\\begin{align*} a &= b \\\\ &\\propto c \\end{align*}",
		"$$x = y$$",
		"\\begin{aligned} L &\\stackrel{\\arg\\min_{w,b}}{=} x \\\\[2pt] &\\approx y % c\n\\end{aligned}",
		"\\begin{equation}\\begin{aligned} a &= \\frac{1}{2} \\\\ & + c \\end{aligned}\\end{equation}",
		"{{{ = }}} \\\\ & & && = \\stackrel{", "\\begin{align*", "%\\\\=\\",
		"\\ell(\\lambda) &:= x \\\\ \\Rightarrow \\hat\\lambda &= 1 \\iff", "a \\stackrel{\\text{def}}{=} b \\implies",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		defer fuzzcheck.NoPanic(t)
		if !utf8.ValidString(src) {
			return
		}
		lines, errs := SplitLaTeX("", src)
		for _, l := range lines {
			if l.Pos.Offset < 0 || l.Pos.Offset > len(src) || l.Pos.Line < 1 {
				t.Fatalf("line %q at %v, outside the source", l.Text, l.Pos)
			}
		}
		for _, e := range errs {
			if !e.Pos.IsValid() || e.Pos.Offset > len(src) {
				t.Fatalf("error %v outside the source", e)
			}
		}
	})
}

// FuzzCheckPlain: any plain derivation is checked or refused, within a
// small budget, without a panic.
func FuzzCheckPlain(f *testing.F) {
	for _, s := range []string{
		"x^2\n= x x\n", "log(a b)\n= log(a) + log(b)\n", "w\nargmin_{w} 2 w + 1\nd/dw 2\n",
		"sum(x[i], i, 1, N)\n= N\n", "1/0\n= 1\n", "x\n<= y\n", "diff(x, x)\n=c 1\npropto 2\n",
		"exp(exp(exp(x)))\n= 0\n", "x[i]\n= x[j]\n", "d/d\n= 1\n",
		"L(w) := (w - 1)^2\nd/dw 2 (w - 1)\n= 0\n=> w = 1\n", "f := f\nf\n", "N/v - S\n= 0\n=> v_hat = N/S\n=> v = 2\n",
		"x\n=> = 1\n", "F := x\nG := F F\ndiff(G, x)\n= 2 x\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		defer fuzzcheck.NoPanic(t)
		if fuzzcheck.TooLong(src) {
			return
		}
		lines, _ := SplitPlain("", src)
		if len(lines) == 0 || len(lines) > 12 {
			return
		}
		rep, err := Check(fuzzcheck.Job(t), lines, Options{Syntax: parser.Plain, Wrt: []string{"w"}})
		if err != nil {
			return
		}
		_ = rep.Text()
		fuzzcheck.LaTeX(t, "the feedback sheet", rep.LaTeX())
	})
}

// FuzzCheckLaTeX: any LaTeX derivation, definitions and implications
// included, is checked or refused, within a small budget, without a
// panic.
func FuzzCheckLaTeX(f *testing.F) {
	for _, s := range []string{
		"\\begin{align*} L(w) &= (w - 1)^2 \\\\ \\frac{\\partial L}{\\partial w} &= 2(w - 1) = 0 \\\\ \\Rightarrow \\hat w &= 1 \\end{align*}",
		"\\begin{align*} \\sigma(z) &:= \\frac{1}{1 + e^{-z}} \\\\ \\frac{d\\sigma}{dz} &= \\sigma(z)(1 - \\sigma(z)) \\end{align*}",
		"\\begin{align*} \\mathcal{L} &= e^{x} \\\\ e^\\mathcal{L} &= x \\implies x = 0 \\end{align*}",
		"$$F \\equiv F$$", "$$f(x) = x \\\\ f(y) = y \\Rightarrow$$",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		defer fuzzcheck.NoPanic(t)
		if fuzzcheck.TooLong(src) || !utf8.ValidString(src) {
			return
		}
		lines, _ := SplitLaTeX("", src)
		if len(lines) == 0 || len(lines) > 12 {
			return
		}
		rep, err := Check(fuzzcheck.Job(t), lines, Options{Syntax: parser.LaTeX, Wrt: []string{"w"}})
		if err != nil {
			return
		}
		_ = rep.Text()
		fuzzcheck.LaTeX(t, "the feedback sheet", rep.LaTeX())
	})
}
