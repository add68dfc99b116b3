package problem

// Parse's errors are diag.Errors of kind Input, each with its position in
// the file and its source line, gathered in a diag.List in source order.
