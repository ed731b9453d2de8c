package tagged

import (
	"bytes"
	"strconv"
)

// The writer edits dictionaries by their entries, never by finding text:
// a title or a name can hold any bytes, "/Count 0" among them.

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

// skipSpace skips white space and comments from i.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// skipValue returns the end of the object that starts at i (after white
// space): a dictionary or array whole, a string, a name, a number or a
// reference "n g R", a keyword; -1 where the syntax is broken.
func skipValue(b []byte, i int) int {
	i = skipSpace(b, i)
	if i >= len(b) {
		return -1
	}
	switch c := b[i]; {
	case c == '<' && i+1 < len(b) && b[i+1] == '<':
		i += 2
		for {
			i = skipSpace(b, i)
			if i+1 < len(b) && b[i] == '>' && b[i+1] == '>' {
				return i + 2
			}
			if i >= len(b) || b[i] != '/' {
				return -1
			}
			if i = skipValue(b, i); i < 0 { // the key
				return -1
			}
			if i = skipValue(b, i); i < 0 {
				return -1
			}
		}
	case c == '[':
		i++
		for {
			i = skipSpace(b, i)
			if i < len(b) && b[i] == ']' {
				return i + 1
			}
			if i = skipValue(b, i); i < 0 {
				return -1
			}
		}
	case c == '(':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	case c == '<':
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return -1
		}
		return i + j + 1
	case c == '/':
		j := i + 1
		for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
			j++
		}
		return j
	case c == ')' || c == '>' || c == ']' || c == '{' || c == '}':
		return -1
	default:
		j := i
		for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
			j++
		}
		// A reference: two integers and R.
		if _, err := strconv.Atoi(string(b[i:j])); err == nil {
			k := skipSpace(b, j)
			l := k
			for l < len(b) && b[l] >= '0' && b[l] <= '9' {
				l++
			}
			if l > k {
				if m := skipSpace(b, l); m < len(b) && b[m] == 'R' && (m+1 == len(b) || isSpace(b[m+1]) || isDelim(b[m+1])) {
					return m + 1
				}
			}
		}
		return j
	}
}

// entry finds key ("Count", without the slash) among the top-level
// entries of the dictionary at the start of body: the start of the key,
// and the span of its value. ok is false when the dictionary has no such
// entry or is broken.
func entry(body []byte, key string) (keyAt, start, end int, ok bool) {
	i := skipSpace(body, 0)
	if !bytes.HasPrefix(body[i:], []byte("<<")) {
		return 0, 0, 0, false
	}
	i += 2
	for {
		i = skipSpace(body, i)
		if i >= len(body) || body[i] != '/' {
			return 0, 0, 0, false
		}
		k := skipValue(body, i)
		if k < 0 {
			return 0, 0, 0, false
		}
		v := skipSpace(body, k)
		e := skipValue(body, v)
		if e < 0 {
			return 0, 0, 0, false
		}
		if string(body[i+1:k]) == key {
			return i, v, e, true
		}
		i = e
	}
}

// value is the text of key's value in the dictionary body starts with,
// "" if it has none.
func value(body []byte, key string) string {
	if _, s, e, ok := entry(body, key); ok {
		return string(body[s:e])
	}
	return ""
}

// ref is the object number key refers to, 0 if its value is not a
// reference.
func ref(body []byte, key string) int {
	v := value(body, key)
	if len(v) < 2 || v[len(v)-1] != 'R' {
		return 0
	}
	n, err := strconv.Atoi(string(bytes.Fields([]byte(v))[0]))
	if err != nil {
		return 0
	}
	return n
}

// setEntry gives key the value val in the dictionary at the start of
// body, replacing its value or adding the entry at its end.
func setEntry(body []byte, key, val string) []byte {
	if _, s, e, ok := entry(body, key); ok {
		return splice(body, s, e, val)
	}
	end := skipValue(body, 0)
	if end < 2 {
		return body
	}
	return splice(body, end-2, end-2, "/"+key+" "+val)
}

// delEntry removes key from the dictionary at the start of body.
func delEntry(body []byte, key string) []byte {
	if k, _, e, ok := entry(body, key); ok {
		return splice(body, k, e, "")
	}
	return body
}

func splice(b []byte, from, to int, s string) []byte {
	out := make([]byte, 0, len(b)-(to-from)+len(s))
	out = append(out, b[:from]...)
	out = append(out, s...)
	return append(out, b[to:]...)
}
