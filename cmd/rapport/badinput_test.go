package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/fixtures"
	"rapport/fixtures/testkit"
	"rapport/report"
	"rapport/report/underlag"
)

// badFolder is an input folder that differs from the example in one way.
type badFolder struct {
	name  string
	files map[string][]byte // file name → content; nil content removes the file
	code  int               // the exit code: 1, or 0 where the file is read with a warning
}

func exampleFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(fixtures.ExampleFolder(), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const csvHeader = "Konto;Ansvar;Period;Belopp\n"

func csvLedger(rows ...string) []byte {
	return []byte(csvHeader + strings.Join(rows, "\n") + "\n")
}

// formulaLedger is an XLSX ledger whose amount is a formula Excel never
// calculated, as some export tools leave them.
func formulaLedger(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Konto", "Period", "Belopp"})
	f.SetSheetRow("Sheet1", "A2", &[]any{4010, "2026-01", 100})
	f.SetSheetRow("Sheet1", "A3", &[]any{4010, "2026-02"})
	f.SetCellFormula("Sheet1", "C3", "C2*2")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rawLedgerXLSX is a one-sheet ledger workbook written by hand, for what
// no spreadsheet program writes: sheetData is the inside of the sheet's
// sheetData and wrap is put around the workbook's sheet list.
func rawLedgerXLSX(t *testing.T, sheetData string, wrap int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	put("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		strings.Repeat("<a>", wrap)+`<sheets><sheet name="Huvudbok" sheetId="1" r:id="rId1"/></sheets>`+strings.Repeat("</a>", wrap)+`</workbook>`)
	put("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	is := func(ref, s string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>` }
	put("xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">`+
		is("A1", "Konto")+is("B1", "Period")+is("C1", "Belopp")+`</row>`+sheetData+`</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withInfoSheet is the example ledger workbook with a second sheet of notes.
func withInfoSheet(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	f.NewSheet("Info")
	f.SetCellValue("Info", "A1", "Exporterad från ekonomisystemet")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// deepPart is a workbook with one part nesting 100 000 elements deep.
func deepPart(t *testing.T, data []byte, part string) []byte {
	return replacePart(t, data, part, func(old []byte, w io.Writer) {
		i := bytes.LastIndex(old, []byte("</"))
		w.Write(old[:i])
		io.WriteString(w, strings.Repeat("<a>", 100000))
		w.Write(old[i:])
	})
}

// replacePart returns the zip data with the named part's body replaced by
// what fn writes, streamed so that large hostile parts need not be held
// twice.
func replacePart(t *testing.T, data []byte, part string, fn func(old []byte, w io.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if f.Name != part {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		old, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		fn(old, w)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withControlChars is a workbook whose shared strings have each «XX» (two
// hex digits) replaced by the control character Excel writes as _x00XX_.
func withControlChars(t *testing.T, data []byte) []byte {
	return replacePart(t, data, "xl/sharedStrings.xml", func(old []byte, w io.Writer) {
		w.Write(regexp.MustCompile(`«([0-9A-F]{2})»`).ReplaceAll(old, []byte("_x00${1}_")))
	})
}

// sieLedger is an SIE 4 ledger with the given #VER blocks.
func sieLedger(blocks string) []byte {
	return []byte("#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20260101 20261231\n#KONTO 4010 \"L\x94ner\"\n" + blocks)
}

func odsBytes() []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("mimetype")
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	zw.Close()
	return b.Bytes()
}

// exampleFolderWith writes the example input folder with files replaced
// (nil content removes the file; a name ending in / is made a folder) and
// returns it.
func exampleFolderWith(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, fixtures.ExampleFolder()); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		} else if data == nil {
			os.Remove(p)
		} else if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestBadInputs runs `rapport validate` on input folders broken in every way
// tried so far and keeps the messages in testdata/bad-inputs.md, which the
// README links to. Every row of that table is this test: a changed message
// fails it until the table is refreshed with -update and reviewed.
func TestBadInputs(t *testing.T) {
	xlsx := exampleFile(t, report.LedgerXLSX)
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)
	cases := []badFolder{
		{"tom huvudbok", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: {}}, exitInvalid},
		{"CSV-fil med namnet huvudbok.xlsx", map[string][]byte{report.LedgerXLSX: csvLedger("4010;100;2026-02;1 000,00")}, exitOK},
		{"avkortad huvudbok.xlsx", map[string][]byte{report.LedgerXLSX: xlsx[:len(xlsx)/2]}, exitInvalid},
		{"gammal .xls med namnet .xlsx", map[string][]byte{report.LedgerXLSX: ole}, exitInvalid},
		{".ods med namnet .xlsx", map[string][]byte{report.LedgerXLSX: odsBytes()}, exitInvalid},
		{"kolumn saknas", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte("Konto;Belopp\n4010;100\n")}, exitInvalid},
		{"dubbla rubriker", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte("Konto;Period;Belopp;Belopp SEK\n4010;2026-01;1;1\n")}, exitInvalid},
		{"Summa-rad som inte stämmer", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger("4010;100;2026-01;1 000,00", "Summa;;;1 500,00")}, exitInvalid},
		{"både Belopp och Debet/Kredit", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte("Konto;Period;Belopp;Debet;Kredit\n4010;2026-01;1;1;\n")}, exitInvalid},
		{"Debet utan Kredit", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte("Konto;Period;Debet\n4010;2026-01;1\n")}, exitInvalid},
		{"Kredit skriven med minustecken (varning)", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte("Konto;Ansvar;Period;Debet;Kredit\n3010;100;2026-01;;-1 000,00\n4010;100;2026-02;500,00;\n")}, exitOK},
		{"Kredit med både positiva och negativa belopp", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte("Konto;Ansvar;Period;Debet;Kredit\n3010;100;2026-01;;1 000,00\n3010;100;2026-02;;-200,00\n4010;100;2026-02;500,00;\n")}, exitInvalid},
		{"Kolumner namnger en kolumn som huvudboken saknar", map[string][]byte{report.UnderlagFile: editedUnderlag(t, rowEdit{"Kolumner", []any{"Fält", "Rubrik"}, []any{"Belopp", "Nettobelopp"}})}, exitInvalid},
		{"Kolumner med okänt fält", map[string][]byte{report.UnderlagFile: editedUnderlag(t, rowEdit{"Kolumner", []any{"Fält", "Rubrik"}, []any{"Saldo", "Belopp"}})}, exitInvalid},
		{"Grupper: en kod i två grupper", map[string][]byte{report.UnderlagFile: editedUnderlag(t, rowEdit{"Grupper", nil, []any{"", "110000", "Dubblett"}})}, exitInvalid},
		{"Grupper med okänd dimension", map[string][]byte{report.UnderlagFile: editedUnderlag(t, rowEdit{"Grupper", nil, []any{"Projekt", "P1", "Projekten"}})}, exitInvalid},
		{"felaktigt belopp", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger("4010;100;2026-01;12,3,4")}, exitInvalid},
		{"decimalkomma utan citattecken i kommaseparerad fil", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte("Konto,Period,Belopp\n4010,2026-02,5\n3010,2026-02,-1000,50\n")}, exitInvalid},
		{"Text med semikolon utan citattecken", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte("Konto;Ansvar;Period;Text;Belopp\n4010;100;2026-01;Hyra;1 500,00\n4010;100;2026-02;Faktura 4712; 17;1 500,00\n4010;100;2026-02;Mat;200,00\n")}, exitInvalid},
		{"rader med tabb mellan fälten i en semikolonfil", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger(append([]string{"4010;100;2026-01;5"}, strings.Split(strings.Repeat("4010\t100\t2026-02\t1 000,00\n", 10), "\n")[:10]...)...)}, exitInvalid},
		{"tomt belopp", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger("4010;100;2026-01;")}, exitInvalid},
		{"felaktig period", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger("4010;100;2026-16;5")}, exitInvalid},
		{"huvudboken saknar en månad mellan två", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger("4010;100;2026-01;5", "4010;100;2026-03;5")}, exitInvalid},
		{"konto utanför kontoplanen", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger("4010;100;2026-01;5", "9100;100;2026-02;48 750")}, exitInvalid},
		{"cell på 10 MB", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger(strings.Repeat("4", 10<<20) + ";100;2026-01;5")}, exitInvalid},
		{"formel utan sparat värde", map[string][]byte{report.LedgerXLSX: formulaLedger(t)}, exitInvalid},
		{"både huvudbok.xlsx och huvudbok.csv", map[string][]byte{report.LedgerCSV: csvLedger("4010;100;2026-01;5")}, exitInvalid},
		{"ingen huvudbok", map[string][]byte{report.LedgerXLSX: nil}, exitInvalid},
		{"huvudbok med felstavat namn", map[string][]byte{report.LedgerXLSX: nil, "huvudbk.csv": csvLedger("4010;100;2026-01;5")}, exitInvalid},
		{"huvudbok med fel filändelse", map[string][]byte{report.LedgerXLSX: nil, "huvudbok.txt": csvLedger("4010;100;2026-01;5")}, exitInvalid},
		{"två filer som liknar huvudboken", map[string][]byte{report.LedgerXLSX: nil, "hufvudbok.xlsx": xlsx, "Huvudbok 2026.CSV": csvLedger("4010;100;2026-01;5")}, exitInvalid},
		{"huvudbok.csv som är en mapp", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV + "/": nil}, exitInvalid},
		{"underlag med annat namn", map[string][]byte{report.UnderlagFile: nil, "Underlag_2026.xlsx": exampleFile(t, report.UnderlagFile)}, exitInvalid},
		{"PDF med namnet huvudbok.xlsx", map[string][]byte{report.LedgerXLSX: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")}, exitInvalid},
		{"citattecken som inte avslutas på raden", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte(
			"Konto;Ansvar;Period;Belopp;Text\n4010;100;2026-01;5;\"Kaffe\n4010;100;2026-02;7;mat\n4010;100;2026-02;9;Bildskärm 24\" Dell\n")}, exitInvalid},
		{"belopp med tre decimaler", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger("4010;100;2026-01;1.234", "4010;100;2026-02;2,500")}, exitOK},
		{"rubrik och sidfot utan konto och belopp i huvudbok.csv", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger(";Personalkostnader;;", "4010;100;2026-01;1 000,00", "4010;100;2026-02;500,00", "Utskrivet av Anna Andersson 2026-03-02 10:15")}, exitOK},
		{"belopp vars summa inte går att räkna exakt", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger(strings.Split(strings.Repeat("4010;100;2026-01;999999999999999\n", 93), "\n")[:93]...)}, exitInvalid},
		{"huvudbok.xlsx med ett blad utan huvudboksrubrik", map[string][]byte{report.LedgerXLSX: withInfoSheet(t, xlsx)}, exitOK},
		{"celler i fel ordning i huvudbok.xlsx", map[string][]byte{report.LedgerXLSX: rawLedgerXLSX(t, `<row r="2">`+strings.Repeat(`<c r="A2"><v>4010</v></c>`, 100000)+`</row>`, 0)}, exitInvalid},
		{"radnummer två gånger i huvudbok.xlsx", map[string][]byte{report.LedgerXLSX: rawLedgerXLSX(t, `<row r="2"><c r="A2"><v>4010</v></c><c r="B2"><v>202602</v></c><c r="C2"><v>500</v></c></row><row r="2"><c r="A2"><v>4010</v></c><c r="B2"><v>202602</v></c><c r="C2"><v>500</v></c></row>`, 0)}, exitInvalid},
		{"rad med för mycket text i huvudbok.xlsx", map[string][]byte{report.LedgerXLSX: rawLedgerXLSX(t, `<row r="2">`+strings.Repeat(`<c t="inlineStr"><is><t>`+strings.Repeat("x", 1<<20-1)+`</t></is></c>`, 20)+`</row>`, 0)}, exitInvalid},
		{"rad med fler än 16 384 fält i huvudbok.csv", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger("4010;100;2026-01;5" + strings.Repeat(";", 20000))}, exitInvalid},
		{"rad på över 16 MB i huvudbok.csv", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: csvLedger("4010;100;2026-01;5;\"" + strings.Repeat("x", 16<<20) + "\"")}, exitInvalid},
		{"djup nästling i huvudbok.xlsx", map[string][]byte{report.LedgerXLSX: rawLedgerXLSX(t, "", 100000)}, exitInvalid},
		{"djup nästling i underlag.xlsx", map[string][]byte{report.UnderlagFile: deepPart(t, exampleFile(t, report.UnderlagFile), "xl/workbook.xml")}, exitInvalid},
		{"inget underlag.xlsx", map[string][]byte{report.UnderlagFile: nil}, exitInvalid},
		{"SIE-fil med namnet huvudbok.xlsx", map[string][]byte{report.LedgerXLSX: sieLedger("#VER A 1 20260215\n{\n#TRANS 4010 {1 \"100\"} 1000.00\n#TRANS 1930 {} -1000.00\n}\n")}, exitOK},
		{"SIE-fil med trasigt #VER-block", map[string][]byte{report.LedgerXLSX: nil, "huvudbok.se": sieLedger("#VER A 1 20260215\n#TRANS 4010 {} 1000.00\n#TRANS 1930 {} -1000.00\n}\n#VER A 2 20260216\n{\n#TRANS 4010 {} 1000,00\n#TRANS 1930 {} -1000.00\n")}, exitInvalid},
		{"SIE-fil med obalanserad verifikation", map[string][]byte{report.LedgerXLSX: nil, "huvudbok.se": sieLedger("#VER A 1 20260215 \"Lön\"\n{\n#TRANS 4010 {} 1000.00\n#TRANS 1930 {} -990.00\n}\n")}, exitInvalid},
		{"SIE-fil med samma verifikation två gånger (två exporter sammanslagna)", map[string][]byte{report.LedgerXLSX: nil, "huvudbok.se": sieLedger(strings.Repeat("#VER A 1 20260215 \"Lön\"\n{\n#TRANS 4010 {1 \"100\"} 1000.00\n#TRANS 1930 {} -1000.00\n}\n", 2))}, exitInvalid},
		{"SIE-fil med två Ansvar på en rad", map[string][]byte{report.LedgerXLSX: nil, "huvudbok.se": sieLedger("#VER A 1 20260215\n{\n#TRANS 4010 {1 \"100\" 1 \"200\"} 1000.00\n#TRANS 1930 {} -1000.00\n}\n")}, exitInvalid},
		{"SIE-fil vars #IB, #UB och #PSALDO inte stämmer med verifikationerna (varning)", map[string][]byte{report.LedgerXLSX: nil, "huvudbok.se": sieLedger("#IB 0 1930 5000.00\n#UB 0 1930 3000.00\n#PSALDO 0 202602 4010 {1 \"100\"} 1500.00\n" +
			"#VER A 1 20260215\n{\n#TRANS 4010 {1 \"100\"} 1000.00\n#TRANS 1930 {} -1000.00\n}\n")}, exitOK},
		{"styrtecken i en text i underlag.xlsx (varning)", map[string][]byte{report.UnderlagFile: withControlChars(t, editedUnderlag(t, cellEdit{"Målbedömning", "D2", "Arbetet går enligt plan.«07» Se «1B»[1mbilaga«1B»[0m."}))}, exitOK},
		{"underlag.xlsx är en CSV-fil", map[string][]byte{report.UnderlagFile: []byte("Rad;Årsbudget\nIntäkter;1 200\n")}, exitInvalid},
		{"periodkod som pekar ut ur mappen", map[string][]byte{report.UnderlagFile: calendarUnderlag(t, "/../../../X")}, exitInvalid},
		{"okänt avsnitt i Texter", map[string][]byte{report.UnderlagFile: editedUnderlag(t,
			rowEdit{"Texter", []any{"Period", "Avsnitt", "Text"}, []any{"UR1", "Förord", "Året har börjat bra."}})}, exitInvalid},
		{"okänt mått i Indikatordefinitioner", map[string][]byte{report.UnderlagFile: editedUnderlag(t,
			rowEdit{"Indikatordefinitioner", []any{"Indikator", "Enhet", "Mått"}, []any{"Personalomsättning", "%", "Senaste"}},
			rowEdit{"Indikatordefinitioner", nil, []any{"Sjukfrånvaro", "%", "Median"}})}, exitInvalid},
		{"både Regionbidrag och Kommunbidrag", map[string][]byte{report.UnderlagFile: editedUnderlag(t,
			rowEdit{"Inställningar", nil, []any{"Regionbidrag", 371_200_000}}, rowEdit{"Inställningar", nil, []any{"Kommunbidrag", 371_200_000}})}, exitInvalid},
		{"prognos skriven i mnkr", map[string][]byte{report.UnderlagFile: editedUnderlag(t, cellEdit{"Prognos", "C2", "419"})}, exitInvalid},
		{"mallen oförändrad", map[string][]byte{report.UnderlagFile: templateBytes(t)}, exitInvalid},
		{"prognos med annat tecken än budgeten (varning)", map[string][]byte{report.UnderlagFile: editedUnderlag(t, cellEdit{"Prognos", "C5", 3_800_000})}, exitOK},
	}
	var table strings.Builder
	table.WriteString("# Felaktiga indatamappar och meddelandena de får\n\n")
	table.WriteString("Varje rad är ett fall i `TestBadInputs` (cmd/rapport): exemplets indatamapp med en sak ändrad, kontrollerad med `rapport validate`; de sista raderna är en mapp med två enheter (exemplets underlag med Ansvar) mot en gemensam huvudbok, `validate --in ENHETER --ledger FIL`.\n")
	table.WriteString("Alla utom de som bara ger varningar (textfiler med namnet .xlsx, CSV eller SIE; belopp med fler decimaler än ören; rader utan konto och belopp; ett blad utan huvudboksrubrik) ger slutkod 1, och då skrivs ingenting. Uppdateras med `go test ./cmd/rapport -run TestBadInputs -update`.\n\n")
	table.WriteString("| Indata | Meddelande |\n| --- | --- |\n")
	// addRows puts the lines of a run's output that keep takes in the
	// table, one row each, and says how many.
	addRows := func(name, stdout string, keep func(line string) bool) int {
		n := 0
		for _, line := range strings.Split(stdout, "\n") {
			line = strings.TrimSpace(line)
			if !keep(line) {
				continue
			}
			n++
			line = strings.ReplaceAll(line, "|", "\\|")
			line = strings.ReplaceAll(line, "\u00a0", " ")
			table.WriteString("| " + name + " | " + line + " |\n")
		}
		return n
	}
	for _, c := range cases {
		dir := exampleFolderWith(t, c.files)
		code, stdout, stderr := runCmd(t, "validate", "--in", dir)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d\n%s%s", c.name, code, c.code, stdout, stderr)
		}
		n := addRows(c.name, strings.ReplaceAll(stdout, dir, "MAPP"), func(line string) bool {
			return (strings.Contains(line, ".xlsx") || strings.Contains(line, ".csv") || strings.Contains(line, "huvudbok.se")) &&
				!strings.HasPrefix(line, "Inga rapporter") && !strings.Contains(line, "Fel (") && !strings.Contains(line, "Varningar (")
		})
		if n == 0 {
			t.Errorf("%s: no message naming a file:\n%s", c.name, stdout)
		}
	}
	// One ledger for many units (SPEC 6.2): folders of units run with
	// validate --in UNITS --ledger FILE.
	for _, c := range []struct {
		name   string
		ansvar []string // per unit; "" = no Ansvar
		ledger []byte   // nil = the example's
	}{
		{"två enheters Ansvar väljer samma ansvar", []string{"100000-159999", "150000-199999"}, nil},
		{"felaktigt Ansvar", []string{"100000-159999", "199999-160000"}, nil},
		{"Ansvar med * ensamt", []string{"*", "160000-199999"}, nil},
		{"en av flera enheter saknar Ansvar", []string{"100000-159999", ""}, nil},
		{"Ansvar men huvudboken saknar ansvarskolumn", []string{"100000-159999", "160000-199999"}, []byte("Konto;Period;Belopp\n4010;2026-01;5\n")},
	} {
		root := t.TempDir()
		ledgerPath := filepath.Join(root, report.LedgerXLSX)
		data := c.ledger
		if data == nil {
			data = xlsx
		} else {
			ledgerPath = filepath.Join(root, report.LedgerCSV)
		}
		if err := os.WriteFile(ledgerPath, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for i, a := range c.ansvar {
			dir := filepath.Join(root, fmt.Sprintf("enhet%d", i+1))
			os.Mkdir(dir, 0o755)
			if err := os.WriteFile(filepath.Join(dir, report.UnderlagFile), withSettings(t, fmt.Sprintf("Nämnd %d", i+1), a), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		code, stdout, stderr := runCmd(t, "validate", "--in", root, "--ledger", ledgerPath, "--period", "UR1")
		if code != exitInvalid {
			t.Errorf("%s: exit %d, want %d\n%s%s", c.name, code, exitInvalid, stdout, stderr)
		}
		n := addRows(c.name, strings.ReplaceAll(stdout, root, "MAPP"), func(line string) bool {
			return strings.HasPrefix(line, "underlag.xlsx: Inställningar") || strings.Contains(line, "ansvar") || strings.Contains(line, "Ansvar")
		})
		if n == 0 {
			t.Errorf("%s: no message about Ansvar:\n%s", c.name, stdout)
		}
	}
	testkit.Golden(t, filepath.Join("testdata", "bad-inputs.md"), []byte(table.String()))
}

// underlagEdit is one change to the example's underlag.xlsx.
type underlagEdit interface {
	apply(t *testing.T, f *excelize.File)
}

// rowEdit appends a row to a sheet, creating the sheet with header if it
// is absent.
type rowEdit struct {
	sheet       string
	header, row []any
}

func (e rowEdit) apply(t *testing.T, f *excelize.File) {
	t.Helper()
	if idx, _ := f.GetSheetIndex(e.sheet); idx < 0 {
		if _, err := f.NewSheet(e.sheet); err != nil {
			t.Fatal(err)
		}
		f.SetSheetRow(e.sheet, "A1", &e.header)
	}
	rows, err := f.GetRows(e.sheet)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow(e.sheet, "A"+strconv.Itoa(len(rows)+1), &e.row); err != nil {
		t.Fatal(err)
	}
}

// cellEdit sets one cell.
type cellEdit struct {
	sheet, cell string
	value       any
}

func (e cellEdit) apply(t *testing.T, f *excelize.File) {
	t.Helper()
	if err := f.SetCellValue(e.sheet, e.cell, e.value); err != nil {
		t.Fatal(err)
	}
}

// editedUnderlag is the example's underlag.xlsx with the edits applied.
func editedUnderlag(t *testing.T, edits ...underlagEdit) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(exampleFile(t, report.UnderlagFile)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, e := range edits {
		e.apply(t, f)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// templateBytes is what `rapport template` writes for 2026, untouched.
func templateBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := underlag.WriteTemplate(&b, 2026); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// settingEdit sets a key of Inställningar, adding the row if absent.
type settingEdit struct{ key, value string }

func (e settingEdit) apply(t *testing.T, f *excelize.File) {
	t.Helper()
	rows, err := f.GetRows("Inställningar")
	if err != nil {
		t.Fatal(err)
	}
	at := len(rows) + 1
	for r, row := range rows {
		if len(row) > 0 && row[0] == e.key {
			at = r + 1
		}
	}
	if err := f.SetSheetRow("Inställningar", "A"+strconv.Itoa(at), &[]any{e.key, e.value}); err != nil {
		t.Fatal(err)
	}
}

// withSettings is the example's underlag.xlsx with another Enhet and,
// unless ansvar is "", the key Ansvar.
func withSettings(t *testing.T, unit, ansvar string) []byte {
	t.Helper()
	edits := []underlagEdit{settingEdit{"Enhet", unit}}
	if ansvar != "" {
		edits = append(edits, settingEdit{"Ansvar", ansvar})
	}
	return editedUnderlag(t, edits...)
}

// calendarUnderlag is the example's underlag.xlsx with a Kalender sheet
// whose only period has the given code.
func calendarUnderlag(t *testing.T, code string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(exampleFile(t, report.UnderlagFile)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.NewSheet("Kalender")
	f.SetSheetRow("Kalender", "A1", &[]any{"Kod", "Namn", "Sista månad", "Typ"})
	f.SetSheetRow("Kalender", "A2", &[]any{code, "Tertial", 4, "Fullständig"})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
