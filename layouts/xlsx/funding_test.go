package xlsx

import (
	"slices"
	"strings"
	"testing"

	"rapport/report/money"
)

// TestNetBeforeFunding: SPEC 12.2, with the funding from the setting alone
// table 4 has "Netto före regionbidrag" with the prior year, Netto's prior
// year is empty, and the monthly audit trail checks against the lines
// from the ledger, not against a Netto that holds the funding.
func TestNetBeforeFunding(t *testing.T) {
	r := sampleReport()
	before := r.Operating.Net
	before.Line = "Netto före regionbidrag"
	funding := line("Regionbidrag", amt(6_000_000), amt(2_000_000), amt(2_000_000), amt(6_000_000), nil)
	funding.Funding = true
	r.Operating.Lines = slices.Insert(r.Operating.Lines, len(r.Operating.Lines)-1, funding)
	r.Operating.Net = netOf(r.Operating.Lines)
	r.Operating.Net.PriorYearAcc, r.Operating.Net.CostDevelopment = nil, nil
	r.Operating.NetBeforeFunding, r.Operating.FundingFromSetting = &before, true
	f := open(t, render(t, r))
	checkFormulas(t, f)
	cols := headerColumns(t, f, sheetOperating)
	prior := cols["Utfall ack föregående år"]
	net, nb := findRow(t, f, sheetOperating, "Netto"), findRow(t, f, sheetOperating, "Netto före regionbidrag")
	if nb != net-1 {
		t.Errorf("Netto före regionbidrag on row %d, Netto on %d", nb, net)
	}
	if v, ok := cellOre(t, f, sheetOperating, ref(prior, net), money.UnitMnkr); ok {
		t.Errorf("Netto's prior year = %v, want empty", v)
	}
	if v, ok := cellOre(t, f, sheetOperating, ref(prior, nb), money.UnitMnkr); !ok || v != *before.PriorYearAcc {
		t.Errorf("Netto före regionbidrag prior year = %v, want %v", v, *before.PriorYearAcc)
	}
	if v, ok := cellOre(t, f, sheetOperating, ref(cols["Utfall ack"], net), money.UnitMnkr); !ok || v != r.Operating.Net.OutcomeAcc {
		t.Errorf("Netto = %v, want %v (the memo row is not summed)", v, r.Operating.Net.OutcomeAcc)
	}
	rows, _ := f.GetRows(sheetMonthly)
	for _, row := range rows {
		if strings.Contains(strings.Join(row, " "), "Differens") {
			t.Errorf("the audit trail does not agree with table 4: %q", row)
		}
	}
}

// TestNoDateNotGiven: SPEC 12.5, without --date or Rapportdatum the
// workbook names the period only, never the balance day as a date.
func TestNoDateNotGiven(t *testing.T) {
	for _, given := range []bool{true, false} {
		r := sampleReport()
		r.DateGiven = given
		f := open(t, render(t, r))
		rows, _ := f.GetRows(sheetOperating)
		text := ""
		for _, row := range rows[:min(len(rows), headerRow)] {
			text += strings.Join(row, " ") + "\n"
		}
		if strings.Contains(text, "Rapportdatum") != given {
			t.Errorf("date given %v: heading rows %q", given, text)
		}
	}
}
