package report

import (
	"fmt"
	"strings"
	"time"

	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// The dimensions a Grupper sheet may group by (SPEC 14), as written in its
// column Dimension.
const (
	DimResponsibility = "Ansvar"
	DimActivity       = "Verksamhet"
)

// GroupUngrouped is the group of the postings (and the budget and
// prognosis rows) outside every group of Grupper.
const GroupUngrouped = "Ej grupperat"

// Grouping is the sheet Grupper: the unit's postings grouped by their
// Ansvar or Verksamhet codes (SPEC 14).
type Grouping struct {
	Dimension string     // DimResponsibility or DimActivity
	Defs      []GroupDef // one per row, in sheet order; a group may have several rows
}

// GroupDef is one row of Grupper: a group and the codes it takes.
type GroupDef struct {
	Name   string
	Codes  string          // Koder as written
	Select ledger.Selector // Koder read as Ansvar in Inställningar is (SPEC 6.2)
	Place  Place           // the Koder cell
}

// Names are the groups in sheet order, each once.
func (g *Grouping) Names() []string {
	var names []string
	seen := map[string]bool{}
	for _, d := range g.Defs {
		if !seen[d.Name] {
			seen[d.Name] = true
			names = append(names, d.Name)
		}
	}
	return names
}

// GroupTable is table 4 per group (SPEC 14).
type GroupTable struct {
	Dimension string `json:"dimension"`
	// HasBudget is true when Driftbudget has a Grupp column: the groups
	// then have Årsbudget, Budget ack and Avvikelse ack; without it,
	// outcome only.
	HasBudget bool `json:"has_budget"`
	// HasPrognosis is true when the groups have Årsprognos and
	// Prognosavvikelse: Prognos has a Grupp column (or the annual budget or
	// the outcome is the prognosis), and the groups have budgets.
	HasPrognosis bool          `json:"has_prognosis"`
	Groups       []GroupResult `json:"groups"` // in Grupper's order, Ej grupperat last
}

// GroupResult is one group's table 4: its lines in table 4's order and
// their sum, Netto. Their figures add up, group by group, to table 4's.
type GroupResult struct {
	Name  string          `json:"name"`
	Lines []OperatingLine `json:"lines"`
	Net   OperatingLine   `json:"net"`
	// Postings is false for a group that took no posting of the year
	// through the report month (a warning).
	Postings bool `json:"postings"`
}

// groupRows are Driftbudget's and Prognos's rows as read, per group,
// before mergeGroupRows sums them per line for table 4.
type groupRows struct {
	budget    []BudgetLine
	prognoses []Prognosis
	budgetBy  bool // Driftbudget names groups
	progBy    bool // Prognos names groups
}

// codeSums is the outcome per Ansvar or Verksamhet code and line, in the
// ledger's sign: summed from the same buckets as table 4, so that the
// groups cannot drift from it.
type codeSums map[string]map[string]money.Amount

// add sums a bucket's amount under its code, when Grupper asks for it.
func (s *codeSums) add(g *Grouping, k ledger.Key, line string, a money.Amount) {
	if g == nil {
		return
	}
	code := k.Responsibility
	if g.Dimension == DimActivity {
		code = k.Activity
	}
	if *s == nil {
		*s = codeSums{}
	}
	m := (*s)[code]
	if m == nil {
		m = map[string]money.Amount{}
		(*s)[code] = m
	}
	m[line] += a
}

// mergeGroupRows sums Driftbudget's and Prognos's rows of the groups into
// one row per line (per month, for Prognos), which table 4 reads. A row
// without monthly amounts is periodized before it is summed, so that each
// line's Budget ack is the sum of its groups' to the öre. The Inputs are
// not changed: the computation reads a copy.
func (c *computation) mergeGroupRows() {
	if c.in.Groups == nil {
		return
	}
	rows := groupRows{budget: c.in.Budget, prognoses: c.in.Prognoses}
	for _, b := range c.in.Budget {
		rows.budgetBy = rows.budgetBy || b.Group != ""
	}
	for _, p := range c.in.Prognoses {
		rows.progBy = rows.progBy || p.Group != ""
	}
	c.rows = rows
	if !rows.budgetBy && !rows.progBy {
		return
	}
	in := *c.in
	if rows.budgetBy {
		in.Budget = nil
		at := map[string]int{}
		for _, b := range c.in.Budget {
			months := periodized(b)
			i, ok := at[b.Line]
			if !ok {
				at[b.Line] = len(in.Budget)
				in.Budget = append(in.Budget, BudgetLine{Line: b.Line, Annual: b.Annual, Monthly: &months, Place: b.Place})
				continue
			}
			m := in.Budget[i].Monthly
			in.Budget[i].Annual += b.Annual
			for j := range m {
				m[j] += months[j]
			}
		}
	}
	if rows.progBy {
		type key struct {
			m    period.Month
			line string
		}
		in.Prognoses = nil
		at := map[key]int{}
		has := map[key]map[string]bool{} // groups with a row
		for _, p := range c.in.Prognoses {
			k := key{p.Month, p.Line}
			if has[k] == nil {
				has[k] = map[string]bool{}
			}
			has[k][groupName(p.Group)] = true
			comment := p.Comment
			if comment != "" && p.Group != "" {
				comment = p.Group + ": " + comment
			}
			i, ok := at[k]
			if !ok {
				at[k] = len(in.Prognoses)
				in.Prognoses = append(in.Prognoses, Prognosis{Month: p.Month, Line: p.Line, Annual: p.Annual, Comment: comment, Place: p.Place})
				continue
			}
			q := &in.Prognoses[i]
			q.Annual += p.Annual
			if comment != "" {
				q.Comment = strings.TrimSpace(q.Comment + " " + comment)
			}
		}
		// A group with a budget for the line but no prognosis row keeps
		// its budget as prognosis, in the line as in the group. Without
		// budget per group, a line's prognosis is its groups' rows.
		for k, i := range at {
			if !rows.budgetBy {
				break
			}
			for _, b := range c.in.Budget {
				if b.Line == k.line && !has[k][groupName(b.Group)] {
					in.Prognoses[i].Annual += b.Annual
				}
			}
		}
	}
	c.in = &in
}

// periodized is a budget row's monthly amounts: its own, else its annual
// budget spread so that the sum through month m is Årsbudget × m/12
// rounded, as accumulatedBudget has it.
func periodized(b BudgetLine) [12]money.Amount {
	if b.Monthly != nil {
		return *b.Monthly
	}
	var months [12]money.Amount
	prev := money.Amount(0)
	for i := range months {
		acc := accumulatedBudget(BudgetLine{Annual: b.Annual}, time.Month(i+1))
		months[i] = acc - prev
		prev = acc
	}
	return months
}

// groupName is the group a budget or prognosis row names: "" is none.
func groupName(g string) string {
	if strings.TrimSpace(g) == "" || strings.EqualFold(strings.TrimSpace(g), GroupUngrouped) {
		return GroupUngrouped
	}
	return strings.TrimSpace(g)
}

// groups computes table 4 per group (SPEC 14) after table 4, and asserts
// that the groups add up to it line by line.
func (c *computation) groups() {
	g := c.in.Groups
	if g == nil {
		return
	}
	op := &c.r.Operating
	names := append(g.Names(), GroupUngrouped)
	index := map[string]int{}
	for i, n := range names {
		index[n] = i
	}
	groupOf := c.groupOfCodes(g, index)
	t := &GroupTable{Dimension: g.Dimension, HasBudget: c.rows.budgetBy}
	t.HasPrognosis = t.HasBudget && (c.rows.progBy || op.PrognosisIsBudget || op.PrognosisIsOutcome)
	lineAt := map[string]int{}
	for i, l := range op.Lines {
		lineAt[l.Line] = i
	}
	res := make([]GroupResult, len(names))
	for i, n := range names {
		res[i] = GroupResult{Name: n, Lines: make([]OperatingLine, len(op.Lines))}
		for j, l := range op.Lines {
			res[i].Lines[j].Line = l.Line
		}
	}
	for code, lines := range c.sums.byCode {
		gi := groupOf[code]
		for line, a := range lines {
			if j, ok := lineAt[line]; ok {
				res[gi].Lines[j].OutcomeAcc -= a
				res[gi].Postings = true
			}
		}
	}
	c.groupBudgets(t, res, index, lineAt)
	for i := range res {
		for j := range res[i].Lines {
			l := &res[i].Lines[j]
			if op.Lines[j].Funding && op.FundingFromSetting && i == len(res)-1 {
				// The decided funding is no posting and in no group's rows.
				l.OutcomeAcc = op.Lines[j].OutcomeAcc
			}
			if t.HasBudget {
				l.DeviationAcc = l.OutcomeAcc - l.BudgetAcc
			}
			if op.PrognosisIsOutcome && t.HasPrognosis {
				l.Prognosis = l.OutcomeAcc
			}
			if t.HasPrognosis {
				l.PrognosisDeviation = l.Prognosis - l.AnnualBudget
			} else {
				l.Prognosis, l.Comment = 0, ""
			}
		}
		res[i].Net = sumLines("Netto", res[i].Lines, false, func(OperatingLine) bool { return true })
	}
	last := len(res) - 1
	for _, r := range res[:last] {
		if !r.Postings {
			d := firstDef(g, r.Name)
			c.probs.Add(d.Place.problemAt(problem.Warning, d.Codes,
				fmt.Sprintf("gruppen %s har inga konteringar i huvudboken till och med %s", r.Name, c.month.Swedish()),
				"Kontrollera Koder i bladet "+SheetGroups+" mot huvudbokens "+strings.ToLower(g.Dimension)))
		}
	}
	if !res[last].Postings && res[last].Net == (OperatingLine{Line: "Netto"}) {
		res = res[:last] // nothing outside the groups
	}
	t.Groups = res
	c.r.Groups = t
	c.assertGroupSums(t)
}

// groupOf is the index of the group a Driftbudget or Prognos row names;
// a name Grupper lacks is an error at the row's cell, and the row counts
// as ungrouped so that the figures still add up while the error is shown.
func (c *computation) groupOf(index map[string]int, group string, at Place, ungrouped int) int {
	if gi, ok := index[groupName(group)]; ok {
		return gi
	}
	c.probs.Add(at.problemAt(problem.Error, group, "gruppen finns inte i bladet "+SheetGroups,
		"Skriv en av gruppernas namn i Grupp, eller lämna cellen tom för "+GroupUngrouped))
	return ungrouped
}

// groupBudgets puts each group's budget and prognosis rows on its lines.
func (c *computation) groupBudgets(t *GroupTable, res []GroupResult, index map[string]int, lineAt map[string]int) {
	if !t.HasBudget {
		return
	}
	op := &c.r.Operating
	ungrouped := len(res) - 1
	budgeted := map[string]bool{}
	have := map[[2]string]bool{} // group, line with a budget row
	for _, b := range c.rows.budget {
		j, ok := lineAt[b.Line]
		gi := c.groupOf(index, b.Group, b.Place, ungrouped)
		if !ok {
			continue
		}
		budgeted[b.Line] = true
		have[[2]string{groupName(b.Group), b.Line}] = true
		l := &res[gi].Lines[j]
		l.AnnualBudget += b.Annual
		l.BudgetAcc += accumulatedBudget(b, c.month.Month)
		l.Prognosis += b.Annual // until a prognosis row says otherwise
	}
	for j, l := range op.Lines {
		if l.Funding && !budgeted[l.Line] {
			// The decided funding, from Inställningar: in no group's rows.
			u := &res[ungrouped].Lines[j]
			u.AnnualBudget, u.BudgetAcc, u.Prognosis = l.AnnualBudget, l.BudgetAcc, l.Prognosis
		}
	}
	if !c.rows.progBy || op.PrognosisIsBudget || op.PrognosisIsOutcome {
		return
	}
	for _, p := range c.rows.prognoses {
		j, ok := lineAt[p.Line]
		gi := c.groupOf(index, p.Group, p.Place, ungrouped)
		if !ok || p.Month != op.PrognosisMonth {
			continue
		}
		l := &res[gi].Lines[j]
		if have[[2]string{groupName(p.Group), p.Line}] {
			l.Prognosis -= c.groupBudget(groupName(p.Group), p.Line)
		}
		l.Prognosis += p.Annual
		l.Comment = strings.TrimSpace(p.Comment)
	}
}

// groupBudget is a group's Årsbudget for a line.
func (c *computation) groupBudget(group, line string) money.Amount {
	var a money.Amount
	for _, b := range c.rows.budget {
		if b.Line == line && groupName(b.Group) == group {
			a += b.Annual
		}
	}
	return a
}

// groupOfCodes gives each code of the ledger its group's index; a code
// that two groups take is an error naming both cells, and so is a code
// written in one group's Koder that another group takes.
func (c *computation) groupOfCodes(g *Grouping, index map[string]int) map[string]int {
	ungrouped := index[GroupUngrouped]
	out := map[string]int{}
	told := map[[2]int]bool{}
	match := func(code string) (int, []int) {
		var hits []int
		for i, d := range g.Defs {
			if d.Select.Match(code) && (len(hits) == 0 || g.Defs[hits[0]].Name != d.Name) {
				hits = append(hits, i)
			}
		}
		if len(hits) == 0 {
			return ungrouped, nil
		}
		return index[g.Defs[hits[0]].Name], hits
	}
	overlap := func(code string, hits []int) {
		for x := 1; x < len(hits); x++ {
			a, b := g.Defs[hits[0]], g.Defs[hits[x]]
			if a.Name == b.Name || told[[2]int{hits[0], hits[x]}] {
				continue
			}
			told[[2]int{hits[0], hits[x]}] = true
			c.probs.Add(b.Place.problemAt(problem.Error, code,
				fmt.Sprintf("%s %s tas av både gruppen %s (%s, Koder %s) och gruppen %s (%s, Koder %s); en kod kan bara höra till en grupp",
					strings.ToLower(g.Dimension), code, a.Name, a.Place.ref(), a.Codes, b.Name, b.Place.ref(), b.Codes),
				"Ändra Koder i bladet "+SheetGroups+" så att koden bara står i en grupp"))
		}
	}
	for code := range c.sums.byCode {
		gi, hits := match(code)
		if strings.TrimSpace(code) == "" {
			gi, hits = ungrouped, nil
		}
		out[code] = gi
		overlap(code, hits)
	}
	// The codes as written, whether the ledger has them or not.
	for _, d := range g.Defs {
		for _, part := range strings.Split(d.Codes, ",") {
			for _, code := range strings.Split(strings.ReplaceAll(part, "–", "-"), "-") {
				code = strings.TrimSpace(code)
				if code == "" || strings.Contains(code, "*") {
					continue
				}
				_, hits := match(code)
				overlap(code, hits)
			}
		}
	}
	return out
}

// firstDef is a group's first row.
func firstDef(g *Grouping, name string) GroupDef {
	for _, d := range g.Defs {
		if d.Name == name {
			return d
		}
	}
	return GroupDef{}
}

// assertGroupSums checks that the groups add up to table 4, line by line
// and figure by figure. A difference is a bug in rapport, not in the
// inputs: an error that stops the report.
func (c *computation) assertGroupSums(t *GroupTable) {
	op := c.r.Operating
	for j, l := range op.Lines {
		var sum OperatingLine
		for _, g := range t.Groups {
			gl := g.Lines[j]
			sum.OutcomeAcc += gl.OutcomeAcc
			sum.AnnualBudget += gl.AnnualBudget
			sum.BudgetAcc += gl.BudgetAcc
			sum.DeviationAcc += gl.DeviationAcc
			sum.Prognosis += gl.Prognosis
			sum.PrognosisDeviation += gl.PrognosisDeviation
		}
		diffs := []struct {
			name      string
			got, want money.Amount
			check     bool
		}{
			{"Utfall ack", sum.OutcomeAcc, l.OutcomeAcc, true},
			{"Årsbudget", sum.AnnualBudget, l.AnnualBudget, t.HasBudget},
			{"Budget ack", sum.BudgetAcc, l.BudgetAcc, t.HasBudget},
			{"Avvikelse ack", sum.DeviationAcc, l.DeviationAcc, t.HasBudget},
			{"Årsprognos", sum.Prognosis, l.Prognosis, t.HasPrognosis},
			{"Prognosavvikelse", sum.PrognosisDeviation, l.PrognosisDeviation, t.HasPrognosis},
		}
		for _, d := range diffs {
			if d.check && d.got != d.want {
				c.probs.Add(problem.Problem{Severity: problem.Error, Sheet: SheetGroups, Value: l.Line,
					Message: fmt.Sprintf("internt fel: gruppernas %s för raden %s summerar till %s kr men tabell 4 har %s kr",
						d.name, l.Line, d.got.FormatKr(), d.want.FormatKr()),
					Hint: "Detta är ett fel i rapport, inte i underlaget; rapportera det med underlaget och huvudboken"})
			}
		}
	}
}

// problemAt builds a problem at a place's cell (or row).
func (p Place) problemAt(sev problem.Severity, value, message, hint string) problem.Problem {
	if p.Col > 0 {
		return problem.At(sev, p.File, p.Sheet, p.Col, p.Row, value, message, hint)
	}
	return problem.Problem{Severity: sev, File: p.File, Sheet: p.Sheet, Row: p.Row, Cell: rowRef(p.Row),
		Value: value, Message: message, Hint: hint}
}

// ref is a place as a cell reference, "Grupper!B3".
func (p Place) ref() string {
	switch {
	case p.Col > 0 && p.Row > 0:
		return p.Sheet + "!" + problem.CellName(p.Col, p.Row)
	case p.Row > 0:
		return p.Sheet + " rad " + fmt.Sprint(p.Row)
	}
	return p.Sheet
}
