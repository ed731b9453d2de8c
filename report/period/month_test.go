package period

import (
	"testing"
	"time"
)

func TestParseMonth(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want Month
		ok   bool
	}{
		{"yyyymm", "202604", Month{2026, time.April}, true},
		{"iso month", "2026-04", Month{2026, time.April}, true},
		{"space", "2026 04", Month{2026, time.April}, true},
		{"slash", "2026/04", Month{2026, time.April}, true},
		{"single digit month", "2026-4", Month{2026, time.April}, true},
		{"iso date", "2026-04-30", Month{2026, time.April}, true},
		{"iso date-time", "2026-04-30T00:00:00", Month{2026, time.April}, true},
		{"date with time", "2026-04-30 12:00", Month{2026, time.April}, true},
		{"swedish dotted date", "30.04.2026", Month{2026, time.April}, true},
		{"month word", "april 2026", Month{2026, time.April}, true},
		{"short month word", "apr 2026", Month{2026, time.April}, true},
		{"capitalised", "Maj 2026", Month{2026, time.May}, true},
		{"year first word", "2026 oktober", Month{2026, time.October}, true},
		{"month/year", "04/2026", Month{2026, time.April}, true},
		{"surrounding space", " 202604 ", Month{2026, time.April}, true},
		{"month 13", "202613", Month{}, false},
		{"month 0", "2026-00", Month{}, false},
		{"day 32", "2026-04-32", Month{}, false},
		{"year too early", "180001", Month{}, false},
		{"empty", "", Month{}, false},
		{"word", "Summa", Month{}, false},
		{"period code", "UR1", Month{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseMonth(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("ParseMonth(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

func TestFromExcelSerial(t *testing.T) {
	for _, tc := range []struct {
		name   string
		serial float64
		d1904  bool
		want   Month
	}{
		{"1900 system", 46142, false, Month{2026, time.April}},                // 2026-04-30
		{"1900 system first of month", 46113, false, Month{2026, time.April}}, // 2026-04-01
		{"1904 system", 44680, true, Month{2026, time.April}},                 // 2026-04-30
		{"before phantom leap day", 59, false, Month{1900, time.February}},
		{"after phantom leap day", 61, false, Month{1900, time.March}},
		{"time of day ignored", 46142.99, false, Month{2026, time.April}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FromExcelSerial(tc.serial, tc.d1904)
			if err != nil || got != tc.want {
				t.Errorf("FromExcelSerial(%v, %v) = %v, %v; want %v", tc.serial, tc.d1904, got, err, tc.want)
			}
		})
	}
}

// FuzzParseMonth checks that ParseMonth never panics, gives only real
// months, and reads back its own String.
func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"202604", "2026-04", "2026 04", "2026/04", "2026-04-30", "2026-04-30T00:00:00",
		"30.04.2026", "april 2026", "apr 2026", "04/2026", "UR1", "", "2026-13", "maj", "0000-00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMonth(s)
		if err != nil {
			return
		}
		if m.Month < time.January || m.Month > time.December || m.Year < 1900 || m.Year > 2200 {
			t.Fatalf("ParseMonth(%q) = %v", s, m)
		}
		back, err := ParseMonth(m.String())
		if err != nil || back != m {
			t.Fatalf("ParseMonth(%q) = %v; its String %q reads as %v, %v", s, m, m.String(), back, err)
		}
	})
}
