package tagged

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
)

// read splits a PDF into its objects: fpdf's (a classic cross-reference
// table) or Finish's (a cross-reference stream and object streams).
func read(in []byte) (*file, error) {
	m := reStartxrf.FindSubmatch(in)
	if m == nil {
		return nil, fmt.Errorf("tagged: no startxref")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if at > 0 && at < len(in) && bytes.HasPrefix(in[at:], []byte("xref")) {
		return parse(in)
	}
	xo, err := objectAt(in, at, len(in))
	if err != nil {
		return nil, fmt.Errorf("tagged: no cross-reference stream at %d: %v", at, err)
	}
	dict, rows, err := decoded(xo)
	if err != nil || value(dict, "Type") != "/XRef" {
		return nil, fmt.Errorf("tagged: no cross-reference stream at %d", at)
	}
	var w [3]int
	ws := bytes.Fields(bytes.Trim([]byte(value(dict, "W")), "[]"))
	if len(ws) != 3 {
		return nil, fmt.Errorf("tagged: bad /W")
	}
	for i, f := range ws {
		w[i], _ = strconv.Atoi(string(f))
	}
	size, _ := strconv.Atoi(value(dict, "Size"))
	width := w[0] + w[1] + w[2]
	if size < 1 || width == 0 || len(rows) != size*width || value(dict, "Index") != "" || value(dict, "Prev") != "" {
		return nil, fmt.Errorf("tagged: cross-reference stream of an unknown shape")
	}
	field := func(row []byte) int {
		v := 0
		for _, c := range row {
			v = v<<8 | int(c)
		}
		return v
	}
	f := &file{objs: make([][]byte, size), trailer: dict, root: ref(dict, "Root"), info: ref(dict, "Info")}
	type span struct{ n, off int }
	var direct []span
	inStm := map[int][][2]int{} // object stream -> (object, index)
	for n := 0; n < size; n++ {
		r := rows[n*width:]
		switch field(r[:w[0]]) {
		case 1:
			direct = append(direct, span{n, field(r[w[0] : w[0]+w[1]])})
		case 2:
			s := field(r[w[0] : w[0]+w[1]])
			inStm[s] = append(inStm[s], [2]int{n, field(r[w[0]+w[1] : width])})
		}
	}
	sort.Slice(direct, func(i, j int) bool { return direct[i].off < direct[j].off })
	for i, s := range direct {
		end := len(in)
		if i+1 < len(direct) {
			end = direct[i+1].off
		}
		if f.objs[s.n], err = objectAt(in, s.off, end); err != nil {
			return nil, fmt.Errorf("tagged: object %d: %v", s.n, err)
		}
	}
	for s, members := range inStm {
		if s <= 0 || s >= size || f.objs[s] == nil {
			return nil, fmt.Errorf("tagged: object stream %d missing", s)
		}
		dict, data, err := decoded(f.objs[s])
		if err != nil {
			return nil, fmt.Errorf("tagged: object stream %d: %v", s, err)
		}
		count, _ := strconv.Atoi(value(dict, "N"))
		first, _ := strconv.Atoi(value(dict, "First"))
		head := bytes.Fields(data[:min(first, len(data))])
		if count <= 0 || len(head) != 2*count || first > len(data) {
			return nil, fmt.Errorf("tagged: object stream %d has a bad header", s)
		}
		offs := make([]int, count+1)
		offs[count] = len(data) - first
		for k := count - 1; k >= 0; k-- {
			offs[k], err = strconv.Atoi(string(head[2*k+1]))
			if err != nil || offs[k] < 0 || offs[k] > offs[k+1] {
				return nil, fmt.Errorf("tagged: object stream %d has a bad offset", s)
			}
		}
		for _, mb := range members {
			k := mb[1]
			if k >= count || strconv.Itoa(mb[0]) != string(head[2*k]) {
				return nil, fmt.Errorf("tagged: object %d not in object stream %d", mb[0], s)
			}
			f.objs[mb[0]] = bytes.TrimSpace(data[first+offs[k] : first+offs[k+1]])
		}
	}
	if f.root <= 0 || f.root >= size || f.info <= 0 || f.info >= size {
		return nil, fmt.Errorf("tagged: no catalog or info in the trailer")
	}
	return f, nil
}

// objectAt is the body of the object written at off, before end.
func objectAt(in []byte, off, end int) ([]byte, error) {
	if off <= 0 || off >= end || end > len(in) {
		return nil, fmt.Errorf("bad offset %d", off)
	}
	o := in[off:end]
	m := reObj.FindSubmatch(o)
	k := bytes.LastIndex(o, []byte("endobj"))
	if m == nil || k < len(m[0]) {
		return nil, fmt.Errorf("no object at %d", off)
	}
	return bytes.TrimSpace(o[len(m[0]):k]), nil
}

// decoded is a stream's dictionary and its data, inflated and with the
// PNG Up predictor undone where the dictionary says so.
func decoded(body []byte) (dict, data []byte, err error) {
	dict, data, ok, err := splitStream(body)
	if err != nil || !ok {
		return nil, nil, fmt.Errorf("not a stream")
	}
	switch value(dict, "Filter") {
	case "":
	case "/FlateDecode":
		if data, err = inflate(data); err != nil {
			return nil, nil, err
		}
	default:
		return nil, nil, fmt.Errorf("filter %s", value(dict, "Filter"))
	}
	parms := []byte(value(dict, "DecodeParms"))
	if len(parms) == 0 {
		return dict, data, nil
	}
	cols, _ := strconv.Atoi(value(parms, "Columns"))
	if value(parms, "Predictor") != "12" || cols <= 0 || len(data)%(cols+1) != 0 {
		return nil, nil, fmt.Errorf("predictor %s", parms)
	}
	out := make([]byte, 0, len(data)/(cols+1)*cols)
	prev := make([]byte, cols)
	for i := 0; i < len(data); i += cols + 1 {
		if data[i] != 2 {
			return nil, nil, fmt.Errorf("PNG filter %d", data[i])
		}
		for k := 0; k < cols; k++ {
			prev[k] += data[i+1+k]
		}
		out = append(out, prev...)
	}
	return dict, out, nil
}
