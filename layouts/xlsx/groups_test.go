package xlsx

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/report"
	"rapport/report/money"
)

// withGroups gives r a table 4 per group: group A takes each line's
// figures less an odd part in öre, Ej grupperat the rest, so that the
// groups add up to table 4 and every figure has öre to lose.
func withGroups(r *report.Report, budget bool) *report.Report {
	gt := &report.GroupTable{Dimension: report.DimResponsibility, HasBudget: budget, HasPrognosis: budget}
	a := report.GroupResult{Name: "Vård 0100", Postings: true}
	rest := report.GroupResult{Name: report.GroupUngrouped, Postings: true}
	for i, l := range r.Operating.Lines {
		part := report.OperatingLine{Line: l.Line, OutcomeAcc: l.OutcomeAcc/3 + money.Amount(i+1)}
		if budget {
			part.AnnualBudget, part.BudgetAcc, part.Prognosis = l.AnnualBudget/7+1, l.BudgetAcc/7-1, l.Prognosis/3+7
			part.DeviationAcc = part.OutcomeAcc - part.BudgetAcc
			part.PrognosisDeviation = part.Prognosis - part.AnnualBudget
		}
		other := report.OperatingLine{Line: l.Line, OutcomeAcc: l.OutcomeAcc - part.OutcomeAcc}
		if budget {
			other.AnnualBudget, other.BudgetAcc, other.Prognosis = l.AnnualBudget-part.AnnualBudget, l.BudgetAcc-part.BudgetAcc, l.Prognosis-part.Prognosis
			other.DeviationAcc = other.OutcomeAcc - other.BudgetAcc
			other.PrognosisDeviation = other.Prognosis - other.AnnualBudget
		}
		a.Lines = append(a.Lines, part)
		rest.Lines = append(rest.Lines, other)
	}
	for _, g := range []*report.GroupResult{&a, &rest} {
		g.Net = report.OperatingLine{Line: "Netto"}
		for _, l := range g.Lines {
			g.Net.OutcomeAcc += l.OutcomeAcc
			g.Net.AnnualBudget += l.AnnualBudget
			g.Net.BudgetAcc += l.BudgetAcc
			g.Net.DeviationAcc += l.DeviationAcc
			g.Net.Prognosis += l.Prognosis
			g.Net.PrognosisDeviation += l.PrognosisDeviation
		}
	}
	gt.Groups = []report.GroupResult{a, rest}
	r.Groups = gt
	return r
}

// TestGroupsSheet: Tabell 4 per grupp is an Excel table in long form,
// one row per group and line and the group's Netto, every figure in
// kronor to the öre; without budget per group only Utfall ack.
func TestGroupsSheet(t *testing.T) {
	for _, budget := range []bool{true, false} {
		t.Run(strconv.FormatBool(budget), func(t *testing.T) {
			r := withGroups(sampleReport(), budget)
			data := render(t, r)
			f := open(t, data)
			defer f.Close()
			rows, err := f.GetRows(sheetGroups, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			header := []string{"Grupp", "Rad", "Utfall ack"}
			if budget {
				header = append(header, "Årsbudget", "Budget ack", "Avvikelse ack", "Årsprognos", "Prognosavvikelse")
			}
			if got := strings.Join(rows[headerRow-1], "|"); got != strings.Join(header, "|") {
				t.Fatalf("header %s, want %s", got, strings.Join(header, "|"))
			}
			tables, err := f.GetTables(sheetGroups)
			if err != nil || len(tables) != 1 || tables[0].Name != groupsTableName {
				t.Fatalf("tables %+v, %v", tables, err)
			}
			want := 0
			for _, g := range r.Groups.Groups {
				want += len(g.Lines) + 1
			}
			if tables[0].Range != "A4:"+ref(len(header), headerRow+want) {
				t.Errorf("table range %s, %d rows", tables[0].Range, want)
			}
			i := headerRow
			for _, g := range r.Groups.Groups {
				for _, l := range append(append([]report.OperatingLine(nil), g.Lines...), g.Net) {
					row := rows[i]
					i++
					figures := []money.Amount{l.OutcomeAcc}
					if budget {
						figures = append(figures, l.AnnualBudget, l.BudgetAcc, l.DeviationAcc, l.Prognosis, l.PrognosisDeviation)
					}
					if row[0] != g.Name || row[1] != l.Line {
						t.Errorf("row %d: %v, want %s %s", i, row, g.Name, l.Line)
						continue
					}
					for c, a := range figures {
						v, err := strconv.ParseFloat(row[2+c], 64)
						if o, ferr := money.FromFloat(v, money.UnitKr); err != nil || ferr != nil || o != a || v != a.Kronor() {
							t.Errorf("%s %s %s = %s, want %s kr", g.Name, l.Line, header[2+c], row[2+c], a.FormatKr())
						}
					}
				}
			}
		})
	}
}
