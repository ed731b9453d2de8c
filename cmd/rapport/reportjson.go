package main

import (
	"encoding/json"
	"io"

	"rapport/layouts/doc"
	"rapport/report"
)

// reportData is what --format json writes: the computed report, and the
// tables as the PDF and the workbook show them, each figure with its
// unit, its exact value (öre for amounts) and its text (SPEC 11).
type reportData struct {
	*report.Report
	Tables []doc.Table `json:"tables"`
}

// writeReportJSON writes r as data, indented.
func writeReportJSON(w io.Writer, r *report.Report) error {
	tables, err := doc.Tables(r)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(reportData{Report: r, Tables: tables})
}
