package xlsx

import (
	"github.com/xuri/excelize/v2"

	"rapport/layouts/doc"
)

// sheetGroups is table 4 per group in long form (SPEC 14).
const sheetGroups = "Tabell 4 per grupp"

// groupsTableName is the Excel table's name on sheetGroups.
const groupsTableName = "Tabell4PerGrupp"

// groups lays out Tabell 4 per grupp: the document's table 4 per group in
// long form, one row per group and line and each group's Netto, as an
// Excel table for pivots, and below it the PDF's table 4 per group. Nil
// without Grupper.
func (b *builder) groups() *sheet {
	t, ok := doc.GroupsLong(b.r)
	if !ok {
		return nil
	}
	p, next := b.sheetTable(sheetGroups, t, subtitle(b.r, "Belopp i kronor, i rapportens tecken: intäkter +, kostnader −"))
	s := p.s
	// Below it, the PDF's table 4 per group, as the PDF shows it (SPEC 11).
	for _, c := range b.companions(doc.GroupsCaption(b.r.Unit)) {
		next = b.companion(s, c, next+1)
	}
	s.listTable = &excelize.Table{
		Range:          ref(1, headerRow) + ":" + ref(len(t.Columns), headerRow+len(t.Rows)),
		Name:           groupsTableName,
		StyleName:      "TableStyleLight1",
		ShowRowStripes: ptr(true),
	}
	return s
}
