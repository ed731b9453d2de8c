package xlsx

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readOnly reads a workbook with openpyxl in read-only mode, which trusts
// each sheet's <dimension>, and prints per sheet its size and how many
// cells hold a value, and the tables of Underlag.
const readOnly = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = {"sheets": {}}
for ws in wb.worksheets:
    n = sum(1 for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    out["sheets"][ws.title] = {"rows": ws.max_row, "cols": ws.max_column, "cells": n}
out["tables"] = dict(openpyxl.load_workbook(sys.argv[1])["Underlag"].tables.items())
print(json.dumps(out))
`

// TestOpenpyxlReadOnly reads the workbook as a Python script would, with
// openpyxl's read-only mode: before sheets stated their used range it saw
// one cell per sheet. A python3 without openpyxl fails it (.ci/run installs
// python3-openpyxl).
func TestOpenpyxlReadOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Python")
	}
	python := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Fatal("no python3 with openpyxl, and the test reads the workbook with it: " +
			"apt-get install python3-openpyxl (or run .ci/run, which installs every tool the tests need)")
	}
	r := sampleReport()
	data := render(t, r)
	path := filepath.Join(t.TempDir(), "rapport.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", readOnly, path).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var got struct {
		Sheets map[string]struct{ Rows, Cols, Cells int }
		Tables map[string]string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	f := open(t, data)
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		cells, cols := 0, 0
		for _, row := range rows {
			cols = max(cols, len(row))
			for _, v := range row {
				if v != "" {
					cells++
				}
			}
		}
		g := got.Sheets[sheet]
		if g.Rows != len(rows) || g.Cols != cols || g.Cells != cells {
			t.Errorf("%s: openpyxl read-only sees %d rows, %d columns, %d cells; excelize %d, %d, %d",
				sheet, g.Rows, g.Cols, g.Cells, len(rows), cols, cells)
		}
	}
	if got.Tables["Underlag"] != "A4:E"+strconv.Itoa(headerRow+len(r.Accounts)) {
		t.Errorf("openpyxl finds the tables %v", got.Tables)
	}
}
