package doc

import (
	"fmt"
	"sort"
	"strings"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
)

// Columns of table 4 per group in long form (SPEC 14), as the workbook's
// sheet names them for pivots.
const (
	GroupColumn         = "Grupp"
	GroupLineColumn     = "Rad"
	GroupOutcomeColumn  = "Utfall ack"
	GroupAnnualColumn   = "Årsbudget"
	GroupBudgetColumn   = "Budget ack"
	GroupDeviationCol   = "Avvikelse ack"
	GroupPrognosisCol   = "Årsprognos"
	GroupProgDeviaCol   = "Prognosavvikelse"
	groupRestLabelStart = "Övriga grupper"
)

// GroupsCaption is the caption of table 4 per group in the PDF;
// GroupsLongCaption that of its long form in the workbook.
func GroupsCaption(unit string) string {
	return "Tabell 4 per grupp: " + layouts.Genitive(unit) + " driftbudget per grupp, redovisas i mnkr"
}

// GroupsLongCaption is the workbook's title of table 4 per group.
func GroupsLongCaption(unit string) string {
	return "Tabell 4 per grupp: " + layouts.Genitive(unit) + " driftbudget per grupp och rad, redovisas i kronor"
}

// groups adds table 4 per group after table 4 (SPEC 14): the groups whose
// deviation reaches Väsentlighet, one row for the rest, Netto, and the
// groups' comments from Prognos.
func (b *builder) groups() {
	t, ok := groupSummary(b.r, b.unit, b.annual())
	if !ok {
		return
	}
	b.add(t)
	var comments []string
	for _, g := range b.r.Groups.Groups {
		for _, l := range g.Lines {
			if c := strings.TrimSpace(l.Comment); c != "" {
				comments = append(comments, g.Name+", "+lowerFirst(l.Line)+": "+c)
			}
		}
	}
	if len(comments) > 0 {
		b.add(Paragraph{Style: Lead, Text: "Kommentarer per grupp"})
		b.add(List{Style: Body, Items: comments})
	}
}

// groupFigures are the Netto figures a group shows in the PDF's table.
func groupFigures(t *report.GroupTable, l report.OperatingLine, annual bool) []*Value {
	vals := []*Value{}
	switch {
	case !t.HasBudget:
		vals = append(vals, mnkrValue(l.OutcomeAcc))
	case annual:
		vals = append(vals, mnkrValue(l.AnnualBudget), mnkrValue(l.OutcomeAcc), mnkrValue(l.OutcomeAcc-l.AnnualBudget))
	default:
		vals = append(vals, mnkrValue(l.AnnualBudget), mnkrValue(l.BudgetAcc), mnkrValue(l.OutcomeAcc), mnkrValue(l.DeviationAcc))
		if t.HasPrognosis {
			vals = append(vals, mnkrValue(l.Prognosis), mnkrValue(l.PrognosisDeviation))
		}
	}
	return vals
}

// groupWeight is how far a group deviates: the larger of its deviations
// shown, or without budget its outcome.
func groupWeight(t *report.GroupTable, l report.OperatingLine, annual bool) money.Amount {
	abs := func(a money.Amount) money.Amount {
		if a < 0 {
			return -a
		}
		return a
	}
	switch {
	case !t.HasBudget:
		return abs(l.OutcomeAcc)
	case annual:
		return abs(l.OutcomeAcc - l.AnnualBudget)
	case t.HasPrognosis:
		return max(abs(l.DeviationAcc), abs(l.PrognosisDeviation))
	}
	return abs(l.DeviationAcc)
}

// groupSummary is the PDF's table 4 per group: one row per group whose
// deviation is at least Väsentlighet, largest first, then the rest in one
// row, then Netto, which adds them all. ok is false without Grupper.
func groupSummary(r *report.Report, unit string, annual bool) (Table, bool) {
	gt := r.Groups
	if gt == nil || len(gt.Groups) == 0 {
		return Table{}, false
	}
	cols := []Column{col(GroupColumn, 2.6, Left)}
	var derived []Derived
	switch {
	case !gt.HasBudget:
		cols = append(cols, col(GroupOutcomeColumn, 1.5, Right))
	case annual:
		cols = append(cols, col("Årsbudget", 1.5, Right), col("Utfall", 1.5, Right), deviationCol("Avvikelse", 1.5))
		derived = append(derived, Derived{Column: 3, Op: Difference, A: 2, B: 1})
	default:
		cols = append(cols, col(GroupAnnualColumn, 1.4, Right), col(GroupBudgetColumn, 1.4, Right), col(GroupOutcomeColumn, 1.4, Right),
			deviationCol(GroupDeviationCol, 1.4))
		derived = append(derived, Derived{Column: 4, Op: Difference, A: 3, B: 2})
		if gt.HasPrognosis {
			cols = append(cols, col(GroupPrognosisCol, 1.4, Right), deviationCol(GroupProgDeviaCol, 1.4))
			derived = append(derived, Derived{Column: 6, Op: Difference, A: 5, B: 1})
		}
	}
	order := make([]int, len(gt.Groups))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		return groupWeight(gt, gt.Groups[order[i]].Net, annual) > groupWeight(gt, gt.Groups[order[j]].Net, annual)
	})
	var rows []Row
	var rest report.OperatingLine
	nRest := 0
	for _, i := range order {
		g := gt.Groups[i]
		w := groupWeight(gt, g.Net, annual)
		if w.TenthsOfMnkr() != 0 && w >= r.Materiality {
			rows = append(rows, Row{Kind: Plain, Cells: valueCells(g.Name, groupFigures(gt, g.Net, annual))})
			continue
		}
		nRest++
		rest = addLines(rest, g.Net)
	}
	if nRest > 0 {
		label := fmt.Sprintf("%s (%d)", groupRestLabelStart, nRest)
		if nRest == len(gt.Groups) {
			label = fmt.Sprintf("Alla grupper (%d)", nRest)
		}
		rows = append(rows, Row{Kind: Plain, Cells: valueCells(label, groupFigures(gt, rest, annual))})
	}
	all := make([]int, len(rows))
	for i := range all {
		all[i] = i
	}
	rows = append(rows, Row{Kind: Total, Cells: valueCells(layouts.NetLabel, groupFigures(gt, r.Operating.Net, annual)), Adds: all})
	measure := "avvikelse"
	if !gt.HasBudget {
		measure = "utfall"
	}
	note := fmt.Sprintf("Grupper efter %s enligt bladet Grupper. Grupperna vars %s är minst väsentlighetsgränsen (%s mnkr) visas var för sig, störst först; övriga grupper på en rad. %s är konteringar utanför alla grupper. Grupperna summerar till tabell 4; varje grupp per rad finns i arbetsbokens blad Tabell 4 per grupp.",
		strings.ToLower(gt.Dimension), measure, r.Materiality.FormatMnkr(), report.GroupUngrouped)
	if !gt.HasBudget {
		note += " Driftbudget har ingen kolumn Grupp, så grupperna visar bara utfall."
	}
	t := Table{Caption: GroupsCaption(unit), Columns: cols, Rows: rows, Small: true, Note: note, Derived: derived}
	t.finish()
	return t, true
}

// addLines adds two lines' figures.
func addLines(a, b report.OperatingLine) report.OperatingLine {
	a.AnnualBudget += b.AnnualBudget
	a.BudgetAcc += b.BudgetAcc
	a.OutcomeAcc += b.OutcomeAcc
	a.DeviationAcc += b.DeviationAcc
	a.Prognosis += b.Prognosis
	a.PrognosisDeviation += b.PrognosisDeviation
	return a
}

// valueCells is a label and figures as cells.
func valueCells(label string, vals []*Value) []Cell {
	cells := []Cell{{Text: label}}
	for _, v := range vals {
		cells = append(cells, Cell{Value: v})
	}
	return cells
}

// GroupsLong is table 4 per group in long form, for the workbook's sheet
// Tabell 4 per grupp (SPEC 14): one row per group and line of table 4,
// and the group's Netto, in kronor to the öre; Årsbudget, Budget ack and
// Avvikelse ack where Driftbudget has a Grupp column, Årsprognos and
// Prognosavvikelse where the groups have a prognosis. ok is false
// without Grupper.
func GroupsLong(r *report.Report) (Table, bool) {
	gt := r.Groups
	if gt == nil || len(gt.Groups) == 0 {
		return Table{}, false
	}
	cols := []Column{col(GroupColumn, 2.4, Left), col(GroupLineColumn, 2.4, Left), col(GroupOutcomeColumn, 1.6, Right)}
	// Plain figures, no formulas: a pivot sums them, and each is the
	// report's to the öre.
	if gt.HasBudget {
		cols = append(cols, col(GroupAnnualColumn, 1.6, Right), col(GroupBudgetColumn, 1.6, Right), deviationCol(GroupDeviationCol, 1.6))
	}
	if gt.HasPrognosis {
		cols = append(cols, col(GroupPrognosisCol, 1.6, Right), deviationCol(GroupProgDeviaCol, 1.6))
	}
	kr := func(a money.Amount) *Value { return &Value{Unit: Kronor, Amount: a, Decimals: 2} }
	cells := func(group string, l report.OperatingLine, label string) []Cell {
		cs := []Cell{{Text: group}, {Text: label}, {Value: kr(l.OutcomeAcc)}}
		if gt.HasBudget {
			cs = append(cs, Cell{Value: kr(l.AnnualBudget)}, Cell{Value: kr(l.BudgetAcc)}, Cell{Value: kr(l.DeviationAcc)})
		}
		if gt.HasPrognosis {
			cs = append(cs, Cell{Value: kr(l.Prognosis)}, Cell{Value: kr(l.PrognosisDeviation)})
		}
		return cs
	}
	var rows []Row
	for _, g := range gt.Groups {
		for _, l := range g.Lines {
			rows = append(rows, Row{Kind: Plain, Cells: cells(g.Name, l, l.Line)})
		}
		rows = append(rows, Row{Kind: Sum, Cells: cells(g.Name, g.Net, layouts.NetLabel)})
	}
	t := Table{Caption: GroupsLongCaption(r.Unit), Columns: cols, Rows: rows,
		Note: "En rad per grupp och rad i tabell 4 och gruppens " + layouts.NetLabel + ", i kronor: för pivottabeller. " +
			"Avvikelse ack = Utfall ack − Budget ack; Prognosavvikelse = Årsprognos − Årsbudget. " +
			"Grupperna summerar till tabell 4 rad för rad; " + report.GroupUngrouped + " är konteringar utanför alla grupper."}
	t.finish()
	return t, true
}
