package pdf

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// writePDF renders r into dir and returns the file's path.
func writePDF(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := dir + "/" + name
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func render(t testing.TB, code string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, handmade(periodCode(code))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
