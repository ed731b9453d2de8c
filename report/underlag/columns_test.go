package underlag

import (
	"bytes"
	"reflect"
	"testing"

	"rapport/report"
	"rapport/report/ledger"
	"rapport/report/problem"
)

// TestColumnsSheet: Kolumner is read when the workbook is opened (the
// ledger is read before the rest), and an unknown Fält is an error at its
// cell.
func TestColumnsSheet(t *testing.T) {
	e := problem.Error
	cases := []struct {
		name string
		rows [][]any
		cols []ledger.Column
		want []want
	}{
		{name: "fields in any case",
			rows: [][]any{{"Fält", "Rubrik"}, {"belopp", "Nettobelopp"}, {"KONTO", "Huvudkonto"}, {"Ansvar", "Ansv.ställe"}},
			cols: []ledger.Column{{Field: "Belopp", Header: "Nettobelopp", File: "underlag.xlsx", Sheet: sheetColumns, Row: 2},
				{Field: "Konto", Header: "Huvudkonto", File: "underlag.xlsx", Sheet: sheetColumns, Row: 3},
				{Field: "Ansvar", Header: "Ansv.ställe", File: "underlag.xlsx", Sheet: sheetColumns, Row: 4}}},
		{name: "unknown field, missing header, a field twice",
			rows: [][]any{{"Fält", "Rubrik"}, {"Saldo", "X"}, {"Period", ""}, {"Debet", "D"}, {"debet", "D2"}, {"Kredit", "d"}},
			cols: []ledger.Column{{Field: "Debet", Header: "D", File: "underlag.xlsx", Sheet: sheetColumns, Row: 4}},
			want: []want{{e, sheetColumns, "A2", `"Saldo" är inget fält i huvudboken`}, {e, sheetColumns, "B3", "Rubrik saknas"},
				{e, sheetColumns, "A5", "fältet står redan på rad 4"}, {e, sheetColumns, "B6", "rubriken står redan på rad 4"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := buildWorkbook(t, with(baseSheets(), sheet{sheetColumns, tc.rows}))
			w := Open(bytes.NewReader(data), "underlag.xlsx", report.WorkbookOptions{})
			if got := w.Columns(); !reflect.DeepEqual(got, tc.cols) {
				t.Errorf("Columns() = %+v\nwant %+v", got, tc.cols)
			}
			in := w.Read(0)
			checkProblems(t, in.Problems, tc.want, false)
			if tc.want == nil && in.Problems.HasErrors() {
				t.Errorf("unexpected errors:\n%s", dump(in.Problems))
			}
		})
	}
}
