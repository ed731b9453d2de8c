package doc

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// Build turns a computed report into the board's edition of its document
// tree: the sections that layouts.For lists for the report's kind, each
// with its headings, texts, tables and charts. Nothing here measures or
// draws.
func Build(r *report.Report) (Document, error) {
	return BuildEdition(r, layouts.BoardEdition)
}

// BuildEdition is Build for edition e: the board's, or the controller's
// review edition with its mark and appendices (SPEC 7.7).
func BuildEdition(r *report.Report, e layouts.Edition) (Document, error) {
	d, err := BuildSections(r, e.Sections(r.Period.Kind))
	if err != nil {
		return Document{}, err
	}
	d.Mark = e.Mark
	if e.Mark != "" {
		d.Cover = append(d.Cover, Fact{"Utgåva", "Utkast för granskning, inte styrelsens utgåva"})
	}
	return d, nil
}

// BuildSections is Build with the section list given. A section it has no
// case for is an error, not an empty page: a new SectionID needs its case
// here before any report can show it.
func BuildSections(r *report.Report, sections []layouts.Section) (Document, error) {
	d := Document{
		Organisation: r.Organisation,
		Unit:         r.Unit,
		ReportName:   fmt.Sprintf("%s %d", r.Period.Name, r.Year),
		Months:       monthsCovered(r),
		ReportDate:   r.ReportDate,
		Example:      r.Example,
		Kind:         r.Period.Kind.String(),
	}
	kind, err := kindText(r.Period.Kind)
	if err != nil {
		return Document{}, err
	}
	d.Cover = []Fact{
		{"Organisation", orDash(d.Organisation)},
		{"Nämnd/styrelse", orDash(d.Unit)},
		{"Rapport", d.ReportName},
		{"Period", d.Months},
	}
	// SPEC 12.5: the report's date is the one given; without it the
	// cover names the period only, never the balance day as a date.
	if r.DateGiven {
		d.Cover = append(d.Cover, Fact{"Rapportdatum", swedishDate(d.ReportDate)})
	}
	for _, f := range []Fact{{"Diarienummer", r.CaseNumber}, {"Beslutsinstans", r.DecisionBody}, {"Sammanträdesdatum", r.MeetingDate}} {
		if f.Value = strings.TrimSpace(f.Value); f.Value != "" {
			if f.Label == "Sammanträdesdatum" {
				f.Value = swedishDate(f.Value)
			}
			d.Cover = append(d.Cover, f)
		}
	}
	d.Cover = append(d.Cover, Fact{"Typ", kind})
	if d.Example {
		d.Notice = "Rapporten bygger på påhittade exempeluppgifter. Siffrorna beskriver inte Region Hallands verkliga ekonomi och får inte användas som beslutsunderlag."
	}
	// The workbook reader always names the unit (its default is in the
	// reader); a report built without one still reads as sentences.
	unit := d.Unit
	if unit == "" {
		unit = "Enheten"
	}
	b := &builder{r: r, unit: unit, council: councilOf(d.Organisation), kind: r.Period.Kind}
	for _, s := range sections {
		title := s.Title
		if s.Appendix {
			title = "Bilaga: " + title
		}
		start := len(b.blocks)
		// Each section opens a page, so that a board member can find it
		// and print it alone (the paginator keeps a short section's last
		// page from standing near-empty).
		b.add(Heading{Level: 1, Text: title, NewPage: start > 0})
		body := len(b.blocks)
		for _, t := range s.Lead {
			b.paragraphs(Body, b.r.Texts[t])
			if strings.TrimSpace(b.r.Texts[t]) == "" {
				b.gapSentences(t)
			}
		}
		b.led = len(b.blocks) > body
		switch s.ID {
		case layouts.Summary:
			b.summary()
		case layouts.Goals:
			b.goals()
		case layouts.PlanFollowUp:
			b.planFollowUp()
		case layouts.Employees:
			b.employees()
		case layouts.Economy:
			b.economy()
		case layouts.Investments:
			b.investments()
		case layouts.Prognosis:
			b.prognosisSummary()
			b.economy()
		case layouts.OtherDeviations:
			b.otherDeviations()
		case layouts.Risks:
			// Only the controllers' texts: risks and internal control.
		case layouts.Glossary:
			b.glossary()
		case layouts.ReconciliationID:
			b.reconciliation()
		case layouts.WarningsID:
			b.warnings()
		default:
			return Document{}, fmt.Errorf("rapporten kan inte byggas: sektionen %q (%s) saknar innehåll i layouts/doc", s.ID, s.Title)
		}
		for _, t := range s.Texts {
			if text := strings.TrimSpace(b.r.Texts[t]); text != "" {
				b.add(Heading{Level: 2, Text: layouts.TextTitle(t)})
				b.paragraphs(Body, text)
			} else if len(b.gapsOf(t)) > 0 {
				// Where the explanation belongs, the board reads that
				// none was given (SPEC 12.3).
				b.add(Heading{Level: 2, Text: layouts.TextTitle(t)})
				b.gapSentences(t)
			}
		}
		if s.Optional && len(b.blocks) == body {
			b.blocks = b.blocks[:start]
		}
	}
	d.Blocks = b.blocks
	return d, nil
}

// Tables are the captioned tables of r's review edition (the board's and
// the reconciliation's), followed by those
// of the plan's tables 1–5 (and the tables that go with them) that the
// report's kind leaves out of its PDF, each once: the workbook writes
// them from the same values as the PDF.
func Tables(r *report.Report) ([]Table, error) {
	sections := layouts.DraftEdition.Sections(r.Period.Kind)
	have := map[layouts.SectionID]bool{}
	for _, s := range sections {
		have[s.ID] = true
	}
	for _, s := range layouts.Sections[period.Full] {
		if !have[s.ID] {
			sections = append(sections, s)
		}
	}
	d, err := BuildSections(r, sections)
	if err != nil {
		return nil, err
	}
	var out []Table
	seen := map[string]bool{}
	for _, bl := range d.Blocks {
		if t, ok := bl.(Table); ok && t.Caption != "" && !seen[t.Caption] {
			seen[t.Caption] = true
			out = append(out, t)
		}
	}
	return out, nil
}

// kindText says on the cover what a report of kind k is.
func kindText(k period.Kind) (string, error) {
	switch k {
	case period.Full:
		return "Uppföljning av hela verksamhetsplanen", nil
	case period.Annual:
		return "Årsredovisning: årets utfall och slutlig bedömning av målen", nil
	case period.Deviation:
		return "Avvikelserapport: ekonomisk prognos, medarbetare och övriga avvikelser", nil
	}
	return "", fmt.Errorf("rapporten kan inte byggas: rapporttypen %d är okänd", int(k))
}

// swedishDate is "12 maj 2026"; text that is not a date is shown as is.
func swedishDate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		if s == "" {
			return "–"
		}
		return s
	}
	return strconv.Itoa(t.Day()) + " " + period.MonthName(t.Month()) + " " + strconv.Itoa(t.Year())
}

type builder struct {
	r       *report.Report
	unit    string
	council string // "regionfullmäktige" or "kommunfullmäktige"
	kind    period.Kind
	blocks  []Block
	// led tells that the controllers' own text opens the current
	// section: the written summary (SPEC 7.2).
	led bool
}

// annual reports whether the report is the year's outcome, whose
// sentences never speak of prognosis (SPEC 7.1).
func (b *builder) annual() bool { return b.kind == period.Annual }

// paragraphs adds a controller's text as body paragraphs; an empty text
// adds nothing.
func (b *builder) paragraphs(style TextStyle, text string) {
	if text = strings.TrimSpace(text); text != "" {
		b.add(Paragraph{Style: style, Text: text})
	}
}

// councilOf names the assembly whose goals the board's goals serve: a
// municipality's is kommunfullmäktige, a region's regionfullmäktige.
func councilOf(organisation string) string {
	if strings.Contains(strings.ToLower(organisation), "kommun") {
		return "kommunfullmäktige"
	}
	return "regionfullmäktige"
}

// funding is the word for the unit's funding from its organisation
// (SPEC 7.5): kommunbidrag in a municipality, regionbidrag in a region.
func fundingOf(organisation string) string {
	if councilOf(organisation) == "kommunfullmäktige" {
		return "kommunbidrag"
	}
	return "regionbidrag"
}

func (b *builder) funding() string { return fundingOf(b.r.Organisation) }

// add appends blocks; every chart gets its text alternative here, so that
// none is added without one.
func (b *builder) add(bl ...Block) {
	for _, x := range bl {
		switch c := x.(type) {
		case Chart:
			if c.Alt == "" {
				c.Alt = altText(c)
			}
			x = c
		case Table:
			// Sums, derived figures, texts and marks follow the values.
			c.finish()
			x = c
		}
		b.blocks = append(b.blocks, x)
	}
}

func (b *builder) text(style TextStyle, format string, args ...any) {
	b.add(Paragraph{Style: style, Text: fmt.Sprintf(format, args...)})
}

// months is "januari–april 2026": the span this report covers.
func (b *builder) months() string { return monthsCovered(b.r) }

// monthsCovered is "januari–april 2026"; a report without a valid last
// month (a zero value) gets the year alone rather than a panic.
func monthsCovered(r *report.Report) string {
	if r.Period.LastMonth < time.January || r.Period.LastMonth > time.December {
		return strconv.Itoa(r.Year)
	}
	return fmt.Sprintf("%s %d", r.Period.Months(), r.Year)
}

// glossary is "Ord- och begreppsförklaringar".
func (b *builder) glossary() {
	rows := []Row{}
	for _, t := range usedTerms(glossaryTerms(b.r), documentText(b.blocks)) {
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: t[0]}, {Text: t[1]}}})
	}
	b.add(Table{Columns: []Column{{Title: "Begrepp", Width: 2.6, Align: Left, Strong: true}, {Title: "Förklaring", Width: 7, Align: Left}}, Rows: rows})
}

// glossaryTerms are the glossary's rows; the examples for Målvärde and
// Referensvärde are the report's own indicators, so the glossary never
// quotes a figure the workbook does not define.
func glossaryTerms(r *report.Report) [][2]string {
	var target, reference string
	for _, in := range r.Indicators {
		if target == "" && in.Target != nil {
			target = ", till exempel " + lowerFirst(in.Name) + " " + money.FormatNumber(*in.Target, report.IndicatorDecimals) + " " + unitWord(in.Unit)
		}
		if reference == "" && in.Reference != nil {
			owner := layouts.Genitive(r.Organisation)
			if owner != "" {
				owner += " "
			}
			reference = ", till exempel " + owner + lowerFirst(in.Name) + " " + money.FormatNumber(*in.Reference, report.IndicatorDecimals) + " " + unitWord(in.Unit)
		}
	}
	terms := [][2]string{
		{"Ackumulerad förbrukning", "Vad en investering har kostat från årets början till och med rapportmånaden."},
		{"Ackumulerad budgetavvikelse", "Utfall ackumulerat minus periodiserad budget för samma månader. Positivt belopp betyder bättre än budget."},
		{"Avvikelserapport", "Kort månadsrapport (efter februari och oktober) som redovisar ekonomisk prognos, medarbetarindikatorer och övriga avvikelser."},
		{"Budget ack", "Periodiserad budget från januari till och med rapportmånaden."},
		{"Mnkr", "Miljoner kronor. Beloppen avrundas till en decimal; summor räknas på oavrundade belopp och kan därför skilja en tiondel från summan av de visade talen."},
		{"Målvärde", "Den nivå som en indikator ska nå enligt verksamhetsplanen" + strings.TrimRight(target, " ") + "."},
		{"Periodiserad budget", "Årsbudgeten fördelad på månader, efter en månadsfördelning eller med en tolftedel per månad."},
		{"Periodresultat", "Periodens resultat, ackumulerat: intäkter minus kostnader från januari till och med rapportmånaden."},
		{"Prognos", "Bedömning av helårets utfall, gjord vid ett rapporttillfälle under året (årsprognos)."},
		{"Prognosavvikelse", "Årsprognos minus årsbudget. Negativt belopp betyder att året enligt prognosen blir sämre än budget."},
		{"Prognos investeringsbudgetavvikelse", "Årets investeringsbudget minus prognosen för årets investeringar. Positivt belopp betyder lägre förbrukning än budgeterat."},
		{"Referensvärde", "Ett jämförelsevärde för en indikator" + strings.TrimRight(reference, " ") + "; inte ett mål i sig."},
		{"Utfall", "Bokförda intäkter och kostnader enligt huvudboken. Intäkter visas positiva och kostnader negativa."},
		{"Utfall ack föregående år", "Utfall för samma månader föregående år, för jämförelse."},
		{"Netto", "Summan av raderna i driftbudgeten: intäkter minus kostnader."},
		{"Nettokostnad", "Ett negativt netto när enhetens finansiering (" + fundingOf(r.Organisation) + ") inte är en rad i driftbudgeten: vad verksamheten kostar, inte ett underskott."},
		{"Förändring", "För ett mål: hur bedömningen har ändrats sedan den senaste rapporten samma år som bedömde målet, ↑ bättre, ↓ sämre, – oförändrad. I driftbudgeten: utfallet jämfört med samma period föregående år, i procent."},
		{"Trend", "En indikators värde jämfört med samma period föregående år: ↑ förbättrad, ↓ försämrad."},
		{"Väsentlighet", "Avvikelser som är mindre än väsentlighetsgränsen tas inte upp i sammanfattningens punkter eller i avvikelserapportens listor; de finns kvar i tabellerna."},
	}
	// A board member looks a word up alphabetically, in Swedish order
	// (å, ä, ö after z).
	c := collate.New(language.Swedish)
	slices.SortStableFunc(terms, func(a, b [2]string) int { return c.CompareString(a[0], b[0]) })
	return terms
}

// usedTerms keeps the terms that text uses, and only those (SPEC 12.5:
// the glossary holds the terms the document uses).
func usedTerms(terms [][2]string, text string) [][2]string {
	text = strings.ToLower(text)
	var out [][2]string
	for _, t := range terms {
		if strings.Contains(text, strings.ToLower(t[0])) {
			out = append(out, t)
		}
	}
	return out
}

// documentText is every word the blocks show a reader, for usedTerms.
func documentText(blocks []Block) string {
	var sb strings.Builder
	w := func(ss ...string) {
		for _, s := range ss {
			sb.WriteString(s)
			sb.WriteByte('\n')
		}
	}
	for _, bl := range blocks {
		switch x := bl.(type) {
		case Heading:
			w(x.Text)
		case Paragraph:
			w(x.Text)
		case List:
			w(x.Items...)
		case Status:
			w(x.Label, x.Word, x.Note)
		case Table:
			w(x.Caption, x.Note)
			for _, c := range x.Columns {
				w(c.Title)
			}
			for _, r := range x.Rows {
				for _, c := range r.Cells {
					w(c.Text)
				}
			}
		case Chart:
			w(x.Title, x.Alt)
			w(x.Categories...)
		}
	}
	return sb.String()
}

// reconciliation shows that every krona of the ledger is accounted for,
// in kronor with öre.
func (b *builder) reconciliation() {
	rc := b.r.Reconciliation
	file := rc.File
	if file == "" {
		file = "huvudboken"
	}
	b.text(Body, "Avstämningen visar att varje krona i %s finns med i rapporten eller är redovisad som en egen del. Beloppen visas i kronor med ören och med huvudbokens tecken (debet positivt, kredit negativt), så att delarna summerar till filens total.", file)
	count := func(label string, n int) Row {
		return Row{Kind: Plain, Cells: []Cell{{Text: label}, {Value: countValue(n)}}}
	}
	read := []Row{count(layouts.RowsReadLabel, rc.RowsRead)}
	for _, sh := range rc.Sheets {
		read = append(read, count("Blad "+sh.Sheet+": rader", sh.RowsRead))
	}
	errors := count("Hoppade över: rader med fel", rc.ErrorRows)
	errors.Cells[1].Bad = rc.ErrorRows > 0
	read = append(read, count(layouts.RowsSummedLabel, rc.RowsSummed), count("Hoppade över: tomma rader", rc.BlankRows), errors)
	if rc.SummaryRows > 0 {
		read = append(read, count(layouts.SummaryRowsLabel, rc.SummaryRows))
	}
	b.add(Table{Caption: "Inlästa rader",
		Columns: []Column{col("Rader", 6, Left), col("Antal", 2, Right)},
		Rows:    read})
	kr := func(a money.Amount) *Value { return &Value{Unit: Kronor, Amount: a, Decimals: 2} }
	part := func(label string, rows int, a money.Amount) Row {
		return Row{Kind: Plain, Cells: []Cell{{Text: label}, {Value: countValue(rows)}, {Value: kr(a)}}}
	}
	rows := []Row{}
	for _, p := range rc.Parts() {
		rows = append(rows, part(p.Label, p.Rows, p.Amount))
	}
	sum := Row{Kind: Sum, Cells: []Cell{{Text: layouts.PartsSumLabel}, {Value: countValue(0)}, {Value: kr(0)}}, Adds: rowIndexes(len(rows))}
	total := part("Huvudbokens total", rc.RowsSummed, rc.LedgerTotal)
	total.Kind = Total
	rows = append(rows, sum, total,
		Row{Kind: Plain, Cells: []Cell{{Text: layouts.DifferenceLabel}, {Text: ""}, {Value: kr(rc.Difference), Bad: rc.Difference != 0}}},
	)
	if c := rc.ClosingIncluded; c.Rows != 0 || c.Amount != 0 {
		rows = append(rows, part(c.Label, c.Rows, c.Amount))
	}
	b.add(Table{Caption: "Huvudbokens total fördelad på delar, kr",
		Columns: []Column{col("Del", 5, Left), col("Rader", 1.6, Right), col("Belopp, kr", 2.6, Right)},
		Rows:    rows})
	if rc.Balanced() {
		b.text(Body, "Avstämningen går jämnt ut: huvudbokens total är lika med summan av delarna på öret.")
	} else {
		b.text(Alert, "Avstämningen går inte jämnt ut: differensen är %s kr. Rapportens siffror ska inte användas förrän differensen är utredd.", rc.Difference.FormatKr())
	}
}

// warnings lists the input warnings the report carries, for the
// controller's review edition only.
func (b *builder) warnings() {
	w := b.r.Problems.Warnings()
	if len(w) == 0 {
		return
	}
	items := make([]string, len(w))
	for i, p := range w {
		items[i] = p.String()
	}
	b.add(List{Style: Small, Items: items})
}

// versusBudget words a deviation: "1,2 mnkr bättre än budget".
func versusBudget(dev money.Amount, what string) string {
	switch t := dev.TenthsOfMnkr(); {
	case t > 0:
		return dev.FormatMnkr() + " mnkr bättre än " + what
	case t < 0:
		return (-dev).FormatMnkr() + " mnkr sämre än " + what
	}
	return "i nivå med " + what
}

// levelMeaning is the key to a level in the legend, worded for the
// period: a forecast during the year, the outcome in the annual report.
func levelMeaning(l report.Level, k period.Kind) string {
	annual := k == period.Annual
	switch l {
	case report.Met:
		if annual {
			return "Målet är uppfyllt."
		}
		return "Målet bedöms vara uppfyllt vid årets slut."
	case report.PartlyMet:
		if annual {
			return "Målet är delvis uppfyllt."
		}
		return "Målet bedöms vara delvis uppfyllt vid årets slut."
	case report.NotMet:
		if annual {
			return "Målet är inte uppfyllt."
		}
		return "Målet bedöms inte vara uppfyllt vid årets slut."
	case report.NotAssessed:
		return "Målet är inte bedömt för perioden."
	}
	panic(fmt.Sprintf("okänd bedömningsnivå %d", int(l)))
}

func targetWord(d report.IndicatorDef) string {
	if d.Target != nil {
		return "Målvärde"
	}
	return "Referensvärde"
}

var smallNumbers = []string{"inga", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"}

// countWord writes small counts in words, as Swedish prose does.
func countWord(n int) string {
	if n >= 0 && n < len(smallNumbers) {
		return smallNumbers[n]
	}
	return strconv.Itoa(n)
}

func joinSwedish(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " och " + parts[len(parts)-1]
}

// col is a table column.
func col(title string, width float64, a Align) Column {
	return Column{Title: title, Width: width, Align: a}
}

// monthOf is the month of a zero-based index, for chart axes.
func monthOf(i int) time.Month { return time.Month(i + 1) }

func levelPtr(l report.Level) *report.Level { return &l }
func floatPtr(f float64) *float64           { return &f }

// rowIndexes are the indexes 0…n−1: the rows a total adds when it adds
// all above it.
func rowIndexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// valueText is an indicator value in Swedish form: "5,2 %"; "–" if absent.
func valueText(v *float64, unit string) string {
	if v == nil {
		return "–"
	}
	s := money.FormatNumber(*v, report.IndicatorDecimals)
	if unit != "" {
		s += money.NoBreakSpace + unit
	}
	return s
}

func unitWord(unit string) string {
	if unit == "%" {
		return "procent"
	}
	return unit
}

// shorten cuts s to at most about n letters at a space, with an
// ellipsis; it never cuts inside a word: a text without a space before n
// is cut at the first space after it, or kept whole.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := -1
	for i := n; i > 0; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	if cut < 0 {
		for i := n; i < len(r); i++ {
			if r[i] == ' ' {
				cut = i
				break
			}
		}
	}
	if cut < 0 {
		return s
	}
	return strings.TrimRight(string(r[:cut]), " ,;:–-") + " …"
}
