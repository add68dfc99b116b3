package expr

// Undefined stands for a value the real numbers do not have: 0/0, 1/0,
// log(0), tan(pi/2), sqrt(-1). The constructors return it where a term
// would be one of these, and it absorbs whatever is built from it, so
// 0*(1/0) is undefined rather than 0: otherwise folding constants would
// turn a division by zero into a plausible answer. Every stage that builds
// terms from input (the parser, substitution of given values) asks
// IsUndefined of what it built and reports Reason at the input's position.
type Undefined struct {
	header
	reason string
}

// Reason says why the term is undefined, for a message: "division by zero".
func (u *Undefined) Reason() string { return u.reason }

func (*Undefined) Kind() Kind { return KindUndefined }

// flagUndefined marks terms that are or contain an Undefined. Add, Mul,
// Pow and Call return the Undefined itself; the constructors whose result
// type is fixed (Index, NewBigOp, Diff) only carry the mark.
const flagUndefined uint8 = 2

// IsUndefined reports whether x is or contains an Undefined.
func IsUndefined(x Expr) bool { return x.hdr().flags&flagUndefined != 0 }

// UndefinedIn returns the Undefined inside x, or nil when there is none.
func UndefinedIn(x Expr) *Undefined {
	for IsUndefined(x) {
		if u, ok := x.(*Undefined); ok {
			return u
		}
		for _, a := range x.Args() {
			if IsUndefined(a) {
				x = a
				break
			}
		}
	}
	return nil
}

// NewUndefined returns the undefined value with the given reason.
func NewUndefined(reason string) *Undefined {
	u := &Undefined{reason: reason}
	u.hash = mixString(mix(hashSeed, uint64(KindUndefined)), reason)
	u.flags = flagUndefined
	return intern(u).(*Undefined)
}

// firstUndefined returns the Undefined inside xs, or nil. When several
// have different reasons it picks the first reason in Compare's order, so
// that a sum or product is the same whatever order its terms came in.
func firstUndefined(xs []Expr) Expr {
	var first *Undefined
	for _, x := range xs {
		if !IsUndefined(x) {
			continue
		}
		if u := UndefinedIn(x); first == nil || u.reason < first.reason {
			first = u
		}
	}
	if first == nil {
		return nil
	}
	return first
}

// The reasons the constructors give.
var (
	divisionByZero = "division by zero"
	notReal        = "not a real number"
)
