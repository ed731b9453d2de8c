package ledger

import (
	"errors"
	"strconv"
	"strings"
)

// Selector chooses a unit's postings by their responsibility (SPEC 6.2):
// the key Ansvar in underlag.xlsx's Inställningar. The zero Selector is
// empty: no key, and the unit takes every row.
type Selector struct {
	text  string
	parts []selPart
	bad   bool // written but not readable: selects nothing
}

// selPart is one comma-separated part of a Selector.
type selPart struct {
	kind     selKind
	code     string // selCode: the code; selPrefix: the prefix (upper case)
	lo, hi   string // selTextRange: the ends (upper case, equal length)
	nlo, nhi uint64 // selNumRange
}

type selKind uint8

const (
	selCode selKind = iota
	selPrefix
	selNumRange
	selTextRange
)

// ParseSelector reads Ansvar: codes, ranges and prefixes separated by
// commas, such as "1000-1999, RK*, 2100". A range is numeric when both
// ends are numbers (so 150 lies in 0100-0199), else by text, and then its
// ends must be of equal length (RK10-RK19). Letters match whatever their
// case. The error says in Swedish what is wrong with which part; the
// Selector returned with it selects nothing, so that a unit whose Ansvar
// is wrong takes no other unit's rows while the error is shown.
func ParseSelector(s string) (Selector, error) {
	sel, err := parseSelector(s)
	if err != nil {
		return Selector{text: strings.TrimSpace(s), bad: true}, err
	}
	return sel, nil
}

func parseSelector(s string) (Selector, error) {
	sel := Selector{text: strings.TrimSpace(s)}
	if sel.text == "" {
		return Selector{}, nil
	}
	for _, raw := range strings.Split(sel.text, ",") {
		p := strings.ToUpper(strings.TrimSpace(raw))
		if p == "" {
			return Selector{}, errors.New("har en tom del mellan två kommatecken (eller ett kommatecken först eller sist)")
		}
		part, err := parsePart(p)
		if err != nil {
			return Selector{}, err
		}
		sel.parts = append(sel.parts, part)
	}
	return sel, nil
}

func parsePart(p string) (selPart, error) {
	if strings.Contains(p, "*") {
		prefix := strings.TrimSuffix(p, "*")
		switch {
		case strings.Contains(prefix, "*"):
			return selPart{}, errors.New("i " + p + " står * inte sist; ett prefix skrivs som RK*")
		case prefix == "":
			return selPart{}, errors.New("* ensamt väljer alla rader; utelämna Ansvar i stället, eller skriv ett prefix som RK*")
		}
		return selPart{kind: selPrefix, code: prefix}, nil
	}
	// En dash is what Excel's autocorrect makes of a hyphen.
	lo, hi, isRange := strings.Cut(strings.ReplaceAll(p, "–", "-"), "-")
	if !isRange {
		if n, err := strconv.ParseUint(p, 10, 64); err == nil && allDigits([]byte(p)) {
			// A number is a number: 0100 in Ansvar selects 100 in a
			// number cell of the ledger.
			return selPart{kind: selNumRange, nlo: n, nhi: n}, nil
		}
		return selPart{kind: selCode, code: p}, nil
	}
	lo, hi = strings.TrimSpace(lo), strings.TrimSpace(hi)
	if lo == "" || hi == "" || strings.Contains(hi, "-") {
		return selPart{}, errors.New(p + " är inget intervall; skriv det som 1000-1999")
	}
	if allDigits([]byte(lo)) && allDigits([]byte(hi)) {
		nlo, err1 := strconv.ParseUint(lo, 10, 64)
		nhi, err2 := strconv.ParseUint(hi, 10, 64)
		if err1 != nil || err2 != nil {
			return selPart{}, errors.New("intervallet " + p + " har för stora tal")
		}
		if nlo > nhi {
			return selPart{}, errors.New("intervallet " + p + " börjar efter sitt slut; skriv det lägsta ansvaret först")
		}
		return selPart{kind: selNumRange, nlo: nlo, nhi: nhi}, nil
	}
	if len(lo) != len(hi) {
		return selPart{}, errors.New("intervallet " + p + " har ändar av olika längd; ett intervall av text ska ha lika långa ändar, som RK10-RK19")
	}
	if lo > hi {
		return selPart{}, errors.New("intervallet " + p + " börjar efter sitt slut; skriv det lägsta ansvaret först")
	}
	return selPart{kind: selTextRange, lo: lo, hi: hi}, nil
}

// IsZero reports whether the selector is empty: no Ansvar, every row.
func (s Selector) IsZero() bool { return len(s.parts) == 0 && !s.bad }

// String is Ansvar as written.
func (s Selector) String() string { return s.text }

// Match reports whether a responsibility code is selected. An empty code
// (a row without responsibility) matches no part; an empty Selector
// matches every code.
func (s Selector) Match(code string) bool {
	if s.IsZero() {
		return true
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return false
	}
	num, numErr := uint64(0), error(nil)
	if allDigits([]byte(code)) {
		num, numErr = strconv.ParseUint(code, 10, 64)
	} else {
		numErr = strconv.ErrSyntax
	}
	for _, p := range s.parts {
		switch p.kind {
		case selCode:
			if code == p.code {
				return true
			}
		case selPrefix:
			if strings.HasPrefix(code, p.code) {
				return true
			}
		case selNumRange:
			if numErr == nil && num >= p.nlo && num <= p.nhi {
				return true
			}
		case selTextRange:
			if len(code) == len(p.lo) && code >= p.lo && code <= p.hi {
				return true
			}
		}
	}
	return false
}
