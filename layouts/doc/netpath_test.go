package doc

import (
	"context"
	"strings"
	"testing"

	"rapport/fixtures"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/underlag"
)

// netPathChart is the chart of Netto per month in d, if there is one.
func netPathChart(d Document) (Chart, bool) {
	for _, b := range d.Blocks {
		if c, ok := b.(Chart); ok && strings.HasPrefix(c.Title, "Netto ackumulerat per månad") {
			return c, true
		}
	}
	return Chart{}, false
}

// TestNetPathAgreesWithTable4 builds every board report of the example and
// the test inputs: the chart of Netto per month ends the outcome at table
// 4's Netto Utfall ack, its budget path passes Budget ack at the report's
// month and ends at Årsbudget, the prognosis line is the year's prognosis,
// and its Alt text gives those figures.
func TestNetPathAgreesWithTable4(t *testing.T) {
	found := 0
	for name, r := range boardReports(t) {
		if checkNetPath(t, name, r) {
			found++
		}
	}
	if found == 0 {
		t.Error("no report has the chart")
	}
}

// checkNetPath checks r's chart of Netto per month against table 4 and
// tells whether r has one.
func checkNetPath(t *testing.T, name string, r *report.Report) bool {
	t.Helper()
	d, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := netPathChart(d)
	if !ok {
		t.Errorf("%s: no chart of Netto per month", name)
		return false
	}
	{
		m := int(r.Month.Month)
		net := r.Operating.Net
		if len(c.Series) < 2 || len(c.Categories) != 12 {
			t.Errorf("%s: %d series over %d months", name, len(c.Series), len(c.Categories))
			return true
		}
		out, budget := c.Series[0], c.Series[1]
		for i, v := range out.Values {
			if (v != nil) != (i < m) {
				t.Errorf("%s: outcome in month %d is %v; the report runs through month %d", name, i+1, v, m)
			}
		}
		checks := []struct {
			what string
			got  *float64
			want money.Amount
		}{
			{"utfall ack", out.Values[m-1], net.OutcomeAcc},
			{"budget ack", budget.Values[m-1], net.BudgetAcc},
			{"årsbudget", budget.Values[11], net.AnnualBudget},
		}
		for _, ch := range checks {
			if ch.got == nil || *ch.got != ch.want.Mnkr() {
				t.Errorf("%s: %s is %v in the chart, %s in table 4", name, ch.what, ch.got, ch.want.FormatMnkr())
			}
			if !strings.Contains(c.Alt, ch.what+" "+ch.want.FormatMnkr()) {
				t.Errorf("%s: the Alt text lacks %s %s: %q", name, ch.what, ch.want.FormatMnkr(), c.Alt)
			}
		}
		prognosis := m < 12 && !r.Operating.PrognosisIsBudget && !r.Operating.PrognosisIsOutcome
		if got := len(c.RefLines) == 1; got != prognosis {
			t.Errorf("%s: prognosis line %v, want %v", name, got, prognosis)
		} else if prognosis {
			if c.RefLines[0].Value != net.Prognosis.Mnkr() || !strings.Contains(c.Alt, "årsprognos "+net.Prognosis.FormatMnkr()) {
				t.Errorf("%s: the prognosis line is %v, the Alt %q; table 4's Årsprognos is %s", name, c.RefLines[0], c.Alt, net.Prognosis.FormatMnkr())
			}
		}
	}
	return true
}

// TestNetPathFundingAndMismatch: with the funding given in Inställningar
// (booked evenly, not in the monthly outcome) the chart still adds up to
// table 4; a monthly outcome that does not add up to table 4 (one öre
// off) leaves the chart out rather than show a path that disagrees.
func TestNetPathFundingAndMismatch(t *testing.T) {
	in, err := report.Import(context.Background(), report.ImportOptions{Folder: fixtures.ExampleFolder(), OpenWorkbook: underlag.OpenWorkbook})
	if err != nil {
		t.Fatal(err)
	}
	in.Settings.Funding = &report.Funding{Label: "Regionbidrag", Annual: 1_234_567_891_23}
	for _, code := range []period.Code{"M01", "M02", "UR1", "M10"} {
		r, probs := report.Compute(in, code, report.ComputeOptions{})
		if probs.HasErrors() || r == nil {
			t.Fatalf("%s: %v", code, probs.Errors())
		}
		if !r.Operating.FundingFromSetting {
			t.Fatalf("%s: the funding is not from the setting", code)
		}
		checkNetPath(t, "funding "+string(code), r)

		r.Monthly[0].ThisYear[0]++
		d, err := Build(r)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := netPathChart(d); ok {
			t.Errorf("%s: a monthly outcome one öre off table 4 still has a chart", code)
		}
	}
}
