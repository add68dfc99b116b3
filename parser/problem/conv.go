package problem

import (
	"errors"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/convarith"
	"github.com/derivtex/derivtex/diag"
)

// The layer arithmetic of convolutions, one kind per question, each read
// as the command derivtex conv reads its flags: a main size first, then
// settings NAME VALUE separated by commas.
//
//	convsize 13x13, kernel 5, stride 2, pad 2
//	convdesign 100x100x3, out 40x40x6
//	convcount 4x2x13x13, kernel 5x5, stride 2, out 7x7, precision FP64
//	convstack 3x3, 3x3, channels 4

var argConv = &argKind{what: "a size, then settings NAME VALUE, ... (13x13, kernel 5, stride 2)", read: readConv}

// ConvKinds maps each kind of convolution problem to the request it makes
// (convarith.Keys) and the setting its leading size is.
var ConvKinds = map[string]struct{ Task, Main string }{
	"convsize":   {"size", "in"},
	"convdesign": {"design", "in"},
	"convcount":  {"count", "input"},
	"convstack":  {"stack", "kernels"},
}

// ConvArgs is the argument of a convolution problem: its settings, and
// where each one's value starts in the file.
type ConvArgs struct {
	Settings convarith.Settings
	pieces   map[string]piece
}

// Pos places an error of the request: at its number in the value of the
// setting it blames (convarith.Settings.Locate), or at the argument.
func (a *ConvArgs) Pos(err error, arg diag.Pos) diag.Pos {
	var e *convarith.Error
	if a == nil || !errors.As(a.Settings.Locate(err), &e) || e.Param == nil {
		return arg
	}
	p, ok := a.pieces[e.Param.Name]
	if !ok {
		return arg
	}
	return p.at(max(e.Offset, 0))
}

// readConv reads the settings, and the request from them, so that every
// mistake is found with the file's others.
func readConv(c *converter, s *Statement, _ lexer.Token) {
	kind := ConvKinds[s.Key]
	args := &ConvArgs{Settings: convarith.Settings{}, pieces: map[string]piece{}}
	whole := piece{s.Text, s.ArgPos}
	items := whole.split(',')
	// The leading items without a name are the main size (a stack's
	// kernels are several).
	n := 0
	for n < len(items) && (items[n].text == "" || !isLetter(items[n].text[0])) {
		n++
	}
	if n == 0 {
		c.errorf(s.ArgPos, "%s starts with its %s, a size such as 13x13", s.Key, kind.Main)
		return
	}
	end := len(items[n-1].text) + items[n-1].pos.Offset - whole.pos.Offset
	args.Settings[kind.Main] = s.Text[:end]
	args.pieces[kind.Main] = piece{s.Text[:end], whole.pos}
	allowed := convarith.Keys[kind.Task]
	for _, it := range items[n:] {
		name, value, _ := strings.Cut(it.text, " ")
		if !contains(allowed, name) || name == kind.Main {
			c.errorf(it.pos, "%s has no setting %s; expected one of %s", s.Key, diag.Quote(name), strings.Join(without(allowed, kind.Main), ", "))
			continue
		}
		if _, twice := args.Settings[name]; twice {
			c.errorf(it.pos, "%s is given twice", name)
			continue
		}
		v := trimmed(value, it.pos.Advance(name))
		args.Settings[name] = v.text
		args.pieces[name] = v
	}
	var err error
	switch kind.Task {
	case "size": // cheap enough to check in full here
		var l convarith.Layer
		if l, err = args.Settings.SizeLayer(); err == nil {
			_, err = convarith.Size(l)
		}
	case "design":
		_, err = args.Settings.Design()
	case "count":
		var r convarith.CountRequest
		if r, err = args.Settings.Count(); err == nil {
			_, err = convarith.NewCount(r)
		}
	case "stack":
		_, err = args.Settings.Stack()
	}
	if err != nil {
		c.errorf(args.Pos(err, s.ArgPos), "%s", err.Error())
		return
	}
	s.Conv = args
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func without(xs []string, x string) []string {
	var out []string
	for _, y := range xs {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}
