package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"rapport/layouts"
	"rapport/layouts/doc"
	"rapport/layouts/pdf"
	"rapport/layouts/xlsx"
	"rapport/report"
	"rapport/report/money"
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
	draft         bool   // --utkast: the controller's review edition of the PDF
	tmpDir        string // this run's own temporary folder, removed on exit
	version       string // written into the files
	keepReports   bool   // serve: keep the computed reports for the page
	rollup        bool   // --sammanstallning: the region's roll-up of the units
}

func (o *runOptions) flags(fs *pflag.FlagSet, generate bool) {
	fs.StringArrayVar(&o.inputs, "in", nil, "indatamapp med underlag.xlsx och huvudbok (kan upprepas; en mapp med enhetsmappar går också); utan --in används exempeldata")
	fs.StringVar(&o.ledgerPath, "ledger", "", "huvudboksfil (xlsx, csv eller SIE) om den inte ligger i indatamappen; med flera enhetsmappar läses den en gång för alla och Ansvar i Inställningar väljer varje enhets rader")
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
		fs.BoolVar(&o.draft, "utkast", false, "skriv controllerns granskningsutgåva (ENHET_ÅR_PERIOD_utkast.pdf och _utkast.xlsx; styrelsens filer rörs inte): varje sida märkt UTKAST, med avstämning och varningar som bilaga")
		fs.BoolVar(&o.rollup, "sammanstallning", false, "skriv också regionens sammanställning Sammanställning_ÅR_PERIOD.pdf och .xlsx: en rad per enhet med tabell 3 och antal mål per bedömning, och Totalt (kräver --in med enhetsmappar och --ledger)")
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
	if err := checkRollupFlags(*o); err != nil {
		return false, err
	}
	if o.jobs < 1 {
		return false, fmt.Errorf("--jobs måste vara minst 1")
	}
	if o.logFormat != "text" && o.logFormat != "json" {
		return false, fmt.Errorf("--log-format %q: ange text eller json", o.logFormat)
	}
	if n := len(fileSafe(o.unit)) + len(nameTail(o.draft)); o.unit != "" && n > maxNameBytes {
		return false, fmt.Errorf("--unit är för långt för ett filnamn (%d byte med år, period och filändelse, högst %d): ange ett kortare namn", n, maxNameBytes)
	}
	if o.year != 0 && (o.year < 1900 || o.year > 2200) {
		return false, fmt.Errorf("--year %d är inte ett rimligt år", o.year)
	}
	if p := strings.ToLower(o.periodArg); p != "all" && p != "due" {
		// A code of the standard calendar, or one that an input's own
		// Kalender sheet may define: checked against it after import.
		if _, err := period.ParseCode(o.periodArg); err != nil && !period.ValidCode(strings.ToUpper(o.periodArg)) {
			return false, fmt.Errorf("--period %q: %v", o.periodArg, err)
		}
	}
	return false, nil
}

// swedishFlagError says in Swedish what pflag found wrong, from its typed
// errors rather than its English text.
func swedishFlagError(err error) string {
	var (
		notExist *pflag.NotExistError
		needs    *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		if notExist.GetSpecifiedShortnames() != "" {
			return fmt.Sprintf("okänd kortflagga -%s", firstRune(notExist.GetSpecifiedName()))
		}
		return fmt.Sprintf("okänd flagga --%s", notExist.GetSpecifiedName())
	case errors.As(err, &needs):
		return fmt.Sprintf("flaggan --%s behöver ett värde", needs.GetFlag().Name)
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		msg := fmt.Sprintf("ogiltigt värde %q för --%s", invalid.GetValue(), f.Name)
		switch f.Value.Type() {
		case "int", "int64", "int32", "uint":
			msg += ": ange ett heltal"
		case "bool":
			msg += ": ange true eller false"
		}
		return msg
	case errors.As(err, &syntax):
		return fmt.Sprintf("felaktig flagga %s: skriv --namn VÄRDE eller --namn=VÄRDE", syntax.GetSpecifiedFlag())
	}
	return err.Error()
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return s
}

func usageError(stderr io.Writer, cmd string, err error) int {
	return usageErrorAs(stderr, "text", cmd, err)
}

// usageErrorAs is usageError in the given log format.
func usageErrorAs(stderr io.Writer, format, cmd string, err error) int {
	msg := fmt.Sprintf("rapport %s: %v\nSkriv 'rapport %s --help' för flaggorna.", cmd, err, cmd)
	if format == "json" {
		newMessages(stderr, format).errorf("%s", strings.ReplaceAll(msg, "\n", " "))
	} else {
		fmt.Fprintln(stderr, msg)
	}
	return exitUsage
}

// unitResult is what became of one input folder.
type unitResult struct {
	folder  folder
	unit    string
	year    int
	periods []period.Code
	// checked are the periods computed: periods, and for validate the
	// month the ledger reaches, which takes in every row of the year.
	checked []period.Code
	reach   period.Month // the ledger's last month of the year
	outputs []rendered
	probs   problem.List
	err     error // not the input's fault: I/O
	// unknownPeriod: --period names a period that neither the standard
	// calendar nor the input's Kalender has, a usage error.
	unknownPeriod bool
	// routing is set when the unit's Ansvar selected its rows of the
	// ledger: where the other rows went; ownRows are the rows it took.
	routing *report.Routing
	// reports are the computed reports, kept when runOptions.keepReports
	// is set: the page of rapport serve renders them as HTML.
	reports []*report.Report
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
			return usageErrorAs(stderr, logFormatOf(args), "generate", err)
		}
		return exitOK
	}
	o.version = programVersion()
	o.keepReports = o.keepReports || o.rollup
	msgs := newMessages(stderr, o.logFormat)
	log := newLogger(stderr, o.logFormat)
	if o.quiet {
		log = slog.New(slog.DiscardHandler)
	}
	start := time.Now()
	if st, err := os.Stat(o.out); err == nil && !st.IsDir() {
		// Said before the inputs are read: nothing could be written.
		return usageErrorAs(stderr, o.logFormat, "generate", fmt.Errorf("--out %s är en fil, inte en mapp: ange mappen som rapporterna ska skrivas till (den skapas om den inte finns)", o.out))
	}
	folders, err := findFolders(o.inputs)
	if err != nil {
		return usageErrorAs(stderr, o.logFormat, "generate", err)
	}
	// The progress of one ledger read: one unit's, or the one shared by
	// all units with --ledger.
	progress := !o.quiet && o.logFormat == "text" && (len(folders) == 1 || o.ledgerPath != "") && isTerminal(stderr)
	results := runUnits(ctx, folders, o, true, progress, stderr)

	// Nothing is written for a unit with errors; the others go ahead.
	for _, res := range results {
		if res.unknownPeriod {
			return usageErrorAs(stderr, o.logFormat, "generate", fmt.Errorf("--period %q finns inte i uppföljningskalendern; ange M01–M12, UR1, UR2, ÅR, all, due eller en period i indatas blad Kalender", o.periodArg))
		}
	}
	claimOutputs(results)
	common := sharedLedgerProblems(results, o)
	if o.quiet {
		msgs.ledgerProblems(o.ledgerPath, common.Errors())
	} else {
		msgs.ledgerProblems(o.ledgerPath, common)
	}
	code := exitOK
	var writeErr error
	var unlock func()
	for i := range results {
		res := &results[i]
		shown := *res
		shown.probs = withoutShared(res.probs, common, o.ledgerPath)
		if o.quiet {
			shown.probs = shown.probs.Errors()
		}
		msgs.problems(&shown, len(folders) > 1)
		if res.err != nil || res.probs.HasErrors() || len(res.outputs) == 0 {
			continue
		}
		if unlock == nil {
			// The folder is made only when there is something to put in it.
			if err := os.MkdirAll(o.out, 0o755); err != nil {
				writeErr = fmt.Errorf("kan inte skapa mappen %s: %s", o.out, osReason(err))
				break
			}
			unlock, writeErr = lockFolder(ctx, o.out, msgs)
			if writeErr != nil {
				writeErr = aborted(writeErr)
				break
			}
		}
		if ctx.Err() != nil {
			res.err = errAborted
			continue
		}
		var files []outFile
		for _, out := range res.outputs {
			if !insideDir(o.out, out.name) {
				// checkOutputName refused such names already; this guards
				// every path that reaches the disk.
				res.err = fmt.Errorf("%s skulle hamna utanför mappen %s", out.name, o.out)
				break
			}
			files = append(files, outFile{filepath.Join(o.out, out.name), out.data})
		}
		if res.err == nil {
			var statuses []string
			if statuses, res.err = writeFiles(files); res.err == nil {
				for j, f := range files {
					log.Info("fil", "enhet", res.unit, "fil", f.path, "status", statuses[j], "byte", len(f.data))
				}
			}
		}
		if res.err != nil {
			// Shown even with --quiet: a scheduler's mail must say why.
			msgs.errorf("%s: kunde inte skrivas: %v", unitName(res), res.err)
		}
	}
	if o.rollup && writeErr == nil {
		if why := rollupFailure(results); why != "" {
			msgs.errorf("%s", why)
		} else if unlock != nil && ctx.Err() == nil {
			files, skipped, err := renderRollups(results, o)
			for _, why := range skipped {
				msgs.warnf("%s", why)
			}
			var statuses []string
			if err == nil {
				statuses, err = writeFiles(files)
			}
			if err != nil {
				msgs.errorf("sammanställningen kunde inte skrivas: %v", err)
				code = max(code, exitFailure)
			}
			for j := range statuses {
				log.Info("fil", "enhet", doc.RollupTitle, "fil", files[j].path, "status", statuses[j], "byte", len(files[j].data))
			}
		}
	}
	if unlock != nil {
		unlock()
	}
	if writeErr != nil {
		msgs.errorf("%v", writeErr)
		return exitFailure
	}
	failed := 0
	for _, res := range results {
		outcome, why, level := "klar", "", slog.LevelInfo
		switch {
		case res.err != nil:
			outcome, code = "kunde inte skrivas", max(code, exitFailure)
			why, level = res.err.Error(), slog.LevelError
			failed++
		case res.probs.HasErrors():
			outcome = "fel i indata"
			why, level = firstError(res.probs), slog.LevelError
			failed++
			if code == exitOK {
				code = exitInvalid
			}
		case len(res.periods) == 0:
			outcome = "inga perioder att rapportera"
		}
		attrs := []any{"mapp", res.folder.name, "enhet", res.unit, "år", res.year,
			"perioder", joinCodes(res.periods), "resultat", outcome}
		if res.routing != nil {
			// The rows and sum the unit's Ansvar took from the ledger.
			attrs = append(attrs, "rader", res.routing.Own.Rows, "belopp", logKr(res.routing.Own.Amount))
		}
		if why != "" {
			attrs = append(attrs, "orsak", why)
		}
		log.Log(ctx, level, "enhet", attrs...)
	}
	attrs := []any{"enheter", len(results), "misslyckade", failed}
	for _, res := range results {
		if res.routing != nil {
			// Rows of responsibilities that no unit of the run selects:
			// the same for every unit, so said once for the run.
			attrs = append(attrs, "andra_enheters_rader", res.routing.NoUnit.Rows, "andra_enheters_belopp", logKr(res.routing.NoUnit.Amount))
			break
		}
	}
	attrs = append(attrs, "tid", time.Since(start).Round(time.Millisecond).String())
	log.Info("körning", attrs...)
	return code
}

// runUnits imports, computes and (when render is set) renders each folder,
// with at most o.jobs at a time. One unit's failure does not stop the
// others. With --ledger and several folders the ledger is read once, up
// front, and its rows are routed to the units by their Ansvar.
func runUnits(ctx context.Context, folders []folder, o runOptions, render, progress bool, stderr io.Writer) []unitResult {
	results := make([]unitResult, len(folders))
	// excelize unpacks a large worksheet to temporary files: they go to a
	// folder of this run's own (see runTempDir).
	if dir, release, err := runTempDir(); err == nil {
		o.tmpDir = dir
		defer release()
	}
	var shared []*report.Inputs
	if o.ledgerPath != "" && len(folders) > 1 {
		opts := make([]report.ImportOptions, len(folders))
		for i, f := range folders {
			opts[i], _ = importOptions(f, o)
		}
		if progress {
			opts[0].Progress = newProgress(stderr)
		}
		ins, err := report.ImportUnits(ctx, opts)
		if progress {
			clearProgress(stderr)
		}
		if err != nil {
			for i, f := range folders {
				results[i] = unitResult{folder: f, err: aborted(err)}
			}
			return results
		}
		shared = ins
	}
	sem := make(chan struct{}, o.jobs)
	var wg sync.WaitGroup
	for i, f := range folders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if shared != nil {
				_, codes := importOptions(f, o)
				results[i] = finishUnit(f, shared[i], codes, o, render)
				shared[i] = nil // its buckets are no longer needed
				return
			}
			results[i] = runUnit(ctx, f, o, render, progress, stderr)
		}()
	}
	wg.Wait()
	return results
}

// importOptions are the options that import one folder, and the periods
// that --period due names.
func importOptions(f folder, o runOptions) (report.ImportOptions, []period.Code) {
	iopt := report.ImportOptions{Folder: f.fs, Dir: f.name, LedgerPath: o.ledgerPath, Year: o.year, Unit: o.unit,
		TmpDir: o.tmpDir, OpenWorkbook: underlag.OpenWorkbook}
	var codes []period.Code
	if strings.EqualFold(o.periodArg, "due") {
		entry, year := period.DefaultCalendar.Due(referenceDate(o.date))
		if iopt.Year == 0 {
			iopt.Year = year
		}
		codes = []period.Code{entry.Code}
	}
	return iopt, codes
}

func runUnit(ctx context.Context, f folder, o runOptions, render, progress bool, stderr io.Writer) unitResult {
	iopt, codes := importOptions(f, o)
	if progress {
		iopt.Progress = newProgress(stderr)
	}
	in, err := report.Import(ctx, iopt)
	if progress {
		clearProgress(stderr)
	}
	if err != nil {
		return unitResult{folder: f, err: aborted(err)}
	}
	return finishUnit(f, in, codes, o, render)
}

// finishUnit computes (and when render is set renders) one unit's
// imported inputs.
func finishUnit(f folder, in *report.Inputs, codes []period.Code, o runOptions, render bool) unitResult {
	res := unitResult{folder: f}
	if in.Ledger != nil && in.Ledger.Routing != nil {
		res.routing = in.Ledger.Routing
	}
	res.unit, res.year = in.Settings.Unit, in.Settings.Year
	res.probs = in.Problems
	if iopt, _ := importOptions(f, o); iopt.Year != 0 && in.Settings.Year != 0 && iopt.Year != in.Settings.Year {
		// The workbook is of another year than the run (--year, or
		// --period due in January): that is the error, said by the
		// import. Checking the workbook's own year's periods against the
		// ledger would only add messages about reports nobody asked for.
		return res
	}
	res.reach = in.LatestMonth(in.Settings.Year)
	var extra []period.Code
	switch p := strings.ToLower(o.periodArg); {
	case p == "all":
		var probs problem.List
		codes, probs = in.AllPeriods()
		res.probs = append(res.probs, probs...)
		if m := monthCode(res.reach); !render && m != "" && !slices.Contains(codes, m) {
			// validate checks every row whatever periods the calendar
			// has: the month the ledger reaches takes in all of them, so
			// that generate --period M01 refuses nothing that validate
			// passed (SPEC 15).
			extra = append(extra, m)
		}
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
	// A ledger share without a posting in the year, beside an error (no
	// period column, a wrong Ansvar), is that error's doing: the cause is
	// said, not its echo "huvudboken har inga poster för 2026".
	echo := in.Problems.HasErrors() && in.LatestMonth(in.Settings.Year).IsZero()
	if p := strings.ToLower(o.periodArg); p != "all" && !echo {
		res.probs = append(res.probs, in.CheckReach(codes)...)
	}
	copt := report.ComputeOptions{AllowUnmapped: o.allowUnmapped, ReportDate: o.date}
	var reports []*report.Report
	for _, code := range append(slices.Clip(codes), extra...) {
		r, probs := report.Compute(in, code, copt)
		if in.Problems.HasErrors() {
			// Broken inputs: the period's own errors (such as unmapped
			// accounts) still count, its warnings would only be noise.
			probs = probs.Errors()
		}
		res.probs = appendNew(res.probs, probs)
		if r != nil && !in.Problems.HasErrors() && !slices.Contains(extra, code) {
			reports = append(reports, r)
		}
	}
	res.checked = append(slices.Clip(codes), extra...)
	if o.strict {
		res.probs = res.probs.Strict()
	}
	res.periods = codes
	edition := layouts.BoardEdition
	if o.draft {
		edition = layouts.DraftEdition
	}
	if !res.probs.HasErrors() {
		// validate finds a name that generate could not write, too.
		for _, code := range res.checked {
			base := fmt.Sprintf("%s_%d_%s", fileSafe(in.Settings.Unit), in.Settings.Year, code)
			if p, ok := checkOutputName(o.out, base+edition.FileSuffix, in.Settings.Unit, o.unit != ""); !ok {
				res.probs.Add(p)
				break
			}
		}
	}
	if !render || res.probs.HasErrors() {
		return res
	}
	if o.keepReports {
		res.reports = reports
	}
	for _, r := range reports {
		// A draft's files have names of their own (U_Y_P_utkast.pdf and
		// .xlsx), so that a draft never writes or replaces a board file
		// (SPEC 12.3).
		base := fmt.Sprintf("%s_%d_%s", fileSafe(r.Unit), r.Year, r.Period.Code) + edition.FileSuffix
		if p, ok := checkOutputName(o.out, base, r.Unit, o.unit != ""); !ok {
			res.probs.Add(p)
			return res
		}
		for _, format := range o.formats {
			var buf bytes.Buffer
			var err error
			name := base + "." + format
			switch format {
			case "pdf":
				err = pdf.RenderWith(&buf, r, pdf.Options{Version: o.version, Edition: edition})
			case "xlsx":
				err = xlsx.RenderWith(&buf, r, xlsx.Options{Version: o.version})
			case "json":
				// The computed report as data, for audit and for tests,
				// with the tables' figures as the PDF and workbook show them.
				err = writeReportJSON(&buf, r)
			}
			if err != nil {
				res.err = fmt.Errorf("%s.%s: %v", base, format, err)
				return res
			}
			res.outputs = append(res.outputs, rendered{name: name, data: buf.Bytes()})
		}
	}
	return res
}

// monthCode is the month's period code (M01–M12); "" for no month.
func monthCode(m period.Month) period.Code {
	if m.IsZero() {
		return ""
	}
	return period.Code(fmt.Sprintf("M%02d", int(m.Month)))
}

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

func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		// Every record keeps its level: a collector filters on it.
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	opts := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.LevelKey && len(groups) == 0 {
			return slog.Attr{} // the text log is a summary; problems are printed apart
		}
		return a
	}}
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
// overwriting the first one's reports. validate, which renders nothing,
// finds the same from the units' names and periods.
func claimOutputs(results []unitResult) {
	owner := map[string]string{}
	for i := range results {
		res := &results[i]
		names := make([]string, 0, len(res.outputs))
		for _, out := range res.outputs {
			names = append(names, out.name)
		}
		if len(res.outputs) == 0 && res.err == nil && !res.probs.HasErrors() {
			for _, code := range res.checked {
				names = append(names, fmt.Sprintf("%s_%d_%s", fileSafe(res.unit), res.year, code))
			}
		}
		for _, name := range names {
			if first, taken := owner[name]; taken {
				res.probs.Add(problem.Problem{Severity: problem.Error, File: report.UnderlagFile, Sheet: report.SheetSettings,
					Value:   res.unit,
					Message: fmt.Sprintf("samma enhet och period som i mappen %s (%s)", first, name),
					Hint:    "Ge enheterna olika namn i Inställningar (Enhet) eller kör dem var för sig"})
				res.outputs, names = nil, nil
				break
			}
		}
		for _, name := range names {
			owner[name] = res.folder.name
		}
	}
}

// errAborted is what a run stopped by a signal (Ctrl-C, SIGTERM) says.
var errAborted = errors.New("avbruten: körningen stoppades innan allt var klart; filer som redan skrivits är hela, kör igen för resten")

// aborted turns a cancelled context into errAborted, so that a stopped
// run says so in Swedish rather than "context canceled".
func aborted(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return errAborted
	}
	return err
}

// unitName names a unit in messages: its folder, or the example's.
func unitName(res *unitResult) string {
	if res.folder.name == "" {
		return "exempeldata"
	}
	return res.folder.name
}

// logFormatOf is the --log-format of a command line that could not be
// parsed, so that even its error is in the format asked for.
func logFormatOf(args []string) string {
	if wantsJSON(args) {
		return "json"
	}
	return "text"
}

// logKr is an amount for the log: kronor with öre, spaces that any log
// reader shows.
func logKr(a money.Amount) string { return strings.ReplaceAll(a.FormatKr(), "\u00a0", " ") }
