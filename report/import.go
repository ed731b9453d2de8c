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
}

// Import reads an input folder: the workbook underlag.xlsx and the ledger
// export. Every problem found is in Inputs.Problems; the error is only for
// a cancelled context or a failure to read that is not the input's fault.
func Import(ctx context.Context, opt ImportOptions) (*Inputs, error) {
	var probs problem.List
	in, err := readUnderlagFrom(opt)
	if err != nil {
		return nil, err
	}
	if in == nil {
		probs.Add(problem.Problem{Severity: problem.Error, File: UnderlagFile,
			Message: "filen saknas i indatamappen " + displayDir(opt.Dir),
			Hint:    "Skapa den med 'rapport template --out underlag.xlsx' och fyll i den"})
		in = &Inputs{Calendar: period.DefaultCalendar, Chart: RegionBas}
	}
	l, err := readLedgerFrom(ctx, opt, &probs)
	if err != nil {
		return nil, err
	}
	if l != nil && in.Settings.Year == 0 && opt.Year == 0 && latestYear(l) != 0 {
		// Neither År nor --year: the plan year is the ledger's last, and
		// the workbook's period codes (UR1 …) are read again in it.
		yopt := opt
		yopt.Year = latestYear(l)
		if again, err := readUnderlagFrom(yopt); err == nil && again != nil {
			in = again
		}
		in.Settings.Year = yopt.Year
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

// readUnderlagFrom reads underlag.xlsx from the folder; nil if it is absent.
func readUnderlagFrom(opt ImportOptions) (*Inputs, error) {
	f, err := opt.Folder.Open(UnderlagFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("kan inte öppna %s: %w", UnderlagFile, err)
	}
	defer f.Close()
	in, probs := ReadUnderlag(f, UnderlagFile, UnderlagOptions{Year: opt.Year, Unit: opt.Unit, TmpDir: opt.TmpDir})
	if in == nil {
		in = &Inputs{Calendar: period.DefaultCalendar, Chart: RegionBas}
	}
	in.Problems = probs
	return in, nil
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

// LatestMonth is the last month with postings in the year.
func (in *Inputs) LatestMonth(year int) period.Month {
	var last period.Month
	if in.Ledger == nil {
		return last
	}
	for k := range in.Ledger.Buckets {
		if k.Month.Year == year && (last.IsZero() || k.Month.After(last)) {
			last = k.Month
		}
	}
	return last
}

// SupportedPeriods are the calendar periods of the year whose last month the
// ledger reaches: what "--period all" renders.
func (in *Inputs) SupportedPeriods() []period.Code {
	last := in.LatestMonth(in.Settings.Year)
	var codes []period.Code
	for _, e := range in.Calendar {
		if !last.IsZero() && e.LastMonth <= last.Month {
			codes = append(codes, e.Code)
		}
	}
	return codes
}
