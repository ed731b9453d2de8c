// Package xlsxstream reads the cells of an XLSX worksheet as a stream, at
// close to the speed of decompressing the sheet's XML, in memory that does
// not grow with the number of rows. It resolves shared strings, inline and
// rich-text strings, and tells date cells by their number format (built-in
// and custom, 1900 and 1904 systems). It is a reader for large tabular
// exports only: it knows nothing of ledgers, formatting for display,
// formulas beyond their cached values, or writing.
package xlsxstream

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/klauspost/compress/flate"
)

// Errors for files that are not a readable workbook. Callers translate
// them into advice for the user.
var (
	ErrNotZip        = errors.New("xlsxstream: inte en zip-fil, eller trasig eller avkortad")
	ErrODS           = errors.New("xlsxstream: OpenDocument-kalkylblad (.ods)")
	ErrNotWorkbook   = errors.New("xlsxstream: zip-filen är ingen Excel-arbetsbok")
	ErrBomb          = errors.New("xlsxstream: innehållet packas upp till orimlig storlek")
	ErrNoSheet       = errors.New("xlsxstream: bladet finns inte")
	ErrTooManySheets = errors.New("xlsxstream: arbetsboken har orimligt många blad")
	// ErrSharedTooLarge is a shared-strings part over MaxSharedBytes that
	// is no zip bomb by its compression ratio: a real but very large
	// workbook, which a CSV export reads without holding its texts.
	ErrSharedTooLarge = errors.New("xlsxstream: arbetsbokens delade texter är för stora")
)

// MaxSheets bounds the sheets of a workbook: a reader of every sheet
// must not be made to open a million.
const MaxSheets = 4096

// Limits guard against zip bombs: parts are streamed, but their declared
// size and compression ratio must be plausible for a spreadsheet.
type Limits struct {
	MaxSheetBytes   int64 // uncompressed sheet XML
	MaxSharedBytes  int64 // uncompressed shared strings, which are held in memory
	MaxPartBytes    int64 // other parts read whole (workbook, styles, relationships)
	MaxRatio        int64 // uncompressed/compressed, checked above RatioFloorBytes
	RatioFloorBytes int64
}

// DefaultLimits fit any real export: a ten-million-row sheet is about 3 GB
// of XML; sheet XML compresses about 8:1, and even a sheet of only empty
// rows stays below 300:1. Shared strings are held in memory, and the
// workbook, styles and relationships are parsed with encoding/xml, so
// their bounds are what keeps the worst admitted file under 200 MB and 5 s:
// 128 MB of shared strings is some two million distinct texts of 40
// characters; a real styles part, with Excel's 64 000 formats, is 10 MB.
func DefaultLimits() Limits {
	return Limits{
		MaxSheetBytes:   16 << 30,
		MaxSharedBytes:  128 << 20,
		MaxPartBytes:    16 << 20,
		MaxRatio:        1000,
		RatioFloorBytes: 64 << 20,
	}
}

// Workbook is an opened XLSX file: its sheet list, shared strings and date
// styles. It is not safe for concurrent use.
type Workbook struct {
	zr       *zip.Reader
	files    map[string]*zip.File // by lower-case name
	lim      Limits
	sheets   []sheetRef
	Date1904 bool
	sst      sharedStrings
	dateXF   []bool
}

type sheetRef struct {
	name, part string
}

// Open reads the workbook's structure from r. Shared strings are read
// here, once.
func Open(r io.ReaderAt, size int64, lim Limits) (*Workbook, error) {
	zr, err := openZip(r, size)
	if err != nil {
		return nil, ErrNotZip
	}
	wb := &Workbook{zr: zr, files: map[string]*zip.File{}, lim: lim}
	for _, f := range zr.File {
		wb.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	if f := wb.files["mimetype"]; f != nil {
		if b, err := wb.readPart(f.Name); err == nil && bytes.Contains(b, []byte("opendocument")) {
			return nil, ErrODS
		}
	}
	wbPath := "xl/workbook.xml"
	if b, err := wb.readPart("_rels/.rels"); err == nil {
		for _, rel := range parseRels(b) {
			if strings.HasSuffix(rel.Type, "/officeDocument") {
				wbPath = resolve("", rel.Target)
			}
		}
	} else if errors.Is(err, ErrTooDeep) {
		return nil, err
	}
	wbXML, err := wb.readPart(wbPath)
	if err != nil {
		if errors.Is(err, ErrBomb) || errors.Is(err, ErrTooDeep) {
			return nil, err
		}
		return nil, ErrNotWorkbook
	}
	var doc struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wbXML, &doc); err != nil {
		return nil, ErrNotWorkbook
	}
	wb.Date1904 = doc.Pr.Date1904 == "1" || strings.EqualFold(doc.Pr.Date1904, "true")
	dir := path.Dir(wbPath)
	relsPath := path.Join(dir, "_rels", path.Base(wbPath)+".rels")
	rels := map[string]string{}
	var sstPath, stylesPath string
	b, err := wb.readPart(relsPath)
	if errors.Is(err, ErrTooDeep) {
		return nil, err
	}
	if err == nil {
		for _, rel := range parseRels(b) {
			target := resolve(dir, rel.Target)
			rels[rel.ID] = target
			switch {
			case strings.HasSuffix(rel.Type, "/sharedStrings"):
				sstPath = target
			case strings.HasSuffix(rel.Type, "/styles"):
				stylesPath = target
			}
		}
	}
	if len(doc.Sheets) > MaxSheets {
		return nil, ErrTooManySheets
	}
	seen := map[string]bool{}
	for i, s := range doc.Sheets {
		part, ok := rels[s.ID]
		if !ok {
			part = path.Join(dir, "worksheets", "sheet"+strconv.Itoa(i+1)+".xml")
		}
		// Excel never lists a part twice; a reader of every sheet would
		// read it twice.
		if key := strings.ToLower(part); !seen[key] {
			seen[key] = true
			wb.sheets = append(wb.sheets, sheetRef{name: s.Name, part: part})
		}
	}
	if len(wb.sheets) == 0 {
		return nil, ErrNotWorkbook
	}
	if sstPath == "" && wb.files[path.Join(dir, "sharedstrings.xml")] != nil {
		sstPath = path.Join(dir, "sharedStrings.xml")
	}
	if sstPath != "" {
		if err := wb.readSharedStrings(sstPath); err != nil {
			return nil, err
		}
	}
	if stylesPath == "" {
		stylesPath = path.Join(dir, "styles.xml")
	}
	if b, err := wb.readPart(stylesPath); err == nil {
		wb.dateXF = parseDateStyles(b)
	} else if errors.Is(err, ErrBomb) || errors.Is(err, ErrTooDeep) {
		return nil, err
	}
	return wb, nil
}

// Sheets are the names of the worksheets in workbook order.
func (wb *Workbook) Sheets() []string {
	out := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		out[i] = s.name
	}
	return out
}

// Rows opens a sheet for streaming; "" is the first sheet. Decompression
// runs in its own goroutine, ahead of the parser, until Close.
func (wb *Workbook) Rows(sheet string) (*Rows, error) {
	var ref *sheetRef
	for i := range wb.sheets {
		if sheet == "" || wb.sheets[i].name == sheet {
			ref = &wb.sheets[i]
			break
		}
	}
	if ref == nil {
		for i := range wb.sheets {
			if strings.EqualFold(strings.TrimSpace(wb.sheets[i].name), strings.TrimSpace(sheet)) {
				ref = &wb.sheets[i]
				break
			}
		}
	}
	if ref == nil {
		return nil, ErrNoSheet
	}
	f, err := wb.part(ref.part, wb.lim.MaxSheetBytes)
	if err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, ErrNotZip
	}
	// Buffers fit the sheet: a small one gets small buffers.
	chunk := 256 << 10
	if u := int(f.UncompressedSize64) + 512; u < chunk && f.UncompressedSize64 < 1<<20 {
		chunk = max(u, 4<<10)
	}
	ar := newAsyncReader(rc, chunk, 4)
	return &Rows{wb: wb, sheet: ref.name, sc: newScanner(ar, 2*chunk), src: ar, total: int64(f.UncompressedSize64)}, nil
}

// openZip opens a zip archive whose deflated parts are inflated by
// klauspost/compress rather than the standard library: it inflates sheet
// XML about a third faster, and inflating is half the cost of reading a
// large ledger workbook (the other half, parsing, runs beside it on the
// second core).
func openZip(r io.ReaderAt, size int64) (*zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return flate.NewReader(r) })
	return zr, nil
}

// part finds a zip entry and checks it against the bomb limits.
func (wb *Workbook) part(name string, max int64) (*zip.File, error) {
	f := wb.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, fmt.Errorf("%w: delen %s saknas", ErrNotWorkbook, name)
	}
	u, c := int64(f.UncompressedSize64), int64(f.CompressedSize64)
	if u < 0 || u > max {
		return nil, ErrBomb
	}
	if u > wb.lim.RatioFloorBytes && (c <= 0 || u/c > wb.lim.MaxRatio) {
		return nil, ErrBomb
	}
	return f, nil
}

func (wb *Workbook) readPart(name string) ([]byte, error) {
	f, err := wb.part(name, wb.lim.MaxPartBytes)
	if err != nil {
		return nil, err
	}
	// encoding/xml keeps state per open element: bound the nesting before
	// it parses the part, streaming, so that a hostile part is never held.
	rc, err := f.Open()
	if err != nil {
		return nil, ErrNotZip
	}
	err = checkDepth(io.LimitReader(rc, wb.lim.MaxPartBytes+1))
	rc.Close()
	if err != nil {
		return nil, err
	}
	rc, err = f.Open()
	if err != nil {
		return nil, ErrNotZip
	}
	defer rc.Close()
	var buf bytes.Buffer
	buf.Grow(int(min(int64(f.UncompressedSize64), wb.lim.MaxPartBytes)) + 1)
	if _, err := buf.ReadFrom(io.LimitReader(rc, wb.lim.MaxPartBytes+1)); err != nil {
		return nil, ErrNotZip
	}
	return buf.Bytes(), nil
}

// CheckParts checks every part of a workbook against the limits before
// another reader (excelize) parses it: each part's size and compression
// ratio, and the nesting depth of every XML part. It returns ErrNotZip,
// ErrBomb, ErrTooDeep or a read error; parts it cannot tell apart from
// XML by name are checked too.
func CheckParts(r io.ReaderAt, size int64, lim Limits) error {
	zr, err := openZip(r, size)
	if err != nil {
		return ErrNotZip
	}
	wb := &Workbook{zr: zr, files: map[string]*zip.File{}, lim: lim}
	for _, f := range zr.File {
		wb.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	for _, f := range zr.File {
		if _, err := wb.part(f.Name, max(lim.MaxSheetBytes, lim.MaxSharedBytes, lim.MaxPartBytes)); err != nil {
			return err
		}
		name := strings.ToLower(f.Name)
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") && !strings.HasSuffix(name, ".vml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return ErrNotZip
		}
		err = checkDepth(io.LimitReader(rc, max(lim.MaxSheetBytes, lim.MaxSharedBytes, lim.MaxPartBytes)))
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

type rel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func parseRels(b []byte) []rel {
	var doc struct {
		Rels []rel `xml:"Relationship"`
	}
	_ = xml.Unmarshal(b, &doc) // a broken rels part leaves the defaults
	return doc.Rels
}

// resolve makes a relationship target a zip path.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(dir, target), "/")
}

// sharedStrings holds every shared string in one byte slice: one
// allocation for all, whatever their number.
type sharedStrings struct {
	data []byte
	ends []uint32
}

func (s *sharedStrings) len() int { return len(s.ends) }

func (s *sharedStrings) get(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.data[start:s.ends[i]:s.ends[i]]
}

func (wb *Workbook) readSharedStrings(name string) error {
	f, err := wb.part(name, wb.lim.MaxSharedBytes)
	if err != nil {
		if errors.Is(err, ErrBomb) {
			if _, err := wb.part(name, math.MaxInt64); err == nil {
				return ErrSharedTooLarge // large, but compressed as text is
			}
			return err
		}
		return nil // a missing part: cells that refer to it are reported
	}
	rc, err := f.Open()
	if err != nil {
		return ErrNotZip
	}
	defer rc.Close()
	sc := newScanner(rc, 256<<10)
	// The text is never longer than the XML that holds it: one allocation
	// of that size, where growing by doubling would hold three times it.
	wb.sst.data = make([]byte, 0, f.UncompressedSize64)
	var raw, scratch []byte
	inSI, inT, inRPh, cdataSeen := false, false, false, false
	for {
		switch sc.next() {
		case tokEOF:
			switch err := sc.Err(); {
			case err == nil, errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, errMalformed), errors.Is(err, errTagTooLong):
				// Broken XML keeps the strings read so far, as excelize
				// does; cells past them are reported as missing strings.
				return nil
			case errors.Is(err, ErrTooDeep):
				return err
			default:
				return ErrNotZip
			}
		case tokStart:
			switch string(sc.name) {
			case "si":
				raw, cdataSeen = raw[:0], false
				inSI = !sc.selfClose
				if sc.selfClose {
					wb.sst.ends = append(wb.sst.ends, uint32(len(wb.sst.data)))
				}
			case "t":
				inT = inSI && !inRPh && !sc.selfClose
			case "rPh":
				inRPh = !sc.selfClose
			}
		case tokEnd:
			switch string(sc.name) {
			case "t":
				inT = false
			case "rPh":
				inRPh = false
			case "si":
				if !inSI {
					continue
				}
				inSI = false
				v := raw
				if bytes.IndexByte(v, '&') >= 0 || bytes.IndexByte(v, '\r') >= 0 || cdataSeen {
					scratch = unescapeXML(scratch[:0], v)
					v = scratch
				}
				v = unescapeOOXML(v)
				wb.sst.data = append(wb.sst.data, v...)
				if int64(len(wb.sst.data)) > 1<<32-1 {
					return ErrBomb
				}
				wb.sst.ends = append(wb.sst.ends, uint32(len(wb.sst.data)))
			}
		case tokText:
			if inT && len(raw) < MaxCellBytes*8 {
				raw = append(raw, sc.text...)
			}
		case tokCDATA:
			if inT {
				cdataSeen = true
				raw = append(raw, bytes.ReplaceAll(sc.text, []byte("&"), []byte("&amp;"))...)
			}
		}
	}
}

func (wb *Workbook) isDateStyle(s int) bool {
	return s >= 0 && s < len(wb.dateXF) && wb.dateXF[s]
}

// parseDateStyles tells, for each cell format, whether it shows a date or
// time.
func parseDateStyles(b []byte) []bool {
	var doc struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		XFs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if xml.Unmarshal(b, &doc) != nil {
		return nil
	}
	custom := map[int]string{}
	for _, f := range doc.NumFmts {
		custom[f.ID] = f.Code
	}
	out := make([]bool, len(doc.XFs))
	for i, xf := range doc.XFs {
		if code, ok := custom[xf.NumFmtID]; ok {
			out[i] = IsDateFormat(code)
		} else {
			out[i] = isBuiltInDate(xf.NumFmtID)
		}
	}
	return out
}

func isBuiltInDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// IsDateFormat reports whether a number format code shows a date or time:
// it has a day, month, year, hour or second outside quoted text, escapes
// and [colour] or [$-locale] brackets. Only the first section (positive
// numbers) decides.
func IsDateFormat(code string) bool {
	inQuote := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			if c == '"' {
				inQuote = false
			}
		case c == '"':
			inQuote = true
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == ';':
			return false
		case c == '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
				return true
			}
			i += j
		default:
			switch c | 0x20 {
			case 'd', 'm', 'y', 'h', 's':
				if strings.EqualFold(code, "General") {
					return false
				}
				return true
			}
		}
	}
	return false
}
