package doc

import (
	"strings"
	"testing"

	"rapport/layouts/internal/testreports"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// TestGapSentences: SPEC 12.3, each gap is one marked sentence where its
// explanation belongs.
func TestGapSentences(t *testing.T) {
	r := testreports.Handmade("UR2")
	delete(r.Texts, report.TextActions)
	delete(r.Texts, report.TextEvents)
	r.Gaps = []report.Gap{
		{Kind: report.GapActions, Section: report.TextActions, Deviation: -10_300_000_00},
		{Kind: report.GapEvents, Section: report.TextEvents},
	}
	d, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	after := func(heading, want string) {
		t.Helper()
		for i, bl := range d.Blocks {
			if h, ok := bl.(Heading); ok && h.Text == heading && i+1 < len(d.Blocks) {
				if p, ok := d.Blocks[i+1].(Paragraph); ok && p.Style == Alert && p.Text == want {
					return
				}
				t.Errorf("after %q: %+v, want the marked sentence %q", heading, d.Blocks[i+1], want)
				return
			}
		}
		t.Errorf("no heading %q", heading)
	}
	after("Åtgärder", "Åtgärder har inte redovisats för den negativa budgetavvikelsen på 10,3 mnkr.")
	after("Väsentliga händelser", "Väsentliga händelser har inte redovisats för perioden.")
}

// TestInvestmentOverrunWords: SPEC 12.4, the summary's bullet for an
// investment over its decided total, never an underspend.
func TestInvestmentOverrunWords(t *testing.T) {
	for _, code := range []period.Code{"UR1", "ÅR"} {
		r := testreports.Handmade(code)
		row := &r.Investment.Groups[0].Rows[0]
		over := money.Amount(1_500_000_00)
		total, dev := row.TotalBudget+over, money.Amount(3_000_000_00)
		row.PrognosisTotal, row.TotalOverrun, row.Deviation = &total, &over, &dev
		r.Deviations.Investments = []report.InvestmentRow{*row}
		got := mustBuild(t, r)
		want := row.Name + " väntas kosta 1,5 mnkr mer än den beslutade totalbudgeten " + row.TotalBudget.FormatMnkr() + " mnkr."
		if code == "ÅR" {
			want = "Den beräknade totala kostnaden för " + row.Name + " är 1,5 mnkr högre än den beslutade totalbudgeten " + row.TotalBudget.FormatMnkr() + " mnkr."
		}
		if !strings.Contains(got, want) {
			t.Errorf("%s: no bullet %q", code, want)
		}
		if strings.Contains(got, "Investeringen "+row.Name+" väntas underskrida") || strings.Contains(got, "Investeringen "+row.Name+" underskred") {
			t.Errorf("%s: the investment over its total is called an underspend", code)
		}
	}
}

// TestCoverDate: SPEC 12.5, the cover shows the given settings and no
// date that was not given.
func TestCoverDate(t *testing.T) {
	r := testreports.Handmade("UR1")
	r.DateGiven = false
	r.CaseNumber, r.MeetingDate = "RS 2026/12", "2026-06-09"
	d, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, f := range d.Cover {
		labels = append(labels, f.Label+"="+f.Value)
	}
	got := strings.Join(labels, "; ")
	if strings.Contains(got, "Rapportdatum") || !strings.Contains(got, "Diarienummer=RS 2026/12") ||
		!strings.Contains(got, "Sammanträdesdatum=9 juni 2026") || strings.Contains(got, "Beslutsinstans") {
		t.Errorf("cover = %s", got)
	}
}

// TestNetBeforeFunding: SPEC 12.2, with the funding from the setting
// table 4 has "Netto före regionbidrag" with the prior year under Netto,
// which has none.
func TestNetBeforeFundingNote(t *testing.T) {
	r := testreports.Handmade("UR1")
	prior := money.Amount(-300_000_000_00)
	r.Operating.Lines = append(r.Operating.Lines, report.OperatingLine{Line: "Regionbidrag", AnnualBudget: 1_000_000_000_00,
		BudgetAcc: 333_333_333_33, OutcomeAcc: 333_333_333_33, Prognosis: 1_000_000_000_00, Funding: true})
	r.Operating.NetBeforeFunding = &report.OperatingLine{Line: "Netto före regionbidrag", PriorYearAcc: &prior}
	r.Operating.FundingFromSetting = true
	r.Operating.Net.PriorYearAcc = nil
	d, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, bl := range d.Blocks {
		tb, ok := bl.(Table)
		if !ok || !strings.HasPrefix(tb.Caption, "Tabell 4") {
			continue
		}
		var labels []string
		for _, row := range tb.Rows {
			labels = append(labels, row.Cells[0].Text)
		}
		n := len(labels)
		if n < 3 || labels[n-3] != "Regionbidrag" || labels[n-2] != "Netto före regionbidrag" || labels[n-1] != "Netto" {
			t.Errorf("rows = %q", labels)
		}
		if !strings.Contains(tb.Note, "inte en bokföring") {
			t.Errorf("note = %q", tb.Note)
		}
		return
	}
	t.Fatal("no table 4")
}

// TestAnnualPathAccuracy: SPEC 12.1, the annual report's prognosis path
// ends with the outcome and one sentence on the forecast's accuracy.
func TestAnnualPathAccuracy(t *testing.T) {
	r := testreports.Handmade("ÅR")
	r.PrognosisPath = []report.PrognosisPoint{
		{Code: "UR2", Name: "Uppföljningsrapport 2", Deviation: 1_000_000_00},
		{Code: "M10", Name: "Månadsrapport oktober", Deviation: 2_000_000_00},
		{Code: "ÅR", Name: "Utfall 2026", Deviation: 8_600_000_00, Current: true, Outcome: true},
	}
	got := mustBuild(t, r)
	if !strings.Contains(got, "Utfallet blev 6,6 mnkr bättre än prognosen i Månadsrapport oktober.") {
		t.Errorf("no accuracy sentence in\n%s", got)
	}
	if !strings.Contains(got, "Utfall 2026") || strings.Contains(got, "Utfall 2026 (denna rapport)") {
		t.Error("the path does not end with the outcome")
	}
}

// TestActionsGapWords: the accumulated deviation as SPEC 12.3 words it,
// the prognosis's for the year beside it.
func TestActionsGapWords(t *testing.T) {
	b := &builder{r: testreports.Handmade("M10"), kind: period.Deviation}
	for _, tc := range []struct {
		acc, prog money.Amount
		want      string
	}{
		{-1_300_000_00, 0, "Åtgärder har inte redovisats för den negativa budgetavvikelsen på 1,3 mnkr."},
		{0, -3_100_000_00, "Åtgärder har inte redovisats för den negativa prognosavvikelsen på 3,1 mnkr för helåret."},
		{-1_300_000_00, -3_100_000_00, "Åtgärder har inte redovisats för den negativa budgetavvikelsen på 1,3 mnkr och den negativa prognosavvikelsen på 3,1 mnkr för helåret."},
	} {
		if got := b.gapText(report.Gap{Kind: report.GapActions, Deviation: tc.acc, PrognosisDeviation: tc.prog}); got != tc.want {
			t.Errorf("gap = %q, want %q", got, tc.want)
		}
	}
}

// TestLineAndInvestmentGapWords: the gap of a red line names the line and
// its deviation; an investment over the year's budget says so, in the
// annual report without a forecast verb.
func TestLineAndInvestmentGapWords(t *testing.T) {
	r := testreports.Handmade("UR1")
	r.Operating.Lines = []report.OperatingLine{{Line: "Personalkostnader", AnnualBudget: -300_000_000_00, DeviationAcc: -700_000_00}}
	r.Materiality = 50_000_000
	b := &builder{r: r, kind: period.Full}
	if got, want := b.gapText(report.Gap{Kind: report.GapLine, Subject: "Personalkostnader", Deviation: -700_000_00}),
		"En förklaring har inte redovisats för raden Personalkostnader, som kostar 0,7 mnkr mer än budget för perioden."; got != want {
		t.Errorf("line gap = %q, want %q", got, want)
	}
	inv := report.Gap{Kind: report.GapInvestment, Subject: "IT utrustning", PrognosisDeviation: -1_100_000_00}
	if got, want := b.gapText(inv), "En kommentar för perioden har inte redovisats för IT utrustning, som väntas överskrida årets budget med 1,1 mnkr."; got != want {
		t.Errorf("investment gap = %q, want %q", got, want)
	}
	b.kind = period.Annual
	if got := b.gapText(inv); report.ForecastWord(got) != "" || !strings.Contains(got, "överskred årets budget med 1,1 mnkr") {
		t.Errorf("annual investment gap = %q", got)
	}
}
