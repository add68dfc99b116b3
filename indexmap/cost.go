package indexmap

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// Cost compares the backward pass through the dense Jacobian with the
// VJP, as functions of the sizes: entries stored and multiply-adds done.
type Cost struct {
	// DenseMemory is the Jacobian's entries, OutSize*InSize; DenseTime
	// the multiply-adds of p^T J, as many.
	DenseMemory, DenseTime expr.Expr
	// VJPMemory is the gradient the VJP writes, InSize entries, and
	// nothing else; VJPTime one multiply-add per nonzero of the Jacobian.
	VJPMemory, VJPTime expr.Expr
}

// Cost is j's backward cost both ways.
func (j *Jacobian) Cost() Cost {
	dense := expr.Mul(j.Op.OutSize(), j.Op.InSize())
	return Cost{DenseMemory: dense, DenseTime: dense, VJPMemory: j.Op.InSize(), VJPTime: j.Nonzeros()}
}

// Precision is a floating-point format and its width in bytes.
type Precision struct {
	Name  string
	Bytes int64
}

// Precisions are the formats a cost can be counted in.
var Precisions = []Precision{{"FP64", 8}, {"FP32", 4}, {"FP16", 2}, {"BF16", 2}, {"FP8", 1}}

// PrecisionNamed finds a format by its name, in any case.
func PrecisionNamed(name string) (Precision, error) {
	for _, p := range Precisions {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
	}
	names := make([]string, len(Precisions))
	for i, p := range Precisions {
		names[i] = p.Name
	}
	return Precision{}, diag.Errorf("unknown precision %s: one of %s", diag.Quote(name), strings.Join(names, ", "))
}

// Count is a cost worked out at given sizes: a whole number.
func Count(x expr.Expr, sizes map[expr.Expr]expr.Expr) (*big.Int, error) {
	v := expr.Substitute(x, sizes)
	n, ok := v.(*expr.Number)
	if !ok {
		var missing []string
		for _, s := range expr.FreeSymbols(v) {
			missing = append(missing, s.Name())
		}
		return nil, diag.Errorf("the cost %s needs a value of %s too", x, strings.Join(missing, " and "))
	}
	if !n.IsInt() || n.Sign() < 0 {
		return nil, diag.Errorf("the cost %s is %s at the sizes given, not a count: a range of the operator is empty or a size is not whole there", x, n)
	}
	return n.Num(), nil
}

// Bytes writes a number of bytes with the largest decimal unit it
// reaches (1 TB = 10^12 bytes), to three significant digits, the number
// and the unit apart by one space: 8000000000000 is "8 TB". Past a
// thousand YB the bytes are a power of ten as s writes it, "4*10^200 B",
// rather than a number of a hundred digits.
func Bytes(n *big.Int, s Style) string {
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"}
	r := new(big.Rat).SetInt(n)
	thousand := big.NewRat(1000, 1)
	u := 0
	for u < len(units)-1 && r.Cmp(thousand) >= 0 {
		r.Quo(r, thousand)
		u++
	}
	f, _ := r.Float64()
	num := fmt.Sprintf("%.3g", f)
	if num == "1e+03" && u < len(units)-1 { // 999.5 kB is 1 MB
		num, u = "1", u+1
	}
	if strings.Contains(num, "e") || r.Cmp(thousand) >= 0 {
		m, e, _ := strings.Cut(new(big.Float).SetInt(n).Text('e', 2), "e")
		m = strings.TrimSuffix(strings.TrimRight(m, "0"), ".")
		exp, _ := strconv.Atoi(e)
		if m == "1" {
			m = ""
		}
		return s.Power(m, exp) + " B"
	}
	return num + " " + units[u]
}
