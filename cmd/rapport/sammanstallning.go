package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

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
// workbook of the edition asked for, named Sammanställning_Y_P. A period
// that some unit of the run has no report of gets no roll-up, since its
// Totalt would not be the region's: skipped says which and why.
func renderRollups(results []unitResult, o runOptions) (files []outFile, skipped []string, err error) {
	edition := layouts.BoardEdition
	if o.draft {
		edition = layouts.DraftEdition
	}
	// A period is a year's code: units of other years are other roll-ups.
	type key struct {
		year int
		code period.Code
	}
	var order []key
	byKey := map[key][]*report.Report{}
	for _, res := range results {
		for _, r := range res.reports {
			k := key{r.Year, r.Period.Code}
			if _, seen := byKey[k]; !seen {
				order = append(order, k)
			}
			byKey[k] = append(byKey[k], r)
		}
	}
	for _, k := range order {
		reports := byKey[k]
		if missing := unitsWithout(results, k.year, k.code); len(missing) > 0 {
			skipped = append(skipped, fmt.Sprintf("ingen sammanställning för %s %d: %s har ingen rapport för perioden", k.code, k.year, strings.Join(missing, ", ")))
			continue
		}
		ro, err := report.NewRollup(reports)
		if err != nil {
			return nil, nil, err
		}
		example := false
		for _, r := range reports {
			example = example || r.Example
		}
		d, err := doc.BuildRollup(ro, reports[0].ReportDate, example, edition.Mark)
		if err != nil {
			return nil, nil, err
		}
		base := fmt.Sprintf("%s_%d_%s", doc.RollupTitle, k.year, k.code) + edition.FileSuffix
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
				return nil, nil, fmt.Errorf("%s.%s: %v", base, format, err)
			}
			files = append(files, outFile{filepath.Join(o.out, base+"."+format), buf.Bytes()})
		}
	}
	return files, skipped, nil
}

// unitsWithout are the units of the run that have no report of period
// code of year.
func unitsWithout(results []unitResult, year int, code period.Code) []string {
	var missing []string
	for i := range results {
		has := false
		for _, r := range results[i].reports {
			has = has || (r.Year == year && r.Period.Code == code)
		}
		if name := results[i].unit; !has && name != "" {
			missing = append(missing, name)
		} else if !has {
			missing = append(missing, unitName(&results[i]))
		}
	}
	return missing
}
