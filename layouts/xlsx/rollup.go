package xlsx

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"rapport/layouts/doc"
	"rapport/report"
)

// RenderRollup writes the region's Sammanställning (SPEC 14) as a
// workbook with the one sheet Sammanställning: the document's table as
// the PDF shows it, its Totalt a SUM of the units' rows. d is the
// document doc.BuildRollup made of ro.
func (o Options) RenderRollup(w io.Writer, ro *report.Rollup, d doc.Document) error {
	if ro == nil {
		return fmt.Errorf("ingen sammanställning att skriva")
	}
	var t *doc.Table
	for _, bl := range d.Blocks {
		if tb, ok := bl.(doc.Table); ok {
			t = &tb
			break
		}
	}
	if t == nil {
		return fmt.Errorf("sammanställningen har ingen tabell")
	}
	// The workbook's properties and dates come from a report of the
	// region: its organisation, period and date.
	r := &report.Report{Organisation: ro.Organisation, Unit: doc.RollupTitle, Year: ro.Year, Period: ro.Period,
		ReportDate: d.ReportDate}
	r.Month.Year, r.Month.Month = ro.Year, ro.Period.LastMonth
	b := &builder{r: r, opt: o, placed: map[int]*placed{}}
	p, _ := b.sheetTable(doc.RollupTitle, *t, d.ReportName+", "+d.Months)
	f, err := b.write([]*sheet{p.s})
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          doc.RollupTitle + " – " + d.ReportName,
		Subject:        "Enheternas tabell 3 och mål per bedömning, " + d.Months,
		Description:    "Skapad av rapport ur enheternas rapporter; rapportdatum " + d.ReportDate + ".",
		Creator:        "rapport",
		LastModifiedBy: "rapport",
		Created:        reportTime(r).Format("2006-01-02T15:04:05Z07:00"),
		Modified:       reportTime(r).Format("2006-01-02T15:04:05Z07:00"),
		Language:       "sv-SE",
		Keywords:       "sammanställning; " + string(ro.Period.Code),
		Version:        o.Version,
	}); err != nil {
		return fmt.Errorf("arbetsboken kunde inte byggas: %w", err)
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return newSortedZip(w, reportTime(r)) })
	if err := f.Write(w); err != nil {
		return fmt.Errorf("arbetsboken kunde inte skrivas: %w", err)
	}
	return nil
}
