// Package ledger reads a ledger export from an ERP system (huvudbok), in
// XLSX, CSV or SIE 4, and sums its postings into buckets by account, month
// and project as they stream past, so that memory does not grow with the file.
// It knows the input contract of SPEC section 2.1 and nothing of account
// mapping, report periods or rendering.
package ledger

import (
	"fmt"

	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// Key identifies a bucket of postings.
type Key struct {
	Account string       // digits only, as in the file: "4011", "40110"
	Month   period.Month // from the period column or the posting date
	Project string       // "" where the file has no project column or the row none
	// Kind tells an ERP's special periods from months: period 00 (the
	// opening balance) has Month January and period 13–15 (year-end
	// adjustments) Month December of their year, so that the year is
	// right wherever Month is read; only Kind says they are not postings
	// of that month. A date is always Ordinary.
	Kind PeriodKind
	// Responsibility and Activity are the row's Ansvar and Verksamhet
	// codes as written (a number cell's digits), kept only when
	// Options.KeepResponsibility or KeepActivity asks for them (a
	// Grupper sheet, SPEC 14): memory then grows with the codes, not
	// the rows. "" otherwise, and for a row without one.
	Responsibility string
	Activity       string
}

// PeriodKind is the kind of period a posting was entered in. The zero
// value is an ordinary month.
type PeriodKind uint8

const (
	Ordinary  PeriodKind = iota // a calendar month, from a period or a date
	Opening                     // period 00: ingående balans, never outcome, spend or prior year
	Closing13                   // period 13: year-end adjustments of December (bokslut)
	Closing14                   // period 14, in systems with several closing periods
	Closing15                   // period 15
)

// IsClosing reports whether k is one of the closing periods 13–15.
func (k PeriodKind) IsClosing() bool { return k >= Closing13 && k <= Closing15 }

// String is the period's number as ERP systems write it, "" for a month.
func (k PeriodKind) String() string {
	switch k {
	case Opening:
		return "00"
	case Closing13, Closing14, Closing15:
		return fmt.Sprint(13 + int(k-Closing13))
	}
	return ""
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
	// FirstSeen says where each account first occurs (cell A1014 in XLSX,
	// line 1014 in CSV and SIE), so that a message about an account can
	// point at its place although the rows are summed away.
	FirstSeen map[string]problem.Position

	// The rows' counts: RowsRead = RowsSummed + BlankRows + ErrorRows +
	// SummaryRows always holds, however a file is broken.
	RowsRead    int          // data rows below the header, blank ones included
	RowsSummed  int          // rows whose amount went into a bucket
	BlankRows   int          // rows whose fields are all empty
	ErrorRows   int          // rows with a problem: reported, never summed
	SummaryRows int          // verified summary rows (Summa, Delsumma …): checked, never summed
	Total       money.Amount // Σ of every summed row

	// Of the summed rows, those of period 00 (opening balance) and of
	// periods 13–15 (year-end adjustments), for the reconciliation; their
	// amounts are in Total and the buckets like any other row's.
	OpeningRows, ClosingRows   int
	OpeningTotal, ClosingTotal money.Amount

	// absTotal is Σ|amount| of every summed row, kept below the int64
	// bound: then no sum of any of the rows, in any sign, can wrap, here
	// or in the report that adds buckets up.
	absTotal money.Amount

	Problems problem.List

	// Units holds each unit's sums when Options.Units routes the postings
	// by responsibility: Units[i] for Options.Units[i]. Buckets is then
	// empty, and a unit's view is ForUnit(i).
	Units []UnitSums
	// Routing is set in a unit's view (ForUnit): where the other rows went.
	Routing *Routing

	route           *router // nil unless Options.Units
	keep            keepCodes
	noUnit, overlap Bucket // routed rows that no unit, or two units, select
	noRespTold      bool
	// noCode is the part of noUnit whose rows have an empty
	// responsibility, and noCodeAt where the first of them is.
	noCode   Bucket
	noCodeAt noCodePlace
}

// noCodePlace is where a routed ledger's first row without a
// responsibility code is.
type noCodePlace struct {
	sheet string
	row   int
	cell  string
}

// SheetCount is what one sheet of a ledger workbook gave.
type SheetCount struct {
	Name                                                    string
	RowsRead, RowsSummed, BlankRows, ErrorRows, SummaryRows int
	Total                                                   money.Amount
}
