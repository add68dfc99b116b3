package network

// DOTQuote and HTMLEscape expose the escapes of DOT labels to the tests.
var (
	DOTQuote   = dotQuote
	HTMLEscape = htmlEscape
)
