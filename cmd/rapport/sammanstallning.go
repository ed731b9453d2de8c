package main

import (
	"bytes"
	"fmt"
	"path/filepath"

	"rapport/layouts"
	"rapport/layouts/doc"
	"rapport/layouts/pdf"
	"rapport/layouts/xlsx"
	"rapport/report"
	"rapport/report/period"
)

// checkRollupFlags is the usage error of --sammanstallning without what
// it needs: the units' folders and the one ledger they share.
func checkRollupFlags(o runOptions) error {
	if o.rollup && (len(o.inputs) == 0 || o.ledgerPath == "") {
		return fmt.Errorf("--sammanstallning gäller en region: ange enhetsmapparna med --in och den gemensamma huvudboken med --ledger")
	}
	return nil
}

// rollupFailure says why the region's roll-up is not written: a unit
// failed, so its figures would be missing from the region's total. ""
// when every unit rendered.
func rollupFailure(results []unitResult) string {
	failed := 0
	for _, res := range results {
		if res.err != nil || res.probs.HasErrors() {
			failed++
		}
	}
	if failed == 0 {
		return ""
	}
	return fmt.Sprintf("sammanställningen skrivs inte: %d av %d enheter kunde inte göras, och regionens summa skulle sakna dem", failed, len(results))
}

// renderRollups renders the region's Sammanställning of each period that
// the units reported, from their reports (SPEC 14): the PDF and the
// workbook of the edition asked for, named Sammanställning_Y_P.
func renderRollups(results []unitResult, o runOptions) ([]outFile, error) {
	edition := layouts.BoardEdition
	if o.draft {
		edition = layouts.DraftEdition
	}
	var order []period.Code
	byCode := map[period.Code][]*report.Report{}
	for _, res := range results {
		for _, r := range res.reports {
			if _, seen := byCode[r.Period.Code]; !seen {
				order = append(order, r.Period.Code)
			}
			byCode[r.Period.Code] = append(byCode[r.Period.Code], r)
		}
	}
	var files []outFile
	for _, code := range order {
		reports := byCode[code]
		ro, err := report.NewRollup(reports)
		if err != nil {
			return nil, err
		}
		example := false
		for _, r := range reports {
			example = example || r.Example
		}
		d, err := doc.BuildRollup(ro, reports[0].ReportDate, example, edition.Mark)
		if err != nil {
			return nil, err
		}
		base := fmt.Sprintf("%s_%d_%s", doc.RollupTitle, ro.Year, code) + edition.FileSuffix
		for _, format := range o.formats {
			var buf bytes.Buffer
			switch format {
			case "pdf":
				err = pdf.RenderDocument(&buf, d, pdf.Options{Version: o.version, Edition: edition})
			case "xlsx":
				err = xlsx.Options{Version: o.version}.RenderRollup(&buf, ro, d)
			default:
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %v", base, format, err)
			}
			files = append(files, outFile{filepath.Join(o.out, base+"."+format), buf.Bytes()})
		}
	}
	return files, nil
}
