package ledger

// rowValues are one data row's cell values by 0-based column: dense up
// to the columns a layout reads by index, and any cell further right
// kept apart in column order. A row with one cell in column XFD then
// costs one value, not 16 384 of them, and a scan of the row's cells
// (the first text, for a summary row's label) visits only the cells
// there are: a million such rows once took six minutes.
type rowValues struct {
	dense []value
	far   []farValue
}

// farValue is a cell right of the dense part.
type farValue struct {
	col int
	v   value
}

// at gives the value in column col, an empty one where the row has none.
func (r *rowValues) at(col int) value {
	if uint(col) < uint(len(r.dense)) {
		return r.dense[col]
	}
	if len(r.far) == 0 {
		return value{}
	}
	return r.farAt(col)
}

func (r *rowValues) farAt(col int) value {
	for i := range r.far {
		if r.far[i].col == col {
			return r.far[i].v
		}
	}
	return value{}
}

// reset empties the row for the next one.
func (r *rowValues) reset() {
	r.dense, r.far = r.dense[:0], r.far[:0]
}

// set puts v in column col, which must lie right of every column set
// since reset; a column below denseCols goes in the dense part.
func (r *rowValues) set(col, denseCols int, v value) {
	if col >= denseCols {
		r.far = append(r.far, farValue{col, v})
		return
	}
	for len(r.dense) < col {
		r.dense = append(r.dense, value{})
	}
	r.dense = append(r.dense, v)
}

// each calls fn with every column the row holds a value in (and the
// empty ones between them in the dense part), left to right, until fn
// returns false. It reports whether fn never did.
func (r *rowValues) each(fn func(col int, v value) bool) bool {
	for c := range r.dense {
		if !fn(c, r.dense[c]) {
			return false
		}
	}
	for _, f := range r.far {
		if !fn(f.col, f.v) {
			return false
		}
	}
	return true
}
