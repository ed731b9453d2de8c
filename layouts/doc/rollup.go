package doc

import (
	"fmt"
	"time"

	"rapport/layouts"
	"rapport/report"
)

// RollupKind is the Kind of the region's Sammanställning.
const RollupKind = "sammanställning"

// RollupTitle is the roll-up's heading, and its workbook sheet's name.
const RollupTitle = "Sammanställning"

// BuildRollup is the document of the region's Sammanställning (SPEC 14):
// one table with a row per unit (table 3's figures in the period kind's
// names and the number of goals per assessment), then the region's
// Totalt, which adds the units' rows. mark is the review edition's mark,
// "" for the board's. example says whether any unit's report is built on
// example data.
func BuildRollup(ro *report.Rollup, reportDate string, example bool, mark string) (Document, error) {
	if ro == nil || len(ro.Units) == 0 {
		return Document{}, fmt.Errorf("sammanställningen har inga enheter")
	}
	kind, err := kindText(ro.Period.Kind)
	if err != nil {
		return Document{}, err
	}
	months := fmt.Sprint(ro.Year)
	if ro.Period.LastMonth >= time.January && ro.Period.LastMonth <= time.December {
		months = fmt.Sprintf("%s %d", ro.Period.Months(), ro.Year)
	}
	d := Document{
		Organisation: ro.Organisation,
		Unit:         RollupTitle,
		ReportName:   fmt.Sprintf("%s %d", ro.Period.Name, ro.Year),
		Months:       months,
		ReportDate:   reportDate,
		Example:      example,
		Kind:         RollupKind,
		Mark:         mark,
	}
	d.Cover = []Fact{
		{"Organisation", orDash(d.Organisation)},
		{"Rapport", RollupTitle + " – " + d.ReportName},
		{"Period", d.Months},
		{"Enheter", fmt.Sprint(len(ro.Units))},
		{"Typ", kind},
	}
	if mark != "" {
		d.Cover = append(d.Cover, Fact{"Utgåva", "Utkast för granskning, inte styrelsens utgåva"})
	}
	if example {
		d.Notice = "Sammanställningen bygger på påhittade exempeluppgifter. Siffrorna beskriver inte Region Hallands verkliga ekonomi och får inte användas som beslutsunderlag."
	}
	d.Blocks = []Block{
		Heading{Level: 1, Text: RollupTitle + " för regionen"},
		Paragraph{Style: Body, Text: fmt.Sprintf("Tabellen visar varje enhets ekonomi (tabell 3) och antal mål per bedömning i %s %d, med regionens summa sist. Varje enhets siffror är desamma som i enhetens egen rapport.", ro.Period.Name, ro.Year)},
		RollupTable(ro, months),
	}
	return d, nil
}

// RollupTable is Sammanställning's table: the unit, table 3's figures in
// mnkr, the goals per assessment word, and the Totalt row that adds the
// units' rows column by column.
func RollupTable(ro *report.Rollup, months string) Table {
	k := ro.Period.Kind
	cols := []Column{col("Enhet", 3.2, Left)}
	for i, label := range layouts.Table3RowsFor(k) {
		c := col(label+" (mnkr)", 2.5, Right)
		// Periodresultat is a level, the others deviations.
		c.Deviation = i > 0
		cols = append(cols, c)
	}
	for _, l := range report.Levels {
		cols = append(cols, col(l.AssessmentWord(k), 1.9, Right))
	}
	row := func(kind RowKind, r report.RollupRow) Row {
		cells := []Cell{{Text: r.Unit}}
		for _, a := range r.Figures(k) {
			cells = append(cells, Cell{Value: mnkrValue(a)})
		}
		for _, l := range report.Levels {
			cells = append(cells, Cell{Value: countValue(r.GoalCounts[l])})
		}
		return Row{Kind: kind, Cells: cells}
	}
	t := Table{
		Caption: RollupTitle + ": ekonomi och mål per enhet, " + months,
		Columns: cols,
		Small:   true,
		Note:    "Belopp i mnkr. Positiva avvikelser är bättre än budget; negativa avvikelser är markerade med rött. Periodresultat är enhetens netto och markeras inte. Totalt är summan av enheternas rader.",
	}
	for _, u := range ro.Units {
		t.Rows = append(t.Rows, row(Plain, u))
	}
	total := row(Total, ro.Total)
	total.Adds = rowIndexes(len(t.Rows))
	t.Rows = append(t.Rows, total)
	t.finish()
	return t
}
