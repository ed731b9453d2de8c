// Package ledger reads a ledger export from an ERP system (huvudbok), in
// XLSX, CSV or SIE 4, and sums its postings into buckets by account, month
// and project as they stream past, so that memory does not grow with the file.
// It knows the input contract of SPEC section 2.1 and nothing of account
// mapping, report periods or rendering.
package ledger

import (
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// Key identifies a bucket of postings.
type Key struct {
	Account string       // digits only, as in the file: "4011", "40110"
	Month   period.Month // from the period column or the posting date
	Project string       // "" where the file has no project column or the row none
}

// Bucket is the sum of the postings with one Key.
type Bucket struct {
	Amount money.Amount
	Rows   int
}

// Ledger is a ledger export summed into buckets, with the counts that the
// reconciliation needs and every problem found.
type Ledger struct {
	File  string // the file's base name, for messages
	Sheet string // the (first) sheet read, for XLSX
	// Sheets counts each sheet read, in workbook order, when an XLSX file
	// holds more than one sheet with the ledger's header: exports split at
	// Excel's row limit are combined that way, and the reconciliation shows
	// how many rows each sheet gave. Nil for CSV and one-sheet workbooks.
	Sheets     []SheetCount
	Buckets    map[Key]Bucket
	HasProject bool // the file has a project column
	// FirstSeen says where each account first occurs ("A1014" in XLSX,
	// "rad 1014" in CSV), so that a message about an account can point at
	// a cell although the rows are summed away.
	FirstSeen map[string]string

	RowsRead   int          // data rows below the header, blank ones included
	RowsSummed int          // rows whose amount went into a bucket
	BlankRows  int          // rows whose fields are all empty
	ErrorRows  int          // rows with a problem: reported, never summed
	Total      money.Amount // Σ of every summed row

	// absTotal is Σ|amount| of every summed row, kept below the int64
	// bound: then no sum of any of the rows, in any sign, can wrap, here
	// or in the report that adds buckets up.
	absTotal money.Amount

	Problems problem.List
}

// SheetCount is what one sheet of a ledger workbook gave.
type SheetCount struct {
	Name                                       string
	RowsRead, RowsSummed, BlankRows, ErrorRows int
	Total                                      money.Amount
}
