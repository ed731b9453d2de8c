package underlag

import (
	"fmt"
	"strings"

	"rapport/report"
	"rapport/report/ledger"
	"rapport/report/problem"
)

// Field keys of Grupper, and of the Grupp column of Driftbudget and Prognos.
const (
	fDimension = "dimension"
	fCodes     = "codes"
	fGroupName = "groupname"
)

// GroupDimensions are the words the template's Dimension dropdown offers.
var GroupDimensions = []string{report.DimResponsibility, report.DimActivity}

// dimensionWords are the accepted spellings of each dimension, folded.
var dimensionWords = map[string]string{
	"ansvar": report.DimResponsibility, "ansvarskod": report.DimResponsibility,
	"kostnadsstalle": report.DimResponsibility, "kst": report.DimResponsibility,
	"verksamhet": report.DimActivity, "vht": report.DimActivity, "verksamhetskod": report.DimActivity,
}

// groupField is the optional Grupp column of Driftbudget and Prognos: with
// it, each row budgets or forecasts one group's part of a line.
var groupField = field{key: fGroupName, names: []string{"Grupp", "Gruppnamn"}, kind: kindText, width: 22}

// groupsSchema is the optional sheet Grupper (SPEC 14).
var groupsSchema = sheetSchema{
	name: sheetGroups, aliases: []string{"Grupp", "Gruppering", "Grupperingar"},
	fields: []field{
		{key: fDimension, names: []string{"Dimension", "Dimensionen"}, kind: kindText, width: 14},
		{key: fCodes, names: []string{"Koder", "Kod", "Ansvar", "Verksamhet"}, required: true, kind: kindText, width: 30},
		{key: fGroupName, names: []string{"Grupp", "Gruppnamn", "Namn"}, required: true, kind: kindText, width: 28},
	},
	purpose: "Valfritt: grupper av enhetens konteringar för tabell 4 per grupp. Dimension är Ansvar eller Verksamhet (väljs i listan; tom ärver raden ovanför); Koder är koder, intervall och prefix som Ansvar i Inställningar, t.ex. 1000-1999, RK*, 2100; Grupp är gruppens namn (en grupp kan ha flera rader). Med en kolumn Grupp i Driftbudget och Prognos får grupperna budget, avvikelse och prognos; annars bara utfall. Konteringar utanför alla grupper blir " + report.GroupUngrouped + ".",
}

// readGroups reads the sheet Grupper: each row's Koder as the key Ansvar
// of Inställningar is read (ledger.ParseSelector). It is read when the
// workbook is opened, since the ledger read must know whether to keep
// each posting's Ansvar or Verksamhet. Nil without the sheet or rows.
func (u *underlagReader) readGroups() *report.Grouping {
	t := u.readTable(sheetGroups)
	if t == nil || len(t.rows) == 0 {
		return nil
	}
	g := &report.Grouping{}
	var dimAt string // the cell that set the dimension
	for _, r := range t.rows {
		dim, dcol, dst := t.raw(r, fDimension)
		codes, ccol, cst := t.raw(r, fCodes)
		name, ncol, nst := t.raw(r, fGroupName)
		if dst == invalid || cst == invalid || nst == invalid {
			continue
		}
		if dim != "" {
			d, ok := dimensionWords[fold(dim)]
			switch {
			case !ok:
				t.problem(problem.Error, r, dcol, dim, "är ingen dimension", "Skriv Ansvar eller Verksamhet")
				continue
			case g.Dimension != "" && d != g.Dimension:
				t.problem(problem.Error, r, dcol, dim, fmt.Sprintf("bladet grupperar redan på %s (%s)", g.Dimension, dimAt),
					"Grupper har en dimension; gruppera på antingen Ansvar eller Verksamhet")
				continue
			case g.Dimension == "":
				g.Dimension, dimAt = d, t.sheet+"!"+problem.CellName(dcol, r.n)
			}
		}
		switch {
		case codes == "":
			t.problem(problem.Error, r, ccol, "", "Koder saknas", "Skriv gruppens koder, intervall eller prefix, t.ex. 1000-1999, RK*")
			continue
		case name == "":
			t.problem(problem.Error, r, ncol, "", "Grupp saknas", "Skriv gruppens namn")
			continue
		case strings.EqualFold(name, report.GroupUngrouped):
			t.problem(problem.Error, r, ncol, name, "är namnet på konteringarna utanför alla grupper",
				"Ge gruppen ett annat namn; "+report.GroupUngrouped+" bildas av sig själv")
			continue
		}
		sel, err := ledger.ParseSelector(codes)
		if err != nil {
			t.problem(problem.Error, r, ccol, codes, "Koder "+err.Error(), "Skriv koder, intervall och prefix åtskilda med kommatecken, t.ex. 1000-1999, RK*, 2100")
			continue
		}
		p := t.place(r)
		p.Col = ccol
		g.Defs = append(g.Defs, report.GroupDef{Name: name, Codes: codes, Select: sel, Place: p})
	}
	if g.Dimension == "" {
		u.probs.Add(problem.Problem{Severity: problem.Error, File: u.file, Sheet: t.sheet, Row: t.header,
			Message: "Dimension saknas: bladet säger inte om grupperna är koder för Ansvar eller Verksamhet",
			Hint:    "Skriv Ansvar eller Verksamhet i kolumnen Dimension på första raden"})
		return nil
	}
	if len(g.Defs) == 0 {
		return nil
	}
	return g
}
