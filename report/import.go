package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"rapport/report/ledger"
	"rapport/report/period"
	"rapport/report/problem"
)

// Names of the files in an input folder.
const (
	UnderlagFile = "underlag.xlsx"
	LedgerXLSX   = "huvudbok.xlsx"
	LedgerCSV    = "huvudbok.csv"
)

// ledgerNames are the names a ledger export may have in an input folder:
// XLSX, CSV and SIE 4 (.se, .si, .sie).
var ledgerNames = []string{LedgerXLSX, LedgerCSV, "huvudbok.se", "huvudbok.si", "huvudbok.sie"}

// Progress is how far the ledger import has come (rows, bytes read of
// the total). It is the ledger reader's type, named here so that a caller
// of Import draws progress without importing the reader.
type Progress = ledger.Progress

// Routing says where the rows of a ledger shared by several units went,
// for the run's log; named here for the same reason as Progress.
type Routing = ledger.Routing

// ImportOptions say where the inputs are and what the command line
// overrides.
type ImportOptions struct {
	// Folder is the input folder; Dir names it in messages.
	Folder fs.FS
	Dir    string
	// LedgerPath is a ledger file on disk given with --ledger; "" means
	// the one of ledgerNames in Folder.
	LedgerPath string
	Year       int    // --year; 0 = År in Inställningar
	Unit       string // --unit; "" = Enhet in Inställningar
	TmpDir     string // for excelize's temporary files; "" = the system's
	// Progress, if set, is told how the ledger import goes.
	Progress func(Progress)
	// OpenWorkbook opens underlag.xlsx: report/underlag.OpenWorkbook. It
	// is handed in rather than imported because that reader is built on
	// excelize, which the core package must not depend on.
	OpenWorkbook func(r io.Reader, name string, opt WorkbookOptions) Workbook
}

// WorkbookOptions are what the run tells the workbook reader.
type WorkbookOptions struct {
	Unit   string // --unit; "" = Enhet in Inställningar
	TmpDir string // for excelize's temporary files; "" = the system's
}

// Workbook is the controllers' workbook, opened with its undated sheets
// read (name is the file name used in messages, unit overrides Enhet).
// A period code such as UR1 names a month only in a year, and without År
// or --year the year is the ledger's last: so Import reads the ledger
// before it asks the workbook for the rest.
type Workbook interface {
	// Year is År in Inställningar; 0 if not given.
	Year() int
	// Columns are the ledger export's own headers that the sheet Kolumner
	// names, for the ledger reader (SPEC 6.1); read when the workbook is
	// opened, since the ledger is read before the rest.
	Columns() []ledger.Column
	// Responsibility is Ansvar in Inställningar, which selects the unit's
	// rows of a regional ledger; empty when not given (or wrong, which
	// Read reports).
	Responsibility() ledger.Selector
	// Groups is the sheet Grupper (SPEC 14), read when the workbook is
	// opened: the ledger then keeps each posting's Ansvar or Verksamhet.
	// Nil without the sheet.
	Groups() *Grouping
	// Unit is the unit's name: --unit, else Enhet in Inställningar.
	Unit() string
	// Read reads the rest with year as the plan year (0 keeps År; a year
	// that contradicts År is an error at its cell) and
	// returns everything but the ledger, with the problems found in
	// Inputs.Problems. It releases the file.
	Read(year int) *Inputs
	// Close releases the file if Read is never called.
	Close() error
}

// Import reads an input folder: the workbook underlag.xlsx and the ledger
// export. Every problem found is in Inputs.Problems; the error is only for
// a cancelled context or a failure to read that is not the input's fault.
// With Ansvar in Inställningar the unit takes only the ledger rows it
// selects.
func Import(ctx context.Context, opt ImportOptions) (*Inputs, error) {
	ins, err := ImportUnits(ctx, []ImportOptions{opt})
	if err != nil {
		return nil, err
	}
	return ins[0], nil
}

// ImportUnits reads several unit folders against one ledger, reading it
// once (SPEC 6.2): each posting goes to the unit whose Ansvar selects its
// responsibility. The ledger is that of opts[0] (LedgerPath, or its
// folder's file); with more than one unit every unit must have Ansvar, and
// a posting two units select is an error for both. The Inputs are in the
// order of opts.
func ImportUnits(ctx context.Context, opts []ImportOptions) ([]*Inputs, error) {
	n := len(opts)
	if n == 0 {
		return nil, nil
	}
	wbs := make([]Workbook, n)
	defer func() {
		for _, wb := range wbs {
			if wb != nil {
				wb.Close()
			}
		}
	}()
	// The workbooks are small and independent: opened side by side, so
	// that twenty units do not wait for each other.
	errs := make([]error, n)
	probs := make([]problem.List, n)
	parallel(n, func(i int) { wbs[i], probs[i], errs[i] = openUnderlagFrom(opts[i]) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	units, unitOf := routeUnits(opts, wbs, probs)
	var lprobs problem.List
	// The ledger is one file, read once: the Kolumner of the first unit's
	// workbook (whose ledger it is) name its headers.
	var cols []ledger.Column
	if wbs[0] != nil {
		cols = wbs[0].Columns()
	}
	lopt := ledger.Options{Progress: opts[0].Progress, Units: units, Columns: cols}
	for _, wb := range wbs {
		if wb != nil && wb.Groups() != nil {
			lopt.KeepResponsibility = lopt.KeepResponsibility || wb.Groups().Dimension == DimResponsibility
			lopt.KeepActivity = lopt.KeepActivity || wb.Groups().Dimension == DimActivity
		}
	}
	l, err := readLedgerFrom(ctx, opts[0], lopt, &lprobs)
	if err != nil {
		return nil, err
	}
	ins := make([]*Inputs, n)
	parallel(n, func(i int) {
		ul := l
		if l != nil && l.Units != nil {
			ul = nil
			if unitOf[i] >= 0 {
				ul = l.ForUnit(unitOf[i])
			}
		}
		ins[i] = readUnit(opts[i], wbs[i], ul, append(probs[i], lprobs...))
		wbs[i] = nil // Read released it
	})
	return ins, nil
}

// routeUnits gives the ledger's routing: one ledger.Unit per unit whose
// Ansvar selects rows, and for each unit its index there (-1: none). One
// unit without Ansvar takes every row, unrouted; among several, a unit
// without Ansvar would take every other unit's rows too, which is an
// error for it.
func routeUnits(opts []ImportOptions, wbs []Workbook, probs []problem.List) ([]ledger.Unit, []int) {
	unitOf := make([]int, len(opts))
	var units []ledger.Unit
	for i, wb := range wbs {
		unitOf[i] = -1
		if wb == nil {
			continue
		}
		sel := wb.Responsibility()
		switch {
		case !sel.IsZero():
			unitOf[i] = len(units)
			units = append(units, ledger.Unit{Name: unitLabel(wb.Unit(), opts[i].Dir), Select: sel})
		case len(opts) > 1:
			probs[i].Add(problem.Problem{Severity: problem.Error, File: UnderlagFile, Sheet: SheetSettings,
				Message: fmt.Sprintf("enheten %s saknar Ansvar, men %d enheter körs mot samma huvudbok: utan Ansvar skulle den ta alla rader, även de andra enheternas",
					unitLabel(wb.Unit(), opts[i].Dir), len(opts)),
				Hint: "Skriv enhetens ansvar i Inställningar, raden Ansvar (t.ex. 1000-1999, RK*), eller kör enheten för sig med sin egen huvudbok"})
		}
	}
	return units, unitOf
}

// unitLabel names a unit in messages about routing: its name, and its
// folder where that tells more.
func unitLabel(unit, dir string) string {
	base := filepath.Base(dir)
	if dir == "" || base == unit {
		return unit
	}
	return unit + " (mappen " + base + ")"
}

// readUnit reads the rest of one unit's workbook, in the plan year,
// against its share of the ledger.
func readUnit(opt ImportOptions, wb Workbook, l *ledger.Ledger, probs problem.List) *Inputs {
	year := opt.Year
	if year == 0 && (wb == nil || wb.Year() == 0) && l != nil {
		// Neither År nor --year: the plan year is the ledger's last, and
		// the workbook's period codes (UR1 …) are read in it.
		year = latestYear(l)
	}
	var in *Inputs
	if wb != nil {
		in = wb.Read(year)
	} else {
		// openUnderlagFrom said why: missing, two of them, or no file.
		in = &Inputs{Calendar: period.DefaultCalendar, Chart: RegionBas}
	}
	if year != 0 && opt.Year == 0 {
		in.Settings.Year = year // taken from the ledger
	}
	probs = append(probs, in.Problems...)
	in.Ledger = l
	if l != nil {
		probs = append(probs, l.Problems...)
	}
	probs.Sort()
	in.Problems = probs
	return in
}

// parallel runs fn(0) … fn(n-1), as many at once as there are processors.
func parallel(n int, fn func(i int)) {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			fn(i)
		}()
	}
	wg.Wait()
}

func displayDir(d string) string {
	if d == "" {
		return "(inbyggda exempeldata)"
	}
	return d
}

// openUnderlagFrom opens underlag.xlsx (in any case) in the folder; with
// none, two, or one that is not a regular file, the workbook is nil and
// the problem says why.
func openUnderlagFrom(opt ImportOptions) (Workbook, problem.List, error) {
	var probs problem.List
	found, err := findInput(opt.Folder, []string{UnderlagFile}, "underlag")
	if err != nil {
		return nil, nil, fmt.Errorf("kan inte läsa indatamappen %s: %w", displayDir(opt.Dir), err)
	}
	switch len(found.found) {
	case 0:
		hint := "Skapa den med 'rapport template --out underlag.xlsx' och fyll i den"
		if len(found.near) > 0 {
			hint = strings.TrimSpace(didYouMean(found.near)) + " Byt i så fall namn på filen till underlag.xlsx"
		}
		probs.Add(problem.Problem{Severity: problem.Error, File: UnderlagFile,
			Message: "filen saknas i indatamappen " + displayDir(opt.Dir), Hint: hint})
		return nil, probs, nil
	case 1:
	default:
		probs.Add(problem.Problem{Severity: problem.Error, File: found.found[0],
			Message: "indatamappen har " + bothOrAll(found.found) + "; rapport vet inte vilken som gäller",
			Hint:    "Ta bort eller byt namn på alla utom en"})
		return nil, probs, nil
	}
	name := found.found[0]
	if p, bad := notRegular(opt.Folder, name); bad {
		probs.Add(p)
		return nil, probs, nil
	}
	f, err := opt.Folder.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, probs, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("kan inte öppna %s: %w", name, err)
	}
	defer f.Close()
	if opt.OpenWorkbook == nil {
		return nil, nil, errors.New("report.Import: ImportOptions.OpenWorkbook saknas")
	}
	return opt.OpenWorkbook(f, UnderlagFile, WorkbookOptions{Unit: opt.Unit, TmpDir: opt.TmpDir}), nil, nil
}

// bothOrAll names two files ("både a och b") or more ("flera filer (a, b, c)").
func bothOrAll(names []string) string {
	if len(names) == 2 {
		return "både " + names[0] + " och " + names[1]
	}
	return "flera filer (" + strings.Join(names, ", ") + ")"
}

// readLedgerFrom reads the ledger named by --ledger, or the one ledger
// file of the folder.
func readLedgerFrom(ctx context.Context, opt ImportOptions, lopt ledger.Options, probs *problem.List) (*ledger.Ledger, error) {
	if opt.LedgerPath != "" {
		st, err := os.Stat(opt.LedgerPath)
		if err != nil {
			probs.Add(problem.Problem{Severity: problem.Error, File: filepath.Base(opt.LedgerPath),
				Message: "huvudboken finns inte: " + opt.LedgerPath, Hint: "Kontrollera sökvägen i --ledger"})
			return nil, nil
		}
		if !st.Mode().IsRegular() {
			// Opening a FIFO waits for a writer that never comes.
			probs.Add(notRegularProblem(filepath.Base(opt.LedgerPath), st.Mode()))
			return nil, nil
		}
		return ledger.ReadFile(ctx, opt.LedgerPath, lopt)
	}
	files, err := findInput(opt.Folder, ledgerNames, "huvudbok")
	if err != nil {
		return nil, fmt.Errorf("kan inte läsa indatamappen %s: %w", displayDir(opt.Dir), err)
	}
	found := files.found
	switch len(found) {
	case 0:
		hint := "Lägg exporten från ekonomisystemet i mappen, eller ange den med --ledger"
		if len(files.near) > 0 {
			hint = strings.TrimSpace(didYouMean(files.near)) + " Ge i så fall filen ett av namnen ovan, eller ange den med --ledger"
		}
		probs.Add(problem.Problem{Severity: problem.Error, File: LedgerXLSX,
			Message: "ingen huvudbok i indatamappen " + displayDir(opt.Dir) + " (huvudbok.xlsx, huvudbok.csv eller SIE-filen huvudbok.se)",
			Hint:    hint})
		return nil, nil
	case 1:
	default:
		which := "både " + found[0] + " och " + found[1]
		if len(found) > 2 {
			which = "flera huvudböcker (" + strings.Join(found, ", ") + ")"
		}
		probs.Add(problem.Problem{Severity: problem.Error, File: found[0],
			Message: "indatamappen har " + which + "; rapport vet inte vilken som gäller",
			Hint:    "Ta bort den ena, eller välj med --ledger"})
		return nil, nil
	}
	if p, bad := notRegular(opt.Folder, found[0]); bad {
		probs.Add(p)
		return nil, nil
	}
	f, err := opt.Folder.Open(found[0])
	if err != nil {
		return nil, fmt.Errorf("kan inte öppna %s: %w", found[0], err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	ra, ok := f.(io.ReaderAt)
	if !ok {
		data, err := io.ReadAll(f)
		if err != nil {
			return nil, err
		}
		ra = bytes.NewReader(data)
	}
	return ledger.Read(ctx, ra, st.Size(), found[0], lopt)
}

// latestYear is the last year with postings: the plan year when neither
// Inställningar nor --year says.
func latestYear(l *ledger.Ledger) int {
	y := 0
	for k := range l.Buckets {
		// Next year's opening balance, which some exports add, is no
		// posting of that year.
		if k.Month.Year > y && k.Kind != ledger.Opening {
			y = k.Month.Year
		}
	}
	return y
}
