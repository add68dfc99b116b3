package problem

// errorCases are the mistakes Parse reports, each with its full rendering:
// every error's file:line:col: message, then its line and caret.
var errorCases = []struct{ name, file, src, want string }{
	{
		name: "definition with overlapping conditions",
		file: "f.drv",
		src: `define h(x) = piecewise(x < 1: x, x < 0: 1, 0)
problem "A" {
    activation h
}
`,
		want: `f.drv:1:35: x < 0 never decides: the conditions before it cover it (write the pieces in order along the line)
define h(x) = piecewise(x < 1: x, x < 0: 1, 0)
                                  ^
`,
	},
	{
		name: "an unknown parameter of a defined activation",
		file: "f.drv",
		src: `define lrelu2(x; a) = max(a x, x)
problem "A" {
    activation lrelu2, b = 1/10
}
`,
		want: `f.drv:3:24: unknown parameter b: lrelu2's parameters are a
    activation lrelu2, b = 1/10
                       ^
`,
	},
	{
		name: "a definition inside a problem",
		file: "f.drv",
		src: `problem "A" {
    define g(x) = x
    activation relu
}
`,
		want: `f.drv:2:5: define is a setting of the file; write it outside the problems
    define g(x) = x
    ^
`,
	},
	{
		name: "activation with a parameter without a value",
		file: "f.drv",
		src: `problem "A" {
    activation relu(x) + alpha*x
}
`,
		want: `f.drv:2:26: alpha has no value: give it one after a comma, alpha = 1
    activation relu(x) + alpha*x
                         ^
`,
	},
	{
		name: "activation with a parameter that is not a number",
		file: "f.drv",
		src: `problem "A" {
    activation elu, alpha = (b
}
`,
		want: `f.drv:2:29: unclosed "("
    activation elu, alpha = (b
                            ^
`,
	},
	{
		name: "eval over tensors without a value",
		file: "f.drv",
		src: `problem "P" {
    eval  y = conv2d(x, q, stride: 2)
    given x = [[1, 2], [3, 4]]
}
`,
		want: `f.drv:2:25: no value is given for q: add q = ... to a given statement
    eval  y = conv2d(x, q, stride: 2)
                        ^
`,
	},
	{
		name: "eval that reads in neither syntax",
		file: "f.drv",
		src: `problem "P" {
    eval  y = conv2d(x, w, stride 2)
    given x = [[1, 2], [3, 4]], w = [[1]]
}
`,
		want: `f.drv:2:35: unexpected "2": write "*" to multiply by a number
    eval  y = conv2d(x, w, stride 2)
                                  ^
`,
	},
	{
		name: "unknown statement",
		file: "f.drv",
		src: `problem "P" {
    dif x^2
    wrt x
}
`,
		want: `f.drv:2:5: unknown statement "dif"; expected one of question, note, mle, params, response, const, diff, wrt, simplify, eval, network, op, curves, activation, activations, convsize, convdesign, convcount, convstack, loss, dtype, lr, momentum, steps, given (did you mean diff?)
    dif x^2
    ^
`,
	},
	{
		name: "unknown setting",
		file: "f.drv",
		src: `titel "T"
`,
		want: `f.drv:1:1: unknown setting "titel"; expected one of title, author, precision, option, preamble, define, problem (did you mean title?)
titel "T"
^
`,
	},
	{
		name: "unknown statement without a near one",
		file: "f.drv",
		src: `problem "P" {
    simplify x
    derivative x
}
`,
		want: `f.drv:3:5: unknown statement "derivative"; expected one of question, note, mle, params, response, const, diff, wrt, simplify, eval, network, op, curves, activation, activations, convsize, convdesign, convcount, convstack, loss, dtype, lr, momentum, steps, given
    derivative x
    ^
`,
	},
	{
		name: "nothing to derive",
		file: "f.drv",
		src: `problem "P" {
    question "Why?"
}
`,
		want: `f.drv:1:1: problem "P" says nothing to derive: add mle, diff, simplify, eval, network, op, curves, activation, activations, convsize, convdesign, convcount or convstack
problem "P" {
^
`,
	},
	{
		name: "nothing to derive, untitled",
		file: "f.drv",
		src: `problem {
}
`,
		want: `f.drv:1:1: the problem at line 1 says nothing to derive: add mle, diff, simplify, eval, network, op, curves, activation, activations, convsize, convdesign, convcount or convstack
problem {
^
f.drv:1:8: problem needs a title in quotes: problem "..." {
problem {
       ^
`,
	},
	{
		name: "two things to derive",
		file: "f.drv",
		src: `problem "P" {
    diff x^2
    wrt x
    simplify x
}
`,
		want: `f.drv:4:5: problem "P" already says what to derive (diff, line 2); put simplify in a problem of its own
    simplify x
    ^
`,
	},
	{
		name: "mle without params",
		file: "f.drv",
		src: `problem "P" {
    mle p(y | x, w) = x w exp(-x w y)
}
`,
		want: `f.drv:2:5: mle without params: add "params w, ..." naming the parameters to estimate, or list them after ";" as in p(y | x; w)
    mle p(y | x, w) = x w exp(-x w y)
    ^
`,
	},
	{
		name: "parameter not in the density",
		file: "f.drv",
		src: `problem "P" {
    mle p(y | x, w) = x w exp(-x w y)
    params w, b
}
`,
		want: `f.drv:3:15: parameter b does not occur in the density
    params w, b
              ^
`,
	},
	{
		name: "params disagree with the header",
		file: "f.drv",
		src: `problem "P" {
    mle p(y | x; w, b) = 1/2 exp(-|w x + b - y|)
    params w
}
`,
		want: `f.drv:3:12: params w disagree with the density's parameters w, b
    params w
           ^
`,
	},
	{
		name: "response not in the density",
		file: "f.drv",
		src: `problem "P" {
    mle x w exp(-x w y)
    params w
    response z
}
`,
		want: `f.drv:4:14: response z does not occur in the density
    response z
             ^
`,
	},
	{
		name: "response disagrees with the header",
		file: "f.drv",
		src: `problem "P" {
    mle p(y | x; w) = x w exp(-x w y)
    response x
}
`,
		want: `f.drv:3:14: response x disagrees with the density, which is of y
    response x
             ^
`,
	},
	{
		name: "const that is a parameter",
		file: "f.drv",
		src: `problem "P" {
    mle p(y | x; w) = exp(-(y - w x)^2/(2 s^2))/sqrt(2 pi s^2)
    const s, w
}
`,
		want: `f.drv:3:14: w is a parameter to estimate; it cannot also be a known constant
    const s, w
             ^
`,
	},
	{
		name: "const not in the density",
		file: "f.drv",
		src: `problem "P" {
    mle p(y | lambda) = lambda exp(-lambda y)
    const s
}
`,
		want: `f.drv:3:11: constant s does not occur in the density
    const s
          ^
`,
	},
	{
		name: "const that is the response",
		file: "f.drv",
		src: `problem "P" {
    mle p(y; lambda) = lambda exp(-lambda y)
    const y
}
`,
		want: `f.drv:3:11: y is the response; it cannot also be a known constant
    const y
          ^
`,
	},
	{
		name: "diff without wrt",
		file: "f.drv",
		src: `problem "P" {
    diff sin(w)^2 x
}
`,
		want: `f.drv:2:5: diff without wrt: say which variable to differentiate by, as in "wrt x"
    diff sin(w)^2 x
    ^
`,
	},
	{
		name: "wrt an element of a name without indices",
		file: "f.drv",
		src: `problem "P" {
    diff sin(w)^2 x
    wrt w, v, x[1]
}
`,
		want: `f.drv:3:15: x[1] has 1 index, but x at line 2 has no index
    wrt w, v, x[1]
              ^
`,
	},
	{
		name: "given against eval",
		file: "f.drv",
		src: `problem "P" {
    given x = [1, 2], a = 3
    eval x[1, 2] + a[1]
}
`,
		want: `f.drv:3:10: x[1, 2] has 2 indices, but x is given at line 2 as a vector of 2 entries, which takes 1 index
    eval x[1, 2] + a[1]
         ^
f.drv:3:20: a[1] has 1 index, but a is given at line 2 as a number, which takes no index
    eval x[1, 2] + a[1]
                   ^
`,
	},
	{
		name: "eval of a variable without a value",
		file: "f.drv",
		src: `problem "P" {
    given a = 1, c = (1 + 2
    eval a + b + sum(x[i], i, 1, N) + c
}
`,
		want: `f.drv:2:22: unclosed "("
    given a = 1, c = (1 + 2
                     ^
f.drv:3:14: no value is given for b: add b = ... to a given statement
    eval a + b + sum(x[i], i, 1, N) + c
             ^
f.drv:3:22: no value is given for x: add x = ... to a given statement
    eval a + b + sum(x[i], i, 1, N) + c
                     ^
f.drv:3:34: no value is given for N: add N = ... to a given statement
    eval a + b + sum(x[i], i, 1, N) + c
                                 ^
`,
	},
	{
		name: "wrt a vector by its name",
		file: "f.drv",
		src: `problem "P" {
    diff x[1] x[2]
    wrt x
}
`,
		want: `f.drv:3:9: x has no index, but x[1] at line 2 has 1 index
    wrt x
        ^
`,
	},
	{
		name: "wrt with another number of indices",
		file: "f.drv",
		src: `problem "P" {
    diff x[1,2] + y
    wrt x[1], y, x[1, 2, 3]
}
`,
		want: `f.drv:3:9: x[1] has 1 index, but x[1,2] at line 2 has 2 indices
    wrt x[1], y, x[1, 2, 3]
        ^
f.drv:3:18: x[1, 2, 3] has 3 indices, but x[1,2] at line 2 has 2 indices
    wrt x[1], y, x[1, 2, 3]
                 ^
`,
	},
	{
		name: "indices within one expression",
		file: "f.drv",
		src: `problem "P" {
    simplify x[1,2] + x[1]
}
`,
		want: `f.drv:2:23: x[1] has 1 index, but x[1,2] before it has 2 indices
    simplify x[1,2] + x[1]
                      ^
`,
	},
	{
		name: "ragged matrix",
		file: "f.drv",
		src: `problem "P" {
    given W = [[1, 0, 2], [2, 1]]
    eval W[1, 1]
}
`,
		want: `f.drv:2:27: row 2 has 2 entries, row 1 has 3
    given W = [[1, 0, 2], [2, 1]]
                          ^
`,
	},
	{
		name: "wrt in a simplify problem",
		file: "f.drv",
		src: `problem "P" {
    simplify x
    wrt x
}
`,
		want: `f.drv:3:5: wrt only goes with diff or network, and this is a simplify problem
    wrt x
    ^
`,
	},
	{
		name: "params in a diff problem",
		file: "f.drv",
		src: `problem "P" {
    diff x w
    wrt x
    params w
}
`,
		want: `f.drv:4:5: params only goes with mle, and this is a diff problem
    params w
    ^
`,
	},
	{
		name: "statement outside a problem",
		file: "f.drv",
		src: `wrt x
`,
		want: `f.drv:1:1: wrt outside a problem; write it inside problem "..." { }
wrt x
^
`,
	},
	{
		name: "setting inside a problem",
		file: "f.drv",
		src: `problem "P" {
    precision 3
    simplify x
}
`,
		want: `f.drv:2:5: precision is a setting of the file; write it outside the problems
    precision 3
    ^
`,
	},
	{
		name: "duplicate title",
		file: "f.drv",
		src: `title "A"
title "B"
`,
		want: `f.drv:2:1: duplicate title; the first is at line 1
title "B"
^
`,
	},
	{
		name: "duplicate precision",
		file: "f.drv",
		src: `precision 3

precision 4
`,
		want: `f.drv:3:1: duplicate precision; the first is at line 1
precision 4
^
`,
	},
	{
		name: "duplicate statement",
		file: "f.drv",
		src: `problem "P" {
    question "a"
    question "b"
    simplify x
}
`,
		want: `f.drv:3:5: duplicate question; the first is at line 2
    question "b"
    ^
`,
	},
	{
		name: "duplicate option",
		file: "f.drv",
		src: `option a = 1
option a = 2
`,
		want: `f.drv:2:8: duplicate option a; the first is at line 1
option a = 2
       ^
`,
	},
	{
		name: "option value not accepted",
		file: "f.drv",
		src: `option cse = yes
`,
		want: `f.drv:1:14: option cse is on or off, not "yes"
option cse = yes
             ^
`,
	},
	{
		name: "precision too large",
		file: "f.drv",
		src: `precision 13
`,
		want: `f.drv:1:11: precision must be between 0 and 12, found 13
precision 13
          ^
`,
	},
	{
		name: "precision negative",
		file: "f.drv",
		src: `precision -1
`,
		want: `f.drv:1:11: precision must be between 0 and 12, found -1
precision -1
          ^
`,
	},
	{
		name: "precision not a number",
		file: "f.drv",
		src: `precision four
`,
		want: `f.drv:1:11: precision needs a whole number of decimals, found "four"
precision four
          ^
`,
	},
	{
		name: "precision huge",
		file: "f.drv",
		src: `precision 99999999999999999999999
`,
		want: `f.drv:1:11: precision must be between 0 and 12, found 99999999999999999999999
precision 99999999999999999999999
          ^
`,
	},
	{
		name: "unclosed block at the end",
		file: "f.drv",
		src: `problem "P" {
    diff x^2
    wrt x
`,
		want: `f.drv:1:13: unclosed "{" of problem "P"
problem "P" {
            ^
`,
	},
	{
		name: "unclosed block before the next problem",
		file: "f.drv",
		src: `problem "P" {
    simplify x
problem "Q" {
    simplify y
}
`,
		want: `f.drv:1:13: unclosed "{" of problem "P"
problem "P" {
            ^
`,
	},
	{
		name: "unterminated string",
		file: "f.drv",
		src: `problem "P" {
    question "What is
    simplify x
}
`,
		want: `f.drv:2:14: unterminated string
    question "What is
             ^
`,
	},
	{
		name: "unterminated raw string",
		file: "f.drv",
		src: `title """T
problem "P" { simplify x }
`,
		want: `f.drv:1:7: unterminated """ string
title """T
      ^
`,
	},
	{
		name: "stray close",
		file: "f.drv",
		src: `problem "P" {
    simplify x
}
}
`,
		want: `f.drv:4:1: stray "}": no problem block is open
}
^
`,
	},
	{
		name: "stray open",
		file: "f.drv",
		src: `{
`,
		want: `f.drv:1:1: stray "{": a block opens on the line of its problem "..."
{
^
`,
	},
	{
		name: "open inside a problem",
		file: "f.drv",
		src: `problem "P" {
    simplify x
    {
}
`,
		want: `f.drv:3:5: unexpected "{" inside problem "P"
    {
    ^
`,
	},
	{
		name: "missing open",
		file: "f.drv",
		src: `problem "P"
    simplify x
}
`,
		want: `f.drv:1:12: expected "{" after the title of problem "P"
problem "P"
           ^
`,
	},
	{
		name: "expression error in the file",
		file: "midterm.drv",
		src: `title "Midterm"

# Problems

problem "A" {
    simplify x
}

problem "B" {
    question "Simplify."

    simplify  (x+1))
}
`,
		want: `midterm.drv:12:20: unexpected ")"
    simplify  (x+1))
                   ^
`,
	},
	{
		name: "expression error after tabs and unicode",
		file: "f.drv",
		src: `problem "Ü" {
	diff		sin(ü)
	wrt x
}
`,
		want: `f.drv:2:12: unexpected "ü"
	diff		sin(ü)
	    		    ^
`,
	},
	{
		name: "density error",
		file: "f.drv",
		src: `problem "P" {
    mle p(y | x, pi) = x exp(-x y)
}
`,
		want: `f.drv:2:18: pi is a constant, not a variable
    mle p(y | x, pi) = x exp(-x y)
                 ^
`,
	},
	{
		name: "missing argument",
		file: "f.drv",
		src: `problem "P" {
    diff
    wrt x
}
`,
		want: `f.drv:2:9: diff needs an expression
    diff
        ^
`,
	},
	{
		name: "string for an expression",
		file: "f.drv",
		src: `problem "P" {
    simplify "x + x"
}
`,
		want: `f.drv:2:14: simplify needs an expression, not a string
    simplify "x + x"
             ^
`,
	},
	{
		name: "expression for a string",
		file: "f.drv",
		src: `problem "P" {
    question What is x?
    simplify x
}
`,
		want: `f.drv:2:14: question needs a string in quotes, "..." or """..."""
    question What is x?
             ^
`,
	},
	{
		name: "text after a string",
		file: "f.drv",
		src: `title "T" subtitle
`,
		want: `f.drv:1:11: unexpected "subtitle" after the argument of title
title "T" subtitle
          ^
`,
	},
	{
		name: "line without a keyword",
		file: "f.drv",
		src: `problem "P" {
    simplify x
    "loose text"
    = 3
}
`,
		want: `f.drv:3:5: expected a statement, found a string
    "loose text"
    ^
f.drv:4:5: expected a statement, found "= 3"
    = 3
    ^
`,
	},
	{
		name: "top-level line without a keyword",
		file: "f.drv",
		src: `42
`,
		want: `f.drv:1:1: expected a setting or a problem, found "42"
42
^
`,
	},
	{
		name: "given mistakes",
		file: "f.drv",
		src: `problem "P" {
    given x = [1, 2], 2y = 1, z = a, x = 4, pi = 3, sin = 1, v = [], m = [[1]], n
    eval x[1]
}
`,
		want: `f.drv:2:23: expected a name, found "2y"
    given x = [1, 2], 2y = 1, z = a, x = 4, pi = 3, sin = 1, v = [], m = [[1]], ...
                      ^
f.drv:2:35: a value must be a number, but it mentions a
    given x = [1, 2], 2y = 1, z = a, x = 4, pi = 3, sin = 1, v = [], m = [[1]], ...
                                  ^
f.drv:2:38: x is given twice; the first is at line 2
    given x = [1, 2], 2y = 1, z = a, x = 4, pi = 3, sin = 1, v = [], m = [[1]], ...
                                     ^
f.drv:2:45: pi is a constant, not a variable
...   given x = [1, 2], 2y = 1, z = a, x = 4, pi = 3, sin = 1, v = [], m = [[1]], n
                                              ^
f.drv:2:53: sin is a function, not a variable
...   given x = [1, 2], 2y = 1, z = a, x = 4, pi = 3, sin = 1, v = [], m = [[1]], n
                                                      ^
f.drv:2:66: empty array: a value has at least one entry
...   given x = [1, 2], 2y = 1, z = a, x = 4, pi = 3, sin = 1, v = [], m = [[1]], n
                                                                   ^
f.drv:2:81: expected NAME = VALUE, found "n"
...   given x = [1, 2], 2y = 1, z = a, x = 4, pi = 3, sin = 1, v = [], m = [[1]], n
                                                                                  ^
`,
	},
	{
		name: "given trailing comma",
		file: "f.drv",
		src: `problem "P" {
    given a = 1,
    eval a
}
`,
		want: `f.drv:2:17: expected a binding NAME = VALUE after ","
    given a = 1,
                ^
`,
	},
	{
		name: "given vector mistakes",
		file: "f.drv",
		src: `problem "P" {
    given u = [1, 2
    given v = [1] + 1
    given w = [1, (2]
    eval 1
}
`,
		want: `f.drv:2:15: unclosed "["
    given u = [1, 2
              ^
f.drv:3:19: unexpected "+" after the array: an array is a whole value, not part of a term
    given v = [1] + 1
                  ^
f.drv:4:21: unexpected "]", expected ")"
    given w = [1, (2]
                    ^
`,
	},
	{
		name: "eval name",
		file: "f.drv",
		src: `problem "P" {
    eval x + 1 = 3
}
`,
		want: `f.drv:2:10: expected a name, found "x + 1"
    eval x + 1 = 3
         ^
`,
	},
	{
		name: "params mistakes",
		file: "f.drv",
		src: `problem "P" {
    mle p(y | x, w) = x w exp(-x w y)
    params w, w, e, x[1]
}
`,
		want: `f.drv:3:15: w is listed twice
    params w, w, e, x[1]
              ^
f.drv:3:18: e is a constant, not a variable
    params w, w, e, x[1]
                 ^
f.drv:3:21: expected a name, found "x[1]"
    params w, w, e, x[1]
                    ^
`,
	},
	{
		name: "wrt mistakes",
		file: "f.drv",
		src: `problem "P" {
    diff x[1] y
    wrt x[0], 2y, y, y
}
`,
		want: `f.drv:3:9: the indices of x[0] must be whole numbers from 1, or names
    wrt x[0], 2y, y, y
        ^
f.drv:3:15: 2y is not a variable: expected a name, or an element such as x[1]
    wrt x[0], 2y, y, y
              ^
f.drv:3:22: y is listed twice
    wrt x[0], 2y, y, y
                     ^
`,
	},
	{
		name: "option mistakes",
		file: "f.drv",
		src: `option
option x
option 1 = 2
option y =
`,
		want: `f.drv:1:7: option needs NAME = VALUE
option
      ^
f.drv:2:8: option needs NAME = VALUE
option x
       ^
f.drv:3:8: expected an option name, found "1"
option 1 = 2
       ^
f.drv:4:11: option y needs a value after "="
option y =
          ^
`,
	},
	{
		name: "nested problem",
		file: "f.drv",
		src: `problem "A" {
    problem "B" {
        simplify x
    }
}
`,
		want: `f.drv:1:13: unclosed "{" of problem "A"
problem "A" {
            ^
f.drv:5:1: stray "}": no problem block is open
}
^
`,
	},
	{
		name: "refused LaTeX",
		file: "f.drv",
		src:  "title \"\\input{/etc/passwd} \\inputx \\\\input \\input1\"\nauthor \"\"\"\n  \\def\\x{1}\n  \\write18{rm -rf}\n  ^^5cinput\n  \\begin {filecontents}{f.tex}\n  \"\"\"\nproblem \"\\newcommand\\a{b}\" {\n    note \"\\renewcommand\\b{c} \\\" \\\\usepackage \\catcode`\\@=11\"\n    simplify x\n}\n",
		want: "f.drv:1:8: \\input is not allowed in problem text: it reads a file; problem text cannot read files\ntitle \"\\input{/etc/passwd} \\inputx \\\\input \\input1\"\n       ^\nf.drv:1:28: \\inputx is not allowed in problem text: it is not one of the commands problem text may use\ntitle \"\\input{/etc/passwd} \\inputx \\\\input \\input1\"\n                           ^\nf.drv:1:36: \\\\ is not allowed here: it breaks lines in questions, notes and the author line, and ends the rows of a table outside braces\ntitle \"\\input{/etc/passwd} \\inputx \\\\input \\input1\"\n                                   ^\nf.drv:1:44: \\input is not allowed in problem text: it reads a file; problem text cannot read files\ntitle \"\\input{/etc/passwd} \\inputx \\\\input \\input1\"\n                                           ^\nf.drv:3:3: \\def is not allowed in problem text: it defines or changes commands; declare a macro in the file's preamble setting\n  \\def\\x{1}\n  ^\nf.drv:3:7: \\x is not allowed in problem text: it is not one of the commands problem text may use\n  \\def\\x{1}\n      ^\nf.drv:4:3: \\write is not allowed in problem text: it writes a file; problem text cannot write files\n  \\write18{rm -rf}\n  ^\nf.drv:5:3: ^^ is not allowed in problem text: it can spell any character, a backslash too\n  ^^5cinput\n  ^\nf.drv:6:3: environment \"filecontents\" is not allowed in problem text: it writes a file\n  \\begin {filecontents}{f.tex}\n  ^\nf.drv:8:10: \\newcommand is not allowed in problem text: it defines or changes commands; declare a macro in the file's preamble setting\nproblem \"\\newcommand\\a{b}\" {\n         ^\nf.drv:8:21: \\a is not allowed in problem text: it is not one of the commands problem text may use\nproblem \"\\newcommand\\a{b}\" {\n                    ^\nf.drv:9:11: \\renewcommand is not allowed in problem text: it defines or changes commands; declare a macro in the file's preamble setting\n    note \"\\renewcommand\\b{c} \\\" \\\\usepackage \\catcode`\\@=11\"\n          ^\nf.drv:9:46: \\catcode is not allowed in problem text: it changes how TeX reads characters\n    note \"\\renewcommand\\b{c} \\\" \\\\usepackage \\catcode`\\@=11\"\n                                             ^\nf.drv:9:55: \\@ is not allowed in problem text\n    note \"\\renewcommand\\b{c} \\\" \\\\usepackage \\catcode`\\@=11\"\n                                                      ^\n",
	},
	{
		name: "a given value that folds to a number still mentions a variable",
		file: "f.drv",
		src: `problem "P" {
    given a = 0 q, b = y - y
    eval a + b
}
`,
		want: `f.drv:2:17: a value must be a number, but it mentions q
    given a = 0 q, b = y - y
                ^
f.drv:2:24: a value must be a number, but it mentions y
    given a = 0 q, b = y - y
                       ^
`,
	},
	{
		name: "eval needs a value of a name the term folds away",
		file: "f.drv",
		src: `problem "P" {
    given a = 1
    eval y = a + z - z
}
`,
		want: `f.drv:3:18: no value is given for z: add z = ... to a given statement
    eval y = a + z - z
                 ^
`,
	},
	{
		name: "eval needs a value of a name used outside the sum over it",
		file: "f.drv",
		src: `problem "P" {
    eval sum(k, k, 1, 3) + k
}
`,
		want: `f.drv:2:28: no value is given for k: add k = ... to a given statement
    eval sum(k, k, 1, 3) + k
                           ^
`,
	},
	{
		name: "wrt a variable twice",
		file: "f.drv",
		src: `problem "P" {
    diff x^2
    wrt x, y, x
}
`,
		want: `f.drv:3:15: x is listed twice
    wrt x, y, x
              ^
`,
	},
	{
		name: "a network's mistake at its place in the file",
		file: "f.drv",
		src: `problem "N" {
    network y = sin(w)^T x; L = -log(y l
    given x = [2, 1], w = [1, 2], l = 1
}
`,
		want: `f.drv:2:37: unclosed "("
    network y = sin(w)^T x; L = -log(y l
                                    ^
`,
	},
	{
		name: "a network input without a value",
		file: "f.drv",
		src: `problem "N" {
    network y = sin(w)^T x
    given w = [1, 2]
}
`,
		want: `f.drv:2:26: no value is given for x: add x = ... to a given statement
    network y = sin(w)^T x
                         ^
`,
	},
	{
		name: "network names given and assigned, wrt not an input, loss not assigned",
		file: "f.drv",
		src: `problem "N" {
    network y = w * w; L = sum(y)
    given w = [1, 2], y = 3
    wrt y, q
    loss M
}
`,
		want: `f.drv:3:23: y is given and assigned by the network: give it or assign it
    given w = [1, 2], y = 3
                      ^
f.drv:4:9: y is computed by the network, not given: gradients are of inputs
    wrt y, q
        ^
f.drv:4:12: q is not an input of the network
    wrt y, q
           ^
f.drv:5:10: the loss M is not assigned by the network
    loss M
         ^
`,
	},
	{
		name: "a learning rate that is no number",
		file: "f.drv",
		src: `problem "N" {
    network L = w * w
    given w = 1
    lr [1, 2]
}
`,
		want: `f.drv:4:8: lr needs a number, not a vector of 2 entries
    lr [1, 2]
       ^
`,
	},
	{
		name: "references to answers: forward, unknown, its own, bare",
		file: "f.drv",
		src: `problem "G" as grad {
    diff (w x - y)^2
    wrt w
}
problem "U" as use {
    given g = later.x, h = grd.w, k = grad2, m = use.w
    eval g + h + k + m
}
problem "L" as later {
    diff x^2
    wrt x
}
`,
		want: `f.drv:6:15: problem later (line 9) comes after this one: a problem can use only an earlier problem's answer; move it up
    given g = later.x, h = grd.w, k = grad2, m = use.w
              ^
f.drv:6:28: no problem is labelled grd; did you mean grad?
    given g = later.x, h = grd.w, k = grad2, m = use.w
                           ^
f.drv:6:39: a value must be a number, but it mentions grad2
    given g = later.x, h = grd.w, k = grad2, m = use.w
                                      ^
f.drv:6:50: use is this problem's own label: a problem cannot use its own answer, only an earlier problem's
    given g = later.x, h = grd.w, k = grad2, m = use.w
                                                 ^
`,
	},
	{
		name: "labels that cannot be",
		file: "f.drv",
		src: `problem "A" as step {
    diff x^2
    wrt x
}
problem "B" as a b {
    diff x^2
    wrt x
}
problem "C" as c {
    diff x^2
    wrt x
}
problem "D" as c {
    given g = step.x
    eval g
}
`,
		want: `f.drv:1:16: step is a constant or a function; a label must be another name
problem "A" as step {
               ^
f.drv:5:16: expected a label after as, a name such as grad, found "a b"
problem "B" as a b {
               ^
f.drv:13:16: label c is already that of the problem at line 9
problem "D" as c {
               ^
`,
	},
}
