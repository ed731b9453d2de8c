package ledger

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"rapport/report/filetype"
	"rapport/report/problem"
	"rapport/report/xlsxstream"
)

// Options steer Read.
type Options struct {
	Sheet    string         // XLSX: the sheet to read; "" = the first sheet
	Progress func(Progress) // optional; called about every 100 ms of work, from the reading goroutine
	// Columns are the export's own headers that the controllers' workbook
	// names (sheet Kolumner), for fields no synonym fits. A name that the
	// file's header row lacks is an error at the cell that names it.
	Columns []Column
	// Units, if any, route each posting by its responsibility to the unit
	// whose Selector takes it (SPEC 6.2), so that one read of a regional
	// export serves every unit: Ledger.Units then holds their sums.
	Units []Unit
	// KeepResponsibility and KeepActivity keep each row's Ansvar or
	// Verksamhet code in its Key (Key.Responsibility, Key.Activity), for
	// a report grouped by them (SPEC 14).
	KeepResponsibility, KeepActivity bool
}

// Progress is how far a read has come. For XLSX the bytes are those of
// the sheet's XML, uncompressed.
type Progress struct {
	Rows                  int
	BytesRead, BytesTotal int64
}

// progressEvery is how often Options.Progress is called.
const progressEvery = 100 * time.Millisecond

// ReadFile reads the ledger export at path; see Read.
func ReadFile(ctx context.Context, path string, opt Options) (*Ledger, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s är en mapp, inte en fil", path)
	}
	return Read(ctx, f, st.Size(), path, opt)
}

// Read sums a ledger export. The format is sniffed from the content (a
// zip is XLSX, a file named .se/.si/.sie or beginning with #FLAGGA is SIE
// 4, anything else CSV); name is used in messages. Problems in
// the file go into Ledger.Problems with file, sheet and cell; the error is
// only for a failure to read or a cancelled ctx.
//
// Rows are counted from the one below the header: in XLSX, rows that the
// file leaves out between rows it has count as blank, as a controller
// sees them in Excel. A row whose account, amount or period is missing or
// unreadable is an error row, reported and never summed; past the first
// 200 problems only a summary is added, but the counts stay exact, so that
// RowsRead = RowsSummed + BlankRows + ErrorRows + SummaryRows always holds.
func Read(ctx context.Context, r io.ReaderAt, size int64, name string, opt Options) (*Ledger, error) {
	l := &Ledger{File: filepath.Base(name), Buckets: map[Key]Bucket{}}
	newRouter(l, opt.Units)
	l.keep = keepCodes{resp: opt.KeepResponsibility, act: opt.KeepActivity}
	if size <= 0 {
		l.fileProblem("filen är tom", "Exportera huvudboken på nytt från ekonomisystemet")
		return l, nil
	}
	head := make([]byte, filetype.HeadSize)
	n, err := r.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, err
	}
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(name))
	switch kind := filetype.Detect(head); {
	case kind == filetype.Zip:
		err = readXLSX(ctx, r, size, l, opt)
	case kind == filetype.OLE || kind == filetype.Encrypted:
		l.oleProblem(r, size)
	case kind == filetype.PDF:
		l.fileProblem(filetype.Wrong(kind, filetype.WantLedger),
			"Exportera huvudboken som .xlsx eller CSV från ekonomisystemet")
	case isSIE(r, name):
		err = readSIE(ctx, r, size, l, opt)
	default:
		ws := ""
		if ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".ods" {
			ws = ext
		}
		err = readCSV(ctx, r, size, l, opt, ws)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, err
		}
		l.fileProblem("filen är trasig och kunde inte läsas till slut ("+describe(err)+")",
			"Exportera huvudboken på nytt, eller öppna den i Excel och spara den igen")
	}
	return l, nil
}

func describe(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "xlsxstream: ")
	return s
}

// fileProblem adds an error about the whole file.
func (l *Ledger) fileProblem(msg, hint string) {
	l.Problems.Add(problem.Problem{Severity: problem.Error, File: l.File, Sheet: l.Sheet, Message: msg, Hint: hint})
}

// oleProblem explains an OLE compound file: an encrypted workbook or an
// old .xls, which look alike from outside.
func (l *Ledger) oleProblem(r io.ReaderAt, size int64) {
	n := size
	if n > 4<<20 {
		n = 4 << 20
	}
	buf := make([]byte, n)
	m, _ := r.ReadAt(buf, 0)
	buf = buf[:m]
	switch kind := filetype.Detect(buf); kind {
	case filetype.Encrypted:
		l.fileProblem(filetype.Wrong(kind, filetype.WantLedger),
			"Öppna den i Excel, ta bort lösenordet (Arkiv > Info > Skydda arbetsbok) och spara, eller exportera huvudboken som CSV")
	default:
		l.fileProblem(filetype.Wrong(filetype.OLE, filetype.WantLedger),
			"Öppna den i Excel och spara som Excel-arbetsbok (.xlsx) eller CSV")
	}
}

// progress calls Options.Progress at most every progressEvery.
type progress struct {
	fn                  func(Progress)
	last                time.Time
	lastRead, lastTotal int64 // bytes at the end of the last sheet read
}

func (p *progress) tick(rows int, read, total int64, force bool) {
	if p.fn == nil {
		return
	}
	now := time.Now()
	if force || now.Sub(p.last) >= progressEvery {
		p.last = now
		p.fn(Progress{Rows: rows, BytesRead: read, BytesTotal: total})
	}
}

// checkEvery is how many rows pass between looks at ctx and the clock.
const checkEvery = 1024

func readXLSX(ctx context.Context, r io.ReaderAt, size int64, l *Ledger, opt Options) error {
	wb, err := xlsxstream.Open(r, size, xlsxstream.DefaultLimits())
	if err != nil {
		switch {
		case errors.Is(err, xlsxstream.ErrODS):
			l.fileProblem("filen är ett OpenDocument-kalkylblad (.ods), inte .xlsx",
				"Spara den som Excel-arbetsbok (.xlsx) eller CSV, t.ex. i LibreOffice med Arkiv > Spara som")
		case errors.Is(err, xlsxstream.ErrBomb):
			l.fileProblem("filen packas upp till en orimlig storlek (en zip-bomb eller en trasig fil) och läses inte",
				"Exportera huvudboken på nytt från ekonomisystemet")
		case errors.Is(err, xlsxstream.ErrSharedTooLarge):
			l.fileProblem(fmt.Sprintf("arbetsboken är för stor för att läsas som xlsx: dess texter packas upp till mer än %d MB", xlsxstream.DefaultLimits().MaxSharedBytes>>20),
				"Exportera huvudboken som CSV (huvudbok.csv) i stället; den läses rad för rad, hur stor den än är")
		case errors.Is(err, xlsxstream.ErrTooManySheets):
			l.fileProblem(fmt.Sprintf("arbetsboken har orimligt många blad (över %d) och läses inte", xlsxstream.MaxSheets),
				"Exportera huvudboken på nytt, eller spara bara bladen med huvudboken")
		case errors.Is(err, xlsxstream.ErrTooDeep):
			l.fileProblem(fmt.Sprintf("filen är trasig (för djup nästling: över %d nivåer av XML-element) och läses inte", xlsxstream.MaxDepth),
				"Exportera huvudboken på nytt, eller öppna den i Excel och spara den igen")
		case errors.Is(err, xlsxstream.ErrNotWorkbook):
			l.fileProblem("filen är en zip-fil men ingen Excel-arbetsbok",
				"Exportera huvudboken som .xlsx eller CSV")
		default:
			var pe *fs.PathError
			if errors.As(err, &pe) {
				return err
			}
			l.fileProblem("filen är en trasig eller avkortad Excel-fil",
				"Exportera huvudboken på nytt, eller öppna den i Excel och spara den igen")
		}
		return nil
	}
	// Every sheet with the ledger's header is read: exports split at
	// Excel's row limit are combined in one workbook sheet by sheet, and
	// reading only the first would silently lose the rest. Options.Sheet
	// names one sheet to read alone.
	names := []string{opt.Sheet}
	if opt.Sheet == "" {
		names = wb.Sheets()
	}
	var (
		prog      = progress{fn: opt.Progress}
		best      layout
		first     layout // the header of the first sheet read
		bestSheet string
		counts    []SheetCount
		other     []string // sheets with content but no header
		done      int64    // sheet XML bytes of sheets finished, for progress
	)
	for _, name := range names {
		before := SheetCount{RowsRead: l.RowsRead, RowsSummed: l.RowsSummed, BlankRows: l.BlankRows, ErrorRows: l.ErrorRows, SummaryRows: l.SummaryRows, Total: l.Total}
		res, err := l.readSheet(ctx, wb, name, opt.Sheet != "", newHeaderNames(opt.Columns), &prog, &done)
		if err != nil {
			return err
		}
		if res.lay.found > best.found {
			best, bestSheet = res.lay, res.sheet
		}
		if res.status == sheetRead && first.headers == nil {
			first = res.lay
		}
		switch res.status {
		case sheetStop:
			return nil
		case sheetRead:
			if l.Sheet == "" {
				l.Sheet = res.sheet
			}
			counts = append(counts, SheetCount{Name: res.sheet,
				RowsRead: l.RowsRead - before.RowsRead, RowsSummed: l.RowsSummed - before.RowsSummed,
				BlankRows: l.BlankRows - before.BlankRows, ErrorRows: l.ErrorRows - before.ErrorRows,
				SummaryRows: l.SummaryRows - before.SummaryRows, Total: l.Total - before.Total})
			if res.broken {
				return nil
			}
		case sheetOther:
			other = append(other, res.sheet)
		}
	}
	if len(counts) == 0 {
		l.Sheet = bestSheet
		if best.found == 0 || l.Sheet == "" {
			l.Sheet = wb.Sheets()[0]
			if opt.Sheet != "" {
				l.Sheet = names[0]
			}
		}
		l.checkColumns(best, opt.Columns)
		l.noHeader(best, l.Sheet)
		return nil
	}
	l.checkColumns(first, opt.Columns)
	if len(counts) > 1 {
		l.Sheets = counts
	}
	for _, name := range other {
		l.Problems.Add(problem.Problem{Severity: problem.Warning, File: l.File, Sheet: name,
			Message: "bladet har ingen rubrikrad för huvudboken och läses inte",
			Hint:    fmt.Sprintf("Om bladet hör till huvudboken: ge det samma rubrikrad som bladet %q; annars kan det ligga kvar", l.Sheet)})
	}
	prog.tick(l.RowsRead, prog.lastRead, prog.lastTotal, true)
	return nil
}

// sheetStatus is what readSheet made of a sheet.
type sheetStatus int

const (
	sheetEmpty sheetStatus = iota // nothing in the rows where a header may be
	sheetOther                    // content, but no ledger header
	sheetRead                     // a header, and the rows below it summed
	sheetStop                     // a problem that stops the whole file, reported
)

type sheetResult struct {
	status sheetStatus
	sheet  string
	lay    layout // the most complete header seen
	broken bool   // the sheet's XML broke off; reported, and reading stops
}

// readSheet sums one sheet into l. named says the user chose the sheet.
func (l *Ledger) readSheet(ctx context.Context, wb *xlsxstream.Workbook, name string, named bool, names headerNames, prog *progress, done *int64) (sheetResult, error) {
	res := sheetResult{sheet: name}
	rows, err := wb.Rows(name)
	if err != nil {
		res.status = sheetStop
		switch {
		case errors.Is(err, xlsxstream.ErrNoSheet):
			l.fileProblem(fmt.Sprintf("bladet %q finns inte", name),
				"Bladen i filen heter: "+strings.Join(wb.Sheets(), ", "))
		case errors.Is(err, xlsxstream.ErrBomb):
			l.sheetProblem(name, "bladet packas upp till en orimlig storlek (en zip-bomb eller en trasig fil) och läses inte",
				"Exportera huvudboken på nytt från ekonomisystemet")
		default:
			l.sheetProblem(name, "bladet saknas i filen, som är trasig", "Exportera huvudboken på nytt")
		}
		return res, nil
	}
	defer rows.Close()
	res.sheet = rows.Sheet()
	sheet := res.sheet

	var (
		sum       *summer
		lastRow   int
		cells     []xlsxstream.Cell
		vals      rowValues
		denseCols int // the columns the layout reads by index
		seen      int
		content   bool
	)
	for rows.Next() {
		rowNum := rows.Row()
		cells = rows.Cells()
		seen++
		if seen%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return res, err
			}
			read, total := rows.Progress()
			prog.tick(l.RowsRead, *done+read, *done+total, false)
		}
		if sum == nil {
			if rowNum > maxHeaderRow {
				break
			}
			texts := make([]string, 0, len(cells))
			for _, c := range cells {
				if len(bytes.TrimSpace(c.Value)) > 0 || c.Formula {
					content = true
				}
				if c.Col > 512 {
					continue
				}
				for len(texts) < c.Col {
					texts = append(texts, "")
				}
				if c.Type == xlsxstream.String {
					texts[c.Col-1] = string(c.Value)
				}
			}
			lay := names.detectHeader(texts)
			if lay.found > res.lay.found {
				res.lay = lay
			}
			if lay.complete() {
				if !l.checkDuplicates(lay, sheet, rowNum) {
					res.status = sheetStop
					return res, nil
				}
				sum = newSummer(l, lay, sheet, false)
				for _, c := range lay.col {
					denseCols = max(denseCols, c+1)
				}
				sum.date1904 = wb.Date1904
				lastRow = rowNum
			}
			continue
		}
		// Rows the file leaves out between rows it has are empty rows.
		if rowNum > lastRow+1 {
			gap := rowNum - lastRow - 1
			l.RowsRead += gap
			l.BlankRows += gap
		}
		if rowNum > lastRow {
			lastRow = rowNum
		}
		vals.reset()
		blank := true
		for i := range cells {
			v := cellValue(&cells[i])
			if blank && !isBlank(v) {
				blank = false
			}
			vals.set(cells[i].Col-1, denseCols, v)
		}
		if blank {
			l.RowsRead++
			l.BlankRows++
			continue
		}
		sum.row(rowNum, &vals)
	}
	_, total := rows.Progress()
	*done += total
	prog.lastRead, prog.lastTotal = *done, *done
	if sum != nil {
		res.status = sheetRead
		sum.finish()
	} else if content {
		res.status = sheetOther
	}
	if err := rows.Err(); err != nil {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return res, err
		}
		l.xlsxProblem(sheet, err)
		res.broken = true
		if sum == nil {
			res.status = sheetStop
		}
	}
	return res, nil
}

// sheetProblem adds an error about a whole sheet.
// cellValue is a workbook cell as the summer reads it.
func cellValue(c *xlsxstream.Cell) value {
	v := value{text: c.Value, tooLarge: c.TooLarge, badString: c.BadIndex}
	switch c.Type {
	case xlsxstream.Number:
		v.kind = kindNumber
		if c.Date {
			v.kind = kindDateNum
		}
	case xlsxstream.Bool:
		v.kind = kindBool
	case xlsxstream.Error:
		v.kind = kindError
	}
	v.noValue = c.Formula && len(c.Value) == 0
	return v
}

func (l *Ledger) sheetProblem(sheet, msg, hint string) {
	l.Problems.Add(problem.Problem{Severity: problem.Error, File: l.File, Sheet: sheet, Message: msg, Hint: hint})
}

// xlsxProblem explains an error that stopped reading a sheet's XML.
func (l *Ledger) xlsxProblem(sheet string, err error) {
	var pos *xlsxstream.PosError
	switch {
	case errors.As(err, &pos) && errors.Is(err, xlsxstream.ErrCellOrder):
		l.Problems.Add(problem.At(problem.Error, l.File, sheet, pos.Col, pos.Row, "",
			"cellen står inte till höger om cellen före den i raden, vilket Excel aldrig skriver: filen är trasig eller konstruerad, och bladet läses inte vidare",
			"Exportera huvudboken på nytt, eller öppna den i Excel och spara den igen"))
	case errors.As(err, &pos) && errors.Is(err, xlsxstream.ErrRowOrder):
		msg := fmt.Sprintf("radnumret %d förekommer två gånger i bladet", pos.Row)
		if pos.Row < pos.After {
			msg = fmt.Sprintf("rad %d står efter rad %d i filen", pos.Row, pos.After)
		}
		p := problem.At(problem.Error, l.File, sheet, 0, pos.Row, "",
			msg+", vilket Excel aldrig skriver: raden skulle summeras som en annan rad eller två gånger, så filen är trasig eller konstruerad och bladet läses inte vidare",
			"Exportera huvudboken på nytt, eller öppna den i Excel och spara den igen")
		p.Cell = fmt.Sprintf("rad %d", pos.Row)
		l.Problems.Add(p)
	case errors.As(err, &pos) && errors.Is(err, xlsxstream.ErrRowTooLarge):
		p := problem.At(problem.Error, l.File, sheet, 0, pos.Row, "",
			fmt.Sprintf("raden har orimligt mycket text (över %d MB): filen är trasig eller konstruerad, och bladet läses inte vidare", xlsxstream.MaxRowBytes>>20),
			"Exportera huvudboken på nytt, eller öppna den i Excel och spara den igen")
		p.Cell = fmt.Sprintf("rad %d", pos.Row)
		l.Problems.Add(p)
	case errors.Is(err, xlsxstream.ErrTooDeep):
		l.sheetProblem(sheet, fmt.Sprintf("filen är trasig (för djup nästling: över %d nivåer av XML-element) och läses inte vidare", xlsxstream.MaxDepth),
			"Exportera huvudboken på nytt, eller öppna den i Excel och spara den igen")
	default:
		l.sheetProblem(sheet, "filen är trasig och kunde inte läsas till slut ("+describe(err)+")",
			"Exportera huvudboken på nytt, eller öppna den i Excel och spara den igen")
	}
}

// checkDuplicates reports columns that name the same field; the file
// cannot be read when it is unclear which one holds the value.
func (l *Ledger) checkDuplicates(lay layout, sheet string, row int) bool {
	at := func(col int, msg, hint string) {
		p := problem.At(problem.Error, l.File, sheet, col+1, row, "", msg, hint)
		if sheet == "" {
			p.Cell = fmt.Sprintf("rad %d", row)
		}
		l.Problems.Add(p)
	}
	head := func(col int) string {
		return fmt.Sprintf("%q (%s)", strings.TrimSpace(lay.headers[col]), problem.ColumnName(col+1))
	}
	amount, debit, credit := lay.col[fieldAmount], lay.col[fieldDebit], lay.col[fieldCredit]
	ok := len(lay.dups) == 0
	switch {
	case amount >= 0 && lay.debitCredit():
		other := debit
		if other < 0 {
			other = credit
		}
		at(other, "filen har både en beloppskolumn "+head(amount)+" och debet/kredit "+head(other)+"; det går inte att veta vilken som gäller",
			"Ta bort beloppskolumnen eller kolumnerna Debet och Kredit ur exporten, eller byt namn på den som inte ska läsas")
		ok = false
	case debit >= 0 && credit < 0:
		at(debit, "filen har kolumnen "+head(debit)+" men ingen kolumn Kredit; beloppet är debet minus kredit",
			"Exportera både Debet och Kredit, eller en enda beloppskolumn (Belopp)")
		ok = false
	case credit >= 0 && debit < 0:
		at(credit, "filen har kolumnen "+head(credit)+" men ingen kolumn Debet; beloppet är debet minus kredit",
			"Exportera både Debet och Kredit, eller en enda beloppskolumn (Belopp)")
		ok = false
	}
	for _, d := range lay.dups {
		a, b := d[0], d[1]
		p := problem.At(problem.Error, l.File, sheet, b+1, row, "",
			fmt.Sprintf("kolumnerna %q (%s) och %q (%s) anger samma sak; det går inte att veta vilken som gäller",
				strings.TrimSpace(lay.headers[a]), problem.ColumnName(a+1), strings.TrimSpace(lay.headers[b]), problem.ColumnName(b+1)),
			"Ta bort eller byt namn på den ena kolumnen")
		if sheet == "" {
			p.Cell = fmt.Sprintf("rad %d", row)
		}
		l.Problems.Add(p)
	}
	return ok
}

// checkColumns reports each header that the controllers' workbook names
// (sheet Kolumner) but the ledger's header row lacks: at the cell that
// names it, since that is where the fix is. best is the header row found,
// or the most complete candidate.
func (l *Ledger) checkColumns(best layout, cols []Column) {
	for _, c := range cols {
		n := normalizeHeader(c.Header)
		if n == "" {
			continue
		}
		found := false
		// The name matches as the header row was matched: also with a
		// unit as its last word or a colon after it ("Nettobelopp tkr").
		own := newHeaderNames([]Column{c})
		for _, h := range best.headers {
			hn := normalizeHeader(h)
			if _, _, rank := own.matchHeader(h); hn == n || withoutUnit(hn) == n || rank < 0 {
				found = true
				break
			}
		}
		if found {
			continue
		}
		p := problem.At(problem.Error, c.File, c.Sheet, 2, c.Row, "",
			fmt.Sprintf("huvudboken %s har ingen kolumn %q", l.File, c.Header),
			"Skriv rubriken exakt som i huvudbokens rubrikrad (stora och små bokstäver spelar ingen roll), eller ta bort raden i bladet Kolumner")
		l.Problems.Add(p)
	}
}

// noHeader explains a file whose first rows hold no complete header.
func (l *Ledger) noHeader(best layout, sheet string) {
	if best.found == 0 {
		l.fileProblem(fmt.Sprintf("hittar ingen rubrikrad bland de %d första raderna: filen ser inte ut som en huvudboksexport", maxHeaderRow),
			"Huvudboken ska ha kolumnerna konto ("+displayNames[fieldAccount]+"), belopp ("+displayNames[fieldAmount]+
				") och period ("+displayNames[fieldPeriod]+") eller datum ("+displayNames[fieldDate]+")")
		return
	}
	l.fileProblem("rubrikraden saknar kolumn för "+strings.Join(best.missing(), " och "),
		"Lägg till kolumnen med en av de godtagna rubrikerna; stora och små bokstäver spelar ingen roll")
}

// sniffDelimiter picks the delimiter under which one of the first rows is
// a complete header; failing that, the one most used in the first line.
func sniffDelimiter(head []byte, dec *decoder, names headerNames) byte {
	cands := []byte{';', '\t', ','}
	// A pipe is read too where it makes a complete header, as some
	// report writers separate with it; it is never guessed.
	for _, d := range append(cands, '|') {
		cr := newCSVReader(bufio.NewReader(bytes.NewReader(head)), d)
		for i := 0; i < maxHeaderRow; i++ {
			rec, err := cr.next()
			if err != nil {
				break
			}
			texts := make([]string, len(rec))
			for j, f := range rec {
				texts[j] = dec.string(f)
			}
			if lay := names.detectHeader(texts); lay.complete() {
				return d
			}
		}
	}
	first := head
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	best, bestN := byte(';'), 0
	for _, d := range cands {
		if n := bytes.Count(first, []byte{d}); n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

// readCSV reads a text export. ext is the workbook extension the file
// wrongly has, if any, for a warning once the content is known to be text.
func readCSV(ctx context.Context, r io.ReaderAt, size int64, l *Ledger, opt Options, ext string) error {
	sr := io.NewSectionReader(r, 0, size)
	counted := &countingReader{r: sr}
	var src io.Reader = counted
	dec := &decoder{}
	bom := make([]byte, 3)
	n, _ := r.ReadAt(bom, 0)
	bom = bom[:n]
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		dec.enc = encUTF8
		if _, err := io.CopyN(io.Discard, counted, 3); err != nil {
			return err
		}
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}) || bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		// Excel's "Unicode text" is UTF-16 with a byte-order mark.
		dec.enc = encUTF8
		src = transform.NewReader(counted, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	default:
		// Some database tools write UTF-16 without the mark.
		if order, ok := utf16Order(r); ok {
			dec.enc = encUTF8
			src = transform.NewReader(counted, unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder())
		}
	}
	br := bufio.NewReaderSize(src, 1<<20)
	head, err := br.Peek(64 << 10)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return err
	}
	if oldMacLines(head) {
		// Lines that end in CR alone, as classic Mac OS and some old
		// report writers end them: one line end for the reader. The
		// parallel read, which cuts the file at LF, is then not used.
		src = crToLF{br}
		br = bufio.NewReaderSize(src, 1<<20)
		head, _ = br.Peek(64 << 10)
	}
	if bytes.IndexByte(head, 0) >= 0 {
		l.fileProblem("filen är varken en Excel-arbetsbok (.xlsx) eller en textfil (CSV)",
			"Exportera huvudboken som .xlsx eller CSV")
		return nil
	}
	if bytes.HasPrefix(bytes.TrimSpace(head), []byte("<")) {
		// Some ERP systems' "Excel export" is an HTML table or Excel 2003
		// XML under an .xls name.
		l.fileProblem("filen är en webbsida (HTML) eller XML, inte en Excel-arbetsbok (.xlsx) eller CSV",
			"Öppna den i Excel och spara som Excel-arbetsbok (.xlsx) eller CSV, eller välj CSV-export i ekonomisystemet")
		return nil
	}
	if ext != "" {
		l.Problems.Add(problem.Problem{Severity: problem.Warning, File: l.File,
			Message: "filen heter " + ext + " men är en textfil; den läses som CSV",
			Hint:    "Byt filändelse till .csv så att den inte förväxlas med en arbetsbok"})
	}
	names := newHeaderNames(opt.Columns)
	var delim byte
	if bytes.HasPrefix(head, []byte("sep=")) && len(head) > 4 && head[4] != '\r' && head[4] != '\n' {
		// Excel's hint line: "sep=;".
		delim = head[4]
		if _, err := br.ReadSlice('\n'); err != nil && err != io.EOF {
			return err
		}
		head, _ = br.Peek(64 << 10)
	} else {
		delim = sniffDelimiter(head, dec, names)
	}
	cr := newCSVReader(br, delim)
	prog := progress{fn: opt.Progress}
	var (
		sum  *summer
		rows *csvRows
		best layout
		recN int
	)
	spans := 0
	spanProblem := func() {
		sp, ok := cr.takeSpan()
		if !ok {
			return
		}
		if spans++; len(l.Problems) >= maxProblems && sum != nil {
			sum.suppressed++
			return
		}
		msg := fmt.Sprintf("ett citattecken i början av ett fält på rad %d avslutas först på rad %d: en läsare som följer citattecknet gör raderna %d–%d till en enda kontering", sp.first, sp.last, sp.first, sp.last)
		if sp.unclosed {
			msg = fmt.Sprintf("ett citattecken i början av ett fält på rad %d avslutas aldrig: en läsare som följer citattecknet gör raderna %d–%d till en enda kontering", sp.first, sp.first, sp.last)
		}
		l.Problems.Add(problem.Problem{Severity: problem.Error, File: l.File, Row: sp.first,
			Cell:    fmt.Sprintf("rad %d–%d", sp.first, sp.last),
			Message: msg + ". Ett fält i huvudboken kan inte gå över flera rader; raderna har lästs var för sig med citattecknet som vanligt tecken, men kontrollera dem",
			Hint:    "Ta bort citattecknet eller skriv det dubbelt (\"\"), eller exportera utan citattecken kring fälten"})
	}
	for {
		rec, err := cr.next()
		spanProblem()
		if err == io.EOF {
			break
		}
		if err == errRecordTooLong || err == errTooManyFields {
			msg := fmt.Sprintf("raden är orimligt lång (över %d MB) och filen läses inte vidare", maxRecord>>20)
			if err == errTooManyFields {
				msg = fmt.Sprintf("raden har orimligt många fält (över 16 384) och filen läses inte vidare")
			}
			l.Problems.Add(problem.Problem{Severity: problem.Error, File: l.File, Row: recN + 1, Cell: fmt.Sprintf("rad %d", recN+1),
				Message: msg,
				Hint:    "Kontrollera att filen är en CSV-export med en kontering per rad"})
			if sum != nil {
				rows.finish()
			}
			return nil
		}
		if err != nil {
			return err
		}
		recN++
		if recN%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			prog.tick(l.RowsRead, counted.n, size, false)
		}
		if sum == nil {
			if recN > maxHeaderRow {
				break
			}
			texts := make([]string, len(rec))
			for i, f := range rec {
				texts[i] = dec.string(f)
			}
			lay := names.detectHeader(texts)
			if lay.found > best.found {
				best = lay
			}
			if lay.complete() {
				l.checkColumns(lay, opt.Columns)
				if !l.checkDuplicates(lay, "", recN) {
					return nil
				}
				sum = newSummer(l, lay, "", true)
				sum.dec = dec
				rows = newCSVRows(sum, delim, len(rec))
				if src == io.Reader(counted) && !cr.open {
					// The data begins where the header line ends.
					done, err := readCSVParallel(ctx, r, counted.n-int64(br.Buffered()), size, rows, recN, &prog)
					if err != nil {
						return err
					}
					if done {
						counted.n = size
						break
					}
				}
			}
			continue
		}
		rows.record(rec, recN)
	}
	if sum == nil {
		l.checkColumns(best, opt.Columns)
		l.noHeader(best, "")
		return nil
	}
	if dec.mixed {
		l.Problems.Add(problem.Problem{Severity: problem.Warning, File: l.File,
			Message: "filen blandar teckenkodningarna UTF-8 och Windows-1252; texter kan ha fel tecken",
			Hint:    "Exportera filen på nytt i en enda kodning, helst UTF-8"})
	}
	rows.finish()
	prog.tick(l.RowsRead, counted.n, size, true)
	return nil
}

// oldMacLines reports whether a file's first 64 kB end their lines in CR
// alone: CRs and not one LF.
func oldMacLines(head []byte) bool {
	return bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0
}

// crToLF turns every CR into LF, for a file whose lines end in CR alone.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// utf16Order tells UTF-16 text without a byte-order mark by its first
// characters: ASCII text in UTF-16 has a zero byte beside every letter,
// on the same side. Text in any 8-bit encoding has no zero bytes at all.
func utf16Order(r io.ReaderAt) (unicode.Endianness, bool) {
	buf := make([]byte, 512)
	n, _ := r.ReadAt(buf, 0)
	buf = buf[:n&^1]
	if len(buf) < 16 {
		return unicode.LittleEndian, false
	}
	le, be := true, true
	for i := 0; i < len(buf); i += 2 {
		lo, hi := buf[i], buf[i+1]
		le = le && lo != 0 && hi == 0
		be = be && lo == 0 && hi != 0
	}
	switch {
	case le:
		return unicode.LittleEndian, true
	case be:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// csvRows handles the data records of a CSV file below its header.
type csvRows struct {
	l      *Ledger
	sum    *summer
	delim  byte
	width  int        // fields of the header row
	vals   rowValues  // every field of a record is in its dense part
	fields fieldCheck // data rows against the header's field count
}

func newCSVRows(sum *summer, delim byte, width int) *csvRows {
	return &csvRows{l: sum.l, sum: sum, delim: delim, width: width, fields: fieldCheck{width: width}}
}

// finish reports what only the whole file tells, and finishes the sums.
func (c *csvRows) finish() {
	if p, ok := c.fields.problem(c.l.File, c.delim); ok {
		// Rows all alike but too wide are still tracked.
		c.sum.untrackAll()
		c.l.Problems.Add(p)
	}
	c.sum.finish()
}

// record counts and sums one data record, the recN-th of the file.
func (c *csvRows) record(rec [][]byte, recN int) {
	l, sum, width := c.l, c.sum, c.width
	if c.delim == ',' && extraFields(rec, width) && c.decimalSplit(rec) {
		// In a comma-separated file this is an unquoted decimal comma:
		// "-1000,50" split in two, and summing the first half would lose
		// the öre silently, even where every row has it, as exports that
		// always write two decimals do. Other extra fields are held to
		// the header's field count (fieldCheck).
		l.RowsRead++
		l.ErrorRows++
		sum.problemAt(width, recN, string(bytes.Join(rec, []byte{c.delim})),
			fmt.Sprintf("raden har %d fält men rubrikraden %d; raden summeras inte", len(rec), width),
			"Sätt citattecken kring värden som innehåller avgränsaren (t.ex. \"-1 000,50\"), eller exportera med semikolon som avgränsare")
		return
	}
	c.vals.reset()
	blank := true
	for _, f := range rec {
		v := value{text: f}
		if len(f) > xlsxstream.MaxCellBytes {
			v.tooLarge = true
		}
		if blank && !isBlank(v) {
			blank = false
		}
		c.vals.dense = append(c.vals.dense, v)
	}
	if blank {
		l.RowsRead++
		l.BlankRows++
		return
	}
	c.dataRow(rec, recN)
}

// dataRow sums a record that is not blank and holds it to the header's
// field count (fieldCheck).
func (c *csvRows) dataRow(rec [][]byte, recN int) {
	l, sum := c.l, c.sum
	wide := extraFields(rec, c.width)
	blank, summary := l.BlankRows, l.SummaryRows
	sum.track = wide
	sum.row(recN, &c.vals)
	sum.track = false
	if l.BlankRows != blank || l.SummaryRows != summary {
		return // a heading, footer or summary row: no posting
	}
	if wide && c.fields.first == "" {
		c.fields.first = sum.dec.string(bytes.Join(rec, []byte{c.delim}))
	}
	differed := c.fields.shape < 0
	if c.fields.dataRow(recN, len(rec), wide) {
		if differed {
			sum.untrack(sum.lastKey) // only this row is tracked
		} else {
			sum.untrackAll()
		}
	}
}

// extraFields reports whether a record has non-empty fields beyond the
// header's width; empty ones, such as a trailing delimiter, are harmless.
func extraFields(rec [][]byte, width int) bool {
	if width == 0 || len(rec) <= width {
		return false
	}
	for _, f := range rec[width:] {
		if len(bytes.TrimSpace(f)) > 0 {
			return true
		}
	}
	return false
}

// countingReader counts bytes for progress reports.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
