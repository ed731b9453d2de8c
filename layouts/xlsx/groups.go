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
// Excel table for pivots. Nil without Grupper.
func (b *builder) groups() *sheet {
	t, ok := doc.GroupsLong(b.r)
	if !ok {
		return nil
	}
	p, _ := b.sheetTable(sheetGroups, t, subtitle(b.r, "Belopp i kronor, i rapportens tecken: intäkter +, kostnader −"))
	s := p.s
	s.listTable = &excelize.Table{
		Range:          ref(1, headerRow) + ":" + ref(len(t.Columns), headerRow+len(t.Rows)),
		Name:           groupsTableName,
		StyleName:      "TableStyleLight1",
		ShowRowStripes: ptr(true),
	}
	return s
}
