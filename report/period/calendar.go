package period

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind is what a report for a period contains.
type Kind int

const (
	// Deviation is the short "avvikelserapport": prognosis, employee
	// indicators and other deviations.
	Deviation Kind = iota
	// Full is the whole follow-up of the plan: goals, tables 2–5.
	Full
	// Annual is the year-end full report: outcome for the year, no
	// prognosis, final goal assessments.
	Annual
)

func (k Kind) String() string {
	switch k {
	case Full:
		return "full"
	case Annual:
		return "årsredovisning"
	}
	return "avvikelse"
}

// IsFull reports whether a report of this kind follows up the whole plan.
func (k Kind) IsFull() bool { return k == Full || k == Annual }

// Code names a follow-up period: "M02", "UR1", "UR2", "M10", "ÅR", or any
// month "M01"…"M12". The zero value is no period.
type Code string

// Entry is one row of the follow-up calendar.
type Entry struct {
	Code      Code       `json:"code"`
	Name      string     `json:"name"`       // "Uppföljningsrapport 1"
	LastMonth time.Month `json:"last_month"` // the period covers January through LastMonth
	Kind      Kind       `json:"kind"`
}

// Calendar is the list of follow-up periods of a year, in order. It is data:
// the default is DefaultCalendar, and an input may replace it.
type Calendar []Entry

// DefaultCalendar is the follow-up calendar of Region Halland's steering
// model: two deviation reports, two follow-up reports and the annual report.
var DefaultCalendar = Calendar{
	{"M02", "Månadsrapport februari", time.February, Deviation},
	{"UR1", "Uppföljningsrapport 1", time.April, Full},
	{"UR2", "Uppföljningsrapport 2", time.August, Full},
	{"M10", "Månadsrapport oktober", time.October, Deviation},
	{"ÅR", "Årsredovisning", time.December, Annual},
}

// ErrNotPeriod is returned for text that is not a period code.
var ErrNotPeriod = errors.New("okänd period: ange M01–M12, UR1, UR2 eller ÅR")

// ParseCode reads a period code in any accepted spelling: "UR1", "ur1",
// "ÅR", "AR", "år", "M2", "M02", "m10". Calendar codes come back in their
// canonical form.
func ParseCode(s string) (Code, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	switch u {
	case "ÅR", "AR", "ÅRSREDOVISNING", "ARSREDOVISNING":
		return "ÅR", nil
	case "UR1", "UR2":
		return Code(u), nil
	}
	if strings.HasPrefix(u, "M") && len(u) >= 2 && len(u) <= 3 && allDigits(u[1:]) {
		n, _ := strconv.Atoi(u[1:])
		if n >= 1 && n <= 12 {
			return Code(fmt.Sprintf("M%02d", n)), nil
		}
	}
	return "", ErrNotPeriod
}

// Lookup returns the calendar entry for a code. A month code without a row
// of its own is a deviation report for that month.
func (c Calendar) Lookup(code Code) (Entry, bool) {
	for _, e := range c {
		if e.Code == code {
			return e, true
		}
	}
	if strings.HasPrefix(string(code), "M") && len(code) == 3 {
		n, err := strconv.Atoi(string(code[1:]))
		if err == nil && n >= 1 && n <= 12 {
			mo := time.Month(n)
			return Entry{code, "Månadsrapport " + MonthName(mo), mo, Deviation}, true
		}
	}
	return Entry{}, false
}

// ForMonth returns the calendar entry whose period ends in month mo, if any.
func (c Calendar) ForMonth(mo time.Month) (Entry, bool) {
	for _, e := range c {
		if e.LastMonth == mo {
			return e, true
		}
	}
	return Entry{}, false
}

// Due returns the latest calendar period whose last month has ended by
// date d, and the year it belongs to. On 2026-05-05 that is UR1 2026; on
// 2026-01-15, ÅR 2025.
func (c Calendar) Due(d time.Time) (Entry, int) {
	cur := MonthOf(d)
	best, bestMonth := Entry{}, Month{}
	for _, e := range c {
		for _, y := range []int{d.Year(), d.Year() - 1} {
			m := Month{y, e.LastMonth}
			if m.Before(cur) && (bestMonth.IsZero() || m.After(bestMonth)) {
				best, bestMonth = e, m
			}
		}
	}
	return best, bestMonth.Year
}

// Months gives the Swedish span a period covers: "januari–april".
func (e Entry) Months() string {
	if e.LastMonth == time.January {
		return "januari"
	}
	return "januari–" + MonthName(e.LastMonth)
}

// String gives the code.
func (c Code) String() string { return string(c) }

// MaxCodeLen is the longest period code a Kalender sheet may define.
const MaxCodeLen = 6

// ValidCode reports whether s may be a period code: 1–6 of the letters
// A–Z, Å, Ä, Ö and the digits 0–9. Codes become part of file names, so
// nothing else — no path separator, dot or space — may pass.
func ValidCode(s string) bool {
	n := 0
	for _, r := range s {
		n++
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == 'Å', r == 'Ä', r == 'Ö':
		default:
			return false
		}
	}
	return n >= 1 && n <= MaxCodeLen
}
