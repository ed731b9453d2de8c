// Package period holds the two kinds of time a follow-up deals in: Month,
// a calendar month of a year, and Code, a follow-up period such as M02, UR1
// or ÅR, with the calendar that says what each period covers and which kind
// of report it gets. Every accepted spelling of a month or a period is
// parsed here and nowhere else. It knows nothing of files or rendering.
package period

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month: 2026-04. The zero value is no month.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf returns the month of t.
func MonthOf(t time.Time) Month { return Month{t.Year(), t.Month()} }

// IsZero reports whether m is the zero value.
func (m Month) IsZero() bool { return m.Year == 0 && m.Month == 0 }

// String gives ISO form, 2026-04.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
}

// Index is a month count usable for comparing and subtracting months.
func (m Month) Index() int { return m.Year*12 + int(m.Month) - 1 }

// Before reports whether m is earlier than o.
func (m Month) Before(o Month) bool { return m.Index() < o.Index() }

// After reports whether m is later than o.
func (m Month) After(o Month) bool { return m.Index() > o.Index() }

// Add returns m moved n months.
func (m Month) Add(n int) Month {
	i := m.Index() + n
	return Month{i / 12, time.Month(i%12 + 1)}
}

// LastDay is the last day of the month.
func (m Month) LastDay() time.Time {
	return time.Date(m.Year, m.Month+1, 0, 0, 0, 0, 0, time.UTC)
}

// Swedish month names, lower case, as used in running text.
var monthNames = [...]string{"januari", "februari", "mars", "april", "maj", "juni",
	"juli", "augusti", "september", "oktober", "november", "december"}

// Short Swedish month names as used in table headers and periods (jan–apr).
var shortNames = [...]string{"jan", "feb", "mar", "apr", "maj", "jun",
	"jul", "aug", "sep", "okt", "nov", "dec"}

// MonthName is the Swedish name of month mo, lower case ("april").
func MonthName(mo time.Month) string { return monthNames[mo-1] }

// ShortMonthName is the Swedish abbreviation of month mo ("apr").
func ShortMonthName(mo time.Month) string { return shortNames[mo-1] }

// Swedish gives "april 2026".
func (m Month) Swedish() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d", MonthName(m.Month), m.Year)
}

// ErrNotMonth is returned for text that is not a month.
var ErrNotMonth = errors.New("inte en period (ååååmm, åååå-mm eller ett datum)")

// ParseMonth reads a month from the forms ERP exports and people write:
// 202604, 2026-04, 2026 04, 2026/04, 2026-04-30, 2026-04-30T00:00:00,
// 30.04.2026, 30/04/2026, "april 2026", "apr 2026". Only year and month are
// kept.
func ParseMonth(s string) (Month, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Month{}, ErrNotMonth
	}
	if i := strings.IndexAny(s, "T "); i == 10 && len(s) > 10 {
		// date-time: keep the date part
		s = s[:10]
	}
	// Words: "april 2026", "apr 2026", "2026 april".
	if f := strings.Fields(strings.ToLower(s)); len(f) == 2 {
		if mo, ok := monthWord(f[0]); ok {
			if y, ok := year(f[1]); ok {
				return Month{y, mo}, nil
			}
		}
		if mo, ok := monthWord(f[1]); ok {
			if y, ok := year(f[0]); ok {
				return Month{y, mo}, nil
			}
		}
	}
	if len(s) == 6 && allDigits(s) {
		return build(s[:4], s[4:])
	}
	parts := splitAny(s, "-/ .")
	switch len(parts) {
	case 2:
		if len(parts[0]) == 4 {
			return build(parts[0], parts[1])
		}
		if len(parts[1]) == 4 { // 04/2026
			return build(parts[1], parts[0])
		}
	case 3:
		if len(parts[0]) == 4 { // 2026-04-30
			return buildDate(parts[0], parts[1], parts[2])
		}
		if len(parts[2]) == 4 { // 30.04.2026, day first as in Sweden
			return buildDate(parts[2], parts[1], parts[0])
		}
	}
	return Month{}, ErrNotMonth
}

func monthWord(w string) (time.Month, bool) {
	w = strings.TrimSuffix(w, ".")
	for i, n := range monthNames {
		if w == n || w == shortNames[i] || (len(w) >= 3 && strings.HasPrefix(n, w)) {
			return time.Month(i + 1), true
		}
	}
	return 0, false
}

func year(s string) (int, bool) {
	if len(s) != 4 || !allDigits(s) {
		return 0, false
	}
	y, _ := strconv.Atoi(s)
	return y, y >= 1900 && y <= 2200
}

func build(ys, ms string) (Month, error) {
	y, ok := year(ys)
	if !ok || len(ms) == 0 || len(ms) > 2 || !allDigits(ms) {
		return Month{}, ErrNotMonth
	}
	mo, _ := strconv.Atoi(ms)
	if mo < 1 || mo > 12 {
		return Month{}, ErrNotMonth
	}
	return Month{y, time.Month(mo)}, nil
}

// buildDate is build for a whole date, which must exist: 2026-02-30 is a
// typing error, not February.
func buildDate(ys, ms, ds string) (Month, error) {
	m, err := build(ys, ms)
	if err != nil || !validDay(ds) {
		return Month{}, ErrNotMonth
	}
	d, _ := strconv.Atoi(ds)
	if d > m.LastDay().Day() {
		return Month{}, ErrNotMonth
	}
	return m, nil
}

func validDay(s string) bool {
	if len(s) == 0 || len(s) > 2 || !allDigits(s) {
		return false
	}
	d, _ := strconv.Atoi(s)
	return d >= 1 && d <= 31
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func splitAny(s, seps string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
}

// FromExcelSerial converts a spreadsheet date serial (days since the epoch
// of the 1900 or 1904 date system) to a month.
func FromExcelSerial(serial float64, date1904 bool) (Month, error) {
	if serial < 1 || serial > 2958465 { // 9999-12-31
		return Month{}, ErrNotMonth
	}
	var t time.Time
	if date1904 {
		t = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial))
	} else {
		// Excel counts 1900-02-29, which never was: serials from 61 on are
		// one day ahead of the real calendar.
		days := int(serial)
		if days >= 61 {
			days--
		}
		t = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	}
	return MonthOf(t), nil
}

// MarshalText writes the month as 2026-04, so that JSON reads as people do.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a month written by MarshalText (or any form ParseMonth
// takes); empty text is the zero month.
func (m *Month) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*m = Month{}
		return nil
	}
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalText writes the kind as its Swedish word.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind written by MarshalText, so that a report
// written with --format json reads back.
func (k *Kind) UnmarshalText(b []byte) error {
	for _, c := range []Kind{Deviation, Full, Annual} {
		if string(b) == c.String() {
			*k = c
			return nil
		}
	}
	return fmt.Errorf("okänd rapporttyp %q", b)
}
