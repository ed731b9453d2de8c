package underlag

import (
	"bytes"
	"runtime/debug"
	"testing"
)

// TestHasCachedValue: a formula cell's body holds a cached value unless
// its <v> is empty or missing. Elements whose names begin with v (<vm/>)
// are no value; a body of millions of them, a few hundred kilobytes
// packed, took a stack frame each and overflowed the stack: a crash of
// the whole run instead of a message.
func TestHasCachedValue(t *testing.T) {
	many := append([]byte("<f>1</f>"), bytes.Repeat([]byte("<vx/>"), 2_000_000)...)
	cases := []struct {
		name      string
		tag, body string
		want      bool
	}{
		{"a value", `<c r="A1">`, `<f>1</f><v>1</v>`, true},
		{"an empty value", `<c r="A1">`, `<f>1</f><v></v>`, false},
		{"a self-closed value", `<c r="A1">`, `<f>1</f><v/>`, false},
		{"no value", `<c r="A1">`, `<f>1</f>`, false},
		{"a space is a value", `<c r="A1">`, `<f>1</f><v xml:space="preserve"> </v>`, true},
		{"an empty text result", `<c r="A1" t="str">`, `<f>1</f><v></v>`, true},
		{"another element first", `<c r="A1">`, `<f>1</f><vm/><v>2</v>`, true},
		{"only another element", `<c r="A1">`, `<f>1</f><vm/>`, false},
		{"millions of other elements", `<c r="A1">`, string(many), false},
		{"millions of other elements, then a value", `<c r="A1">`, string(many) + "<v>3</v>", true},
	}
	// A small stack makes the overflow cheap to see; the reading needs
	// none of it.
	defer debug.SetMaxStack(debug.SetMaxStack(32 << 20))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := hasCachedValue([]byte(c.tag), []byte(c.body)); got != c.want {
				t.Errorf("hasCachedValue = %v, want %v", got, c.want)
			}
		})
	}
}
