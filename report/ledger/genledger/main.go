// Command genledger writes synthetic ledger exports of a million rows (or
// any number) to a folder: huvudbok.xlsx with shared strings,
// huvudbok-inline.xlsx with inline strings, and huvudbok.csv, so that
// anyone can repeat the import benchmarks and compare other readers on the
// same files (see compare.sh). With --read it imports one file as rapport
// does and prints the counts, total and time; with --inflate it only
// decompresses the sheet XML, the floor any XLSX reader stands on.
package main

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"rapport/report/ledger"
	"rapport/report/ledger/ledgergen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "genledger:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := pflag.NewFlagSet("genledger", pflag.ContinueOnError)
	out := fs.String("out", ".", "mapp att skriva filerna i")
	rows := fs.Int("rows", 1_000_000, "antal konteringsrader")
	seed := fs.Uint64("seed", 1, "frö för slumpen; samma frö ger samma filer")
	readPath := fs.String("read", "", "läs in en huvudbok som rapport gör och skriv antal, summa och tid")
	inflatePath := fs.String("inflate", "", "packa bara upp bladets XML i en .xlsx och skriv tiden")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *readPath != "":
		return readOne(*readPath)
	case *inflatePath != "":
		return inflateOne(*inflatePath)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	files := []struct {
		name string
		gen  func(*os.File) error
	}{
		{"huvudbok.xlsx", func(f *os.File) error {
			return ledgergen.WriteXLSX(f, ledgergen.Spec{Rows: *rows, Seed: *seed})
		}},
		{"huvudbok-inline.xlsx", func(f *os.File) error {
			return ledgergen.WriteXLSX(f, ledgergen.Spec{Rows: *rows, Seed: *seed, Inline: true})
		}},
		{"huvudbok.csv", func(f *os.File) error {
			return ledgergen.WriteCSV(f, ledgergen.Spec{Rows: *rows, Seed: *seed})
		}},
	}
	for _, g := range files {
		path := filepath.Join(*out, g.name)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := g.gen(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Println(path)
	}
	t := ledgergen.Total(ledgergen.Spec{Rows: *rows, Seed: *seed})
	fmt.Printf("summa: %d öre\n", t)
	return nil
}

func readOne(path string) error {
	start := time.Now()
	l, err := ledger.ReadFile(context.Background(), path, ledger.Options{})
	if err != nil {
		return err
	}
	fmt.Printf("rader %d, summerade %d, tomma %d, fel %d, summa %s kr, hinkar %d, %.3f s\n",
		l.RowsRead, l.RowsSummed, l.BlankRows, l.ErrorRows, l.Total.FormatKr(), len(l.Buckets), time.Since(start).Seconds())
	for i, p := range l.Problems {
		if i == 10 {
			break
		}
		fmt.Println(p)
	}
	return nil
}

func inflateOne(path string) error {
	start := time.Now()
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	var n int64
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		m, err := io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return err
		}
		n += m
	}
	fmt.Printf("%d byte blad-XML, %.3f s\n", n, time.Since(start).Seconds())
	return nil
}
