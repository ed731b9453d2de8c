package main

import (
	"encoding/json"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/fixtures"
	"rapport/fixtures/testkit"
	"rapport/report/money"
)

// TestSameFiguresInPDFAndWorkbook reads both files as a reader does (SPEC
// 11): every numeric cell of the PDF's tagged tables (pdfinfo
// -struct-text) equals the workbook's cached value for the same caption,
// row and column, rounded the PDF's way; a "–" in the PDF is an empty
// cell in the workbook. It runs the example for every kind of period,
// every test input and the region inputs with --ledger, in the board's
// edition and the controller's.
func TestSameFiguresInPDFAndWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every input")
	}
	testkit.Tool(t, "pdfinfo")
	// The controller's edition draws tables 1–5 from the same document
	// and adds the appendix: it is compared for the example's periods and
	// the regional annual report, where its appendix is the longest; each
	// PDF's structure tree takes pdfinfo seconds to print.
	type run struct {
		name     string
		args     func(t *testing.T) []string
		draftToo bool
	}
	var runs []run
	// The example's ledger ends in October: its annual report is refused.
	// The annual report is arsredovisning-2026's and region-agresso's.
	for _, p := range []string{"M02", "UR1", "UR2", "M10"} {
		runs = append(runs, run{"example_" + p, func(*testing.T) []string { return []string{"--period", p, "--year", "2026"} }, true})
	}
	entries, err := fs.ReadDir(fixtures.TestInputs, "testinputs")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if fixtures.IsUnitsFolder(name) {
			continue
		}
		want, err := fixtures.LoadExpected(name)
		if err != nil || want.ExitCode != 0 {
			continue
		}
		runs = append(runs, run{name, func(t *testing.T) []string {
			return []string{"--in", copyTestInput(t, name, t.TempDir()), "--period", want.Period}
		}, false})
	}
	for _, c := range []struct{ input, ledger, period string }{
		{"region-csv", "huvudbok.csv", "M10"},
		{"region-agresso", "huvudbok.csv", "ÅR"},
		{"region-sie", "huvudbok.se", "UR1"},
	} {
		runs = append(runs, run{c.input, func(t *testing.T) []string {
			root := copyTestInput(t, c.input, t.TempDir())
			return []string{"--in", root, "--ledger", filepath.Join(root, c.ledger), "--period", c.period}
		}, c.input == "region-agresso"})
	}
	for _, r := range runs {
		editions := []string{"styrelse"}
		if r.draftToo {
			editions = append(editions, "utkast")
		}
		for _, edition := range editions {
			t.Run(r.name+"/"+edition, func(t *testing.T) {
				out := t.TempDir()
				args := append([]string{"generate", "--format", "pdf,xlsx,json", "--out", out, "--quiet"}, r.args(t)...)
				if edition == "utkast" {
					args = append(args, "--utkast")
				}
				if code, _, stderr := runCmd(t, args...); code != exitOK {
					t.Fatalf("exit %d\n%s", code, stderr)
				}
				pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
				if len(pdfs) == 0 {
					t.Fatal("no PDF written")
				}
				for _, p := range pdfs {
					book := strings.TrimSuffix(p, ".pdf") + ".xlsx"
					if _, err := os.Stat(book); err != nil {
						book = strings.TrimSuffix(strings.TrimSuffix(p, ".pdf"), "_utkast") + ".xlsx"
					}
					// pdfinfo -struct-text takes seconds a file: read once.
					tables := pdfTables(t, p)
					n := compareFigures(t, tables, book)
					if n < 20 {
						t.Errorf("%s: only %d figures compared", filepath.Base(p), n)
					}
					data := strings.TrimSuffix(p, ".pdf") + ".json"
					if n := compareJSON(t, tables, data); n < 20 {
						t.Errorf("%s: only %d figures compared with %s", filepath.Base(p), n, filepath.Base(data))
					}
				}
			})
		}
	}
}

// pdfTable is a table of the PDF's structure tree: its caption, header
// and rows of cell texts.
type pdfTable struct {
	caption string
	header  []string
	rows    [][]string
}

// pdfTables reads the tables of a PDF's structure tree; a table continued
// on a later page ("(forts.)") is joined to the one it continues.
func pdfTables(t *testing.T, path string) []*pdfTable {
	t.Helper()
	lines := strings.Split(testkit.Run(t, "pdfinfo", "-struct-text", path), "\n")
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	// text joins the quoted lines below element i: a word broken by a
	// hyphen at a line's end is joined again.
	text := func(i int) (string, int) {
		base := indent(lines[i])
		var parts []string
		j := i + 1
		for ; j < len(lines) && (indent(lines[j]) > base); j++ {
			l := strings.TrimSpace(lines[j])
			if strings.HasPrefix(l, `"`) && strings.HasSuffix(l, `"`) && len(l) >= 2 {
				parts = append(parts, l[1:len(l)-1])
			}
		}
		s := ""
		for _, p := range parts {
			switch {
			case s == "":
				s = p
			case strings.HasSuffix(s, "-") && p != "" && !strings.HasPrefix(p, "och") && !strings.HasPrefix(p, "eller"):
				s = strings.TrimSuffix(s, "-") + p
			default:
				s += " " + p
			}
		}
		return s, j
	}
	var out []*pdfTable
	var cur *pdfTable
	var row *[]string
	head, tableIndent := false, 0
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if cur != nil && l != "" && l != "Table (block)" && indent(lines[i]) <= tableIndent {
			cur, row = nil, nil
		}
		switch {
		case l == "Table (block)":
			cur, tableIndent = &pdfTable{}, indent(lines[i])
			out = append(out, cur)
			row = nil
		case cur == nil:
		case l == "Caption":
			cur.caption, _ = text(i)
			if base, ok := strings.CutSuffix(cur.caption, " (forts.)"); ok {
				cur.caption = base
				short := strings.TrimSpace(strings.TrimSuffix(base, "…"))
				for i := len(out) - 2; i >= 0; i-- {
					prev := out[i]
					if prev.caption != "" && (prev.caption == base || (short != base && strings.HasPrefix(prev.caption, short))) {
						// Continue the earlier table: its rows grow.
						out = out[:len(out)-1]
						cur = prev
						break
					}
				}
			}
		case l == "THead":
			head = true
		case l == "TBody":
			head = false
		case l == "TR":
			if head {
				cur.header = nil
				row = &cur.header
			} else {
				cur.rows = append(cur.rows, nil)
				row = &cur.rows[len(cur.rows)-1]
			}
		case (l == "TH:" || l == "TH" || l == "TD" || l == "TD:") && row != nil:
			s, _ := text(i)
			*row = append(*row, s)
		}
	}
	return out
}

var pdfNumber = regexp.MustCompile(`^([+−-]?)([0-9][0-9\x{a0} ]*)(,([0-9]+))?(\x{a0}?[^0-9]*)$`)

// parseFigure reads a PDF cell as a figure: its value and decimals; ok
// false for text that is not a figure.
func parseFigure(s string) (v float64, decimals int, ok bool) {
	m := pdfNumber.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, false
	}
	if suffix := strings.TrimSpace(strings.ReplaceAll(m[5], "\u00a0", " ")); suffix != "" && len([]rune(suffix)) > 6 {
		return 0, 0, false
	}
	digits := strings.NewReplacer("\u00a0", "", " ", "").Replace(m[2])
	num := digits
	if m[4] != "" {
		num += "." + m[4]
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, 0, false
	}
	if m[1] == "−" || m[1] == "-" {
		v = -v
	}
	return v, len(m[4]), true
}

// bookTable finds the table of the workbook whose caption is caption: a
// sheet's title with its header on row 4, or a heading in column A with
// its header below it. It returns the sheet, the header row and its rows
// of values.
func bookTable(f *excelize.File, caption string) (sheet string, header int, ok bool) {
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			continue
		}
		for i, row := range rows {
			if len(row) > 0 && strings.TrimSpace(row[0]) == caption {
				if i == 0 {
					return name, 4, true
				}
				return name, i + 2, true
			}
		}
	}
	return "", 0, false
}

// appendixTable reports whether a caption is one of the draft
// appendix's reconciliation tables: the workbook's Kontroll sheet holds
// the same reconciliation once, as live formulas against the ledger's
// parts (layouts/xlsx audit), not as a copy of these two tables.
func appendixTable(caption string) bool {
	return caption == "Inlästa rader" || strings.HasPrefix(caption, "Huvudbokens total fördelad på delar")
}

// compareFigures compares every figure of the PDF's tables with the
// workbook's cell for the same caption, row and column, and returns how
// many it compared.
func compareFigures(t *testing.T, tables []*pdfTable, bookPath string) int {
	t.Helper()
	f, err := excelize.OpenFile(bookPath)
	if err != nil {
		t.Fatalf("%s: %v", bookPath, err)
	}
	defer f.Close()
	compared := 0
	squash := strings.NewReplacer(" ", "", "-", "", "\u00a0", "", "\u00ad", "")
	for _, pt := range tables {
		figures := false
		for _, r := range pt.rows {
			for _, c := range r[min(1, len(r)):] {
				if _, _, ok := parseFigure(c); ok {
					figures = true
				}
			}
		}
		if !figures || pt.caption == "" || appendixTable(pt.caption) {
			continue
		}
		sheet, header, ok := bookTable(f, pt.caption)
		if !ok {
			t.Errorf("%s: table %q is not in the workbook", filepath.Base(bookPath), pt.caption)
			continue
		}
		rows, _ := f.GetRows(sheet)
		if header > len(rows) {
			t.Errorf("%s: %q has no header", sheet, pt.caption)
			continue
		}
		for c, h := range pt.header {
			if c >= len(rows[header-1]) || squash.Replace(rows[header-1][c]) != squash.Replace(h) {
				got := ""
				if c < len(rows[header-1]) {
					got = rows[header-1][c]
				}
				t.Errorf("%s: %q column %d is %q in the PDF, %q in the workbook", sheet, pt.caption, c+1, h, got)
			}
		}
		// Rows by their label and its occurrence, so that a group row
		// repeated on a new page does not shift the rest.
		seen := map[string]int{}
		for _, pr := range pt.rows {
			if len(pr) < 2 {
				continue
			}
			label := pr[0]
			k := seen[label]
			seen[label]++
			row := 0
			for i := header; i < len(rows) && row == 0; i++ {
				if len(rows[i]) > 0 && squash.Replace(rows[i][0]) == squash.Replace(label) {
					if k == 0 {
						row = i + 1
					}
					k--
				}
			}
			if row == 0 {
				t.Errorf("%s: %q has no row %q", sheet, pt.caption, label)
				continue
			}
			for c := 1; c < len(pr); c++ {
				cell, _ := excelize.CoordinatesToCellName(c+1, row)
				raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				if pr[c] == "–" || pr[c] == "" {
					if _, err := strconv.ParseFloat(raw, 64); err == nil && pr[c] == "–" {
						t.Errorf("%s!%s (%q, %q, %q): PDF –, workbook %s", sheet, cell, pt.caption, label, pt.header[c], raw)
					}
					continue
				}
				want, decimals, ok := parseFigure(pr[c])
				if !ok {
					continue
				}
				compared++
				got, err := strconv.ParseFloat(raw, 64)
				if err != nil {
					t.Errorf("%s!%s (%q, %q, column %d): PDF %q, workbook %q is no number", sheet, cell, pt.caption, label, c+1, pr[c], raw)
					continue
				}
				if r := money.Round(got, decimals); math.Abs(r-want) > 1e-9 {
					t.Errorf("%s!%s (%q, %q, column %d): PDF %q, workbook %v", sheet, cell, pt.caption, label, c+1, pr[c], got)
				}
			}
		}
	}
	return compared
}

// compareJSON compares every figure of the PDF's tables with the same
// cell of the tables --format json writes (SPEC 11): the same text, and a
// value that rounds to it. It returns how many it compared.
func compareJSON(t *testing.T, tables []*pdfTable, jsonPath string) int {
	t.Helper()
	raw, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var data struct {
		Tables []struct {
			Caption string `json:"caption"`
			Rows    []struct {
				Cells []struct {
					Text  string `json:"text"`
					Value *struct {
						Value float64 `json:"value"`
						Text  string  `json:"text"`
					} `json:"value"`
				} `json:"cells"`
			} `json:"rows"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatalf("%s: %v", jsonPath, err)
	}
	compared := 0
	for _, pt := range tables {
		ti := -1
		for i, jt := range data.Tables {
			if jt.Caption == pt.caption {
				ti = i
			}
		}
		if ti < 0 || pt.caption == "" {
			continue
		}
		jt := data.Tables[ti]
		seen := map[string]int{}
		for _, pr := range pt.rows {
			if len(pr) < 2 {
				continue
			}
			k := seen[pr[0]]
			seen[pr[0]]++
			ri := -1
			for i, jr := range jt.Rows {
				if len(jr.Cells) > 0 && jr.Cells[0].Text == pr[0] {
					if k == 0 {
						ri = i
						break
					}
					k--
				}
			}
			if ri < 0 {
				t.Errorf("%s: %q has no row %q", filepath.Base(jsonPath), pt.caption, pr[0])
				continue
			}
			for c := 1; c < len(pr) && c < len(jt.Rows[ri].Cells); c++ {
				want, decimals, ok := parseFigure(pr[c])
				if !ok {
					continue
				}
				compared++
				cell := jt.Rows[ri].Cells[c]
				if cell.Value == nil || cell.Value.Text != pr[c] || math.Abs(money.Round(cell.Value.Value, decimals)-want) > 1e-9 {
					t.Errorf("%s: %q row %q column %d: PDF %q, JSON %+v", filepath.Base(jsonPath), pt.caption, pr[0], c+1, pr[c], cell)
				}
			}
		}
	}
	return compared
}
