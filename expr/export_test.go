package expr

// MulCollect is Mul without its shortcut for one more factor, the oracle
// the shortcut is tested against.
func MulCollect(factors ...Expr) Expr {
	if u := firstUndefined(factors); u != nil {
		return u
	}
	return mulCollect(factors)
}
