package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/report"
)

// TestTemplateRoundTrip fills the template that `rapport template` writes
// with the example's data, the way a controller would paste it in under the
// template's headers, and checks that validate passes and that generate
// computes exactly the example's reports.
func TestTemplateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, report.UnderlagFile)
	if code, _, stderr := runCmd(t, "template", "--out", tpl, "--year", "2026"); code != exitOK {
		t.Fatalf("template: exit %d\n%s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, report.LedgerXLSX), exampleFile(t, report.LedgerXLSX), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := excelize.OpenReader(bytes.NewReader(exampleFile(t, report.UnderlagFile)))
	if err != nil {
		t.Fatal(err)
	}
	dst, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	for _, sheet := range src.GetSheetList() {
		if sheet == "Inställningar" {
			copySettings(t, src, dst)
		} else {
			copyUnderHeader(t, src, dst, sheet)
		}
	}
	if err := dst.Save(); err != nil {
		t.Fatal(err)
	}

	if code, stdout, _ := runCmd(t, "validate", "--in", dir); code != exitOK || strings.Contains(stdout, "Fel (") {
		t.Fatalf("validate on the filled template: exit %d\n%s", code, stdout)
	}
	fromTemplate, fromExample := t.TempDir(), t.TempDir()
	for _, run := range [][]string{
		{"generate", "--in", dir, "--out", fromTemplate, "--format", "json"},
		{"generate", "--out", fromExample, "--format", "json"},
	} {
		if code, _, stderr := runCmd(t, run...); code != exitOK {
			t.Fatalf("%v: exit %d\n%s", run, code, stderr)
		}
	}
	want := snapshot(t, fromExample)
	got := snapshot(t, fromTemplate)
	if len(want) != 4 {
		t.Fatalf("example gave %d reports, want 4", len(want))
	}
	t.Logf("%d reports compared, e.g. %d bytes", len(want), len(want["Regionstyrelsen_2026_UR1.json"].data))
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("filled template gave no %s", name)
			continue
		}
		// The problems name cells, which the template places where the
		// example does; everything else must agree to the öre.
		if !bytes.Equal(g.data, w.data) {
			t.Errorf("%s differs between the filled template and the example", name)
		}
	}
}

// copySettings writes the example's key/value settings over the template's.
func copySettings(t *testing.T, src, dst *excelize.File) {
	t.Helper()
	const sheet = "Inställningar"
	rows, _ := src.GetRows(sheet)
	have, _ := dst.GetRows(sheet)
	for _, kv := range rows {
		if len(kv) < 2 {
			continue
		}
		row := len(have) + 1
		for i, r := range have {
			if len(r) > 0 && strings.EqualFold(r[0], kv[0]) {
				row = i + 1
			}
		}
		if row == len(have)+1 {
			have = append(have, []string{kv[0]})
		}
		dst.SetCellStr(sheet, "A"+strconv.Itoa(row), kv[0])
		dst.SetCellStr(sheet, "B"+strconv.Itoa(row), kv[1])
	}
}

// copyUnderHeader replaces the template's example rows with the example's
// data, column by column under the header of the same name.
func copyUnderHeader(t *testing.T, src, dst *excelize.File, sheet string) {
	t.Helper()
	srcRows, err := src.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil || len(srcRows) == 0 {
		t.Fatalf("example sheet %s: %v", sheet, err)
	}
	dstRows, err := dst.GetRows(sheet)
	if err != nil || len(dstRows) == 0 {
		t.Fatalf("template lacks sheet %s", sheet)
	}
	col := map[string]int{}
	for i, h := range dstRows[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = i + 1
	}
	for r := 2; r <= len(dstRows); r++ {
		for c := 1; c <= len(dstRows[0]); c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			dst.SetCellValue(sheet, cell, nil)
		}
	}
	for r := 1; r < len(srcRows); r++ {
		for c, h := range srcRows[0] {
			to, ok := col[strings.ToLower(strings.TrimSpace(h))]
			if !ok {
				t.Fatalf("template sheet %s has no column %q", sheet, h)
			}
			from, _ := excelize.CoordinatesToCellName(c+1, r+1)
			cell, _ := excelize.CoordinatesToCellName(to, r+1)
			v, _ := src.GetCellValue(sheet, from, excelize.Options{RawCellValue: true})
			if typ, _ := src.GetCellType(sheet, from); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					dst.SetCellFloat(sheet, cell, f, -1, 64)
					continue
				}
			}
			dst.SetCellStr(sheet, cell, v)
		}
	}
}
