package main

import (
	"strings"

	"github.com/alecthomas/kong"
)

// termsAfterFlags lets a term that starts with a minus sign stand where a
// term goes, as an answer printed by one command is pasted into another:
// derivtex eval -x x=2, derivtex simplify -2*x. The command line's parser
// would take -x for a flag; so when an argument starts with "-" but is no
// flag of the command, the arguments are reordered as the command, its
// flags (with their values) and "--", then the rest in their order, which
// the parser reads as intended. Arguments with no such term are left as
// they are, so every message about a mistyped flag stays the parser's.
// A flag's value that starts with a minus sign (--from -4) is joined to
// the flag (--from=-4), which the parser would otherwise take for a flag.
func termsAfterFlags(app *kong.Application, args []string) []string {
	if len(args) == 0 {
		return args
	}
	var cmd *kong.Node
	for _, c := range app.Children {
		if c.Name == args[0] {
			cmd = c
		}
	}
	if cmd == nil {
		return args
	}
	known := map[string]*kong.Flag{}
	for _, group := range cmd.AllFlags(false) {
		for _, f := range group {
			known["--"+f.Name] = f
			if f.Short != 0 {
				known["-"+string(f.Short)] = f
			}
			for _, a := range f.Aliases {
				known["--"+a] = f
			}
		}
	}
	flags := []string{}
	var rest []string
	term, joined := false, false
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		name, _, hasValue := strings.Cut(a, "=")
		f, isFlag := known[name]
		switch {
		case isFlag:
			if !hasValue && !f.IsBool() && !f.IsCounter() && i+1 < len(args) {
				i++
				if v := args[i]; len(v) > 1 && v[0] == '-' {
					flags = append(flags, a+"="+v)
					joined = true
					continue
				}
				flags = append(flags, a, args[i])
				continue
			}
			flags = append(flags, a)
		case len(a) > 1 && a[0] == '-' && !strings.HasPrefix(a, "--"):
			term = true // -x, -2*x: not a flag of this command
			rest = append(rest, a)
		default:
			rest = append(rest, a)
		}
	}
	if !term && !joined {
		return args
	}
	out := append([]string{args[0]}, flags...)
	if !term {
		return append(out, rest...)
	}
	out = append(out, "--")
	return append(out, rest...)
}
