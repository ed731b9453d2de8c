package filetype

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	ole := string(oleMagic)
	tests := []struct {
		name string
		data string
		want Kind
	}{
		{"xlsx", "PK\x03\x04rest", Zip},
		{"empty zip", "PK\x05\x06", Zip},
		{"old xls", ole + "\x00\x00" + string(utf16le("Workbook")), OLE},
		{"encrypted package", ole + "\x00" + string(utf16le("EncryptedPackage")), Encrypted},
		{"encryption info", ole + string(utf16le("EncryptionInfo")), Encrypted},
		{"ole head only", ole, OLE},
		{"pdf", "%PDF-1.7\n", PDF},
		{"csv", "Konto;Belopp\r\n4010;12,50\r\n", Text},
		{"latin-1 text", "Ansvar;Bel\xf6pp\n", Text},
		{"binary", "\x00\x01\x02garbage", Other},
		{"empty", "", Other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.data)); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestWrong checks that each kind is worded once, the same for both
// readers, with what the reader expected.
func TestWrong(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
		want string
		msg  string
	}{
		{"old xls for the ledger", OLE, WantLedger, "filen är en gammal Excel-fil (.xls) eller ett annat Office-format, inte en Excel-arbetsbok (.xlsx) eller CSV"},
		{"old xls for underlag", OLE, WantWorkbook, "filen är en gammal Excel-fil (.xls) eller ett annat Office-format, inte en Excel-arbetsbok (.xlsx)"},
		{"encrypted", Encrypted, WantWorkbook, EncryptedMessage},
		{"pdf", PDF, WantLedger, "filen är en PDF, inte en Excel-arbetsbok (.xlsx) eller CSV"},
		{"text", Text, WantWorkbook, "filen är en textfil (till exempel CSV), inte en Excel-arbetsbok (.xlsx)"},
		{"unknown", Other, WantWorkbook, "filen är inte en Excel-arbetsbok (.xlsx)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrong(tt.kind, tt.want)
			if got != tt.msg {
				t.Errorf("Wrong = %q, want %q", got, tt.msg)
			}
			if strings.HasSuffix(got, ".") {
				t.Errorf("%q ends in a full stop; the hint follows it", got)
			}
		})
	}
}
