package tagged

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"io"
	"strconv"
)

// perObjStm is how many objects one object stream holds: enough that
// flate finds the repetitions of the structure elements, few enough that
// a reader decompresses little to reach one object.
const perObjStm = 200

// splitStream splits a stream object's body into its dictionary and its
// data; ok is false for an object that is no stream.
func splitStream(body []byte) (dict, data []byte, ok bool, err error) {
	end := skipValue(body, 0)
	if end < 0 || body[skipSpace(body, 0)] != '<' {
		return nil, nil, false, nil
	}
	rest := body[end:]
	i := skipSpace(rest, 0)
	if !bytes.HasPrefix(rest[i:], []byte("stream")) {
		return nil, nil, false, nil
	}
	i += len("stream")
	if bytes.HasPrefix(rest[i:], []byte("\r\n")) {
		i += 2
	} else if i < len(rest) && rest[i] == '\n' {
		i++
	}
	n, err := strconv.Atoi(value(body[:end], "Length"))
	if err != nil || n < 0 || i+n > len(rest) {
		return nil, nil, false, fmt.Errorf("tagged: stream with a bad /Length")
	}
	if !bytes.HasPrefix(bytes.TrimLeft(rest[i+n:], "\r\n "), []byte("endstream")) {
		return nil, nil, false, fmt.Errorf("tagged: stream not ended at its /Length")
	}
	return body[:end], rest[i : i+n], true, nil
}

// streamBody is a stream object's body from its dictionary and data,
// with /Length set.
func streamBody(dict, data []byte) []byte {
	dict = setEntry(dict, "Length", strconv.Itoa(len(data)))
	out := make([]byte, 0, len(dict)+len(data)+20)
	out = append(out, dict...)
	out = append(out, "\nstream\n"...)
	out = append(out, data...)
	return append(out, "\nendstream"...)
}

// deflater compresses at zlib's default level with one writer, which is
// costly to make. The best level saved 1 % of the example's UR1 (115 438
// bytes against 116 695) and cost a second of CPU on a report of 2 000
// pages (SPEC 15's five seconds for every admitted input).
type deflater struct {
	zw *zlib.Writer
	// zr and plain inflate the streams fpdf deflated, each into the same
	// buffer: one reader and buffer for the document, not one per page.
	zr    io.ReadCloser
	plain bytes.Buffer
}

// inflate is the data of a stream fpdf deflated; it holds until the next
// call.
func (d *deflater) inflate(b []byte) ([]byte, error) {
	var err error
	if d.zr == nil {
		d.zr, err = zlib.NewReader(bytes.NewReader(b))
	} else {
		err = d.zr.(zlib.Resetter).Reset(bytes.NewReader(b), nil)
	}
	if err != nil {
		return nil, err
	}
	d.plain.Reset()
	_, err = d.plain.ReadFrom(d.zr)
	return d.plain.Bytes(), err
}

func (d *deflater) deflate(b []byte) []byte {
	var z bytes.Buffer
	if d.zw == nil {
		d.zw, _ = zlib.NewWriterLevel(&z, zlib.DefaultCompression)
	} else {
		d.zw.Reset(&z)
	}
	d.zw.Write(b)
	d.zw.Close()
	return z.Bytes()
}

func inflate(b []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// recompress deflates a stream's data at the default level: fpdf
// compresses for speed, and leaves its ToUnicode maps plain. Data behind
// another filter than flate alone stays as it is, and so does the XMP
// packet, which PDF/A wants unfiltered.
func (d *deflater) recompress(dict, data []byte) []byte {
	switch value(dict, "Filter") {
	case "/FlateDecode":
		plain, err := d.inflate(data)
		if err != nil {
			return streamBody(dict, data)
		}
		if z := d.deflate(plain); len(z) < len(data) {
			data = z
		}
	case "":
		if value(dict, "Type") == "/Metadata" {
			break
		}
		if z := d.deflate(data); len(z) < len(data) {
			dict = setEntry(dict, "Filter", "/FlateDecode")
			data = z
		}
	}
	return streamBody(dict, data)
}

// pack writes the document's objects (bodies by object number, nil for
// a free one) compactly (PDF 1.5): streams as indirect objects, every
// other object in object streams of perObjStm, and a cross-reference
// stream whose trailer entries name root and info. The file's /ID is the
// digest of all that precedes the cross-reference stream.
func pack(objs [][]byte, root, info int) ([]byte, error) {
	var buf bytes.Buffer
	var d deflater
	buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	type xref struct{ typ, f2, f3 int }
	size := len(objs)
	xr := make([]xref, size, size+size/perObjStm+2)
	xr[0] = xref{0, 0, 65535}
	var plain []int
	for n := 1; n < size; n++ {
		if objs[n] == nil {
			xr[n] = xref{0, 0, 0}
			continue
		}
		dict, data, isStream, err := splitStream(objs[n])
		if err != nil {
			return nil, fmt.Errorf("%w (object %d)", err, n)
		}
		if !isStream {
			plain = append(plain, n)
			continue
		}
		xr[n] = xref{1, buf.Len(), 0}
		fmt.Fprintf(&buf, "%d 0 obj\n", n)
		buf.Write(d.recompress(dict, data))
		buf.WriteString("\nendobj\n")
	}
	for len(plain) > 0 {
		group := plain[:min(perObjStm, len(plain))]
		plain = plain[len(group):]
		n := len(xr)
		var head, body bytes.Buffer
		for i, m := range group {
			fmt.Fprintf(&head, "%d %d ", m, body.Len())
			body.Write(objs[m])
			body.WriteByte('\n')
			xr[m] = xref{2, n, i}
		}
		head.Truncate(head.Len() - 1)
		head.WriteByte('\n')
		z := d.deflate(append(head.Bytes(), body.Bytes()...))
		xr = append(xr, xref{1, buf.Len(), 0})
		fmt.Fprintf(&buf, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", n, len(group), head.Len(), len(z))
		buf.Write(z)
		buf.WriteString("\nendstream\nendobj\n")
	}
	id := md5.Sum(buf.Bytes())
	self := len(xr)
	xr = append(xr, xref{1, buf.Len(), 0})
	w2 := 1
	for top := max(buf.Len(), len(xr)); top >= 1<<(8*w2); {
		w2++
	}
	cols := 1 + w2 + 2
	// Rows under the PNG Up predictor: each the difference to the one
	// above, which makes runs of zeros of the columns that change slowly.
	rows := make([]byte, 0, len(xr)*(cols+1))
	prev := make([]byte, cols)
	row := make([]byte, cols)
	for _, e := range xr {
		row[0] = byte(e.typ)
		for k := 0; k < w2; k++ {
			row[1+k] = byte(e.f2 >> (8 * (w2 - 1 - k)))
		}
		row[cols-2], row[cols-1] = byte(e.f3>>8), byte(e.f3)
		rows = append(rows, 2)
		for k := range row {
			rows = append(rows, row[k]-prev[k])
		}
		copy(prev, row)
	}
	z := d.deflate(rows)
	fmt.Fprintf(&buf, "%d 0 obj\n<</Type /XRef /Size %d /W [1 %d 2] /Root %d 0 R /Info %d 0 R /ID [<%X> <%X>] /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns %d>> /Length %d>>\nstream\n",
		self, len(xr), w2, root, info, id, id, cols, len(z))
	buf.Write(z)
	fmt.Fprintf(&buf, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xr[self].f2)
	return buf.Bytes(), nil
}
