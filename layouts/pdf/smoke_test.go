package pdf

import (
	"os"
	"testing"
)

func TestSmokeWrite(t *testing.T) {
	dir := os.Getenv("PDF_OUT")
	if dir == "" {
		t.Skip()
	}
	for _, c := range []string{"UR1", "M10"} {
		writePDF(t, dir, c+".pdf", render(t, c))
	}
}
