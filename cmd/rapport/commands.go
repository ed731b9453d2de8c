package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"rapport/report/period"
	"rapport/report/underlag"
)

// validate reports every problem of the inputs, for every period the data
// supports, and renders nothing.
func validate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o runOptions
	if done, err := parseFlags("validate", args, &o, false, stdout); done || err != nil {
		if err != nil {
			return usageErrorAs(stderr, logFormatOf(args), "validate", err)
		}
		return exitOK
	}
	out := newMessages(stdout, o.logFormat)
	folders, err := findFolders(o.inputs)
	if err != nil {
		return usageErrorAs(stderr, o.logFormat, "validate", err)
	}
	results := runUnits(ctx, folders, o, false, false, stderr)
	for _, res := range results {
		if res.unknownPeriod {
			return usageErrorAs(stderr, o.logFormat, "validate", fmt.Errorf("--period %q finns inte i uppföljningskalendern", o.periodArg))
		}
	}
	claimOutputs(results)
	code := exitOK
	common := sharedLedgerProblems(results, o)
	out.ledgerProblems(o.ledgerPath, common)
	for i := range results {
		res := &results[i]
		shown := *res
		shown.probs = withoutShared(res.probs, common, o.ledgerPath)
		out.problems(&shown, len(folders) > 1)
		switch {
		case res.err != nil:
			code = max(code, exitFailure)
		case res.probs.HasErrors():
			code = max(code, exitInvalid)
		default:
			name := res.folder.name
			if name == "" {
				name = "exempeldata"
			}
			out.say(slog.LevelInfo, fmt.Sprintf("%s: %s %d, %s: inga fel, %d varningar.",
				name, res.unit, res.year, reachSummary(res), len(res.probs.Warnings())))
		}
	}
	return code
}

// reachSummary says which periods validate checked and how far the
// ledger reaches: "huvudboken räcker till april 2026, perioder M02, UR1,
// M04", or that it has no postings of the year.
func reachSummary(res *unitResult) string {
	if res.reach.IsZero() {
		if len(res.checked) == 0 {
			return fmt.Sprintf("huvudboken har inga poster för %d, inga perioder kontrollerade", res.year)
		}
		return "perioder " + joinCodes(res.checked)
	}
	return fmt.Sprintf("huvudboken räcker till %s, perioder %s", res.reach.Swedish(), joinCodes(res.checked))
}

// template writes an empty input workbook.
func template(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("template", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "underlag.xlsx", "fil att skriva")
	year := fs.Int("year", time.Now().Year(), "planår att förbereda")
	force := fs.Bool("force", false, "skriv över en befintlig fil")
	help := fs.BoolP("help", "h", false, "visa hjälp")
	if err := fs.Parse(args); err != nil {
		return usageError(stderr, "template", fmt.Errorf("%s", swedishFlagError(err)))
	}
	if *help {
		fmt.Fprintf(stdout, "Användning: rapport template [--out underlag.xlsx] [--year ÅR] [--force]\n\n%s", fs.FlagUsages())
		return exitOK
	}
	if _, err := os.Lstat(*out); err == nil && !*force {
		return usageError(stderr, "template", fmt.Errorf("%s finns redan och kan ha ifyllda uppgifter; välj ett annat namn med --out eller skriv över med --force", *out))
	}
	var buf bytes.Buffer
	if err := underlag.WriteTemplate(&buf, *year); err != nil {
		fmt.Fprintf(stderr, "rapport template: %v\n", err)
		return exitFailure
	}
	// Like generate --out, a folder that does not exist yet is made.
	if dir := filepath.Dir(*out); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(stderr, "rapport template: kan inte skapa mappen %s: %s\n", dir, osReason(err))
			return exitFailure
		}
	}
	if _, err := writeAtomic(*out, buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "rapport template: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "Skrev %s. Fyll i bladen och kör 'rapport validate --in MAPP'.\n", *out)
	return exitOK
}

// due says which report is due: the latest calendar period whose last
// month has ended. The first word of its output is the period code, for
// scripts.
func due(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("due", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	date := fs.String("date", "", "dagen att räkna från, ÅÅÅÅ-MM-DD (annars i dag)")
	help := fs.BoolP("help", "h", false, "visa hjälp")
	if err := fs.Parse(args); err != nil {
		return usageError(stderr, "due", fmt.Errorf("%s", swedishFlagError(err)))
	}
	if *help {
		fmt.Fprintf(stdout, "Användning: rapport due [--date ÅÅÅÅ-MM-DD]\n\n%s", fs.FlagUsages())
		return exitOK
	}
	if *date != "" {
		if _, err := time.Parse("2006-01-02", *date); err != nil {
			return usageError(stderr, "due", fmt.Errorf("--date %q är inte ett datum ÅÅÅÅ-MM-DD", *date))
		}
	}
	entry, year := period.DefaultCalendar.Due(referenceDate(*date))
	fmt.Fprintf(stdout, "%s %d %s, %s %d\n", entry.Code, year, entry.Name, entry.Months(), year)
	return exitOK
}
