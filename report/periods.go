package report

import (
	"fmt"

	"rapport/report/period"
	"rapport/report/problem"
)

// LatestMonth is the last month with postings in the year.
func (in *Inputs) LatestMonth(year int) period.Month {
	var last period.Month
	if in.Ledger == nil {
		return last
	}
	for k := range in.Ledger.Buckets {
		if k.Month.Year == year && (last.IsZero() || k.Month.After(last)) {
			last = k.Month
		}
	}
	return last
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
		return codes, nil
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
	return probs
}
