package period

import (
	"testing"
	"time"
)

// TestDueEveryDayOf2026 checks the due report for every day of the year
// against the calendar written out by hand: a period is due from the first
// day after its last month until the next one is.
func TestDueEveryDayOf2026(t *testing.T) {
	wantByMonth := map[time.Month]struct {
		code Code
		year int
	}{
		time.January: {"ÅR", 2025}, time.February: {"ÅR", 2025},
		time.March: {"M02", 2026}, time.April: {"M02", 2026},
		time.May: {"UR1", 2026}, time.June: {"UR1", 2026}, time.July: {"UR1", 2026}, time.August: {"UR1", 2026},
		time.September: {"UR2", 2026}, time.October: {"UR2", 2026},
		time.November: {"M10", 2026}, time.December: {"M10", 2026},
	}
	for d := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		e, y := DefaultCalendar.Due(d)
		want := wantByMonth[d.Month()]
		if e.Code != want.code || y != want.year {
			t.Errorf("%s: due %s %d, want %s %d", d.Format("2006-01-02"), e.Code, y, want.code, want.year)
		}
	}
}

func TestParseCode(t *testing.T) {
	tests := []struct {
		in   string
		want Code
		ok   bool
	}{
		{"UR1", "UR1", true}, {"ur2", "UR2", true}, {"ÅR", "ÅR", true}, {"AR", "ÅR", true},
		{"år", "ÅR", true}, {"M2", "M02", true}, {"m10", "M10", true}, {" M02 ", "M02", true},
		{"M13", "", false}, {"M0", "", false}, {"UR3", "", false}, {"", "", false}, {"Q1", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseCode(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("ParseCode(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

func TestLookupMonthWithoutRowIsDeviation(t *testing.T) {
	e, ok := DefaultCalendar.Lookup("M06")
	if !ok || e.Kind != Deviation || e.LastMonth != time.June || e.Name != "Månadsrapport juni" {
		t.Errorf("M06 = %+v, %v", e, ok)
	}
	if e, _ := DefaultCalendar.Lookup("UR1"); e.Kind != Full || e.LastMonth != time.April {
		t.Errorf("UR1 = %+v", e)
	}
	if e, _ := DefaultCalendar.Lookup("ÅR"); e.Kind != Annual {
		t.Errorf("ÅR = %+v", e)
	}
}

func TestParseMonthRejectsDaysThatDoNotExist(t *testing.T) {
	for in, ok := range map[string]bool{"2026-02-28": true, "2028-02-29": true, "2026-02-29": false, "2026-02-30": false,
		"2026-04-31": false, "31.04.2026": false, "30.04.2026": true, "2026-12-31": true} {
		if _, err := ParseMonth(in); (err == nil) != ok {
			t.Errorf("ParseMonth(%q): err %v, want ok=%v", in, err, ok)
		}
	}
}

func TestValidCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"UR1", true}, {"ÅR", true}, {"M02", true}, {"T3", true}, {"ÄÖÅ123", true},
		{"", false}, {"UR1234", true}, {"UR12345", false}, {"ur1", false},
		{"/../../../X", false}, {"..", false}, {"A/B", false}, {`A\B`, false},
		{"A B", false}, {"A.B", false}, {"É1", false}, {"A\x00", false},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			if got := ValidCode(tc.code); got != tc.want {
				t.Errorf("ValidCode(%q) = %v, want %v", tc.code, got, tc.want)
			}
		})
	}
}
