// Command rapport turns a Swedish region's follow-up data — the ledger
// export from the ERP system and the controllers' workbook underlag.xlsx —
// into board-ready PDF reports and Excel tables, one pair per unit and
// follow-up period.
//
//	rapport generate [--period UR1|all|due] [--year 2026] [--in DIR]… [--ledger FILE] [--out DIR] [--format pdf,xlsx]
//	rapport validate [--in DIR] [--strict]
//	rapport template --out underlag.xlsx
//	rapport due [--date YYYY-MM-DD]
//	rapport serve [--in DIR] [--out DIR] [--port N] [--no-browser]
//
// The work is done by two packages: report (inputs → a computed report)
// and layouts (a computed report → PDF and Excel). This command parses
// flags, finds the input folders, calls the two, writes files atomically
// and chooses the exit code.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// Exit codes, as a scheduler sees them.
const (
	exitOK      = 0 // every report written (or nothing to do)
	exitInvalid = 1 // an input has errors: fix the files
	exitUsage   = 2 // wrong command line
	exitFailure = 3 // could not read or write files for another reason
)

// memoryLimit is the Go runtime's soft memory limit (GOMEMLIMIT, which
// overrides it). Rendering a long report makes much short-lived garbage
// (the PDF library allocates a compressor of 1 MB per page): with the
// runtime's default the heap grew to twice what was live, 300–350 MB for
// an underlag within its bounds; with the limit the collector runs
// earlier instead, and every admitted input stays under 200 MB (SPEC 15,
// cmd/rapport/peakmem_test.go).
const memoryLimit = 160 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signalContext(os.Stderr)
	explorer := startedFromExplorer()
	code := run(ctx, startArgs(runtime.GOOS, os.Args[1:], explorer), os.Stdout, os.Stderr)
	if explorer && code != exitOK {
		// The window closes with the program: keep it open to be read.
		waitForEnter(os.Stdin, os.Stderr)
	}
	stop()
	os.Exit(code)
}

// run is the whole program with its environment passed in, so that tests
// can call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "generate":
		return generate(ctx, args[1:], stdout, stderr)
	case "validate":
		return validate(ctx, args[1:], stdout, stderr)
	case "template":
		return template(args[1:], stdout, stderr)
	case "due":
		return due(args[1:], stdout, stderr)
	case "serve":
		return serve(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-V":
		return printVersion(stdout)
	case "help", "-h", "--help":
		usage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "rapport: okänt kommando %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `rapport gör styrelsens uppföljningsrapporter (PDF) och tabeller (Excel)
av huvudboken och underlaget.

Kommandon:
  rapport generate   skriv PDF och Excel för en eller flera perioder
  rapport validate   kontrollera indata och visa alla fel och varningar
  rapport template   skriv en tom underlag.xlsx att fylla i
  rapport due        visa vilken rapport som ska göras nu
  rapport serve      öppna en sida i webbläsaren för att kontrollera och skapa
                     rapporter utan terminal (i Windows: dubbelklicka rapport.exe)
  rapport version    visa programmets version (även --version)

Utan --in används de inbyggda exempeldata. Skriv 'rapport KOMMANDO --help'
för kommandots flaggor.

Slutkoder: 0 klart, 1 fel i indata, 2 fel på kommandoraden,
3 filer kunde inte läsas eller skrivas av annan orsak.
`)
}
