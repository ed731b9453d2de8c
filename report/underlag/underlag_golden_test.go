package underlag

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"rapport/fixtures/testkit"
)

// TestBadInputsTable renders every bad input tried and the messages it
// gets as a Markdown table: testdata/underlag/bad-inputs.md, for the README
// to link. Run with -update after changing a message.
func TestBadInputsTable(t *testing.T) {
	valid := buildWorkbook(t, baseSheets())
	cfb := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	bad := func(name string, changes ...sheet) [2]any {
		return [2]any{name, buildWorkbook(t, with(baseSheets(), changes...))}
	}
	cases := [][2]any{
		{"tom fil", []byte{}},
		{"CSV-fil med namnet .xlsx", []byte("Rad;Årsbudget\nIntäkter;1 200\n")},
		{"binär fil som inte är zip", []byte{0, 1, 2, 3, 0xff}},
		{"PDF med namnet .xlsx", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00")},
		{"gammal .xls", append(append([]byte(nil), cfb...), utf16le("Workbook")...)},
		{"lösenordsskyddad arbetsbok", append(append([]byte(nil), cfb...), utf16le("EncryptedPackage")...)},
		{".ods med namnet .xlsx", zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"})},
		{"annat zip-arkiv (.docx)", zipOf(t, [2]string{"word/document.xml", "<x/>"})},
		{"avkortad fil", valid[:len(valid)/2]},
		{"zip-bomb (packas upp till 1 TB)", lyingZip(t)},
		{"100 001 olika texter", withElements(t, valid, "xl/sharedStrings.xml", "</sst>", "<si><t>x</t></si>", maxSharedStrings+1)},
		{"100 001 format i xl/styles.xml", withElements(t, valid, "xl/styles.xml", "</cellXfs>", `<xf numFmtId="10"/>`, maxWholeElements+1)},
		{"tecken som inte är UTF-8 i ett blad (Latin-1)", inlineD3(t, brokenText(t), `<?xml version="1.0" encoding="UTF-8"?>`, "S\xe5d\xe4r")},
		{"tecken som inte är UTF-8 i en delad text", rewritePart(t, brokenText(t), "xl/sharedStrings.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte("ömsom"), []byte("\xf6msom"), 1)
		})},
		{"XML-fel mitt i ett blad", inlineD3(t, brokenText(t), `<?xml version="1.0" encoding="UTF-8"?>`, "S&aring;d&auml;r")},
		bad("5 000 rader i ett blad", longRows(sheetAssess, assessHeader, 5000, 1)),
		bad("9 MB text i ett blad", longRows(sheetAssess, assessHeader, 300, 30000)),
		bad("blad saknas", sheet{"-" + sheetBudget, nil}),
		bad("kolumn saknas", sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Belopp"}}}),
		bad("dubbla rubriker", sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos", "Prognos"}}}),
		bad("felaktigt belopp", sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Intäkter", "12,3,4"}}}),
		bad("enhet i cellen mot rubrikens", sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos (tkr)"}, {"UR1", "Intäkter", "1,1 mnkr"}}}),
		bad("okänd period", sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR3", "Intäkter", 1}}}),
		bad("okänd rad", sheet{sheetBudget, [][]any{{"Rad", "Årsbudget"}, {"Hyror", 1}}}),
		bad("okänd bedömning", sheet{sheetAssess, [][]any{{"Nr", "Period", "Bedömning"}, {"1", "UR1", "Grönt"}}}),
		bad("felstavad bedömning", sheet{sheetAssess, [][]any{{"Nr", "Period", "Bedömning"}, {"1", "UR1", "Bedöms uppfylas"}}}),
		bad("okänt mål", sheet{sheetAssess, [][]any{{"Nr", "Period", "Bedömning"}, {"9", "UR1", "Uppfyllt"}}}),
		bad("formel utan sparat värde", sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Intäkter", formula("A1*2")}}}),
		{"formel med tomt sparat värde (som openpyxl skriver)", rewritePart(t, buildWorkbook(t, with(baseSheets(), sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Intäkter", formula("A1*2")}}})),
			"xl/worksheets/sheet5.xml", func(b []byte) []byte {
				return bytes.Replace(b, []byte(`<c r="C2" t="str"><f>A1*2</f></c>`), []byte(`<c r="C2"><f>A1*2</f><v></v></c>`), 1)
			})},
		{"belopp sammanfogat över två rader", merged(t, with(baseSheets(), sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Intäkter", 1100}, {"UR1", "Personalkostnader"}}}), sheetPrognosis, "C2:C3")},
		bad("formelfel", sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Intäkter", "#REF!"}}}),
		bad("månadsbudget summerar fel", sheet{sheetBudget, [][]any{{"Rad", "Årsbudget", "Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"}, {"Intäkter", 1200, 100}}}),
		bad("månadskolumn som inte går att läsa", sheet{sheetBudget, [][]any{{"Rad", "Årsbudget", "Budget jan"}, {"Intäkter", 1200, 100}}}),
		bad("nettorad stämmer inte", sheet{sheetBudget, [][]any{{"Rad", "Årsbudget"}, {"Intäkter", 100}, {"Personalkostnader", 60}, {"Netto", 160}}}),
		bad("investering utan prognos och analys", sheet{sheetInvest, [][]any{{"Grupp", "Investering", "Total budget", "Prognos", "Kommentar", "Ackumulerad förbrukning"}, {"Reinvesteringar", "IT utrustning", 100}}}),
		bad("okänd indikator", sheet{sheetIndValues, [][]any{{"Indikator", "Period", "Värde"}, {"Övertid", "2026-01", 1}}}),
		bad("överlappande kontointervall", sheet{sheetChart, [][]any{{"Från konto", "Till konto", "Rad"}, {3000, 3999, "Intäkter"}, {3500, 4999, "Personalkostnader"}}}),
		bad("okänt avsnitt i Texter", sheet{sheetTexts, [][]any{{"Period", "Avsnitt", "Text"}, {"UR1", "Förord", "Året har börjat bra."}}}),
		bad("två texter för samma avsnitt och period", sheet{sheetTexts, [][]any{{"Period", "Avsnitt", "Text"}, {"UR1", "Ekonomi", "Ett."}, {"2026-04", "Ekonomi", "Två."}}}),
		bad("okänd bedömning i Planuppföljning", sheet{sheetPlan, [][]any{{"Del", "Aktivitet", "Period", "Bedömning"}, {"Arbetsmiljöplan", "Hälsofrämjande arbete", "UR1", "Grönt"}}}),
		bad("okänt mått", sheet{sheetIndDefs, [][]any{{"Indikator", "Mått"}, {"Sjukfrånvaro", "Median"}}}),
		bad("både Regionbidrag och Kommunbidrag", sheet{sheetSettings, [][]any{{"År", 2026}, {"Regionbidrag", "371 200 000"}, {"Kommunbidrag", "371 200 000"}}}),
		bad("negativ väsentlighet", sheet{sheetSettings, [][]any{{"År", 2026}, {"Väsentlighet", "-0,5"}}}),
		bad("prognos i mnkr under en rubrik i kr", sheet{sheetBudget, [][]any{{"Rad", "Årsbudget"}, {"Intäkter", 420_000_000}}},
			sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Intäkter", "425,5"}}}),
		bad("exempelrad från mallen kvar", sheet{sheetGoals, [][]any{{"Nr", "Fokusområde", "Regionstyrelsens mål"}, {"1", "Exempel: Fokusområde ur planen", "RS 1"}, {"2", "Hälsa", "RS 2"}}}),
		bad("budget och prognos med olika tecken", sheet{sheetBudget, [][]any{{"Rad", "Årsbudget"}, {"Intäkter", 1200}, {"Finansiella poster", -3_800_000}}},
			sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Finansiella poster", 3_500_000}}}),
	}
	var b strings.Builder
	b.WriteString("# Felaktiga underlag och meddelandena de får\n\n")
	b.WriteString("Genererad av `go test ./report -run TestBadInputsTable -update`; varje rad är ett test.\n\n")
	b.WriteString("| Indata | Allvar | Meddelande |\n| --- | --- | --- |\n")
	for _, c := range cases {
		name, data := c[0].(string), c[1].([]byte)
		_, probs := read(t, data, Options{})
		if len(probs) == 0 {
			t.Errorf("%s: no problem reported", name)
		}
		for _, p := range probs {
			msg := strings.ReplaceAll(p.String(), "|", "\\|")
			msg = strings.ReplaceAll(msg, "\u00a0", " ")
			b.WriteString("| " + name + " | " + p.Severity.String() + " | " + msg + " |\n")
		}
	}
	testkit.Golden(t, filepath.Join("testdata", "underlag", "bad-inputs.md"), []byte(b.String()))
}

// utf16le spells s as the names in an OLE directory are spelt, to build
// the start of an old .xls or an encrypted workbook.
func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}
