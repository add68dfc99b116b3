package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorRendering(t *testing.T) {
	e := &Error{Pos: Pos{File: "f.drv", Line: 3, Col: 5}, Msg: "bad", Src: "\tab cd"}
	assert.Equal(t, "f.drv:3:5: bad", e.Error())
	assert.Equal(t, "\tab cd\n\t   ^", e.Snippet())
	assert.Equal(t, "f.drv:3:5: bad\n\tab cd\n\t   ^", e.Report())

	noFile := &Error{Pos: Pos{Line: 1, Col: 1}, Msg: "bad"}
	assert.Equal(t, "1:1: bad", noFile.Error())
	assert.Equal(t, "", noFile.Snippet(), "no source line, nothing to point at")

	nowhere := Errorf("no %s", "place")
	assert.Equal(t, "no place", nowhere.Error())
	assert.Equal(t, "", nowhere.Snippet())
	assert.Equal(t, "no place", nowhere.Report())

	long := &Error{Pos: Pos{Line: 1, Col: 150}, Msg: "bad", Src: strings.Repeat("a", 149) + "X" + strings.Repeat("b", 150)}
	lines := strings.Split(long.Snippet(), "\n")
	require.Len(t, lines, 2)
	assert.Equal(t, "...", lines[0][:3])
	assert.Equal(t, "X", string(lines[0][strings.Index(lines[1], "^")]), "the caret stays under its character in a cut line")
}

func TestWithSourceAndLocated(t *testing.T) {
	src := "first line\r\nsecond line\nthird"
	e := At(Pos{Line: 2, Col: 3, Offset: strings.Index(src, "cond")}, "here").WithSource(src)
	assert.Equal(t, "second line", e.Src)
	assert.Equal(t, "2:3: here\nsecond line\n  ^", e.Report())

	engine := Errorf("no rule for foo")
	at := engine.Located(Pos{File: "p.drv", Line: 4, Col: 9}, "    diff foo(x)")
	assert.Equal(t, "p.drv:4:9: no rule for foo", at.Error())
	assert.Equal(t, "no rule for foo", engine.Error(), "the engine's error is left as it was")
	assert.Same(t, e, e.Located(Pos{Line: 9, Col: 9}, ""), "a placed error keeps its place")
}

func TestAdvance(t *testing.T) {
	p := Pos{Line: 2, Col: 3, Offset: 10}
	assert.Equal(t, Pos{Line: 2, Col: 7, Offset: 15}, p.Advance("héll"), "columns count characters, offsets bytes")
	assert.Equal(t, Pos{Line: 4, Col: 3, Offset: 16}, p.Advance("a\nb\ncd"))
}

type detail struct{ n int }

func (d *detail) Error() string { return fmt.Sprint("detail ", d.n) }

func TestKindOf(t *testing.T) {
	assert.Equal(t, Input, KindOf(Errorf("x")))
	assert.Equal(t, Internal, KindOf(Internalf("x")))
	assert.Equal(t, Internal, KindOf(errors.New("a plain error is nobody's report")))
	assert.Equal(t, Input, KindOf(fmt.Errorf("wrapped: %w", Errorf("x"))))
	assert.Equal(t, Input, KindOf(List{Errorf("a"), Errorf("b")}))
	assert.Equal(t, Internal, KindOf(List{Errorf("a"), Internalf("b")}))
	assert.Equal(t, Input, KindOf(List{Errorf("a"), WarningAt(Pos{Line: 1, Col: 1}, "w")}), "a warning beside an error does not make it internal")

	cause := &detail{7}
	e := Wrap(Input, cause, "with a cause")
	var d *detail
	require.ErrorAs(t, e, &d)
	assert.Same(t, cause, d)
	assert.Same(t, e, From(e))
	assert.Equal(t, Internal, From(errors.New("plain")).Kind)
	assert.Nil(t, List(nil).Err())
}

func TestWarning(t *testing.T) {
	w := WarningAt(Pos{File: "f.drv", Line: 2, Col: 5, Offset: 6}, "x is given but %s", "never used").WithSource("a\n    given x = 1\n")
	assert.Equal(t, Warning, w.Kind)
	assert.Equal(t, "f.drv:2:5: x is given but never used", w.Error(), "a warning renders as an error does; the command line says which it is")
	assert.Equal(t, "f.drv:2:5: x is given but never used\n    given x = 1\n    ^", w.Report())
}

// TestPrefixed: a prefix goes in front of every message, and the errors
// keep their kind, position and source line, and what they wrap.
func TestPrefixed(t *testing.T) {
	one := At(Pos{Line: 1, Col: 3}, "x is listed twice").WithSource("x,x")
	got := Prefixed("--wrt", one)
	assert.Equal(t, "1:3: --wrt: x is listed twice\nx,x\n  ^", From(got).Report())
	assert.ErrorIs(t, got, one)

	list := List{one, Errorf("no position")}
	got = Prefixed("d/dw", list)
	require.Len(t, ListOf(got), 2)
	assert.Equal(t, "d/dw: no position", ListOf(got)[1].Msg)

	assert.Nil(t, ListOf(nil))
	assert.Len(t, ListOf(errors.New("plain")), 1)
}
