package ledger

import (
	"fmt"
	"strings"

	"rapport/report/money"
	"rapport/report/problem"
)

// Unit is one unit that a ledger's postings are routed to (SPEC 6.2):
// one regional export read once for every board and committee.
type Unit struct {
	Name   string   // for messages: the unit's name or folder
	Select Selector // its Ansvar; must not be empty
}

// UnitSums is what one unit's selector took from the ledger.
type UnitSums struct {
	Buckets  map[Key]Bucket
	Rows     int          // summed rows the unit took
	Total    money.Amount // their sum
	Problems problem.List // problems of this unit alone, such as overlaps
}

// Routing is, in a unit's view of a routed ledger (Ledger.ForUnit), where
// the file's other summed rows went: so that the unit's reconciliation
// still accounts for every krona of the file.
type Routing struct {
	Own        Bucket // rows this unit took
	OtherUnits Bucket // rows that other units of the run took
	NoUnit     Bucket // rows that no unit of the run selects ("andra enheters rader")
	Overlap    Bucket // rows two units select: errors, in no unit's buckets
}

// Route codes: a unit index ≥ 0, or one of these.
const (
	routeNone    int32 = -1 // no unit selects the row
	routeOverlap int32 = -2 // two or more units select it
	routeNoCode  int32 = -3 // the row has no responsibility code: no unit
)

// router sends each posting to the unit whose Selector takes its
// responsibility. Codes are few (hundreds in a region) and rows many, so
// each distinct code is decided once and remembered.
type router struct {
	l      *Ledger
	units  []Unit
	byCode map[string]int32
	told   map[string]bool // codes whose overlap is reported
}

func newRouter(l *Ledger, units []Unit) *router {
	if len(units) == 0 {
		return nil
	}
	l.Units = make([]UnitSums, len(units))
	for i := range l.Units {
		l.Units[i].Buckets = map[Key]Bucket{}
	}
	l.route = &router{l: l, units: units, byCode: map[string]int32{}, told: map[string]bool{}}
	return l.route
}

// route decides where a posting goes by its responsibility as written
// (raw); code, if raw is new, gives the code to match (a number cell's
// digits), and at where the row is, for the message about an overlap.
func (r *router) route(raw []byte, code func() string, at func() (sheet string, row int, cell string)) int32 {
	if u, ok := r.byCode[string(raw)]; ok {
		return u
	}
	c := code()
	if strings.TrimSpace(c) == "" {
		if r.l.noCodeAt.row == 0 {
			sheet, row, cell := at()
			r.l.noCodeAt = noCodePlace{sheet, row, cell}
		}
		if len(r.byCode) < cacheLimit {
			r.byCode[string(raw)] = routeNoCode
		}
		return routeNoCode
	}
	u := routeNone
	var hits []int
	for i, un := range r.units {
		if un.Select.Match(c) {
			hits = append(hits, i)
		}
	}
	switch len(hits) {
	case 0:
	case 1:
		u = int32(hits[0])
	default:
		u = routeOverlap
		if !r.told[c] && len(r.told) < cacheLimit {
			r.told[c] = true
			r.overlap(c, hits, at)
		}
	}
	if len(r.byCode) < cacheLimit {
		r.byCode[string(raw)] = u
	}
	return u
}

// overlap tells both units of each pair that selects code, once per code
// and pair: the first row with it is named, not every row.
func (r *router) overlap(code string, hits []int, at func() (string, int, string)) {
	sheet, row, cell := at()
	for x, i := range hits {
		for _, j := range hits[x+1:] {
			a, b := r.units[i], r.units[j]
			p := problem.Problem{Severity: problem.Error, File: r.l.File, Sheet: sheet, Row: row, Cell: cell, Value: code,
				Message: fmt.Sprintf("ansvaret %s väljs av både enheten %s (Ansvar %s) och enheten %s (Ansvar %s); en kontering kan bara höra till en enhet",
					code, a.Name, a.Select, b.Name, b.Select),
				Hint: "Ändra Ansvar i Inställningar i den ena enhetens underlag.xlsx så att ansvaret bara väljs av en enhet"}
			for _, k := range []int{i, j} {
				if len(r.l.Units[k].Problems) < maxProblems {
					r.l.Units[k].Problems.Add(p)
				}
			}
		}
	}
}

// add puts a summed bucket where its route says.
func (l *Ledger) add(unit int32, k Key, b Bucket) {
	var dst map[Key]Bucket
	switch {
	case l.route == nil:
		dst = l.Buckets
	case unit >= 0:
		u := &l.Units[unit]
		u.Rows += b.Rows
		u.Total += b.Amount
		dst = u.Buckets
	case unit == routeOverlap:
		l.overlap.Rows += b.Rows
		l.overlap.Amount += b.Amount
		return
	default:
		if unit == routeNoCode {
			l.noCode.Rows += b.Rows
			l.noCode.Amount += b.Amount
		}
		l.noUnit.Rows += b.Rows
		l.noUnit.Amount += b.Amount
		return
	}
	sum := dst[k]
	sum.Amount += b.Amount
	sum.Rows += b.Rows
	dst[k] = sum
}

// NoUnit is, in a routed ledger, the summed rows that no unit selects.
func (l *Ledger) NoUnit() Bucket { return l.noUnit }

// ForUnit is unit i's view of a routed ledger: its own buckets, the file's
// counts and problems plus its own, and in Routing where the other rows
// went. The view shares maps with l.
func (l *Ledger) ForUnit(i int) *Ledger {
	v := *l
	u := l.Units[i]
	v.Buckets = u.Buckets
	v.Units, v.route = nil, nil
	v.Problems = append(append(problem.List(nil), l.Problems...), u.Problems...)
	if n := l.noCode; n.Rows > 0 {
		// Told to every unit: any of them may be missing these rows.
		at := l.noCodeAt
		v.Problems.Add(problem.Problem{Severity: problem.Warning, File: l.File, Sheet: at.sheet, Row: at.row, Cell: at.cell,
			Message: fmt.Sprintf("%d rader (%s kr) saknar ansvar (tomt Ansvar; den första är denna) och hör därför inte till någon enhet; de räknas som andra enheters rader",
				n.Rows, n.Amount.FormatKr()),
			Hint: "Kontera raderna på ett ansvar i ekonomisystemet om de hör till en enhet"})
	}
	v.Problems.Sort()
	v.Routing = &Routing{Own: Bucket{Amount: u.Total, Rows: u.Rows}, NoUnit: l.noUnit, Overlap: l.overlap}
	for j, o := range l.Units {
		if j != i {
			v.Routing.OtherUnits.Rows += o.Rows
			v.Routing.OtherUnits.Amount += o.Total
		}
	}
	return &v
}

// noResponsibility explains a file without a responsibility column when
// units select their rows by it; the rows then go to no unit.
func (l *Ledger) noResponsibility(sheet, lacks, fix string) {
	if l.noRespTold {
		return
	}
	l.noRespTold = true
	names := ""
	for i, u := range l.route.units {
		if i > 0 {
			names += ", "
		}
		names += u.Name
	}
	l.Problems.Add(problem.Problem{Severity: problem.Error, File: l.File, Sheet: sheet,
		Message: "huvudboken har " + lacks + ", men enheterna väljer sina rader med Ansvar i Inställningar (" + names + ")",
		Hint:    fix + ", eller ta bort Ansvar ur Inställningar om enheten ska ha alla rader"})
}
