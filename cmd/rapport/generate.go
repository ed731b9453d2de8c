package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"rapport/layouts/pdf"
	"rapport/layouts/xlsx"
	"rapport/report"
	"rapport/report/period"
	"rapport/report/problem"
	"rapport/report/underlag"
)

// runOptions are the flags shared by generate and validate.
type runOptions struct {
	inputs        []string
	ledgerPath    string
	year          int
	unit          string
	periodArg     string
	date          string
	out           string
	formats       []string
	allowUnmapped bool
	strict        bool
	jobs          int
	logFormat     string
	quiet         bool
}

func (o *runOptions) flags(fs *pflag.FlagSet, generate bool) {
	fs.StringArrayVar(&o.inputs, "in", nil, "indatamapp med underlag.xlsx och huvudbok (kan upprepas; en mapp med enhetsmappar går också); utan --in används exempeldata")
	fs.StringVar(&o.ledgerPath, "ledger", "", "huvudboksfil (xlsx eller csv) om den inte ligger i indatamappen")
	fs.IntVar(&o.year, "year", 0, "rapportår (annars År i Inställningar)")
	fs.StringVar(&o.unit, "unit", "", "enhetens namn (annars Enhet i Inställningar)")
	fs.StringVar(&o.periodArg, "period", "all", "period: M01–M12, UR1, UR2, ÅR, all (alla som data räcker till) eller due (den som ska göras nu)")
	fs.StringVar(&o.date, "date", "", "datum ÅÅÅÅ-MM-DD: rapportdatum, och dagen som avgör --period due (annars i dag)")
	fs.BoolVar(&o.allowUnmapped, "allow-unmapped", false, "redovisa konton utanför kontoplanen på raden Ej klassificerat i stället för att avbryta")
	fs.BoolVar(&o.strict, "strict", false, "behandla varningar som fel")
	fs.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "antal enheter som görs samtidigt")
	fs.StringVar(&o.logFormat, "log-format", "text", "loggformat: text eller json")
	if generate {
		fs.StringVar(&o.out, "out", ".", "mapp där rapporterna skrivs")
		fs.StringSliceVar(&o.formats, "format", []string{"pdf", "xlsx"}, "format att skriva: pdf, xlsx (och json: den uträknade rapporten som data)")
		fs.BoolVar(&o.quiet, "quiet", false, "visa inga förlopp eller sammanfattning, bara fel")
	}
}

// parseFlags parses args into o; it reports whether help was shown, or a
// usage error.
func parseFlags(name string, args []string, o *runOptions, generate bool, stdout io.Writer) (bool, error) {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o.flags(fs, generate)
	help := fs.BoolP("help", "h", false, "visa hjälp")
	if err := fs.Parse(args); err != nil {
		return false, fmt.Errorf("%v", swedishFlagError(err))
	}
	if *help {
		fmt.Fprintf(stdout, "Användning: rapport %s [flaggor]\n\n%s", name, fs.FlagUsages())
		return true, nil
	}
	if fs.NArg() > 0 {
		return false, fmt.Errorf("okänt argument %q (indatamappen anges med --in)", fs.Arg(0))
	}
	if o.date != "" {
		if _, err := time.Parse("2006-01-02", o.date); err != nil {
			return false, fmt.Errorf("--date %q är inte ett datum ÅÅÅÅ-MM-DD", o.date)
		}
	}
	for _, f := range o.formats {
		if f != "pdf" && f != "xlsx" && f != "json" {
			return false, fmt.Errorf("--format %q: ange pdf, xlsx eller pdf,xlsx (json ger den uträknade rapporten för kontroll)", f)
		}
	}
	if o.jobs < 1 {
		return false, fmt.Errorf("--jobs måste vara minst 1")
	}
	if o.logFormat != "text" && o.logFormat != "json" {
		return false, fmt.Errorf("--log-format %q: ange text eller json", o.logFormat)
	}
	if o.year != 0 && (o.year < 1900 || o.year > 2200) {
		return false, fmt.Errorf("--year %d är inte ett rimligt år", o.year)
	}
	if p := strings.ToLower(o.periodArg); p != "all" && p != "due" {
		// A code of the standard calendar, or one that an input's own
		// Kalender sheet may define: checked against it after import.
		if _, err := period.ParseCode(o.periodArg); err != nil && !customCode.MatchString(o.periodArg) {
			return false, fmt.Errorf("--period %q: %v", o.periodArg, err)
		}
	}
	return false, nil
}

func swedishFlagError(err error) string {
	s := err.Error()
	s = strings.Replace(s, "unknown flag", "okänd flagga", 1)
	s = strings.Replace(s, "unknown shorthand flag", "okänd kortflagga", 1)
	s = strings.Replace(s, "flag needs an argument", "flaggan behöver ett värde", 1)
	s = strings.Replace(s, "invalid argument", "ogiltigt värde", 1)
	return s
}

func usageError(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "rapport %s: %v\nSkriv 'rapport %s --help' för flaggorna.\n", cmd, err, cmd)
	return exitUsage
}

// unitResult is what became of one input folder.
type unitResult struct {
	folder  folder
	unit    string
	year    int
	periods []period.Code
	outputs []rendered
	probs   problem.List
	err     error // not the input's fault: I/O
	// unknownPeriod: --period names a period that neither the standard
	// calendar nor the input's Kalender has, a usage error.
	unknownPeriod bool
}

// rendered is one output file, rendered in memory before anything is written.
type rendered struct {
	name string
	data []byte
}

func generate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o runOptions
	if done, err := parseFlags("generate", args, &o, true, stdout); done || err != nil {
		if err != nil {
			return usageError(stderr, "generate", err)
		}
		return exitOK
	}
	log := newLogger(stderr, o.logFormat)
	if o.quiet {
		log = slog.New(slog.DiscardHandler)
	}
	start := time.Now()
	folders, err := findFolders(o.inputs)
	if err != nil {
		return usageError(stderr, "generate", err)
	}
	if o.ledgerPath != "" && len(folders) > 1 {
		return usageError(stderr, "generate", fmt.Errorf("--ledger går bara med en indatamapp"))
	}
	progress := !o.quiet && len(folders) == 1 && isTerminal(stderr)
	results := runUnits(ctx, folders, o, true, progress, stderr)

	// Nothing is written for a unit with errors; the others go ahead.
	for _, res := range results {
		if res.unknownPeriod {
			return usageError(stderr, "generate", fmt.Errorf("--period %q finns inte i uppföljningskalendern; ange M01–M12, UR1, UR2, ÅR, all, due eller en period i indatats blad Kalender", o.periodArg))
		}
	}
	claimOutputs(results)
	code := exitOK
	var writeErr error
	var unlock func()
	for i := range results {
		res := &results[i]
		if o.quiet {
			shown := *res
			shown.probs = res.probs.Errors()
			printProblems(stderr, &shown, len(folders) > 1)
		} else {
			printProblems(stderr, res, len(folders) > 1)
		}
		if res.err != nil || res.probs.HasErrors() || len(res.outputs) == 0 {
			continue
		}
		if unlock == nil {
			// The folder is made only when there is something to put in it.
			if err := os.MkdirAll(o.out, 0o755); err != nil {
				writeErr = fmt.Errorf("kan inte skapa mappen %s: %v", o.out, err)
				break
			}
			unlock, writeErr = lockFolder(ctx, o.out, stderr)
			if writeErr != nil {
				break
			}
		}
		for _, out := range res.outputs {
			path := filepath.Join(o.out, out.name)
			status, err := writeAtomic(path, out.data)
			if err != nil {
				res.err = err
				break
			}
			log.Info("fil", "enhet", res.unit, "fil", path, "status", status, "byte", len(out.data))
		}
	}
	if unlock != nil {
		unlock()
	}
	if writeErr != nil {
		fmt.Fprintf(stderr, "rapport: %v\n", writeErr)
		return exitFailure
	}
	failed := 0
	for _, res := range results {
		outcome := "klar"
		switch {
		case res.err != nil:
			outcome, code = "kunde inte skrivas: "+res.err.Error(), max(code, exitFailure)
			failed++
		case res.probs.HasErrors():
			outcome = "fel i indata"
			failed++
			if code == exitOK {
				code = exitInvalid
			}
		case len(res.periods) == 0:
			outcome = "inga perioder att rapportera"
		}
		log.Info("enhet", "mapp", res.folder.name, "enhet", res.unit, "år", res.year,
			"perioder", joinCodes(res.periods), "resultat", outcome)
	}
	log.Info("körning", "enheter", len(results), "misslyckade", failed, "tid", time.Since(start).Round(time.Millisecond).String())
	return code
}

// runUnits imports, computes and (when render is set) renders each folder,
// with at most o.jobs at a time. One unit's failure does not stop the
// others.
func runUnits(ctx context.Context, folders []folder, o runOptions, render, progress bool, stderr io.Writer) []unitResult {
	results := make([]unitResult, len(folders))
	sem := make(chan struct{}, o.jobs)
	var wg sync.WaitGroup
	for i, f := range folders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = runUnit(ctx, f, o, render, progress, stderr)
		}()
	}
	wg.Wait()
	return results
}

func runUnit(ctx context.Context, f folder, o runOptions, render, progress bool, stderr io.Writer) unitResult {
	res := unitResult{folder: f}
	iopt := report.ImportOptions{Folder: f.fs, Dir: f.name, LedgerPath: o.ledgerPath, Year: o.year, Unit: o.unit,
		OpenWorkbook: underlag.OpenWorkbook}
	var codes []period.Code
	if strings.EqualFold(o.periodArg, "due") {
		entry, year := period.DefaultCalendar.Due(referenceDate(o.date))
		if iopt.Year == 0 {
			iopt.Year = year
		}
		codes = []period.Code{entry.Code}
	}
	if progress {
		iopt.Progress = newProgress(stderr)
	}
	in, err := report.Import(ctx, iopt)
	if progress {
		clearProgress(stderr)
	}
	if err != nil {
		res.err = err
		return res
	}
	res.unit, res.year = in.Settings.Unit, in.Settings.Year
	res.probs = in.Problems
	switch p := strings.ToLower(o.periodArg); {
	case p == "all":
		var probs problem.List
		codes, probs = in.AllPeriods()
		res.probs = append(res.probs, probs...)
	case p != "due":
		code, err := period.ParseCode(o.periodArg)
		if err != nil {
			code = period.Code(strings.ToUpper(o.periodArg))
		}
		codes = []period.Code{code}
		if _, ok := in.Calendar.Lookup(code); !ok {
			res.unknownPeriod = true
		}
	}
	if p := strings.ToLower(o.periodArg); p != "all" {
		res.probs = append(res.probs, in.CheckReach(codes)...)
	}
	copt := report.ComputeOptions{AllowUnmapped: o.allowUnmapped, ReportDate: o.date}
	var reports []*report.Report
	for _, code := range codes {
		r, probs := report.Compute(in, code, copt)
		if in.Problems.HasErrors() {
			// Broken inputs: the period's own errors (such as unmapped
			// accounts) still count, its warnings would only be noise.
			probs = probs.Errors()
		}
		res.probs = appendNew(res.probs, probs)
		if r != nil && !in.Problems.HasErrors() {
			reports = append(reports, r)
		}
	}
	if o.strict {
		res.probs = res.probs.Strict()
	}
	res.periods = codes
	if !render || res.probs.HasErrors() {
		return res
	}
	for _, r := range reports {
		base := fmt.Sprintf("%s_%d_%s", fileSafe(r.Unit), r.Year, r.Period.Code)
		for _, format := range o.formats {
			var buf bytes.Buffer
			var err error
			switch format {
			case "pdf":
				err = pdf.Render(&buf, r)
			case "xlsx":
				err = xlsx.Render(&buf, r)
			case "json":
				// The computed report as data, for audit and for tests.
				enc := json.NewEncoder(&buf)
				enc.SetIndent("", "  ")
				err = enc.Encode(r)
			}
			if err != nil {
				res.err = fmt.Errorf("%s.%s: %v", base, format, err)
				return res
			}
			res.outputs = append(res.outputs, rendered{name: base + "." + format, data: buf.Bytes()})
		}
	}
	return res
}

// customCode is what a period code of an input's own Kalender sheet may
// look like.
var customCode = regexp.MustCompile(`^[\p{L}\p{N}]{1,10}$`)

// appendNew adds the problems of b that a does not already hold: every
// period repeats the input's own problems.
func appendNew(a, b problem.List) problem.List {
	seen := map[string]bool{}
	for _, p := range a {
		seen[p.String()] = true
	}
	for _, p := range b {
		if !seen[p.String()] {
			seen[p.String()] = true
			a = append(a, p)
		}
	}
	a.Sort()
	return a
}

// fileSafe keeps a unit name usable as a file name on every system.
func fileSafe(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "Enhet"
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '_'
		}
		return r
	}, s)
}

func referenceDate(date string) time.Time {
	if date != "" {
		if t, err := time.Parse("2006-01-02", date); err == nil {
			return t
		}
	}
	return time.Now()
}

func joinCodes(codes []period.Code) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = string(c)
	}
	return strings.Join(s, ",")
}

// printProblems shows a unit's problems, errors first, in file order.
func printProblems(w io.Writer, res *unitResult, many bool) {
	errs, warns := res.probs.Errors(), res.probs.Warnings()
	if len(errs) == 0 && len(warns) == 0 && res.err == nil {
		return
	}
	if many {
		fmt.Fprintf(w, "== %s ==\n", res.folder.name)
	}
	if res.err != nil {
		fmt.Fprintf(w, "Kunde inte läsa eller skriva: %v\n", res.err)
	}
	section := func(title string, l problem.List) {
		if len(l) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d):\n", title, len(l))
		lastFile := ""
		for _, p := range l {
			if p.File != lastFile && lastFile != "" {
				fmt.Fprintln(w)
			}
			lastFile = p.File
			fmt.Fprintf(w, "  %s\n", p.String())
		}
	}
	section("Fel", errs)
	section("Varningar", warns)
	if len(errs) > 0 {
		fmt.Fprintln(w, "Inga rapporter skrevs för enheten. Rätta felen ovan och kör igen.")
	}
	fmt.Fprintln(w)
}

func newLogger(w io.Writer, format string) *slog.Logger {
	opts := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.LevelKey && len(groups) == 0 {
			return slog.Attr{} // every line is informational; problems are printed apart
		}
		return a
	}}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// claimOutputs keeps two units from writing the same file: when two input
// folders name the same unit, the later one fails with a message instead of
// overwriting the first one's reports.
func claimOutputs(results []unitResult) {
	owner := map[string]string{}
	for i := range results {
		res := &results[i]
		for _, out := range res.outputs {
			if first, taken := owner[out.name]; taken {
				res.probs.Add(problem.Problem{Severity: problem.Error, File: report.UnderlagFile, Sheet: "Inställningar",
					Value:   res.unit,
					Message: fmt.Sprintf("samma enhet och period som i mappen %s (%s)", first, out.name),
					Hint:    "Ge enheterna olika namn i Inställningar (Enhet) eller kör dem var för sig"})
				res.outputs = nil
				break
			}
		}
		for _, out := range res.outputs {
			owner[out.name] = res.folder.name
		}
	}
}
