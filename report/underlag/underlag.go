// Package underlag reads and writes the controllers' workbook underlag.xlsx:
// its schema (sheets, columns and the spellings accepted for them), the
// reader that turns it into report.Inputs with a problem, naming sheet and
// cell, for every value it cannot use, and the template that `rapport
// template` writes from the same schema.
//
// It is a package of its own because it is built on excelize, which the
// core package must not depend on: report.Import reaches it only through
// report.ImportOptions.OpenWorkbook, which the command hands in. Reading has
// two phases (Open, then Workbook.Read with the year) because a period code
// such as UR1 names a month only once the plan year is known, and that may
// come from the ledger.
//
// It knows nothing of the ledger, of Compute or of output formats.
package underlag

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"rapport/report"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"rapport/report/filetype"
	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
	"rapport/report/xlsxstream"
)

// Options are the command-line overrides of the sheet Inställningar.
type Options struct {
	Year int    // --year; 0 takes År from Inställningar
	Unit string // --unit; "" takes Enhet from Inställningar
	// TmpDir is where excelize unpacks a large worksheet; "" is the
	// system's. A run gives its own folder and removes it on exit, so a
	// stopped run leaves nothing behind.
	TmpDir string
}

// Limits that keep a hostile workbook from exhausting memory or time. An
// underlag is filled in by hand: a large one has a few hundred rows a
// sheet and packs up to well under 1 MB. Each bound is far beyond that and
// keeps the worst file it admits under 200 MB of memory (README, "Gränser").
const (
	maxUnderlagFile = 16 << 20 // bytes on disk
	maxUnzipped     = 64 << 20 // bytes unpacked, all parts together
	// maxXMLInMemory: excelize unpacks a larger worksheet or shared-strings
	// part to a temporary file and reads it from there; smaller ones, and
	// every other part, it holds in memory.
	maxXMLInMemory = 16 << 20
	maxCellText    = 32767   // Excel's own limit on a cell's text
	maxDataRows    = 5000    // non-empty rows per sheet
	maxSheetText   = 8 << 20 // bytes of cell text per sheet
	// maxBookText bounds the cell text of all sheets together: the text
	// of six sheets at maxSheetText, with a message per cell, took 195 MB
	// to read, and every text admitted is rendered: 16 MB (Planuppföljning
	// and Målbedömning at 8 MB each) took 356 MB and 58 s to render as two
	// reports of 4 300 pages, 8 MB stays under 200 MB.
	maxBookText = 8 << 20
	// maxSharedStrings bounds the texts of the shared-strings part, which
	// excelize parses whole at the first text cell read: it keeps some
	// 400 bytes per text, so a part of a million one-letter texts would
	// take 400 MB.
	maxSharedStrings = 100000
	// maxWholePart bounds each part that excelize parses whole on opening
	// (styles, calculation chain, theme, workbook, relationships): it
	// keeps up to 25 times the part's size, a million tiny <xf/> styles in
	// 60 MB took 1.4 GB. A real styles part with Excel's maximum of 64 000
	// cell formats is about 4 MB.
	maxWholePart = 4 << 20
	// maxWholeElements bounds the elements of such a part: excelize keeps
	// up to 500 bytes for each, however short its XML. A real styles part
	// at Excel's limit has about 70 000.
	maxWholeElements = 100000
	headerSearchRows = 20
)

// msgReaderFailed is the message for a panic inside the reader; the fuzz
// target treats it as a failure.
const msgReaderFailed = "filen kunde inte läsas: den är skadad på ett sätt som läsaren inte klarar"

// Read reads the controllers' workbook underlag.xlsx into Inputs:
// everything except the ledger. name is the file name used in messages.
// Every problem found is returned, and also kept in the Inputs' Problems;
// the Inputs are returned even with errors, holding what could be read.
func Read(r io.Reader, name string, opt Options) (in *report.Inputs, probs problem.List) {
	w := Open(r, name, report.WorkbookOptions{Unit: opt.Unit, TmpDir: opt.TmpDir})
	in = w.Read(opt.Year)
	return in, w.u.probs
}

// Workbook is underlag.xlsx opened, with the sheets read that do not
// depend on the plan year: Inställningar, Kalender and Kontoplan. A period
// code such as UR1 names a month only in a year, and when neither År nor
// --year gives the year it is the ledger's last; so the dated sheets are
// read by Read once the caller knows the year, and the file is parsed once.
type Workbook struct {
	u       *underlagReader
	year    int             // År as written; 0 if absent or unreadable
	columns []ledger.Column // sheet Kolumner, for the ledger reader
	done    bool            // Read has run
}

// Open reads the workbook's structure and its undated sheets. unit, if
// not "", overrides Enhet (--unit). The problems found so far are kept
// for Read to return; call Read or Close to release the file.
func Open(r io.Reader, name string, opt report.WorkbookOptions) *Workbook {
	in := &report.Inputs{
		Settings: report.Settings{Unit: "Regionstyrelsen", Organisation: "Region Halland", ChartName: report.RegionBas.Name},
		Calendar: append(period.Calendar(nil), period.DefaultCalendar...),
		Chart:    report.RegionBas,
	}
	w := &Workbook{u: &underlagReader{file: name, in: in}}
	w.guard(func() { w.open(r, opt) })
	return w
}

// OpenWorkbook is Open in the shape that report.ImportOptions takes.
func OpenWorkbook(r io.Reader, name string, opt report.WorkbookOptions) report.Workbook {
	return Open(r, name, opt)
}

// guard runs one phase of reading. excelize is a large parser of
// untrusted XML: should it ever panic, the user gets a message, not a
// stack, and nothing more is read.
func (w *Workbook) guard(phase func()) {
	defer func() {
		if v := recover(); v != nil {
			w.u.probs = append(w.u.probs, problem.Problem{Severity: problem.Error, File: w.u.file,
				Message: msgReaderFailed, Hint: "Öppna den i Excel och spara den som Excel-arbetsbok (.xlsx)"})
			w.Close()
		}
	}()
	phase()
}

func (w *Workbook) open(r io.Reader, opt report.WorkbookOptions) {
	u := w.u
	data, err := io.ReadAll(io.LimitReader(r, maxUnderlagFile+1))
	if err != nil {
		u.fileError("filen kunde inte läsas", "Kontrollera att filen finns och går att öppna")
		return
	}
	if len(data) > maxUnderlagFile {
		u.fileError(fmt.Sprintf("filen är större än %d MB, vilket är orimligt för ett underlag", maxUnderlagFile>>20),
			"Kontrollera att det är rätt fil")
		return
	}
	if u.checkContainer(data) == nil {
		return
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxXMLInMemory, TmpDir: opt.TmpDir})
	if err != nil {
		u.fileError("filen går inte att läsa som Excel-arbetsbok", "Öppna den i Excel och spara den som Excel-arbetsbok (.xlsx)")
		return
	}
	u.f = f
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		u.date1904 = *props.Date1904
	}
	u.mapSheets()
	u.readSettings(opt.Unit)
	u.readCalendar()
	u.readChart()
	w.columns = u.readColumns()
	u.in.Groups = u.readGroups()
	w.year = u.in.Settings.Year
}

// Year is År in Inställningar; 0 if it is not given or not a year.
func (w *Workbook) Year() int { return w.year }

// Columns are the ledger headers that the sheet Kolumner names.
func (w *Workbook) Columns() []ledger.Column { return w.columns }

// Groups is the sheet Grupper; nil without it.
func (w *Workbook) Groups() *report.Grouping { return w.u.in.Groups }

// Responsibility is Ansvar in Inställningar; empty if not given or wrong.
func (w *Workbook) Responsibility() ledger.Selector { return w.u.in.Settings.Responsibility }

// Unit is the unit's name: --unit, else Enhet, else the default.
func (w *Workbook) Unit() string { return w.u.in.Settings.Unit }

// Read reads the dated sheets with year as the plan year (0 keeps År),
// closes the file and returns the Inputs, holding what could be read and
// every problem found, sorted. Later calls return the same Inputs.
func (w *Workbook) Read(year int) *report.Inputs {
	u := w.u
	if w.done {
		return u.in
	}
	w.done = true
	if u.f != nil {
		w.guard(func() {
			switch {
			case year != 0 && u.in.Settings.Year != 0 && year != u.in.Settings.Year:
				// Driftbudget and Prognos carry no year: read in another
				// year they would make a report of that year with this
				// year's figures.
				c := u.yearCell
				c.Message = fmt.Sprintf("underlaget gäller %d, men körningen gäller %d (--year eller --period due)", u.in.Settings.Year, year)
				c.Hint = fmt.Sprintf("Använd underlaget för %d, eller kör utan --year och med --period för en period %d", year, u.in.Settings.Year)
				u.probs.Add(c)
			case year != 0:
				u.in.Settings.Year = year
			}
			// Without a year, a period code cannot be placed; each such
			// cell says so.
			u.year = u.in.Settings.Year
			u.readGoals()
			u.readAssessments()
			u.readBudget()
			u.readPrognoses()
			u.readInvestments()
			u.readIndicatorDefs()
			u.readIndicatorValues()
			u.readTexts()
			u.readPlanItems()
		})
	}
	w.Close()
	u.controlSummary()
	u.probs.Sort()
	u.in.Problems = append(u.in.Problems, u.probs...)
	return u.in
}

// Close releases the file (excelize may have unpacked a large sheet to a
// temporary file). Read closes it too; Close after Read does nothing.
func (w *Workbook) Close() error {
	if w.u.f == nil {
		return nil
	}
	err := w.u.f.Close()
	w.u.f = nil
	return err
}

// underlagReader holds the state of one Read call.
type underlagReader struct {
	file     string
	f        *excelize.File
	in       *report.Inputs
	probs    problem.List
	date1904 bool
	sheets   map[string]string // canonical sheet name → name in the workbook
	year     int
	yearCell problem.Problem      // where År is, for a year the run contradicts
	lines    []string             // the report lines a Rad may name
	parts    map[string]sheetPart // by sheet name; nil if the scan failed
	text     int                  // bytes of cell text read, all sheets
	// controlCells counts the cells whose control characters were
	// removed.
	controlCells int
	// budgetAt is where each line's Årsbudget was read, for the checks of
	// the prognoses against it (SPEC 7.6).
	budgetAt map[string]budgetCell
}

// budgetCell is a line's Årsbudget and the cell it came from.
type budgetCell struct {
	annual money.Amount
	cell   string // "Driftbudget!B3"
}

func (u *underlagReader) fileError(msg, hint string) {
	u.probs.Add(problem.Problem{Severity: problem.Error, File: u.file, Message: msg, Hint: hint})
}

// checkContainer tells the common wrong files apart before excelize sees
// them, so that each gets a message a controller understands, and checks
// that every part of the zip unpacks within the limits.
func (u *underlagReader) checkContainer(data []byte) *zip.Reader {
	const saveAs = "Öppna filen i Excel och spara den som Excel-arbetsbok (.xlsx)"
	switch kind := filetype.Detect(data); {
	case len(bytes.TrimSpace(data)) == 0:
		u.fileError("filen är tom", "Använd en ifylld arbetsbok; en tom mall fås med rapport template")
		return nil
	case kind == filetype.Encrypted:
		u.fileError(filetype.Wrong(kind, filetype.WantWorkbook),
			"Ta bort lösenordet i Excel (Arkiv > Info > Skydda arbetsbok) och spara igen")
		return nil
	case kind == filetype.PDF:
		// A printed report saved under the workbook's name: Excel cannot
		// turn it back into the workbook.
		u.fileError(filetype.Wrong(kind, filetype.WantWorkbook),
			"Lägg den ifyllda arbetsboken i mappen; en tom mall fås med rapport template")
		return nil
	case kind != filetype.Zip:
		u.fileError(filetype.Wrong(kind, filetype.WantWorkbook), saveAs)
		return nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		u.fileError("filen är skadad eller ofullständig (zip-arkivet går inte att läsa)",
			"Hämta eller spara filen på nytt; den kan ha avbrutits under kopieringen")
		return nil
	}
	var total uint64
	hasWorkbook := false
	for _, zf := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		if name == "mimetype" {
			if b, err := readZipPart(zf, 200, true); err == nil && bytes.Contains(b, []byte("opendocument")) {
				u.fileError("filen är ett OpenDocument-kalkylark (.ods), inte en Excel-arbetsbok",
					"Spara den som Excel-arbetsbok (.xlsx) i LibreOffice eller Excel")
				return nil
			}
		}
		if name == "xl/workbook.xml" {
			hasWorkbook = true
		}
		total += zf.UncompressedSize64
	}
	if total > maxUnzipped {
		u.fileError(fmt.Sprintf("filen packas upp till mer än %d MB och läses inte (en så kallad zip-bomb eller fel fil)", maxUnzipped>>20),
			"Kontrollera att det är rätt fil; ett underlag är normalt under 1 MB")
		return nil
	}
	if !hasWorkbook {
		u.fileError("filen är ett zip-arkiv men inte en Excel-arbetsbok (xl/workbook.xml saknas)", saveAs)
		return nil
	}
	// Go's zip reader stops at each part's declared size and checks its
	// checksum, so a lying header cannot unpack more than was counted. The
	// XML parts are kept for the scan of worksheets (underlag_parts.go).
	// encoding/xml and excelize keep a stack per open XML element: a small
	// part nesting millions deep takes gigabytes.
	if err := xlsxstream.CheckParts(bytes.NewReader(data), int64(len(data)), xlsxstream.DefaultLimits()); errors.Is(err, xlsxstream.ErrTooDeep) {
		u.fileError(fmt.Sprintf("filen är trasig (för djup nästling: över %d nivåer av XML-element)", xlsxstream.MaxDepth), saveAs)
		return nil
	}
	parts, sizes := map[string][]byte{}, map[string]uint64{}
	var sharedText []byte // the shared strings, kept only when not valid UTF-8
	for _, zf := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(zf.Name, "\\", "/"), "/"))
		// The scan needs the workbook, its relationships, the styles and
		// the worksheets; the shared strings, the largest part of a
		// workbook full of text, it does not.
		keep := (strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels")) && !strings.HasSuffix(name, "sharedstrings.xml")
		// Shared strings are read only to be counted.
		if wholeReadPart(name) && zf.UncompressedSize64 > maxWholePart {
			u.fileError(fmt.Sprintf("delen %s av arbetsboken packas upp till mer än %d MB och läses inte", zf.Name, maxWholePart>>20), tooLarge)
			return nil
		}
		shared := strings.HasSuffix(name, "sharedstrings.xml")
		if shared && zf.UncompressedSize64 > maxXMLInMemory {
			u.fileError(fmt.Sprintf("arbetsbokens texter (delen %s) packas upp till mer än %d MB och läses inte", zf.Name, maxXMLInMemory>>20), tooLarge)
			return nil
		}
		b, err := readZipPart(zf, -1, keep || shared || wholeReadPart(name))
		if err != nil {
			u.fileError("filen är skadad eller ofullständig (en del av arbetsboken går inte att packa upp)",
				"Hämta eller spara filen på nytt; den kan ha avbrutits under kopieringen")
			return nil
		}
		if wholeReadPart(name) && countTags(b) > maxWholeElements {
			u.fileError(fmt.Sprintf("delen %s av arbetsboken har fler än %s XML-element och läses inte", zf.Name, groupThousands(maxWholeElements)), tooLarge)
			return nil
		}
		if shared && countElements(b, "si") > maxSharedStrings {
			u.fileError(fmt.Sprintf("arbetsboken har fler än %s olika texter och läses inte", groupThousands(maxSharedStrings)), tooLarge)
			return nil
		}
		sizes[name] = zf.UncompressedSize64
		if keep {
			parts[name] = b
		}
		if shared && badUTF8(b) >= 0 {
			sharedText = b
		}
	}
	u.parts = sheetParts(parts, sizes)
	if u.reportInvalidUTF8(parts, sharedText) {
		return nil
	}
	return zr
}

// readZipPart reads up to limit bytes of a part (all of it when limit < 0),
// checking its integrity when read to the end; keep says whether to return
// the bytes or only check them.
func readZipPart(zf *zip.File, limit int64, keep bool) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var r io.Reader = rc
	if limit >= 0 {
		r = io.LimitReader(rc, limit)
	}
	if !keep {
		_, err = io.Copy(io.Discard, r)
		return nil, err
	}
	// The declared size is exact (the zip reader fails on more) and the
	// sizes are checked against maxUnzipped: a buffer that grew by
	// doubling would take up to twice the part.
	buf := bytes.NewBuffer(make([]byte, 0, min(zf.UncompressedSize64, maxUnzipped)+1))
	_, err = io.Copy(buf, r)
	return buf.Bytes(), err
}

// wholeReadPart reports whether excelize parses the part, named in lower
// case, whole into memory when it opens the workbook or lists its sheets.
// Worksheets it streams; drawings, comments and pivot caches it does not
// read for the cells.
func wholeReadPart(name string) bool {
	switch name {
	case "[content_types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/calcchain.xml":
		return true
	}
	return strings.HasSuffix(name, ".rels") || strings.HasPrefix(name, "xl/theme/") || strings.HasPrefix(name, "docprops/")
}

// tooLarge is the hint for a workbook past a bound no hand-filled
// underlag comes near.
const tooLarge = "Kontrollera att det är rätt fil; ett underlag är normalt under 1 MB. Ta bort inklistrade data som rapporten inte använder"

// countElements counts the start tags of elements named local, with or
// without a namespace prefix (<si>, <si …>, <x:si>).
func countElements(b []byte, local string) int {
	n := 0
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(local))
		if j < 0 {
			return n
		}
		i += j
		end := i + len(local)
		if i > 0 && (b[i-1] == '<' || b[i-1] == ':') && end < len(b) {
			switch b[end] {
			case '>', ' ', '/', '\t', '\n', '\r':
				if b[i-1] == '<' || bytes.LastIndexByte(b[:i], '<') > bytes.LastIndexByte(b[:i], '>') {
					n++
				}
			}
		}
		i = end
	}
}

// countTags counts the start and empty-element tags in XML.
func countTags(b []byte) int {
	n := 0
	for i := bytes.IndexByte(b, '<'); i >= 0 && i+1 < len(b); {
		if c := b[i+1]; c != '/' && c != '?' && c != '!' {
			n++
		}
		j := bytes.IndexByte(b[i+1:], '<')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return n
}

// read reads every sheet in dependency order: settings and calendar first,
// since periods resolve against them; the chart before the budget, since
// its lines are the names a Rad may take.
// mapSheets finds each schema sheet among the workbook's sheets.
func (u *underlagReader) mapSheets() {
	u.sheets = map[string]string{}
	for _, actual := range u.f.GetSheetList() {
		fa := fold(actual)
		for _, s := range underlagSchema {
			if fa != fold(s.name) && !containsFolded(s.aliases, fa) {
				continue
			}
			if prev, dup := u.sheets[s.name]; dup {
				u.probs.Add(problem.Problem{Severity: problem.Error, File: u.file, Sheet: actual,
					Message: fmt.Sprintf("bladet är ett andra blad %s (bredvid %q)", s.name, prev),
					Hint:    "Behåll ett av bladen"})
				continue
			}
			u.sheets[s.name] = actual
		}
	}
	for _, s := range underlagSchema {
		if _, ok := u.sheets[s.name]; ok {
			continue
		}
		switch {
		case s.required:
			u.probs.Add(problem.Problem{Severity: problem.Error, File: u.file, Sheet: s.name,
				Message: "bladet saknas" + aliasNote(s.aliases),
				Hint:    fmt.Sprintf("Lägg till bladet %s; en mall fås med rapport template", s.name)})
		case s.missing != "":
			u.probs.Add(problem.Problem{Severity: problem.Warning, File: u.file, Sheet: s.name,
				Message: s.missing, Hint: "Lägg till bladet " + s.name + " om uppgifterna finns; en mall fås med rapport template"})
		}
	}
}

func aliasNote(aliases []string) string {
	if len(aliases) == 0 {
		return ""
	}
	return " (godtas även: " + strings.Join(aliases, ", ") + ")"
}

func containsFolded(list []string, folded string) bool {
	for _, s := range list {
		if fold(s) == folded {
			return true
		}
	}
	return false
}

// monthOf converts a month number to time.Month.
func monthOf(m int) time.Month { return time.Month(m) }

// cellState tells an absent value from one that was there but wrong.
type cellState int

const (
	absent cellState = iota
	present
	invalid
)

// dataRow is one non-empty row below the header.
type dataRow struct {
	n     int      // 1-based row number
	cells []string // raw cell values, index = column − 1
}

// column is a header cell matched to a field.
type column struct {
	col  int // 1-based
	unit money.Unit
}

// table is a sheet read as a header and data rows.
type table struct {
	u           *underlagReader
	schema      *sheetSchema
	sheet       string // the name in the workbook
	header      int    // row of the header; 0 if none was found
	cols        map[string]column
	years       map[int]column
	rows        []dataRow
	part        sheetPart // what the byte scan found: formulas, formats, last row
	headerCells []string  // the header row as written
	// merged maps a cell that a merged range covers, below its first row,
	// to the range whose value it was given.
	merged map[string]mergedRange
}

// readTable reads a sheet of records. It returns nil when the sheet is
// absent or has no usable header (the problem is reported).
func (u *underlagReader) readTable(name string) *table {
	actual, ok := u.sheets[name]
	if !ok {
		return nil
	}
	t := &table{u: u, schema: schemaFor(name), sheet: actual}
	if u.parts[actual].inlineText > maxSheetText {
		// Said before excelize reads it: a sheet of one 50 MB cell took
		// 250 MB to be refused after reading.
		u.sheetError(actual, fmt.Sprintf("bladet har mer än %d MB text och läses inte", maxSheetText>>20), budgetHint)
		return nil
	}
	rows, err := u.f.Rows(actual)
	if err != nil {
		u.sheetError(actual, "bladet går inte att läsa", "Spara arbetsboken på nytt i Excel")
		return nil
	}
	defer rows.Close()
	var early []dataRow // rows before the header is found
	scanned := 0
	load := sheetLoad{book: &u.text}
	last := u.lastRow(actual)
	ended := true // whether the iterator ran out, rather than the loop stopping it
	for rows.Next() {
		if scanned++; last >= 0 && scanned > last {
			ended = false
			break
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			u.sheetError(actual, "bladet är skadat och går inte att läsa till slut", "Spara arbetsboken på nytt i Excel")
			ended = false
			break
		}
		if allBlank(cells) {
			continue
		}
		n := rowNumber(rows, scanned)
		r := dataRow{n: n, cells: u.capCells(actual, n, cells)}
		if msg := load.add(r.cells); msg != "" {
			u.sheetError(actual, msg, budgetHint)
			*load.book -= load.bytes // a sheet not read holds no text
			return nil
		}
		if t.header == 0 {
			if n > headerSearchRows {
				ended = false
				break
			}
			early = append(early, r)
			if t.matchHeader(r) {
				t.header = n
			}
			continue
		}
		t.rows = append(t.rows, r)
	}
	// excelize's Next drops the XML decoder's error and just ends: a sheet
	// that ends before the last filled row the scan found has lost rows.
	if ended && last > 0 && scanned < last {
		u.sheetError(actual, fmt.Sprintf("bladet är skadat: läsningen tar slut vid rad %d, men bladet har uppgifter till och med rad %d", scanned, last),
			"Öppna filen i Excel och spara den igen")
		return nil
	}
	if t.header == 0 {
		t.reportMissingHeader(early)
		return nil
	}
	t.part = u.parts[actual]
	t.fillMerged()
	// A row with nothing in the sheet's own columns (a note beside the
	// table) is no record.
	kept := t.rows[:0]
	for _, r := range t.rows {
		if t.hasData(r) {
			kept = append(kept, r)
		}
	}
	t.rows = kept
	for _, r := range t.rows {
		u.checkExampleRow(actual, r)
	}
	return t
}

// maxMergeFill bounds the cells that merged ranges fill in one sheet; a
// hand-filled sheet needs a few hundred, overlapping ranges in a hostile
// one could ask for billions.
const maxMergeFill = 200000

// fillMerged gives the cells that a merged range covers below its first
// row the range's value, as Excel shows them: a Period or Fokusområde
// merged over a block of rows belongs to every row of the block. Ranges
// reaching into the header or above are left alone, as are cells that
// hold a value of their own (LibreOffice can keep hidden contents).
func (t *table) fillMerged() {
	if len(t.part.merges) == 0 || len(t.rows) == 0 {
		return
	}
	at := make(map[int]int, len(t.rows)) // row number → index in t.rows
	for i, r := range t.rows {
		at[r.n] = i
	}
	last := t.rows[len(t.rows)-1].n
	budget := maxMergeFill
	for _, m := range t.part.merges {
		top, ok := at[m.top]
		if m.top <= t.header || !ok {
			continue
		}
		v := cellAt(t.rows[top].cells, m.col)
		if strings.TrimSpace(v) == "" {
			continue
		}
		for n := m.top + 1; n <= min(m.bottom, last) && budget > 0; n++ {
			budget--
			i, ok := at[n]
			if !ok || strings.TrimSpace(cellAt(t.rows[i].cells, m.col)) != "" {
				continue
			}
			for len(t.rows[i].cells) < m.col {
				t.rows[i].cells = append(t.rows[i].cells, "")
			}
			t.rows[i].cells[m.col-1] = v
			if t.merged == nil {
				t.merged = map[string]mergedRange{}
			}
			t.merged[problem.CellName(m.col, n)] = m
		}
	}
}

// mergedAmount reports an amount that a merged range gave a row other than
// its first: the one figure would count once per row. Only Investeringar
// may repeat an amount so, over the period rows of one investment (its
// Total budget and plan years).
func (t *table) mergedAmount(r dataRow, col int) bool {
	m, ok := t.merged[problem.CellName(col, r.n)]
	if !ok {
		return false
	}
	if t.schema.name == sheetInvest {
		for _, top := range t.rows {
			if top.n == m.top {
				same := true
				for _, k := range []string{fInvestment, fProject} {
					if c, ok := t.cols[k]; ok {
						same = same && fold(cellAt(top.cells, c.col)) == fold(cellAt(r.cells, c.col))
					}
				}
				if same {
					return false
				}
				break
			}
		}
	}
	t.problem(problem.Error, r, col, strings.TrimSpace(cellAt(r.cells, col)),
		fmt.Sprintf("kommer från den sammanfogade cellen %s, så beloppet skulle räknas på flera rader", m.ref),
		"Dela upp den sammanfogade cellen (Start > Sammanfoga och centrera > Dela upp celler) och skriv beloppet på den rad det gäller")
	return true
}

// hasData reports whether a row has anything in a column of the sheet.
func (t *table) hasData(r dataRow) bool {
	cols := make([]int, 0, len(t.cols)+len(t.years))
	for _, c := range t.cols {
		cols = append(cols, c.col)
	}
	for _, c := range t.years {
		cols = append(cols, c.col)
	}
	for _, c := range cols {
		if strings.TrimSpace(cellAt(r.cells, c)) != "" {
			return true
		}
		if _, ok := t.part.uncached[problem.CellName(c, r.n)]; ok {
			return true
		}
	}
	return false
}

// sheetLoad counts what the rows read from a sheet hold in memory. The
// rows of a sheet are kept until the sheet is read, and their text then
// goes into the Inputs: the bounds keep both far below what the reader's
// memory allows, and far above any hand-filled sheet.
type sheetLoad struct {
	rows, bytes int
	book        *int // the bytes of every sheet read so far
}

const budgetHint = "Kontrollera att det är rätt fil och blad; ett underlag har normalt några hundra rader och korta texter"

// add counts a row; it returns the message for the first bound exceeded.
func (b *sheetLoad) add(cells []string) string {
	b.rows++
	for _, c := range cells {
		b.bytes += len(c)
		*b.book += len(c)
	}
	switch {
	case b.rows > maxDataRows:
		return fmt.Sprintf("bladet har fler än %s rader och läses inte", groupThousands(maxDataRows))
	case b.bytes > maxSheetText:
		return fmt.Sprintf("bladet har mer än %d MB text och läses inte", maxSheetText>>20)
	case *b.book > maxBookText:
		return fmt.Sprintf("arbetsbokens blad har tillsammans mer än %d MB text, och bladet läses inte", maxBookText>>20)
	}
	return ""
}

// groupThousands writes 5000 as "5 000".
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}

// lastRow is the last row of a sheet worth reading; −1 for all.
func (u *underlagReader) lastRow(sheet string) int {
	if p, ok := u.parts[sheet]; ok {
		return p.lastRow
	}
	return -1
}

// rowNumber is the row the iterator stands on. excelize's Next steps one
// row number at a time, giving empty rows for the gaps of a sparse sheet,
// so the count of Next calls is the row number.
func rowNumber(_ *excelize.Rows, scanned int) int { return scanned }

func allBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// capCells limits each cell's text, reporting the long ones.
func (u *underlagReader) capCells(sheet string, row int, cells []string) []string {
	for i, c := range cells {
		if len(c) > maxCellText && utf8.RuneCountInString(c) > maxCellText {
			u.probs.Add(problem.At(problem.Error, u.file, sheet, i+1, row, truncateRunes(c, 40),
				fmt.Sprintf("är för lång: %d tecken, men högst %d ryms i en Excel-cell", utf8.RuneCountInString(c), maxCellText),
				"Korta texten"))
			cells[i] = truncateRunes(c, maxCellText)
		}
		if hasControl(cells[i]) {
			cells[i] = u.cleanControl(sheet, i+1, row, cells[i])
		}
	}
	return cells
}

func truncateRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

func (u *underlagReader) sheetError(sheet, msg, hint string) {
	u.probs.Add(problem.Problem{Severity: problem.Error, File: u.file, Sheet: sheet, Message: msg, Hint: hint})
}

// headerMatch maps the cells of a row to fields; dups lists cells that
// repeat a field.
func (t *table) headerMatch(r dataRow) (cols map[string]column, years map[int]column, units, unknownUnits []int, dups [][2]int) {
	cols = map[string]column{}
	years = map[int]column{}
	for i, raw := range r.cells {
		name, unit, hasUnit := splitUnit(raw)
		if name == "" {
			continue
		}
		c := column{col: i + 1, unit: unit}
		if t.schema.yearColumns {
			if y, err := strconv.Atoi(name); err == nil && y >= 1990 && y <= 2199 {
				if prev, ok := years[y]; ok {
					dups = append(dups, [2]int{prev.col, c.col})
				} else {
					years[y] = c
				}
				continue
			}
		}
		fl := t.fieldNamed(name)
		if fl != nil {
			if prev, ok := cols[fl.key]; ok {
				dups = append(dups, [2]int{prev.col, c.col})
			} else {
				cols[fl.key] = c
				if hasUnit && fl.kind != kindAmount {
					units = append(units, c.col)
				}
				if !hasUnit && fl.kind == kindAmount && strings.HasSuffix(name, ")") {
					// "Årsbudget (Mdr)": a unit we cannot read must not
					// silently become kr.
					unknownUnits = append(unknownUnits, c.col)
				}
			}
		}
	}
	return cols, years, units, unknownUnits, dups
}

// fieldNamed finds the field a folded header names. A trailing note in
// parentheses, "Värde (%)", is allowed; a date header (a monthly column
// headed by a date cell) names its month.
func (t *table) fieldNamed(name string) *field {
	try := []string{name}
	if i := strings.LastIndexByte(name, '('); i > 0 && strings.HasSuffix(name, ")") {
		try = append(try, strings.TrimSpace(name[:i]))
	}
	if f, err := strconv.ParseFloat(name, 64); err == nil && f >= 32874 && f < 73051 && t.u != nil {
		if m, err := period.FromExcelSerial(f, t.u.date1904); err == nil {
			try = append(try, strconv.Itoa(int(m.Month)))
		}
	}
	if f := strings.Fields(name); len(f) > 1 && t.u != nil && t.u.year != 0 && f[len(f)-1] == strconv.Itoa(t.u.year) {
		// "Årsbudget 2026", "Prognos 2026": the plan year after the name.
		try = append(try, strings.Join(f[:len(f)-1], " "))
	}
	if t.schema.fieldFor(monthKey(1)) != nil {
		// Monthly columns as a controller heads them: "jan.", or with the
		// plan year, "2026-01", "Jan 2026", "januari 2026". A month of
		// another year is no column of this budget.
		try = append(try, strings.TrimSuffix(name, "."))
		if m, err := period.ParseMonth(name); err == nil && t.u != nil && (t.u.year == 0 || m.Year == t.u.year) {
			try = append(try, strconv.Itoa(int(m.Month)))
		}
	}
	for _, n := range try {
		for i := range t.schema.fields {
			if containsFolded(t.schema.fields[i].names, n) {
				return &t.schema.fields[i]
			}
		}
	}
	return nil
}

// splitUnit folds a header and takes off a unit suffix: "Årsbudget (tkr)"
// → "arsbudget", tkr.
func splitUnit(raw string) (string, money.Unit, bool) {
	s := fold(raw)
	if strings.HasSuffix(s, ")") || strings.HasSuffix(s, "]") {
		if i := strings.LastIndexAny(s, "(["); i >= 0 {
			if u, ok := money.ParseUnit(s[i+1 : len(s)-1]); ok {
				return strings.TrimSpace(s[:i]), u, true
			}
		}
	}
	if i := strings.LastIndex(s, ", "); i >= 0 {
		if u, ok := money.ParseUnit(s[i+2:]); ok {
			return strings.TrimSpace(s[:i]), u, true
		}
	}
	return s, money.UnitKr, false
}

// matchHeader takes r as the header if it holds every required column.
func (t *table) matchHeader(r dataRow) bool {
	cols, years, units, unknownUnits, dups := t.headerMatch(r)
	for _, fl := range t.schema.fields {
		if _, ok := cols[fl.key]; fl.required && !ok {
			return false
		}
	}
	t.cols, t.years, t.headerCells = cols, years, r.cells
	for _, d := range dups {
		t.u.probs.Add(problem.At(problem.Error, t.u.file, t.sheet, d[1], r.n, cellAt(r.cells, d[1]),
			fmt.Sprintf("betyder samma kolumn som %s", problem.CellName(d[0], r.n)),
			"Ta bort eller byt namn på den ena kolumnen, så att det är klart vilken som gäller"))
	}
	for _, c := range units {
		t.u.probs.Add(problem.At(problem.Warning, t.u.file, t.sheet, c, r.n, cellAt(r.cells, c),
			"kolumnen innehåller inga belopp, så enheten inom parentes bortses från", "Ta bort enheten från rubriken"))
	}
	for _, c := range unknownUnits {
		t.u.probs.Add(problem.At(problem.Error, t.u.file, t.sheet, c, r.n, cellAt(r.cells, c),
			"har en enhet som inte går att tolka", "Skriv (kr), (tkr) eller (mnkr) efter rubriken, eller ingen enhet för kronor"))
	}
	return true
}

// reportMissingHeader names the required columns missing from the row that
// came closest to being the header.
func (t *table) reportMissingHeader(early []dataRow) {
	best, bestN := dataRow{}, -1
	for _, r := range early {
		cols, _, _, _, _ := t.headerMatch(r)
		if len(cols) > bestN {
			best, bestN = r, len(cols)
		}
	}
	var have map[string]column
	if bestN > 0 {
		have, _, _, _, _ = t.headerMatch(best)
	}
	for _, fl := range t.schema.fields {
		if _, ok := have[fl.key]; !fl.required || ok {
			continue
		}
		p := problem.Problem{Severity: problem.Error, File: t.u.file, Sheet: t.sheet,
			Message: fmt.Sprintf("kolumnen %q saknas i rubrikraden", fl.names[0]),
			Hint:    fmt.Sprintf("Lägg till en kolumn %s inom de %d första raderna", namesNote(fl.names), headerSearchRows)}
		if bestN > 0 {
			p.Row = best.n
		}
		t.u.probs.Add(p)
	}
}

// namesNote gives "Årsbudget (godtas även: Budget, Budget år)".
func namesNote(names []string) string {
	s := strconv.Quote(names[0])
	if len(names) > 1 {
		s += " (godtas även: " + strings.Join(names[1:], ", ") + ")"
	}
	return s
}

func cellAt(cells []string, col int) string {
	if col < 1 || col > len(cells) {
		return ""
	}
	return cells[col-1]
}

// has reports whether the sheet has the column.
func (t *table) has(key string) bool {
	_, ok := t.cols[key]
	return ok
}

// raw returns a cell's trimmed text, its column, and whether it is empty.
// An empty cell holding a formula without a cached value is reported and
// comes back invalid.
func (t *table) raw(r dataRow, key string) (string, int, cellState) {
	c, ok := t.cols[key]
	if !ok {
		return "", 0, absent
	}
	return t.rawAt(r, c.col)
}

func (t *table) rawAt(r dataRow, col int) (string, int, cellState) {
	s := strings.TrimSpace(cellAt(r.cells, col))
	if s != "" {
		if isFormulaError(s) {
			t.problem(problem.Error, r, col, s, "är ett formelfel",
				"Rätta formeln i Excel eller skriv in värdet")
			return s, col, invalid
		}
		return s, col, present
	}
	if fx, ok := t.part.uncached[problem.CellName(col, r.n)]; ok {
		value := "=" + fx
		if fx == "" {
			value = "(delad formel)"
		}
		t.problem(problem.Error, r, col, value, "är en formel utan sparat värde",
			"Öppna filen i Excel, räkna om (F9) och spara, eller skriv in värdet")
		return "", col, invalid
	}
	return "", col, absent
}

func isFormulaError(s string) bool {
	switch s {
	case "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!", "#GETTING_DATA":
		return true
	}
	return false
}

func (t *table) problem(sev problem.Severity, r dataRow, col int, value, msg, hint string) {
	t.u.probs.Add(problem.At(sev, t.u.file, t.sheet, col, r.n, value, msg, hint))
}

// text returns a text cell as written (surrounding space trimmed).
func (t *table) text(r dataRow, key string) string {
	s, _, _ := t.raw(r, key)
	return s
}

// amount reads a money cell in the column's unit.
func (t *table) amount(r dataRow, key string) (money.Amount, cellState) {
	c, ok := t.cols[key]
	if !ok {
		return 0, absent
	}
	return t.amountAt(r, c)
}

func (t *table) amountAt(r dataRow, c column) (money.Amount, cellState) {
	s, col, st := t.rawAt(r, c.col)
	if st != present {
		return 0, st
	}
	if t.mergedAmount(r, col) {
		return 0, invalid
	}
	s = leadingDash(s)
	unit := c.unit
	if f := strings.Fields(s); len(f) > 1 {
		// "419 mnkr", "−613 500 tkr": a unit written after the number, as
		// Inställningar takes it, unless the header gives another.
		if cu, ok := money.ParseUnit(f[len(f)-1]); ok {
			if cu != c.unit && c.unit != money.UnitKr {
				t.problem(problem.Error, r, col, s, fmt.Sprintf("har enheten %s men rubriken anger %s", cu, c.unit),
					"Ange enheten på ett ställe: i rubriken, eller efter talet i varje cell")
				return 0, invalid
			}
			s, unit = strings.Join(f[:len(f)-1], " "), cu
		}
	}
	a, err := money.Parse(s, unit)
	if err == money.ErrTooLarge {
		t.problem(problem.Error, r, col, s, "är ett orimligt stort belopp", "Kontrollera beloppet och kolumnens enhet")
		return 0, invalid
	}
	if err != nil {
		t.problem(problem.Error, r, col, s, "är inte ett belopp", "Skriv ett tal, t.ex. 1 234,5")
		return 0, invalid
	}
	return a, present
}

// month reads a period cell: a month, a date or a period code.
func (t *table) month(r dataRow, key string) (period.Month, cellState) {
	s, col, st := t.raw(r, key)
	if st != present {
		return period.Month{}, st
	}
	m, msg := t.u.parsePeriod(s)
	if msg == msgNeedsYear {
		t.problem(problem.Error, r, col, s, msg, "Skriv År (t.ex. 2026) i bladet Inställningar, ange --year, eller skriv månaden med år (2026-04)")
		return period.Month{}, invalid
	}
	if msg != "" {
		t.problem(problem.Error, r, col, s, msg,
			"Skriv en månad (2026-04) eller en period ("+strings.Join(t.u.codes(), ", ")+")")
		return period.Month{}, invalid
	}
	return m, present
}

const msgNeedsYear = "kan inte tolkas när året inte är känt"

// parsePeriod reads a month or period code; msg is empty on success.
func (u *underlagReader) parsePeriod(s string) (period.Month, string) {
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "-/ ") {
		if f == math.Trunc(f) && f >= 190001 && f <= 220012 {
			if m, err := period.ParseMonth(strconv.Itoa(int(f))); err == nil {
				return m, ""
			}
		}
		// Date cells arrive as serial numbers: 1990-01-01 … 2099-12-31.
		if f >= 32874 && f < 73051 {
			m, err := period.FromExcelSerial(f, u.date1904)
			if err == nil {
				return m, ""
			}
		}
		return period.Month{}, "är inte en period"
	}
	if m, err := period.ParseMonth(s); err == nil {
		return m, ""
	}
	code := strings.ToUpper(strings.TrimSpace(s))
	if c, err := period.ParseCode(s); err == nil {
		code = string(c)
	}
	e, ok := u.in.Calendar.Lookup(period.Code(code))
	if !ok {
		e, ok = u.periodNamed(s)
	}
	if !ok {
		return period.Month{}, "är inte en period"
	}
	if u.year == 0 {
		return period.Month{}, msgNeedsYear
	}
	return period.Month{Year: u.year, Month: e.LastMonth}, ""
}

// periodNamed finds the period a cell names by its Swedish name, as the
// report's cover writes it: "Uppföljningsrapport 1", "Årsredovisning", or
// "Månadsrapport mars" for a month without a row in the calendar.
func (u *underlagReader) periodNamed(s string) (period.Entry, bool) {
	name := fold(s)
	for _, e := range u.in.Calendar {
		if fold(e.Name) == name {
			return e, true
		}
	}
	for m := 1; m <= 12; m++ {
		if e, ok := u.in.Calendar.Lookup(period.Code(fmt.Sprintf("M%02d", m))); ok && fold(e.Name) == name {
			return e, true
		}
	}
	return period.Entry{}, false
}

// codes lists the period codes accepted, for messages.
func (u *underlagReader) codes() []string {
	out := []string{"M01–M12"}
	for _, e := range u.in.Calendar {
		if len(e.Code) == 3 && e.Code[0] == 'M' {
			continue
		}
		out = append(out, string(e.Code))
	}
	return out
}

// number reads a decimal number: "5,2", "5.2", "5,2 %", a number cell.
// A number cell with a percent format (0,052 shown as 5,2 %) is scaled to
// percent.
func (t *table) number(r dataRow, key string) (float64, cellState) {
	s, col, st := t.raw(r, key)
	if st != present {
		return 0, st
	}
	v, ok := parseNumber(s)
	if !ok {
		t.problem(problem.Error, r, col, s, "är inte ett tal", "Skriv ett tal, t.ex. 5,2")
		return 0, invalid
	}
	if !strings.Contains(s, "%") && t.part.percent[problem.CellName(col, r.n)] {
		v *= 100
	}
	return v, present
}

// leadingDash reads a leading en dash as a minus sign: text pasted from a
// word processor writes "–5 000" for −5 000, and in a number cell a dash
// means nothing else.
func leadingDash(s string) string {
	if rest, ok := strings.CutPrefix(strings.TrimSpace(s), "–"); ok {
		return "-" + rest
	}
	return s
}

// parseNumber reads "5,2", "5.2", "−5,2", "–5,2", "5,2 %", "1 234,5".
func parseNumber(s string) (float64, bool) {
	s = leadingDash(s)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	s = strings.ReplaceAll(s, "−", "-")
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u2009', '\u202f':
			return -1
		}
		return r
	}, s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	if s == "" || strings.ContainsAny(s, "xXpP_") { // no hex floats or digit separators
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// integer reads a whole number.
func (t *table) integer(r dataRow, key string) (int, cellState) {
	s, col, st := t.raw(r, key)
	if st != present {
		return 0, st
	}
	v, ok := parseInt(s)
	if !ok {
		t.problem(problem.Error, r, col, s, "är inte ett heltal", "Skriv ett heltal, t.ex. 3000")
		return 0, invalid
	}
	return v, present
}

func parseInt(s string) (int, bool) {
	f, ok := parseNumber(s)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}

// boolean reads Ja/Nej.
func (t *table) boolean(r dataRow, key string) (bool, cellState) {
	s, col, st := t.raw(r, key)
	if st != present {
		return false, st
	}
	v, ok := parseBool(s)
	if !ok {
		t.problem(problem.Error, r, col, s, "är inte Ja eller Nej", "Skriv Ja eller Nej")
		return false, invalid
	}
	return v, present
}

func parseBool(s string) (bool, bool) {
	switch fold(s) {
	case "ja", "j", "yes", "y", "true", "sant", "1", "x":
		return true, true
	case "nej", "n", "no", "false", "falskt", "0":
		return false, true
	}
	return false, false
}

// place is a row's place, for warnings raised after import.
func (t *table) place(r dataRow) report.Place {
	return report.Place{File: t.u.file, Sheet: t.sheet, Row: r.n}
}

// placeAt is place with the column of field f, for a warning that names
// the cell of a text; the column is 0 when the sheet lacks the field.
func (t *table) placeAt(r dataRow, f string) report.Place {
	p := t.place(r)
	if c, ok := t.cols[f]; ok {
		p.Col = c.col
	}
	return p
}
