// Package filetype tells apart, by their first bytes, the kinds of file a
// controller may hand in instead of the one asked for, and words each in
// Swedish, so that the ledger reader and the workbook reader say the same
// thing about the same wrong file.
package filetype

import "bytes"

// Kind is what a file's content says it is, whatever its name says.
type Kind int

const (
	// Other is anything not recognised: for the ledger a CSV or SIE file
	// to be read as text, for the workbook a file that is no workbook.
	Other Kind = iota
	// Zip is a zip container: an Excel workbook (.xlsx, .xlsm) or an
	// OpenDocument file.
	Zip
	// OLE is an OLE compound file: an Excel file of the old format (.xls)
	// or another old Office format.
	OLE
	// Encrypted is an OLE file holding a password-protected workbook,
	// which Excel writes in the OLE format whatever its name.
	Encrypted
	// PDF is a PDF document, such as a printed report.
	PDF
	// Text is a text file, such as a CSV export.
	Text
)

// HeadSize is how many bytes Detect needs to tell a zip, an OLE file and a
// PDF apart. Telling an encrypted workbook from an old .xls needs the OLE
// file's directory, and text from binary its first few kilobytes: pass as
// much of the file as is at hand (a few MB is enough for both).
const HeadSize = 8

var (
	zipLocal = []byte("PK\x03\x04")
	zipEmpty = []byte("PK\x05\x06") // an empty archive: end record only
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	pdfMagic = []byte("%PDF")
)

// Detect gives the kind of a file from its start, data.
func Detect(data []byte) Kind {
	switch {
	case bytes.HasPrefix(data, zipLocal) || bytes.HasPrefix(data, zipEmpty):
		return Zip
	case bytes.HasPrefix(data, oleMagic):
		// The stream names of an encrypted OOXML package, in the UTF-16
		// of the OLE directory.
		if bytes.Contains(data, utf16le("EncryptionInfo")) || bytes.Contains(data, utf16le("EncryptedPackage")) {
			return Encrypted
		}
		return OLE
	case bytes.HasPrefix(data, pdfMagic):
		return PDF
	case looksLikeText(data):
		return Text
	}
	return Other
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// looksLikeText reports whether the start of data is text: UTF-8 or a
// single-byte encoding without control characters other than line breaks
// and tabs.
func looksLikeText(data []byte) bool {
	if len(data) == 0 {
		return false
	}
	for _, c := range data[:min(len(data), 4096)] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}

// What a reader expected, for Wrong.
const (
	WantWorkbook = "en Excel-arbetsbok (.xlsx)"
	WantLedger   = "en Excel-arbetsbok (.xlsx) eller CSV"
)

// EncryptedMessage is the message for an Encrypted file; the hint, which
// depends on what else the reader accepts, is the reader's.
const EncryptedMessage = "arbetsboken är lösenordsskyddad och kan inte läsas"

// Wrong is the message for a file of kind k where want (WantWorkbook,
// WantLedger) was expected: "filen är en PDF, inte en Excel-arbetsbok
// (.xlsx)". For an Encrypted file it is EncryptedMessage; for a kind with
// no name it says only what the file is not.
func Wrong(k Kind, want string) string {
	switch k {
	case Encrypted:
		return EncryptedMessage
	case OLE:
		return "filen är en gammal Excel-fil (.xls) eller ett annat Office-format, inte " + want
	case PDF:
		return "filen är en PDF, inte " + want
	case Text:
		return "filen är en textfil (till exempel CSV), inte " + want
	}
	return "filen är inte " + want
}
