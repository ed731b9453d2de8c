package xlsxstream

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readAll reads a sheet with this package, shaped as excelize's GetRows:
// rows up to the last one with a value, each cut after its last value.
func readAll(t testing.TB, data []byte, sheet string) ([][]string, error) {
	t.Helper()
	wb, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits())
	if err != nil {
		return nil, err
	}
	rows, err := wb.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		r := rows.Row()
		for len(out) < r {
			out = append(out, nil)
		}
		var cells []string
		for _, c := range rows.Cells() {
			for len(cells) < c.Col {
				cells = append(cells, "")
			}
			cells[c.Col-1] = string(c.Value)
		}
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		out[r-1] = cells
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out, rows.Err()
}

// excelizeRows reads a sheet with excelize, raw values.
func excelizeRows(data []byte, sheet string) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	for i := range rows {
		for len(rows[i]) > 0 && rows[i][len(rows[i])-1] == "" {
			rows[i] = rows[i][:len(rows[i])-1]
		}
	}
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows, nil
}

// diffRows names the first cell where two readings differ.
func diffRows(a, b [][]string) string {
	n := max(len(a), len(b))
	for i := 0; i < n; i++ {
		var ra, rb []string
		if i < len(a) {
			ra = a[i]
		}
		if i < len(b) {
			rb = b[i]
		}
		m := max(len(ra), len(rb))
		for j := 0; j < m; j++ {
			var va, vb string
			if j < len(ra) {
				va = ra[j]
			}
			if j < len(rb) {
				vb = rb[j]
			}
			if va != vb {
				return fmt.Sprintf("rad %d kolumn %d: xlsxstream %q, excelize %q", i+1, j+1, va, vb)
			}
		}
	}
	return ""
}
