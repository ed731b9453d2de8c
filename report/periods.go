package report

import (
	"fmt"
	"time"

	"rapport/report/ledger"
	"rapport/report/period"
	"rapport/report/problem"
)

// LatestMonth is the last month with ordinary postings in the year.
func (in *Inputs) LatestMonth(year int) period.Month {
	posted := in.postedMonths(year)
	for m := time.December; m >= time.January; m-- {
		if posted[m] {
			return period.Month{Year: year, Month: m}
		}
	}
	return period.Month{}
}

// postedMonths tells the months of the year that have ordinary postings,
// by month number. Period 00 and 13–15 are no month's postings: a
// closing period 13 on Month December does not make the ledger reach
// December (SPEC 15).
func (in *Inputs) postedMonths(year int) [13]bool {
	var posted [13]bool
	if in.Ledger == nil {
		return posted
	}
	for k, b := range in.Ledger.Buckets {
		if k.Month.Year == year && k.Kind == ledger.Ordinary && b.Rows > 0 {
			posted[k.Month.Month] = true
		}
	}
	return posted
}

// SupportedPeriods are the calendar periods of the year whose last month the
// ledger reaches.
func (in *Inputs) SupportedPeriods() []period.Code {
	last := in.LatestMonth(in.Settings.Year)
	var codes []period.Code
	for _, e := range in.Calendar {
		if !last.IsZero() && e.LastMonth <= last.Month {
			codes = append(codes, e.Code)
		}
	}
	return codes
}

// AllPeriods is what "--period all" means: the supported periods. With
// none, and no error in the inputs to explain it, the problem list holds a
// warning that says so.
func (in *Inputs) AllPeriods() ([]period.Code, problem.List) {
	codes := in.SupportedPeriods()
	if len(codes) > 0 || in.Problems.HasErrors() {
		return codes, in.checkGaps(codes)
	}
	file := LedgerXLSX
	if in.Ledger != nil {
		file = in.Ledger.File
	}
	return nil, problem.List{{Severity: problem.Warning, File: file,
		Message: fmt.Sprintf("huvudboken har inga poster för %d som räcker till någon period i kalendern", in.Settings.Year),
		Hint:    "Kontrollera --year, eller ange en period med --period"}}
}

// CheckReach refuses each period whose last month the ledger has not
// reached: a report on half the months would compare them with a whole
// period's budget and look like a deviation. Codes not in the calendar are
// left to Compute, and without a ledger there is nothing to check.
func (in *Inputs) CheckReach(codes []period.Code) problem.List {
	if in.Ledger == nil {
		return nil
	}
	var probs problem.List
	year := in.Settings.Year
	last := in.LatestMonth(year)
	for _, code := range codes {
		e, ok := in.Calendar.Lookup(code)
		if !ok {
			continue
		}
		need := period.Month{Year: year, Month: e.LastMonth}
		if last.IsZero() || last.Before(need) {
			reach := "har inga poster för " + fmt.Sprint(year)
			if !last.IsZero() {
				reach = "når bara till " + last.Swedish()
			}
			probs.Add(problem.Problem{Severity: problem.Error, File: in.Ledger.File, Sheet: in.Ledger.Sheet,
				Message: fmt.Sprintf("huvudboken %s, men %s %d gäller %s %d", reach, e.Name, year, e.Months(), year),
				Hint:    "Exportera huvudboken till och med " + need.Swedish() + ", eller välj en tidigare period med --period"})
		}
	}
	return append(probs, in.checkGaps(codes)...)
}

// checkGaps refuses the periods whose last month has no ordinary
// postings though later months have, and those that include a month
// without postings between months that have them: a month an export lost
// would read as a month without costs. Each such month is one error
// naming the periods it concerns. A period whose last month the ledger
// does not reach is left to CheckReach.
func (in *Inputs) checkGaps(codes []period.Code) problem.List {
	if in.Ledger == nil {
		return nil
	}
	year := in.Settings.Year
	posted := in.postedMonths(year)
	last := in.LatestMonth(year)
	var probs problem.List
	for m := time.January; m < time.December; m++ {
		if posted[m] {
			continue
		}
		var names []string
		for _, code := range codes {
			e, ok := in.Calendar.Lookup(code)
			if !ok || last.IsZero() || e.LastMonth > last.Month {
				continue
			}
			if e.LastMonth == m || e.LastMonth > m && postedBefore(posted, m) {
				names = append(names, fmt.Sprintf("%s %d (%s)", e.Name, year, e.Months()))
			}
		}
		if len(names) == 0 {
			continue
		}
		missing := period.Month{Year: year, Month: m}
		probs.Add(problem.Problem{Severity: problem.Error, File: in.Ledger.File, Sheet: in.Ledger.Sheet,
			Message: fmt.Sprintf("huvudboken saknar poster för %s men har poster för senare månader; %s omfattar månaden och skulle visa den utan utfall",
				missing.Swedish(), joinSwedish(names)),
			Hint: "Exportera huvudboken på nytt med alla månader till och med rapportens sista (exporten kan ha tappat " + missing.Swedish() + "), eller välj en tidigare period med --period"})
	}
	return probs
}

func postedBefore(posted [13]bool, m time.Month) bool {
	for b := time.January; b < m; b++ {
		if posted[b] {
			return true
		}
	}
	return false
}
