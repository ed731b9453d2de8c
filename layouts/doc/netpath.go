package doc

import (
	"fmt"
	"math"
	"strconv"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// netPath draws the year's Netto accumulated month by month against the
// budget's path, with the year's prognosis as a line across: whether the
// year is heading for its budget shows at a glance.
// The outcome comes from the report's monthly outcome (the workbook's
// "Underlag per månad"); the chart is left out when it does not add up to
// table 4's Netto Utfall ack, so that the two never disagree.
func (b *builder) netPath() {
	op := b.r.Operating
	m := int(b.r.Month.Month)
	if m < 1 || m > 12 || len(op.Lines) == 0 {
		return
	}
	var acc [12]money.Amount // Netto accumulated through each month
	monthly := map[string]bool{}
	for _, o := range b.r.Monthly {
		monthly[o.Line] = true
		for i := range m {
			acc[i] += o.ThisYear[i]
		}
	}
	for _, l := range op.Lines {
		if l.Funding && op.FundingFromSetting && !monthly[l.Line] {
			// The decided funding, booked evenly: annual × k / 12
			// through month k, so the month's share is the difference.
			through := func(k int) money.Amount {
				return money.Amount(money.DivRound(int64(l.AnnualBudget)*int64(k), 12))
			}
			for i := range m {
				acc[i] += through(i+1) - through(i)
			}
		}
	}
	for i := 1; i < m; i++ {
		acc[i] += acc[i-1]
	}
	net := op.Net
	if acc[m-1] != net.OutcomeAcc {
		return
	}
	// The paths multiply amounts by at most 12: amounts beyond any
	// region's (a hostile file's) would overflow.
	const most = math.MaxInt64 / 24
	for _, a := range []money.Amount{net.AnnualBudget, net.BudgetAcc, net.OutcomeAcc, net.Prognosis} {
		if a > most || a < -most {
			return
		}
	}
	months := make([]string, 12)
	for i := range months {
		months[i] = period.ShortMonthName(monthOf(i))
	}
	year := strconv.Itoa(b.r.Year)
	outcome := Series{Name: "Utfall ack " + year, Values: make([]*float64, 12)}
	for i := range m {
		outcome.Values[i] = floatPtr(acc[i].Mnkr())
	}
	// A line chart draws no figures, so the series carry no Labels; the
	// Alt text gives the key ones.
	// The budget's path runs through the two figures of table 4 that the
	// report has: Budget ack at the report's month and Årsbudget at
	// December, evenly between them.
	budget := Series{Name: "Budget", Values: make([]*float64, 12)}
	for i := range 12 {
		var v money.Amount
		if i < m {
			v = money.Amount(money.DivRound(int64(net.BudgetAcc)*int64(i+1), int64(m)))
		} else {
			v = net.BudgetAcc + money.Amount(money.DivRound(int64(net.AnnualBudget-net.BudgetAcc)*int64(i+1-m), int64(12-m)))
		}
		budget.Values[i] = floatPtr(v.Mnkr())
	}
	title := layouts.NetLabel + " ackumulerat per månad, mnkr"
	c := Chart{Kind: LineChart, Title: title, Unit: "mnkr", Categories: months, Series: []Series{outcome, budget}, Height: 62}
	withPrognosis := m < 12 && !op.PrognosisIsOutcome && !op.PrognosisIsBudget && !b.annual()
	if withPrognosis {
		// Where the year is heading: the prognosis for Netto at year end,
		// beside where the budget's path ends.
		c.RefLines = []RefLine{{Name: "Årsprognos " + net.Prognosis.FormatMnkr() + money.NoBreakSpace + "mnkr", Value: net.Prognosis.Mnkr()}}
	}
	c.Alt = netPathAlt(c, net, m, withPrognosis)
	b.add(c)
}

// netPathAlt says what the chart of Netto per month shows, with its key
// figures: the outcome at the report's month against the budget then,
// the annual budget and, where there is one, the year's prognosis.
func netPathAlt(c Chart, net report.OperatingLine, m int, withPrognosis bool) string {
	month := period.MonthName(monthOf(m - 1))
	s := fmt.Sprintf("%s (linjediagram): utfall ack %s mnkr i %s mot budget ack %s mnkr; årsbudget %s mnkr",
		c.Title, net.OutcomeAcc.FormatMnkr(), month, net.BudgetAcc.FormatMnkr(), net.AnnualBudget.FormatMnkr())
	if withPrognosis {
		s += fmt.Sprintf(" och årsprognos %s mnkr", net.Prognosis.FormatMnkr())
	}
	return s + fmt.Sprintf(". Budgetlinjen är jämnt fördelad mellan budget ack i %s och årsbudgeten.", month)
}
