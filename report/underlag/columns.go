package underlag

import (
	"fmt"
	"strings"

	"rapport/report/ledger"
	"rapport/report/problem"
)

// readColumns reads the sheet Kolumner (Fält, Rubrik): the ledger
// export's own headers for fields that no synonym fits (SPEC 6.1). It is
// read when the workbook is opened, since the ledger is read before the
// rest of the workbook; Import hands the names to the ledger reader, which
// reports a name its file lacks at the cell here.
func (u *underlagReader) readColumns() []ledger.Column {
	t := u.readTable(sheetColumns)
	if t == nil {
		return nil
	}
	var cols []ledger.Column
	seen := map[string]dataRow{}  // Fält, lower case → its row
	heads := map[string]dataRow{} // Rubrik, folded → its row
	for _, r := range t.rows {
		f, fcol, fst := t.raw(r, fField)
		h, hcol, hst := t.raw(r, fHeader)
		if fst == invalid || hst == invalid {
			continue
		}
		key := strings.ToLower(f)
		known := false
		for _, n := range ledger.FieldNames {
			if strings.ToLower(n) == key {
				known, f = true, n
			}
		}
		switch {
		case f == "":
			t.problem(problem.Error, r, fcol, "", "Fält saknas", "Skriv fältet: "+strings.Join(ledger.FieldNames, ", "))
			continue
		case !known:
			t.problem(problem.Error, r, fcol, f, "är inget fält i huvudboken", "Fält är ett av "+strings.Join(ledger.FieldNames, ", "))
			continue
		case h == "":
			t.problem(problem.Error, r, hcol, "", "Rubrik saknas", "Skriv kolumnens rubrik som den står i huvudbokens rubrikrad")
			continue
		}
		if prev, dup := seen[key]; dup {
			t.problem(problem.Error, r, fcol, f, fmt.Sprintf("fältet står redan på rad %d", prev.n), "Ett fält får bara en rubrik; ta bort den ena raden")
			continue
		}
		if prev, dup := heads[fold(h)]; dup {
			t.problem(problem.Error, r, hcol, h, fmt.Sprintf("rubriken står redan på rad %d för ett annat fält", prev.n), "En kolumn kan bara vara ett fält")
			continue
		}
		seen[key], heads[fold(h)] = r, r
		cols = append(cols, ledger.Column{Field: f, Header: h, File: u.file, Sheet: t.sheet, Row: r.n})
	}
	return cols
}
