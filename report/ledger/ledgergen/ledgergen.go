// Package ledgergen writes synthetic ledger exports (XLSX with shared or
// inline strings, and CSV) of any size, for benchmarks and for comparing
// readers. The same Spec always gives the same bytes. It knows the shape of
// an ERP export and nothing of how rapport reads one.
package ledgergen

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// Spec describes an export.
type Spec struct {
	Rows   int
	Inline bool   // XLSX: inline strings instead of a shared-string table
	Seed   uint64 // varies the postings
}

// Columns is the export's header, seven columns as a typical ERP writes.
var Columns = []string{"Bokföringsdatum", "Konto", "Ansvar", "Verksamhet", "Projekt", "Text", "Belopp"}

var accounts = []int{
	3011, 3012, 3110, 3510, 3610, 3990,
	4011, 4012, 4019, 4110, 4510, 4610, 4710,
	5010, 5210, 5410, 5510, 5610, 5710, 5810, 5910,
	6110, 6210, 6310, 6410, 6510, 6910, 7010, 7310, 7810,
	8110, 8410, 1110, 1210, 1230, 1240,
}

// posting is one generated row.
type posting struct {
	serial  int // Excel date serial, 1900 system
	account int
	resp    int
	vht     int
	project int // 0 = none
	text    int
	ore     int64
}

// postings yields the rows of a spec, deterministically.
func postings(s Spec, fn func(i int, p posting) error) error {
	rng := rand.New(rand.NewPCG(s.Seed, 0x5eed))
	const first, last = 45658, 46326 // 2025-01-01 … 2026-10-31
	for i := 0; i < s.Rows; i++ {
		p := posting{
			serial:  first + rng.IntN(last-first+1),
			account: accounts[rng.IntN(len(accounts))],
			resp:    1000 + rng.IntN(200),
			vht:     100 + rng.IntN(60),
			text:    rng.IntN(1000),
			ore:     rng.Int64N(100_000_000) - 20_000_000,
		}
		if p.account < 3000 {
			p.project = 1 + rng.IntN(4)
		}
		if err := fn(i, p); err != nil {
			return err
		}
	}
	return nil
}

// Total is the sum of every posting of s, in öre.
func Total(s Spec) int64 {
	var t int64
	_ = postings(s, func(_ int, p posting) error { t += p.ore; return nil })
	return t
}

func ymd(serial int) string {
	// 1900 system: serial 1 = 1900-01-01, with the phantom 1900-02-29.
	days := serial - 1
	if serial >= 61 {
		days--
	}
	y, m, d := 1900, 1, 1
	for {
		n := 365
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			n = 366
		}
		if days < n {
			break
		}
		days -= n
		y++
	}
	ml := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		ml[1] = 29
	}
	for days >= ml[m-1] {
		days -= ml[m-1]
		m++
	}
	d += days
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

func amountText(ore int64, sep byte) string {
	neg := ore < 0
	if neg {
		ore = -ore
	}
	s := strconv.FormatInt(ore/100, 10) + string(sep) + fmt.Sprintf("%02d", ore%100)
	if neg {
		return "-" + s
	}
	return s
}

// WriteCSV writes s as a Swedish CSV export: semicolons, decimal comma,
// ISO dates, UTF-8.
func WriteCSV(w io.Writer, s Spec) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	for i, c := range Columns {
		if i > 0 {
			bw.WriteByte(';')
		}
		bw.WriteString(c)
	}
	bw.WriteString("\r\n")
	err := postings(s, func(_ int, p posting) error {
		bw.WriteString(ymd(p.serial))
		fmt.Fprintf(bw, ";%d;%d;%d;", p.account, p.resp, p.vht)
		if p.project > 0 {
			fmt.Fprintf(bw, "P%04d", p.project)
		}
		fmt.Fprintf(bw, ";Verifikation %d;%s\r\n", p.text, amountText(p.ore, ','))
		return nil
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX writes s as an XLSX workbook of one sheet, "Huvudbok", with
// date cells, number cells for accounts and amounts, and text cells as
// shared or inline strings.
func WriteXLSX(w io.Writer, s Spec) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.DefaultCompression)
	})
	part := func(name, body string) error {
		f, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, body)
		return err
	}
	const hdr = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	ct := hdr + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`
	if !s.Inline {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	}
	ct += `</Types>`
	rels := hdr + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	wbx := hdr + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="Huvudbok" sheetId="1" r:id="rId1"/></sheets></workbook>`
	wbRels := hdr + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
	if !s.Inline {
		wbRels += `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	wbRels += `</Relationships>`
	styles := hdr + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>` +
		`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
		`<fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
		`<borders count="1"><border/></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
		`<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
		`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
		`</styleSheet>`
	for _, p := range [][2]string{{"[Content_Types].xml", ct}, {"_rels/.rels", rels}, {"xl/workbook.xml", wbx},
		{"xl/_rels/workbook.xml.rels", wbRels}, {"xl/styles.xml", styles}} {
		if err := part(p[0], p[1]); err != nil {
			return err
		}
	}

	// Shared strings: header, then responsibilities, activities, projects
	// and texts, each by a fixed index.
	var sst []string
	sst = append(sst, Columns...)
	respBase := len(sst)
	for i := 0; i < 200; i++ {
		sst = append(sst, strconv.Itoa(1000+i))
	}
	vhtBase := len(sst)
	for i := 0; i < 60; i++ {
		sst = append(sst, strconv.Itoa(100+i))
	}
	projBase := len(sst) - 1
	for i := 1; i <= 4; i++ {
		sst = append(sst, fmt.Sprintf("P%04d", i))
	}
	textBase := len(sst)
	for i := 0; i < 1000; i++ {
		sst = append(sst, fmt.Sprintf("Verifikation %d", i))
	}

	f, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	bw.WriteString(hdr + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<dimension ref="A1:G` + strconv.Itoa(s.Rows+1) + `"/><sheetData>`)
	var buf []byte
	str := func(col string, row int, idx int) {
		buf = append(buf, `<c r="`...)
		buf = append(buf, col...)
		buf = strconv.AppendInt(buf, int64(row), 10)
		if s.Inline {
			buf = append(buf, `" t="inlineStr"><is><t>`...)
			buf = append(buf, sst[idx]...)
			buf = append(buf, `</t></is></c>`...)
		} else {
			buf = append(buf, `" t="s"><v>`...)
			buf = strconv.AppendInt(buf, int64(idx), 10)
			buf = append(buf, `</v></c>`...)
		}
	}
	num := func(col string, row int, style string, v string) {
		buf = append(buf, `<c r="`...)
		buf = append(buf, col...)
		buf = strconv.AppendInt(buf, int64(row), 10)
		if style != "" {
			buf = append(buf, `" s="`...)
			buf = append(buf, style...)
		}
		buf = append(buf, `"><v>`...)
		buf = append(buf, v...)
		buf = append(buf, `</v></c>`...)
	}
	letters := []string{"A", "B", "C", "D", "E", "F", "G"}
	buf = append(buf, `<row r="1">`...)
	for i := range Columns {
		str(letters[i], 1, i)
	}
	buf = append(buf, `</row>`...)
	bw.Write(buf)
	err = postings(s, func(i int, p posting) error {
		r := i + 2
		buf = buf[:0]
		buf = append(buf, `<row r="`...)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, `">`...)
		num("A", r, "1", strconv.Itoa(p.serial))
		num("B", r, "", strconv.Itoa(p.account))
		str("C", r, respBase+p.resp-1000)
		str("D", r, vhtBase+p.vht-100)
		if p.project > 0 {
			str("E", r, projBase+p.project)
		}
		str("F", r, textBase+p.text)
		num("G", r, "2", amountText(p.ore, '.'))
		buf = append(buf, `</row>`...)
		_, err := bw.Write(buf)
		return err
	})
	if err != nil {
		return err
	}
	bw.WriteString(`</sheetData></worksheet>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	if !s.Inline {
		f, err := zw.Create("xl/sharedStrings.xml")
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f)
		fmt.Fprintf(bw, hdr+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sst), len(sst))
		for _, v := range sst {
			bw.WriteString("<si><t>")
			bw.WriteString(v) // no character here needs escaping
			bw.WriteString("</t></si>")
		}
		bw.WriteString("</sst>")
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return zw.Close()
}
