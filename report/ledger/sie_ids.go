package ledger

import "slices"

// voucherIDs is the vouchers of an SIE file by series and number, with
// the #VER line of each, for telling a voucher that appears twice (SPEC
// 15). A series and number are unique in an SIE file: the same twice is
// the same voucher twice, as when two exports are joined. SIE 4 lets a
// file meant for import leave the number out (#VER A "" …: the program
// that reads it numbers the vouchers), so only a voucher with a number is
// checked; the series may be empty. Numbers are compared as written ("01"
// is not "1").
//
// Programs number each series 1, 2, 3 …, so a series' numbers are kept as
// runs of consecutive numbers with the line of each: 4 bytes a voucher,
// appended in order. A series whose numbers do not run (more than
// maxRuns runs) is kept in a map, as are numbers that are not digits
// without a leading zero.
type voucherIDs struct {
	series map[string]int32 // series → index in runs
	runs   []seriesRuns
	byNum  map[uint64]int // series index<<40 | number → line, for series that do not run
	byText map[string]int // series, NUL, number → line, for the rest
}

// seriesRuns is the numbers of one series as runs.
type seriesRuns struct {
	runs   []numberRun // by lo, disjoint
	last   int         // the run the previous number went to
	hashed bool        // the series is in byNum
}

// numberRun is the numbers lo, lo+1, … lo+len(lines)−1, and their lines.
type numberRun struct {
	lo    uint64
	lines []uint32
}

const (
	// maxRuns is the runs a series may have before it goes to byNum.
	maxRuns = 1024
	// maxRunNumber bounds the numbers kept as integers: 40 bits.
	maxRunNumber = 1<<40 - 1
	// maxSeries bounds the series kept as integers (24 bits in byNum).
	maxSeries = cacheLimit
)

// seen records a voucher's series and number at line n, and returns the
// line where they were first seen, or 0.
func (v *voucherIDs) seen(series, number []byte, n int) int {
	if len(number) == 0 {
		return 0
	}
	if num, ok := runNumber(number); ok && uint64(n) < 1<<32 {
		id, ok := v.series[string(series)]
		if !ok && len(v.series) < maxSeries {
			if v.series == nil {
				v.series = map[string]int32{}
			}
			id, ok = int32(len(v.runs)), true
			v.series[string(series)] = id
			v.runs = append(v.runs, seriesRuns{})
		}
		if ok {
			return v.seenNumber(id, num, n)
		}
	}
	if v.byText == nil {
		v.byText = map[string]int{}
	}
	k := string(series) + "\x00" + string(number)
	if first := v.byText[k]; first != 0 {
		return first
	}
	v.byText[k] = n
	return 0
}

// runNumber is a number of digits without a leading zero, up to
// maxRunNumber.
func runNumber(b []byte) (uint64, bool) {
	if len(b) > 13 || b[0] == '0' || !allDigits(b) {
		return 0, false
	}
	num := uint64(0)
	for _, c := range b {
		num = num*10 + uint64(c-'0')
	}
	return num, num <= maxRunNumber
}

func (v *voucherIDs) seenNumber(id int32, num uint64, n int) int {
	sr := &v.runs[id]
	if sr.hashed {
		return v.seenHashed(id, num, n)
	}
	// The common case: the number after the previous one.
	if l := len(sr.runs); l > 0 {
		r := &sr.runs[sr.last]
		if num == r.lo+uint64(len(r.lines)) && (sr.last+1 == l || num < sr.runs[sr.last+1].lo) {
			r.lines = append(r.lines, uint32(n))
			return 0
		}
	}
	// The run with the greatest lo ≤ num, if any.
	i, _ := slices.BinarySearchFunc(sr.runs, num+1, func(r numberRun, t uint64) int {
		if r.lo < t {
			return -1
		}
		return 1
	})
	i--
	if i >= 0 {
		r := &sr.runs[i]
		end := r.lo + uint64(len(r.lines))
		if num < end {
			return int(r.lines[num-r.lo])
		}
		if num == end {
			r.lines = append(r.lines, uint32(n))
			sr.last = i
			return 0
		}
	}
	if len(sr.runs) == maxRuns {
		// The numbers do not run: a map is smaller and faster.
		if v.byNum == nil {
			v.byNum = map[uint64]int{}
		}
		for _, r := range sr.runs {
			for j, line := range r.lines {
				v.byNum[uint64(id)<<40|(r.lo+uint64(j))] = int(line)
			}
		}
		sr.runs, sr.hashed = nil, true
		return v.seenHashed(id, num, n)
	}
	sr.runs = slices.Insert(sr.runs, i+1, numberRun{lo: num, lines: []uint32{uint32(n)}})
	sr.last = i + 1
	return 0
}

func (v *voucherIDs) seenHashed(id int32, num uint64, n int) int {
	k := uint64(id)<<40 | num
	if first := v.byNum[k]; first != 0 {
		return first
	}
	v.byNum[k] = n
	return 0
}
