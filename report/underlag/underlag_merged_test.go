package underlag

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// merged writes a workbook of the sheets and merges the given ranges of
// one sheet as the file format does: a <mergeCell> element, the value in
// the range's first cell; other cells of the range keep what they hold
// (empty as Excel leaves them, or hidden contents as LibreOffice can keep).
func merged(t *testing.T, sheets []sheet, name string, refs ...string) []byte {
	t.Helper()
	n := 0
	for i, s := range sheets {
		if s.name == name {
			n = i + 1
		}
	}
	xml := fmt.Sprintf(`<mergeCells count="%d">`, len(refs))
	for _, ref := range refs {
		xml += `<mergeCell ref="` + ref + `"/>`
	}
	xml += "</mergeCells>"
	return rewritePart(t, buildWorkbook(t, sheets), fmt.Sprintf("xl/worksheets/sheet%d.xml", n), func(b []byte) []byte {
		return bytes.Replace(b, []byte("</sheetData>"), []byte("</sheetData>"+xml), 1)
	})
}

// A value merged over several rows belongs to each of them (SPEC 2: a
// hand-filled workbook); an amount merged over rows of different records
// would be counted once per row, and is an error at each covered cell.
func TestReadUnderlagMergedCells(t *testing.T) {
	e := problem.Error
	apr := period.Month{Year: 2026, Month: time.April}
	assess := sheet{sheetAssess, [][]any{
		{"Nr", "Period", "Bedömning", "Analys"},
		{"1", "UR1", "Bedöms uppfyllas", "Bra."},
		{"2", nil, "Bedöms delvis uppfyllas", "Sådär."},
	}}
	prognosis := sheet{sheetPrognosis, [][]any{
		{"Period", "Rad", "Årsprognos"},
		{"UR1", "Intäkter", 1100},
		{nil, "Personalkostnader", 500},
	}}
	invest := sheet{sheetInvest, [][]any{
		{"Grupp", "Investering", "Projekt", "Total budget", "2026", "Period", "Ackumulerad förbrukning", "Prognos", "Kommentar"},
		{"Reinvesteringar", "IT utrustning", "P1", 100, 50, "M02", 5, 50, "Enligt plan."},
		{nil, nil, nil, nil, nil, "UR1", 10, 50, "Enligt plan."},
		{nil, "Möbler", "P2", 40, 20, "UR1", 2, 20, "Enligt plan."},
	}}
	cases := []struct {
		name  string
		sheet sheet
		refs  []string
		want  []want
		check func(t *testing.T, in *report.Inputs)
	}{
		{name: "period merged over assessments", sheet: assess, refs: []string{"B2:B3"},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Assessments) != 2 || in.Assessments[1].Month != apr || in.Assessments[1].Nr != "2" {
					t.Errorf("assessments = %+v", in.Assessments)
				}
			}},
		{name: "period merged over prognosis lines", sheet: prognosis, refs: []string{"A2:A3"},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Prognoses) != 2 || in.Prognoses[1].Month != apr || in.Prognoses[1].Annual != -500*money.Kr {
					t.Errorf("prognoses = %+v", in.Prognoses)
				}
			}},
		{name: "investment, project and budgets merged over its period rows", sheet: invest, refs: []string{"A2:A4", "B2:B3", "C2:C3", "D2:D3", "E2:E3"},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Investments) != 3 {
					t.Fatalf("investments = %+v", in.Investments)
				}
				second := in.Investments[1]
				if second.Name != "IT utrustning" || second.Project != "P1" || second.TotalBudget != 100*money.Kr ||
					second.PlanYears[2026] != 50*money.Kr || second.Month != apr || in.Investments[2].Group != "Reinvesteringar" {
					t.Errorf("investment = %+v", second)
				}
			}},
		{name: "an amount merged over two lines is an error", sheet: sheet{sheetPrognosis, [][]any{
			{"Period", "Rad", "Årsprognos"},
			{"UR1", "Intäkter", 1100},
			{nil, "Personalkostnader"},
		}}, refs: []string{"A2:A3", "C2:C3"},
			want: []want{{e, sheetPrognosis, "C3", "kommer från den sammanfogade cellen C2:C3"}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Prognoses) != 1 {
					t.Errorf("prognoses = %+v", in.Prognoses)
				}
			}},
		{name: "an amount merged over two investments is an error", sheet: sheet{sheetInvest, [][]any{
			invest.rows[0], invest.rows[1], invest.rows[2],
			{nil, "Möbler", "P2", 40, 20, "UR1", 2, nil, "Enligt plan."},
		}}, refs: []string{"B2:B3", "C2:C3", "D2:D3", "E2:E3", "H3:H4"},
			want: []want{{e, sheetInvest, "H4", "kommer från den sammanfogade cellen H3:H4"}}},
		{name: "a merge from the header row is no value", sheet: sheet{sheetAssess, [][]any{
			{"Nr", "Period", "Bedömning", "Analys"},
			{"1", "UR1", "Bedöms uppfyllas", nil},
		}}, refs: []string{"D1:D2"},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Assessments) != 1 || in.Assessments[0].Analysis != "" {
					t.Errorf("assessments = %+v", in.Assessments)
				}
			}},
		{name: "a covered cell keeps its own value", sheet: sheet{sheetAssess, [][]any{
			{"Nr", "Period", "Bedömning"},
			{"1", "UR1", "Bedöms uppfyllas"},
			{"2", "M02", "Bedöms uppfyllas"},
		}}, refs: []string{"B2:B3"},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Assessments) != 2 || in.Assessments[1].Month.Month != time.February {
					t.Errorf("assessments = %+v", in.Assessments)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := merged(t, with(baseSheets(), c.sheet), c.sheet.name, c.refs...)
			in, probs := read(t, data, Options{})
			checkProblems(t, probs, c.want, true)
			if c.check != nil {
				c.check(t, in)
			}
		})
	}
}
