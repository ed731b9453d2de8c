package ledger

import (
	"bytes"
	"context"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"rapport/fixtures/ledgergen"
	"rapport/report/money"
)

// FuzzLedgerCSV reads arbitrary bytes as a CSV export: never a panic or
// an error, and the counts and sums always reconcile.
func FuzzLedgerCSV(f *testing.F) {
	for _, s := range []string{
		"Konto;Period;Belopp\n4010;202604;1 234,50\nSumma;;1\n\n",
		"Account,Period,Amount\r\n4010,202604,\"1,000.25\"\r\n",
		"\ufeffKonto\tBokföringsdatum\tBelopp (tkr)\tProjekt\n4010\t2026-04-30\t1,5\tP1\n",
		"Titel\n\nKonto;Datum;Utfall\n\"40\"\"10\";30.04.2026;(12)\n",
		"sep=;\nKonto;Kontonr;Period;Belopp\n",
		"Konto;Period;Belopp\n4010;202604;\"oavslutat\n",
		"Kto;Text;Bokf.period;Debet;Kredit;Kst\n4010;;202600;10;;1\n3010;;2026-13;;4;1\n;Delsumma;;10;4\n;Summa;;10;4\n",
		"Konto;Benämning;Per;Belopp (SEK)\n4010;Lön;2026 14;5\n;Totalt;;6\n",
		"Rapport\rKonto nr;Period:;Belopp tkr\r4010 Löner;20260315;\u20131,5\r",
		"Konto|Text|Datum|\"Debet, kr\"|Kredit kr\n=\"4010\"|;202603||1\nKonto|Text|Datum|Debet|Kredit\n-----|---|---|---|---\nS:a;;;1;\nUtskrivet av AA\n\x1a",
	} {
		f.Add([]byte(s))
	}
	f.Add(utf16NoBOM(f, "Konto\tPeriod\tBelopp\r\n4010\t202603\t-12,50\r\n;Grupp;\r\n", unicode.LittleEndian))
	f.Add(cp1252(f, "Konto;Månad;Belopp\n4010;maj 2026;1\u00a0000\n"))
	var gen bytes.Buffer
	ledgergen.WriteCSV(&gen, ledgergen.Spec{Rows: 20, Seed: 1})
	f.Add(gen.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.csv", Options{})
		if err != nil {
			t.Fatalf("error on input: %v", err)
		}
		checkInvariants(t, l)
	})
}

// FuzzLedgerXLSX reads arbitrary bytes as a workbook: broken zips,
// hostile parts and odd sheets must end in problems, never a panic.
func FuzzLedgerXLSX(f *testing.F) {
	shared := []string{"Konto", "Bokföringsdatum", "Belopp", "Summa"}
	hdr := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`
	for _, sheet := range []string{
		hdr + `<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2"><v>1234.5</v></c></row>`,
		hdr + `<row r="3"><c r="A3" t="s"><v>3</v></c><c r="C3"><f>1+1</f></c></row><row r="9"/>`,
		hdr + `<row><c t="inlineStr"><is><r><t>40</t></r><r><t>10</t></r></is></c><c s="2"><v>46143.5</v></c><c t="e"><v>#N/A</v></c></row>`,
	} {
		f.Add(rawXLSX(f, sheet, shared, false))
	}
	var gen bytes.Buffer
	ledgergen.WriteXLSX(&gen, ledgergen.Spec{Rows: 10, Seed: 1})
	f.Add(gen.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.xlsx", Options{})
		if err != nil {
			t.Fatalf("error on input: %v", err)
		}
		checkInvariants(t, l)
	})
}

// FuzzPlainAmount holds the ledger's fast amount reader to money.Parse.
func FuzzPlainAmount(f *testing.F) {
	for _, s := range []string{"0", "-1234.5", "0.005", "999999999999999", "1.", ".5"} {
		f.Add(s, uint8(0))
	}
	for _, s := range []string{"-1234,5", "0,005", "1,234", "1,", ",5"} {
		f.Add(s, uint8(4))
	}
	f.Fuzz(func(t *testing.T, s string, u uint8) {
		unit := money.Unit(u % 3)
		got, ok := plainAmountSep([]byte(s), unit, u&4 != 0)
		if !ok {
			return
		}
		want, err := money.Parse(s, unit)
		if err != nil || got != want {
			t.Fatalf("plainAmount(%q, %v) = %d; money.Parse gives %d, %v", s, unit, got, want, err)
		}
	})
}
