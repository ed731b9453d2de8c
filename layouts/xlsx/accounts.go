package xlsx

import (
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"rapport/report"
	"rapport/report/period"
)

// Underlag's columns.
var accountColumns = []string{"Rad", "Konto", "År", "Månad", "Belopp (kr)"}

// accounts lays out Underlag: the outcome per account and month as an
// Excel table in long form, one row per non-zero amount, for a pivot table
// or Power Query. Its rows are streamed from the report rather than kept
// as cells: a region's ledger can give tens of thousands.
func (b *builder) accounts() *sheet {
	r := b.r
	s := newSheet(sheetAccounts)
	years := strconv.Itoa(r.Year)
	if r.Operating.HasPriorYear() {
		years += " och " + strconv.Itoa(r.Year-1)
	}
	months := period.MonthName(1)
	if m := r.Month.Month; m > 1 && m <= 12 {
		months += "–" + period.MonthName(m)
	} else if m != 1 {
		months = "alla månader"
	}
	head(s, "Underlag: utfall per konto och månad, redovisas i kronor",
		subtitle(r, "Utfall i rapportens tecken: intäkter +, kostnader −; en rad per konto och månad med belopp, "+
			months+" "+years),
		accountColumns, 2, 3, 4)
	rad := 8
	for _, a := range r.Accounts {
		rad = max(rad, utf8.RuneCountInString(a.Line)+3)
	}
	s.widths = []float64{0, float64(min(rad, 40)), 10, 8, 8, 18}
	s.table = &table{name: "Underlag", rows: r.Accounts}
	// The used range, the title's merge and the print area reach the
	// table's last row and column.
	s.maxCol = len(accountColumns)
	s.maxRow = max(s.maxRow, headerRow+len(r.Accounts))
	return s
}

// table is Underlag's Excel table: a header with filter buttons and a row
// per account and month.
type table struct {
	name string
	rows []report.AccountMonth
}

// write streams the table's rows below the header and adds the table.
func (t *table) write(f *excelize.File, sw *excelize.StreamWriter, sheetName string, styles [styleCount]int) error {
	cells := make([]excelize.Cell, len(accountColumns))
	values := make([]any, len(cells))
	for i := range cells {
		values[i] = &cells[i]
	}
	cells[0].StyleID, cells[1].StyleID, cells[2].StyleID, cells[3].StyleID = styles[styleText], styles[styleText], styles[styleText], styles[styleText]
	cells[4].StyleID = styles[styleKr]
	for i, a := range t.rows {
		cells[0].Value = a.Line
		cells[1].Value = a.Account
		cells[2].Value = a.Month.Year
		cells[3].Value = int(a.Month.Month)
		cells[4].Value = a.Amount.Kronor()
		if err := sw.SetRow(ref(1, dataRow+i), values); err != nil {
			return err
		}
	}
	last := dataRow + max(len(t.rows), 1) - 1
	// Accounts are text, as in the ledger (a pivot table lists them, it
	// does not sum them): no "number stored as text" marker on each.
	if err := f.AddIgnoredErrors(sheetName, ref(2, dataRow)+":"+ref(2, last), excelize.IgnoredErrorsNumberStoredAsText); err != nil {
		return err
	}
	return sw.AddTable(&excelize.Table{
		Range:          ref(1, headerRow) + ":" + ref(len(accountColumns), last),
		Name:           t.name,
		StyleName:      "TableStyleLight1",
		ShowRowStripes: ptr(true),
	})
}
