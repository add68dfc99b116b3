package solve_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/solve"
)

// pdfWith builds a small PDF whose catalog carries extra, written either
// directly or inside an object stream compressed with filter ("" for
// none).
func pdfWith(extra string, inObjStm bool, filter string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xd0\xd4\xc5\xd8\n")
	catalog := "<< /Type /Catalog /Pages 2 0 R " + extra + " >>"
	page := "1 0 obj\n<< /Length 14 >>\nstream\nBT (/JS) Tj ET\nendstream\nendobj\n"
	b.WriteString(page)
	if !inObjStm {
		fmt.Fprintf(&b, "3 0 obj\n%s\nendobj\n", catalog)
	} else {
		data := []byte("3 0 " + catalog)
		dict := "/Type /ObjStm /N 1 /First 4"
		switch filter {
		case "FlateDecode":
			var z bytes.Buffer
			w := zlib.NewWriter(&z)
			w.Write(data)
			w.Close()
			data = z.Bytes()
			dict += " /Filter /FlateDecode"
		case "":
		default:
			dict += " /Filter /" + filter
		}
		fmt.Fprintf(&b, "4 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n", dict, len(data), data)
	}
	b.WriteString("trailer\n<< /Root 3 0 R >>\n%%EOF\n")
	return b.Bytes()
}

func TestCheckPDF(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pdf     []byte
		refused []string // nil: accepted
	}{
		{"plain", pdfWith("", false, ""), nil},
		{"plain in an object stream", pdfWith("", true, "FlateDecode"), nil},
		{"a name in a string is text", pdfWith("/Title (/OpenAction /URI)", false, ""), nil},
		{"open action", pdfWith("/OpenAction << /S /URI /URI (https://example.org) >>", false, ""), []string{"/OpenAction", "/URI"}},
		{"open action in an object stream", pdfWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", true, "FlateDecode"),
			[]string{"/JS", "/JavaScript", "/OpenAction"}},
		{"uncompressed object stream", pdfWith("/AA << >>", true, ""), []string{"/AA"}},
		{"escaped name", pdfWith("/Open#41ction << /S /Launch >>", true, "FlateDecode"), []string{"/Launch", "/OpenAction"}},
		{"object stream hidden by another filter", pdfWith("/OpenAction 5 0 R", true, "ASCIIHexDecode"),
			[]string{"an object stream in /ASCIIHexDecode"}},
		{"names tree of scripts", pdfWith("/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >>", false, ""),
			[]string{"/JS", "/JavaScript"}},
		{"embedded file", pdfWith("/Names << /EmbeddedFiles 7 0 R >>", true, "FlateDecode"), []string{"/EmbeddedFiles"}},
		{"links", pdfWith("/Outlines 8 0 R", false, ""), []string{"/Outlines"}},
		{"unclosed string hides the rest", pdfWith("/Title (open", false, ""), []string{"an unclosed string"}},
		{"second root", append(pdfWith("", false, ""), "trailer\n<< /Root 1 0 R >>\n"...), []string{"a second /Root"}},
		{"encrypted", pdfWith("/Encrypt 9 0 R", false, ""), []string{"/Encrypt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := solve.CheckPDF(tc.pdf)
			if tc.refused == nil {
				require.NoError(t, err)
				return
			}
			var ae *solve.ActiveContentError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.refused, ae.Names)
		})
	}
}

// TestCheckPDFStreamLength: a stream whose /Length does not end at
// endstream could make the check read data as objects or objects as data;
// it is refused.
func TestCheckPDFStreamLength(t *testing.T) {
	pdf := []byte("%PDF-1.5\n1 0 obj\n<< /Length 3 >>\nstream\nBT (x) Tj ET\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n")
	var ae *solve.ActiveContentError
	require.ErrorAs(t, solve.CheckPDF(pdf), &ae)
	assert.Equal(t, []string{"a malformed stream"}, ae.Names)
}
