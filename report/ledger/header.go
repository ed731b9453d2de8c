package ledger

import (
	"strings"

	"rapport/report/money"
)

// field is a column the ledger knows.
type field int

const (
	fieldNone field = iota
	fieldAccount
	fieldAmount
	fieldPeriod
	fieldDate
	fieldResponsibility
	fieldActivity
	fieldProject
	fieldDebit  // Debet: with Kredit instead of one amount column
	fieldCredit // Kredit
	// fieldYear is the year beside a period column that holds only the
	// month (År 2026, Period 3), as some exports split them.
	fieldYear
	numFields
)

// amountField reports whether a field holds money, and so may carry a
// unit suffix.
func amountField(f field) bool {
	return f == fieldAmount || f == fieldDebit || f == fieldCredit
}

// synonyms are the accepted headers of each field (SPEC 2.1), in the
// form normalizeHeader gives. For dates, earlier synonyms win when a file
// has several date columns: the posting date decides the month.
var synonyms = [numFields][]string{
	fieldAccount:        {"konto", "kontonr", "kontonummer", "account", "kto"},
	fieldAmount:         {"belopp", "utfall", "belopp sek", "amount", "belopp i lokal valuta", "saldo period"},
	fieldPeriod:         {"period", "bokföringsperiod", "månad", "bokf.period", "bokf. period", "bokföringsår/period", "per"},
	fieldDate:           {"bokföringsdatum", "datum", "verifikationsdatum"},
	fieldResponsibility: {"ansvar", "ansvarskod", "kostnadsställe", "ansvarsställe", "kst", "resultatenhet"},
	fieldActivity:       {"verksamhet", "vht", "verksamhetskod"},
	fieldProject:        {"projekt", "projektnr", "projektkod", "proj"},
	fieldDebit:          {"debet", "debet sek"},
	fieldCredit:         {"kredit", "kredit sek"},
	fieldYear:           {"år", "bokföringsår", "räkenskapsår", "year"},
}

// FieldNames are the fields a sheet Kolumner may name (its column Fält),
// as the controller writes them.
var FieldNames = []string{"Konto", "Belopp", "Debet", "Kredit", "Period", "Datum", "Ansvar", "Verksamhet", "Projekt"}

// fieldByName maps a Fält of FieldNames, lower case, to its field.
var fieldByName = map[string]field{
	"konto": fieldAccount, "belopp": fieldAmount, "debet": fieldDebit, "kredit": fieldCredit,
	"period": fieldPeriod, "datum": fieldDate, "ansvar": fieldResponsibility,
	"verksamhet": fieldActivity, "projekt": fieldProject,
}

// Column is a header that the controllers' workbook names for a field
// (sheet Kolumner: Fält, Rubrik), for an export whose own header no
// synonym fits. Where it was named is kept for the message when the
// ledger has no such column.
type Column struct {
	Field  string // one of FieldNames, any case
	Header string // the export's header for the field
	// The cell that names it, for messages: file, sheet and cell
	// ("underlag.xlsx", "Kolumner", 2 for B2).
	File, Sheet string
	Row         int
}

// displayNames are the synonyms as a user writes them, for messages.
var displayNames = [numFields]string{
	fieldAccount:        "Konto, Kontonr, Kontonummer, Account, Kto",
	fieldAmount:         "Belopp, Utfall, Belopp SEK, Amount, Belopp i lokal valuta, Saldo period, eller Debet och Kredit",
	fieldPeriod:         "Period, Bokföringsperiod, Månad, Bokf.period, Bokföringsår/period, Per",
	fieldDate:           "Datum, Bokföringsdatum, Verifikationsdatum",
	fieldResponsibility: "Ansvar, Ansvarskod, Kostnadsställe, Ansvarsställe, Kst, Resultatenhet",
	fieldActivity:       "Verksamhet, Vht, Verksamhetskod",
	fieldProject:        "Projekt, Projektnr, Projektkod, Proj",
	fieldDebit:          "Debet, Debet SEK",
	fieldCredit:         "Kredit, Kredit SEK",
	fieldYear:           "År, Bokföringsår, Räkenskapsår",
}

// normalizeHeader lower-cases a header and folds runs of any kind of
// space into one, so that "  Belopp\u00a0SEK " matches "belopp sek".
func normalizeHeader(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u2009' || r == '\u202f'
	}), " "))
}

// headerNames is what a header row is matched against: the synonyms, and
// the headers that the controllers' workbook names (sheet Kolumner), which
// win over a synonym.
type headerNames struct {
	custom map[string]field // normalized header → field
}

// newHeaderNames takes the Kolumner names that name a known field;
// underlag reports an unknown Fält at its cell.
func newHeaderNames(cols []Column) headerNames {
	h := headerNames{}
	for _, c := range cols {
		f, ok := fieldByName[strings.ToLower(strings.TrimSpace(c.Field))]
		n := normalizeHeader(c.Header)
		if !ok || n == "" {
			continue
		}
		if h.custom == nil {
			h.custom = map[string]field{}
		}
		h.custom[n] = f
	}
	return h
}

// matchHeader tells which field a header names, with the unit its suffix
// gives and the synonym's rank among its field's synonyms (-1 for a name
// from Kolumner, which outranks them).
func (h headerNames) matchHeader(hd string) (f field, unit money.Unit, rank int) {
	n := normalizeHeader(hd)
	if n == "" {
		return fieldNone, money.UnitKr, 0
	}
	f, unit, rank = h.matchNormalized(n)
	if f == fieldNone {
		f, unit, rank = h.matchLoose(n)
	}
	return f, unit, rank
}

// matchLoose matches a header as accounting programs print them where no
// exact synonym fits: with a trailing colon or period ("Konto:",
// "Kontonr."), with the unit as a last word instead of in parentheses
// ("Belopp tkr", "Belopp, kr"), or broken or spaced differently
// ("Konto nr" or "Konto⏎nr" for Kontonr). Only header rows come here, so
// the cost is nothing per data row.
func (h headerNames) matchLoose(n string) (field, money.Unit, int) {
	if t := strings.TrimSpace(strings.TrimRight(n, ".:")); t != n && t != "" {
		if f, u, r := h.matchNormalized(t); f != fieldNone {
			return f, u, r
		}
		n = t
	}
	if i := strings.LastIndexByte(n, ' '); i > 0 {
		if u, ok := money.ParseUnit(n[i+1:]); ok {
			rest := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(n[:i]), ","))
			if f, _, r := h.matchNormalized(rest); amountField(f) {
				return f, u, r
			}
		}
	}
	compact := strings.ReplaceAll(n, " ", "")
	for f := fieldAccount; f < numFields; f++ {
		for r, s := range synonyms[f] {
			if compact == strings.ReplaceAll(s, " ", "") {
				return f, money.UnitKr, r
			}
		}
	}
	return fieldNone, money.UnitKr, 0
}

// matchNormalized is matchHeader for a normalized header: a name from
// Kolumner, or a synonym with an optional unit suffix in parentheses.
func (h headerNames) matchNormalized(n string) (f field, unit money.Unit, rank int) {
	if f, ok := h.custom[n]; ok {
		return f, money.UnitKr, -1
	}
	unit = money.UnitKr
	hasUnit := false
	if i := strings.LastIndexAny(n, "(["); i >= 0 && (strings.HasSuffix(n, ")") || strings.HasSuffix(n, "]")) {
		u, ok := money.ParseUnit(n[i+1 : len(n)-1])
		if !ok {
			return fieldNone, money.UnitKr, 0
		}
		unit, hasUnit = u, true
		n = strings.TrimSpace(n[:i])
	}
	if f, ok := h.custom[n]; ok && hasUnit && amountField(f) {
		return f, unit, -1
	}
	for f := fieldAccount; f < numFields; f++ {
		for r, s := range synonyms[f] {
			if n == s {
				if hasUnit && !amountField(f) {
					return fieldNone, money.UnitKr, 0
				}
				return f, unit, r
			}
		}
	}
	return fieldNone, money.UnitKr, 0
}

// withoutUnit is a normalized header without its unit suffix: "belopp"
// for "belopp (tkr)"; "" when it has none.
func withoutUnit(n string) string {
	i := strings.LastIndexAny(n, "([")
	if i < 0 || !(strings.HasSuffix(n, ")") || strings.HasSuffix(n, "]")) {
		return ""
	}
	if _, ok := money.ParseUnit(n[i+1 : len(n)-1]); !ok {
		return ""
	}
	return strings.TrimSpace(n[:i])
}

// layout is where the fields are in a header row; columns are 0-based,
// -1 where absent.
type layout struct {
	col     [numFields]int
	rank    [numFields]int
	unit    [numFields]money.Unit // the amount fields' units
	headers []string              // the header row as found, for messages
	dups    [][2]int              // pairs of columns that name the same field
	found   int                   // how many known fields the row names
}

func newLayout() layout {
	var l layout
	for i := range l.col {
		l.col[i] = -1
	}
	return l
}

// detectHeader reads one row as a header candidate.
func (h headerNames) detectHeader(cells []string) layout {
	l := newLayout()
	l.headers = cells
	for i, c := range cells {
		f, unit, rank := h.matchHeader(c)
		if f == fieldNone {
			continue
		}
		prev := l.col[f]
		switch {
		case prev < 0:
			l.found++
		case rank != l.rank[f] && (f == fieldDate || rank < 0 || l.rank[f] < 0):
			// Several date columns are normal, and the better one wins; so
			// does a column the controllers named over a synonym.
			if rank > l.rank[f] {
				continue
			}
		default:
			l.dups = append(l.dups, [2]int{prev, i})
			continue
		}
		l.col[f], l.rank[f], l.unit[f] = i, rank, unit
	}
	return l
}

// debitCredit reports whether the row has Debet or Kredit columns.
func (l *layout) debitCredit() bool {
	return l.col[fieldDebit] >= 0 || l.col[fieldCredit] >= 0
}

// complete reports whether the row holds every required column. One of
// Debet and Kredit alone, or both with an amount column, is complete
// here, so that the reader says what is wrong instead of "no header".
func (l *layout) complete() bool {
	return l.col[fieldAccount] >= 0 && (l.col[fieldAmount] >= 0 || l.debitCredit()) &&
		(l.col[fieldPeriod] >= 0 || l.col[fieldDate] >= 0)
}

// missing lists the required fields the row lacks, as user text.
func (l *layout) missing() []string {
	var out []string
	if l.col[fieldAccount] < 0 {
		out = append(out, "konto ("+displayNames[fieldAccount]+")")
	}
	if l.col[fieldAmount] < 0 && !l.debitCredit() {
		out = append(out, "belopp ("+displayNames[fieldAmount]+")")
	}
	if l.col[fieldPeriod] < 0 && l.col[fieldDate] < 0 {
		out = append(out, "period eller datum ("+displayNames[fieldPeriod]+"; "+displayNames[fieldDate]+")")
	}
	return out
}

// maxHeaderRow is how far down a header may sit below title rows.
const maxHeaderRow = 20
