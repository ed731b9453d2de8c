package doc

import (
	"slices"
	"strings"
	"testing"

	"rapport/layouts/internal/testreports"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// planTable is table n of d.
func planTable(t *testing.T, d Document, n int) Table {
	t.Helper()
	for _, b := range d.Blocks {
		if tb, ok := b.(Table); ok && tb.Number == n {
			return tb
		}
	}
	t.Fatalf("no table %d", n)
	return Table{}
}

// rowTexts is the row labelled label as texts.
func rowTexts(t *testing.T, tb Table, label string) []string {
	t.Helper()
	for _, r := range tb.Rows {
		if len(r.Cells) > 0 && r.Cells[0].Text == label {
			var out []string
			for _, c := range r.Cells {
				out = append(out, c.Text)
			}
			return out
		}
	}
	t.Fatalf("%s: no row %q", tb.Caption, label)
	return nil
}

func titles(tb Table) []string {
	var out []string
	for _, c := range tb.Columns {
		out = append(out, c.Title)
	}
	return out
}

// TestCellsShowTheirValues: every cell with a figure shows that figure,
// a deviation column is Bad exactly where its figure shows below zero, a
// derived figure is its derivation, and a sum row adds its rows — in every
// table of the hand-made and example reports.
func TestCellsShowTheirValues(t *testing.T) {
	reports := map[string]*report.Report{}
	for _, code := range []period.Code{"UR1", "M10", "M02", "ÅR"} {
		reports["handmade_"+string(code)] = testreports.Handmade(code)
	}
	example, err := testreports.Example()
	if err != nil {
		t.Fatal(err)
	}
	for code, r := range example {
		reports["example_"+code] = r
	}
	for name, r := range reports {
		tables, err := Tables(r)
		if err != nil {
			t.Fatal(err)
		}
		figures := 0
		for _, tb := range tables {
			for ri, row := range tb.Rows {
				for c, cell := range row.Cells {
					if cell.Value == nil {
						continue
					}
					figures++
					if cell.Text != cell.Value.Format() {
						t.Errorf("%s: %s row %d column %d shows %q, its value %q", name, tb.Caption, ri, c, cell.Text, cell.Value.Format())
					}
					if c < len(tb.Columns) && tb.Columns[c].Deviation && cell.Bad != (cell.Value.Sign() < 0) {
						t.Errorf("%s: %s row %d column %d: %q Bad=%v", name, tb.Caption, ri, c, cell.Text, cell.Bad)
					}
					if d, ok := tb.DerivedAt(c); ok {
						a, b := row.Cells[d.A].Value, row.Cells[d.B].Value
						if a != nil && b != nil && !d.Matches(cell.Value, a, b) {
							t.Errorf("%s: %s row %d column %d = %q is not %s of its operands", name, tb.Caption, ri, c, cell.Text, d.Op)
						}
					}
				}
				if len(row.Adds) == 0 {
					continue
				}
				for c := 1; c < len(row.Cells); c++ {
					if _, derived := tb.DerivedAt(c); derived {
						continue
					}
					var sum money.Amount
					complete := true
					any := false
					for _, m := range row.Adds {
						v := tb.Rows[m].Cells[c].Value
						any = any || v != nil
						if v == nil {
							complete = false
							continue
						}
						sum += v.Amount
					}
					got := row.Cells[c].Value
					switch {
					case !any:
					case !complete && got != nil:
						t.Errorf("%s: %s sum row %q column %d = %q where a member has none", name, tb.Caption, row.Cells[0].Text, c, got.Format())
					case complete && (got == nil || (got.amount() && got.Amount != sum)):
						t.Errorf("%s: %s sum row %q column %d = %v, want the sum of its rows", name, tb.Caption, row.Cells[0].Text, c, got)
					}
				}
			}
		}
		if figures < 50 {
			t.Errorf("%s: only %d figures", name, figures)
		}
	}
}

// TestAnnualTableShapes: the annual report shows the year's outcome once
// (SPEC 12.1), in the PDF and thus in the workbook.
func TestAnnualTableShapes(t *testing.T) {
	d, err := Build(testreports.Handmade("ÅR"))
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(planTable(t, d, 4)); !slices.Equal(got, []string{"Kontoklass", "Årsbudget", "Utfall", "Avvikelse", "Utfall föregående år", "Förändring mot föregående år, %"}) {
		t.Errorf("table 4 columns %q", got)
	}
	var labels []string
	for _, r := range planTable(t, d, 3).Rows {
		labels = append(labels, r.Cells[0].Text)
	}
	if !slices.Equal(labels, []string{"Periodresultat", "Budgetavvikelse", "Investeringsbudgetavvikelse"}) {
		t.Errorf("table 3 rows %q", labels)
	}
	t5 := planTable(t, d, 5)
	if got := titles(t5); !slices.Equal(got, []string{"Investering", "Total budget", "2026", "2027", "2028", "Utfall 2026", "Avvikelse", "Utfall tidigare år", "Prognos total"}) {
		t.Errorf("table 5 columns %q", got)
	}
	if !strings.Contains(t5.Note, "budget 2026 − utfall 2026") {
		t.Errorf("table 5 note %q", t5.Note)
	}
	// Avvikelse = Utfall − Årsbudget, the figure of table 3.
	net := rowTexts(t, planTable(t, d, 4), "Netto")
	if b := rowTexts(t, planTable(t, d, 3), "Budgetavvikelse"); b[1] != net[3] {
		t.Errorf("Budgetavvikelse %s, table 4's Netto Avvikelse %s", b[1], net[3])
	}
}

// TestSumWithoutAMember: a sum shows no figure where one of its rows has
// none, and the figure where all have one — Utfall tidigare år and
// Prognos total included (SPEC 11).
func TestSumWithoutAMember(t *testing.T) {
	r := testreports.Handmade("UR1")
	d, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	t5 := planTable(t, d, 5)
	col := slices.Index(titles(t5), "Prognos total")
	prior := slices.Index(titles(t5), "Utfall tidigare år")
	if col < 0 || prior < 0 {
		t.Fatalf("table 5 columns %q", titles(t5))
	}
	g := r.Investment.Groups[0]
	sum := rowTexts(t, t5, "Summa "+strings.ToLower(g.Name[:1])+g.Name[1:])
	var want money.Amount
	for _, row := range g.Rows {
		want += *row.PrognosisTotal
	}
	if sum[col] != want.FormatMnkr() {
		t.Errorf("%s Prognos total = %s, want %s", g.Name, sum[col], want.FormatMnkr())
	}
	// The second group has rows without them, and so does the total.
	for _, label := range []string{"Summa " + strings.ToLower(r.Investment.Groups[1].Name), "Totalt"} {
		if row := rowTexts(t, t5, label); row[col] != "–" || row[prior] != "–" {
			t.Errorf("%s: Prognos total %s, Utfall tidigare år %s; want –", label, row[col], row[prior])
		}
	}
	// An investment without a prognosis leaves its group's Prognos and
	// Avvikelse without a figure.
	r.Investment.Groups[1].Rows[0].Prognosis, r.Investment.Groups[1].Rows[0].Deviation = nil, nil
	d, err = Build(r)
	if err != nil {
		t.Fatal(err)
	}
	t5 = planTable(t, d, 5)
	row := rowTexts(t, t5, "Summa "+strings.ToLower(r.Investment.Groups[1].Name))
	for _, c := range []string{"Prognos", "Avvikelse"} {
		if i := slices.Index(titles(t5), c); row[i] != "–" {
			t.Errorf("group sum %s = %s, want –", c, row[i])
		}
	}
	if !strings.Contains(t5.Note, "En summa visas inte") {
		t.Errorf("note does not say why a sum is missing: %q", t5.Note)
	}
}

// TestNetBeforeFunding: where the funding is a line of table 4 without a
// prior year, Netto före regionbidrag carries the prior year and the
// change, and Netto shows neither (SPEC 12.2).
func TestNetBeforeFunding(t *testing.T) {
	r := testreports.Handmade("UR1")
	op := &r.Operating
	var before, prior money.Amount
	for i := range op.Lines {
		l := &op.Lines[i]
		before += l.OutcomeAcc
		if l.PriorYearAcc == nil {
			p := l.OutcomeAcc - money.Amount(money.Mnkr)
			l.PriorYearAcc = &p
		}
		prior += *l.PriorYearAcc
	}
	funding := report.OperatingLine{Line: "Regionbidrag", AnnualBudget: money.Amount(1_500 * money.Mnkr), BudgetAcc: money.Amount(500 * money.Mnkr),
		OutcomeAcc: money.Amount(500 * money.Mnkr), Prognosis: money.Amount(1_500 * money.Mnkr), Funding: true}
	op.Lines = append(op.Lines, funding)
	op.Net.AnnualBudget += funding.AnnualBudget
	op.Net.BudgetAcc += funding.BudgetAcc
	op.Net.OutcomeAcc += funding.OutcomeAcc
	op.Net.Prognosis += funding.Prognosis
	r.NetIsResult = true
	op.FundingFromSetting = true
	d, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	t4 := planTable(t, d, 4)
	cols := titles(t4)
	priorCol, changeCol, outcomeCol := slices.Index(cols, "Utfall ack föregående år"), slices.Index(cols, "Förändring mot föregående år, %"), slices.Index(cols, "Utfall ack")
	nb := rowTexts(t, t4, "Netto före regionbidrag")
	if nb[outcomeCol] != before.FormatMnkr() || nb[priorCol] != prior.FormatMnkr() {
		t.Errorf("Netto före regionbidrag: Utfall ack %s, föregående år %s; want %s, %s", nb[outcomeCol], nb[priorCol], before.FormatMnkr(), prior.FormatMnkr())
	}
	if want := signed((float64(before)/float64(prior)-1)*100, 1); nb[changeCol] != want {
		t.Errorf("Netto före regionbidrag: change %s, want %s", nb[changeCol], want)
	}
	net := rowTexts(t, t4, "Netto")
	if net[priorCol] != "–" || net[changeCol] != "–" {
		t.Errorf("Netto after funding beside a prior year before it: %s, %s", net[priorCol], net[changeCol])
	}
	if net[outcomeCol] != op.Net.OutcomeAcc.FormatMnkr() {
		t.Errorf("Netto Utfall ack %s, want %s", net[outcomeCol], op.Net.OutcomeAcc.FormatMnkr())
	}
}
