package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"
)

// formulaCell matches a formula cell as excelize writes it: reference,
// optional style, type, the formula and perhaps a value.
var formulaCell = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?)(?: t="[a-zA-Z]+")?>(<f>[^<]*</f>)(?:<v>[^<]*</v>)?</c>`)

// fillCachedValues writes each formula's cached value into the worksheet
// parts of the workbook in data. excelize keeps a formula without its
// value, so readers that do not calculate (mail previews, scripts, pandas)
// would see nothing; a number is stored as a number, text as a formula
// string. The zip is rewritten in the same entry order, without times, so
// that the bytes stay the same from run to run; each entry is dated
// modified, the report date, rather than the clock.
func fillCachedValues(data []byte, formulas map[string]sheetFormulas, modified time.Time) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("arbetsboken kunde inte efterbehandlas: %w", err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	done := map[string]bool{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("arbetsboken kunde inte efterbehandlas: %w", err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("arbetsboken kunde inte efterbehandlas: %w", err)
		}
		if fs, ok := formulas[zf.Name]; ok {
			done[zf.Name] = true
			if content, err = fillSheet(content, fs); err != nil {
				return nil, fmt.Errorf("arbetsboken kunde inte efterbehandlas: %s: %w", zf.Name, err)
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(content); err != nil {
			return nil, err
		}
	}
	for name, fs := range formulas {
		if !done[name] && len(fs) > 0 {
			return nil, fmt.Errorf("arbetsboken kunde inte efterbehandlas: bladet %s saknas", name)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// fillSheet rewrites the formula cells of one worksheet part. Every formula
// cell of the model must be found exactly once: a change in how excelize
// writes cells fails loudly here instead of leaving values out.
func fillSheet(content []byte, fs sheetFormulas) ([]byte, error) {
	found := 0
	var fillErr error
	out := formulaCell.ReplaceAllFunc(content, func(m []byte) []byte {
		sub := formulaCell.FindSubmatch(m)
		c, ok := fs[string(sub[1])]
		if !ok {
			fillErr = fmt.Errorf("oväntad formel i %s", sub[1])
			return m
		}
		found++
		var b bytes.Buffer
		b.WriteString(`<c r="`)
		b.Write(sub[1])
		b.WriteByte('"')
		b.Write(sub[2])
		if c.isText {
			b.WriteString(` t="str"`)
		}
		b.WriteByte('>')
		b.Write(sub[3])
		b.WriteString("<v>")
		if c.isText {
			_ = xml.EscapeText(&b, []byte(c.text))
		} else {
			b.WriteString(strconv.FormatFloat(round15(c.num), 'f', -1, 64))
		}
		b.WriteString("</v></c>")
		return b.Bytes()
	})
	if fillErr != nil {
		return nil, fillErr
	}
	if found != len(fs) {
		return nil, fmt.Errorf("%d formler skrivna men %d funna", len(fs), found)
	}
	return out, nil
}
