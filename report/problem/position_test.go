package problem

import "testing"

// TestPositionPlace checks that a typed position gives the same place in a
// message as the text positions it replaced: a cell in a workbook, a line
// in a text file, or only the file.
func TestPositionPlace(t *testing.T) {
	tests := []struct {
		name string
		pos  Position
		want string
	}{
		{"workbook cell", Position{File: "hb.xlsx", Sheet: "Blad1", Row: 1014, Col: 1}, "hb.xlsx: Blad1!A1014"},
		{"wide column", Position{File: "hb.xlsx", Sheet: "Blad1", Row: 7, Col: 28}, "hb.xlsx: Blad1!AB7"},
		{"csv line", Position{File: "hb.csv", Row: 12, Col: 3, Line: true}, "hb.csv: rad 12"},
		{"sie line", Position{File: "hb.se", Row: 10, Line: true}, "hb.se: rad 10"},
		{"row without column", Position{File: "hb.xlsx", Sheet: "Blad1", Row: 5}, "hb.xlsx: Blad1, rad 5"},
		{"file only", Position{File: "hb.csv"}, "hb.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.pos.Problem(Error, "4010", "kontot saknas", "")
			if got := p.Place(); got != tt.want {
				t.Errorf("Place() = %q, want %q", got, tt.want)
			}
			if p.Row != tt.pos.Row || p.Col != tt.pos.Col {
				t.Errorf("row/col %d/%d, want %d/%d for sorting", p.Row, p.Col, tt.pos.Row, tt.pos.Col)
			}
		})
	}
}
