package doc

import (
	"strings"
	"testing"

	"rapport/layouts/internal/testreports"
	"rapport/report"
	"rapport/report/money"
)

// splitGroups gives r groups that take shares of each line of table 4:
// weights in tenths, the last group the rest, so that they add up to it.
func splitGroups(r *report.Report, names []string, devs []money.Amount) {
	gt := &report.GroupTable{Dimension: report.DimActivity, HasBudget: true, HasPrognosis: true}
	n := len(names)
	res := make([]report.GroupResult, n)
	for i := range res {
		res[i] = report.GroupResult{Name: names[i], Postings: true}
	}
	for _, l := range r.Operating.Lines {
		left := l
		for i := range res {
			part := report.OperatingLine{Line: l.Line}
			if i < n-1 {
				share := devs[i] / money.Amount(len(r.Operating.Lines))
				part.AnnualBudget, part.BudgetAcc = l.AnnualBudget/money.Amount(n), l.BudgetAcc/money.Amount(n)
				part.OutcomeAcc, part.Prognosis = part.BudgetAcc+share, part.AnnualBudget+share
			} else {
				part.AnnualBudget, part.BudgetAcc, part.Prognosis, part.OutcomeAcc = left.AnnualBudget, left.BudgetAcc, left.Prognosis, left.OutcomeAcc
			}
			part.DeviationAcc = part.OutcomeAcc - part.BudgetAcc
			part.PrognosisDeviation = part.Prognosis - part.AnnualBudget
			left.AnnualBudget -= part.AnnualBudget
			left.BudgetAcc -= part.BudgetAcc
			left.Prognosis -= part.Prognosis
			left.OutcomeAcc -= part.OutcomeAcc
			res[i].Lines = append(res[i].Lines, part)
		}
	}
	for i := range res {
		res[i].Net = report.OperatingLine{Line: "Netto"}
		for _, l := range res[i].Lines {
			res[i].Net = addLines(res[i].Net, l)
		}
	}
	gt.Groups = res
	r.Groups = gt
}

// TestGroupSummary: the PDF's table 4 per group shows the groups whose
// deviation reaches Väsentlighet, largest first, the rest in one row that
// adds them, and Netto equal to table 4's.
func TestGroupSummary(t *testing.T) {
	r := testreports.Handmade("UR1")
	r.Materiality = 50 * money.Mnkr / 100 // 0,5 mnkr
	splitGroups(r, []string{"Liten", "Stor", "Mellan", "Pytte", report.GroupUngrouped},
		[]money.Amount{10 * money.Mnkr / 100, -3 * money.Mnkr, 1 * money.Mnkr, 0})
	tb, ok := groupSummary(r, r.Unit, false)
	if !ok {
		t.Fatal("no table")
	}
	var labels []string
	for _, row := range tb.Rows {
		labels = append(labels, row.Cells[0].Text)
	}
	// Ej grupperat takes what the others leave of each line's deviation.
	got := strings.Join(labels, "|")
	if !strings.Contains(got, "Stor|") || !strings.Contains(got, "Mellan") || strings.Contains(got, "Liten|") || strings.Contains(got, "Pytte|") ||
		!strings.HasSuffix(got, "|Netto") || !strings.Contains(got, "Övriga grupper (") {
		t.Errorf("rows %s", got)
	}
	if strings.Index(got, "Stor") > strings.Index(got, "Mellan") {
		t.Errorf("not largest first: %s", got)
	}
	net := tb.Rows[len(tb.Rows)-1]
	for c, want := range []money.Amount{r.Operating.Net.AnnualBudget, r.Operating.Net.BudgetAcc, r.Operating.Net.OutcomeAcc,
		r.Operating.Net.DeviationAcc, r.Operating.Net.Prognosis, r.Operating.Net.PrognosisDeviation} {
		if v := net.Cells[c+1].Value; v == nil || v.Amount != want {
			t.Errorf("Netto column %s = %+v, want %s", tb.Columns[c+1].Title, v, want.FormatKr())
		}
	}
	// The rest row adds the groups it stands for.
	var rest money.Amount
	for _, g := range r.Groups.Groups {
		if g.Name == "Liten" || g.Name == "Pytte" {
			rest += g.Net.DeviationAcc
		}
	}
	for _, row := range tb.Rows {
		if strings.HasPrefix(row.Cells[0].Text, "Övriga grupper") {
			w := groupWeight(r.Groups, r.Groups.Groups[4].Net, false)
			if w >= r.Materiality && row.Cells[4].Value.Amount != rest {
				t.Errorf("rest deviation %s, want %s", row.Cells[4].Value.Amount.FormatKr(), rest.FormatKr())
			}
		}
	}
}

// TestGroupsLongAgreesWithReport: every figure of the long form is the
// report's, to the öre.
func TestGroupsLongAgreesWithReport(t *testing.T) {
	r := testreports.Handmade("UR1")
	splitGroups(r, []string{"A", report.GroupUngrouped}, []money.Amount{12345})
	tb, ok := GroupsLong(r)
	if !ok {
		t.Fatal("no table")
	}
	i := 0
	for _, g := range r.Groups.Groups {
		for _, l := range append(append([]report.OperatingLine(nil), g.Lines...), g.Net) {
			row := tb.Rows[i]
			i++
			want := []money.Amount{l.OutcomeAcc, l.AnnualBudget, l.BudgetAcc, l.DeviationAcc, l.Prognosis, l.PrognosisDeviation}
			for c, a := range want {
				if v := row.Cells[2+c].Value; v == nil || v.Amount != a || v.Unit != Kronor {
					t.Errorf("%s %s %s = %+v, want %s", g.Name, l.Line, tb.Columns[2+c].Title, v, a.FormatKr())
				}
			}
		}
	}
}
