// Command genledger writes synthetic ledger exports of a million rows (or
// any number) to a folder: huvudbok.xlsx with shared strings,
// huvudbok-inline.xlsx with inline strings, and huvudbok.csv, so that
// anyone can repeat the import benchmarks and compare other readers on the
// same files (see compare.sh). It knows nothing of reading them.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

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
	if err := fs.Parse(args); err != nil {
		return err
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
