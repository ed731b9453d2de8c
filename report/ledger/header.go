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
	numFields
)

// synonyms are the accepted headers of each field (SPEC 2.1), in the
// form normalizeHeader gives. For dates, earlier synonyms win when a file
// has several date columns: the posting date decides the month.
var synonyms = [numFields][]string{
	fieldAccount:        {"konto", "kontonr", "kontonummer", "account"},
	fieldAmount:         {"belopp", "utfall", "belopp sek", "amount"},
	fieldPeriod:         {"period", "bokföringsperiod", "månad"},
	fieldDate:           {"bokföringsdatum", "datum", "verifikationsdatum"},
	fieldResponsibility: {"ansvar", "ansvarskod", "kostnadsställe"},
	fieldActivity:       {"verksamhet", "vht", "verksamhetskod"},
	fieldProject:        {"projekt", "projektnr", "projektkod"},
}

// displayNames are the synonyms as a user writes them, for messages.
var displayNames = [numFields]string{
	fieldAccount:        "Konto, Kontonr, Kontonummer, Account",
	fieldAmount:         "Belopp, Utfall, Belopp SEK, Amount",
	fieldPeriod:         "Period, Bokföringsperiod, Månad",
	fieldDate:           "Datum, Bokföringsdatum, Verifikationsdatum",
	fieldResponsibility: "Ansvar, Ansvarskod, Kostnadsställe",
	fieldActivity:       "Verksamhet, Vht, Verksamhetskod",
	fieldProject:        "Projekt, Projektnr, Projektkod",
}

// normalizeHeader lower-cases a header and folds runs of any kind of
// space into one, so that "  Belopp\u00a0SEK " matches "belopp sek".
func normalizeHeader(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u2009' || r == '\u202f'
	}), " "))
}

// matchHeader tells which field a header names, with the unit its suffix
// gives and the synonym's rank among its field's synonyms.
func matchHeader(h string) (f field, unit money.Unit, rank int) {
	n := normalizeHeader(h)
	if n == "" {
		return fieldNone, money.UnitKr, 0
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
	for f := fieldAccount; f < numFields; f++ {
		for r, s := range synonyms[f] {
			if n == s {
				if hasUnit && f != fieldAmount {
					return fieldNone, money.UnitKr, 0
				}
				return f, unit, r
			}
		}
	}
	return fieldNone, money.UnitKr, 0
}

// layout is where the fields are in a header row; columns are 0-based,
// -1 where absent.
type layout struct {
	col     [numFields]int
	rank    [numFields]int
	unit    money.Unit
	headers []string // the header row as found, for messages
	dups    [][2]int // pairs of columns that name the same field
	found   int      // how many known fields the row names
}

func newLayout() layout {
	var l layout
	for i := range l.col {
		l.col[i] = -1
	}
	return l
}

// detectHeader reads one row as a header candidate.
func detectHeader(cells []string) layout {
	l := newLayout()
	l.headers = cells
	for i, c := range cells {
		f, unit, rank := matchHeader(c)
		if f == fieldNone {
			continue
		}
		prev := l.col[f]
		switch {
		case prev < 0:
			l.found++
		case f == fieldDate && rank != l.rank[f]:
			// Several date columns are normal; the better one wins.
			if rank > l.rank[f] {
				continue
			}
		default:
			l.dups = append(l.dups, [2]int{prev, i})
			continue
		}
		l.col[f], l.rank[f] = i, rank
		if f == fieldAmount {
			l.unit = unit
		}
	}
	return l
}

// complete reports whether the row holds every required column.
func (l *layout) complete() bool {
	return l.col[fieldAccount] >= 0 && l.col[fieldAmount] >= 0 &&
		(l.col[fieldPeriod] >= 0 || l.col[fieldDate] >= 0)
}

// missing lists the required fields the row lacks, as user text.
func (l *layout) missing() []string {
	var out []string
	if l.col[fieldAccount] < 0 {
		out = append(out, "konto ("+displayNames[fieldAccount]+")")
	}
	if l.col[fieldAmount] < 0 {
		out = append(out, "belopp ("+displayNames[fieldAmount]+")")
	}
	if l.col[fieldPeriod] < 0 && l.col[fieldDate] < 0 {
		out = append(out, "period eller datum ("+displayNames[fieldPeriod]+"; "+displayNames[fieldDate]+")")
	}
	return out
}

// maxHeaderRow is how far down a header may sit below title rows.
const maxHeaderRow = 20
