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
	"strings"

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
	Progress func(ledger.Progress)
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
func Import(ctx context.Context, opt ImportOptions) (*Inputs, error) {
	var probs problem.List
	wb, err := openUnderlagFrom(opt)
	if err != nil {
		return nil, err
	}
	if wb != nil {
		defer wb.Close()
	}
	l, err := readLedgerFrom(ctx, opt, &probs)
	if err != nil {
		return nil, err
	}
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
		probs.Add(problem.Problem{Severity: problem.Error, File: UnderlagFile,
			Message: "filen saknas i indatamappen " + displayDir(opt.Dir),
			Hint:    "Skapa den med 'rapport template --out underlag.xlsx' och fyll i den"})
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
	return in, nil
}

func displayDir(d string) string {
	if d == "" {
		return "(inbyggda exempeldata)"
	}
	return d
}

// openUnderlagFrom opens underlag.xlsx in the folder; nil if it is absent.
func openUnderlagFrom(opt ImportOptions) (Workbook, error) {
	f, err := opt.Folder.Open(UnderlagFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("kan inte öppna %s: %w", UnderlagFile, err)
	}
	defer f.Close()
	if opt.OpenWorkbook == nil {
		return nil, errors.New("report.Import: ImportOptions.OpenWorkbook saknas")
	}
	return opt.OpenWorkbook(f, UnderlagFile, WorkbookOptions{Unit: opt.Unit, TmpDir: opt.TmpDir}), nil
}

// readLedgerFrom reads the ledger named by --ledger, or the one ledger
// file of the folder.
func readLedgerFrom(ctx context.Context, opt ImportOptions, probs *problem.List) (*ledger.Ledger, error) {
	lopt := ledger.Options{Progress: opt.Progress}
	if opt.LedgerPath != "" {
		if _, err := os.Stat(opt.LedgerPath); err != nil {
			probs.Add(problem.Problem{Severity: problem.Error, File: filepath.Base(opt.LedgerPath),
				Message: "huvudboken finns inte: " + opt.LedgerPath, Hint: "Kontrollera sökvägen i --ledger"})
			return nil, nil
		}
		return ledger.ReadFile(ctx, opt.LedgerPath, lopt)
	}
	var found []string
	for _, name := range ledgerNames {
		if _, err := fs.Stat(opt.Folder, name); err == nil {
			found = append(found, name)
		}
	}
	switch len(found) {
	case 0:
		probs.Add(problem.Problem{Severity: problem.Error, File: LedgerXLSX,
			Message: "ingen huvudbok i indatamappen " + displayDir(opt.Dir) + " (huvudbok.xlsx, huvudbok.csv eller SIE-filen huvudbok.se)",
			Hint:    "Lägg exporten från ekonomisystemet i mappen, eller ange den med --ledger"})
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
		if k.Month.Year > y {
			y = k.Month.Year
		}
	}
	return y
}
