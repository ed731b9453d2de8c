package ledger

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"rapport/report/problem"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// The CSV data below the header is read in parallel when it is large:
// cut into chunks at line ends (a record is always one physical line, so
// every line end is a record end), each chunk parsed and summed by its
// own summer into its own ledger, and the chunks merged in file order.
//
// What a summer does is order-dependent in places: the first 200 problems
// and the count past them, a run of lines a quote would join, the text
// encoding decided by the first non-ASCII text, summary rows checked
// against the rows above them, the limit on Σ|amount|. A chunk cannot know
// what came before it, so the parallel read is a speculation that holds
// only for a clean file: the moment any chunk meets anything that is not a
// plainly summed or blank row — a problem, an error or summary row, a
// row of text without an amount, a quote left open, an encoding that
// differs from another chunk's, a responsibility that two units select —
// the parallel result is dropped and the file is read sequentially from the
// header on, which gives every message with its row number as always.
// Rows reported as the first of something (FirstSeen, the first amount
// with more decimals than öre) are taken from the first chunk that has
// them, with the chunk's row numbers shifted by the lines above it.

var (
	// parallelMin is the least data (bytes below the header) read in
	// parallel; below it the goroutines cost more than they give.
	parallelMin int64 = 4 << 20
	// chunkMin is the least size of a chunk.
	chunkMin int64 = 1 << 20
	// parallelProcs is how many chunks are read at once; 0 = GOMAXPROCS.
	parallelProcs = 0
	// parallelMerged counts the reads whose chunks were merged, for tests.
	parallelMerged atomic.Int64
)

// csvChunk is one chunk's part of the file and what reading it gave.
type csvChunk struct {
	start, end int64
	l          *Ledger
	sum        *summer
	dec        *decoder
	lines      int
	clean      bool // nothing order-dependent met: the result can be merged
}

// readCSVParallel reads the data from start (the line after the header,
// record header) to size in parallel, into rows' summer. It reports false,
// leaving rows untouched, when the file is too small, there is one core,
// or a chunk met something that only the sequential read reports right.
func readCSVParallel(ctx context.Context, r io.ReaderAt, start, size int64, rows *csvRows, header int, prog *progress) (bool, error) {
	procs := parallelProcs
	if procs == 0 {
		procs = runtime.GOMAXPROCS(0)
	}
	if procs < 2 || size-start < parallelMin {
		return false, nil
	}
	chunks, err := cutChunks(r, start, size, procs)
	if err != nil || len(chunks) < 2 {
		return false, nil // the sequential read meets a failure in its place
	}
	var (
		abort atomic.Bool
		next  atomic.Int32
		wg    sync.WaitGroup
		done  atomic.Int64 // rows and bytes read so far, for progress
		read  atomic.Int64
	)
	for w := 0; w < procs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(chunks) || abort.Load() {
					return
				}
				c := &chunks[i]
				if err := c.read(ctx, r, rows, &abort, &done, &read); err != nil || !c.clean {
					abort.Store(true)
					return
				}
			}
		}()
	}
	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	if prog.fn != nil {
		tick := time.NewTicker(progressEvery)
	wait:
		for {
			select {
			case <-finished:
				break wait
			case <-tick.C:
				prog.tick(rows.l.RowsRead+int(done.Load()), start+read.Load(), size, false)
			}
		}
		tick.Stop()
	}
	<-finished
	if err := ctx.Err(); err != nil {
		return false, err
	}
	// A chunk that could not be read is read again sequentially, which
	// meets the failure in its place, after the rows before it.
	if abort.Load() {
		return false, nil
	}
	if !mergeChunks(chunks, rows.sum, header) {
		return false, nil
	}
	parallelMerged.Add(1)
	return true, nil
}

// cutChunks cuts [start, size) into about 4 chunks per worker, each
// ending just after a line end (or at the end of the file).
func cutChunks(r io.ReaderAt, start, size int64, procs int) ([]csvChunk, error) {
	n := int64(4 * procs)
	step := max((size-start)/n, chunkMin)
	var chunks []csvChunk
	buf := make([]byte, 64<<10)
	for from := start; from < size; {
		to := from + step
		for to < size {
			m, err := r.ReadAt(buf[:min(int64(len(buf)), size-to)], to)
			if i := bytes.IndexByte(buf[:m], '\n'); i >= 0 {
				to += int64(i) + 1
				break
			}
			to += int64(m)
			if err != nil && err != io.EOF {
				return nil, err
			}
			if m == 0 {
				to = size
			}
		}
		to = min(to, size)
		chunks = append(chunks, csvChunk{start: from, end: to})
		from = to
	}
	return chunks, nil
}

// read parses and sums one chunk with a summer of its own, as the
// sequential loop does, and stops at the first thing that makes the
// chunk unclean.
func (c *csvChunk) read(ctx context.Context, r io.ReaderAt, rows *csvRows, abort *atomic.Bool, done, read *atomic.Int64) error {
	seq := rows.sum
	c.l = &Ledger{File: seq.l.File, Buckets: map[Key]Bucket{}, keep: seq.l.keep}
	if seq.l.route != nil {
		// Routed to units by responsibility: the chunk routes its rows
		// by the same units.
		newRouter(c.l, seq.l.route.units)
	}
	c.dec = &decoder{enc: seq.dec.enc}
	c.sum = newSummer(c.l, seq.lay, "", true)
	c.sum.dec = c.dec
	counted := &countingReader{r: io.NewSectionReader(r, c.start, c.end-c.start)}
	cr := newCSVReader(bufio.NewReaderSize(counted, 256<<10), rows.delim)
	own := newCSVRows(c.sum, rows.delim, rows.width)
	var toldRows, toldBytes int64
	defer func() {
		// Rows and bytes are told as they go; a chunk that is dropped
		// takes its share back.
		if !c.clean {
			done.Add(-toldRows)
			read.Add(-toldBytes)
		}
	}()
	for {
		rec, err := cr.next()
		if _, ok := cr.takeSpan(); ok {
			return nil // a quote that runs across lines: unclean
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			if err == errRecordTooLong || err == errTooManyFields {
				return nil // the sequential read reports the line
			}
			return err
		}
		c.lines++
		if c.lines%checkEvery == 0 {
			if abort.Load() {
				return nil
			}
			n, b := int64(c.l.RowsRead), counted.n
			done.Add(n - toldRows)
			read.Add(b - toldBytes)
			toldRows, toldBytes = n, b
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		own.record(rec, c.lines)
		if len(c.l.Problems) > 0 || c.l.ErrorRows > 0 {
			return nil
		}
	}
	c.sum.flush()
	l := c.l
	c.clean = !c.dec.mixed && len(l.Problems) == 0 && l.ErrorRows == 0 &&
		l.RowsRead == l.RowsSummed+l.BlankRows && l.SummaryRows == 0 && c.sum.textRows == 0 && !l.noRespTold && l.overlap == (Bucket{})
	for _, u := range l.Units {
		c.clean = c.clean && len(u.Problems) == 0
	}
	return nil
}

// mergeChunks adds clean chunks, in file order, into the summer's ledger.
// It reports false, changing nothing, where the chunks disagree in a way
// the sequential read would have reported: two text encodings, or a
// Σ|amount| beyond its bound.
func mergeChunks(chunks []csvChunk, sum *summer, header int) bool {
	l := sum.l
	enc := sum.dec.enc
	abs := l.absTotal
	for i := range chunks {
		c := &chunks[i]
		if c.dec.enc != encUnknown {
			if enc != encUnknown && enc != c.dec.enc {
				return false
			}
			enc = c.dec.enc
		}
		var fits bool
		if abs, fits = abs.AddChecked(c.l.absTotal); !fits {
			return false
		}
	}
	sum.dec.enc = enc
	l.absTotal = abs
	row := header // the file's record number of the line above the chunk
	for i := range chunks {
		c := &chunks[i]
		cl := c.l
		l.RowsRead += cl.RowsRead
		l.RowsSummed += cl.RowsSummed
		l.BlankRows += cl.BlankRows
		l.ErrorRows += cl.ErrorRows
		l.Total += cl.Total
		l.OpeningRows += cl.OpeningRows
		l.OpeningTotal += cl.OpeningTotal
		l.ClosingRows += cl.ClosingRows
		l.ClosingTotal += cl.ClosingTotal
		l.HasProject = l.HasProject || cl.HasProject
		addBuckets(l.Buckets, cl.Buckets)
		for u := range cl.Units {
			addBuckets(l.Units[u].Buckets, cl.Units[u].Buckets)
			l.Units[u].Rows += cl.Units[u].Rows
			l.Units[u].Total += cl.Units[u].Total
		}
		l.noUnit.Rows += cl.noUnit.Rows
		l.noUnit.Amount += cl.noUnit.Amount
		if cl.noCode.Rows > 0 {
			if l.noCode.Rows == 0 && l.noCodeAt.row == 0 {
				at := cl.noCodeAt
				l.noCodeAt = noCodePlace{at.sheet, at.row + row, shiftRow(at.cell, row)}
			}
			l.noCode.Rows += cl.noCode.Rows
			l.noCode.Amount += cl.noCode.Amount
		}
		for acc, at := range cl.FirstSeen {
			if _, ok := l.FirstSeen[acc]; ok {
				continue
			}
			if l.FirstSeen == nil {
				l.FirstSeen = map[string]problem.Position{}
			}
			at.Row += row // the chunk counts its rows from its own first line
			l.FirstSeen[acc] = at
		}
		if cs := c.sum; cs.subOre > 0 {
			if sum.subOre == 0 {
				sum.subOreValue, sum.subOreRow, sum.subOreCol = cs.subOreValue, cs.subOreRow+row, cs.subOreCol
			}
			sum.subOre += cs.subOre
		}
		row += c.lines
	}
	return true
}

func addBuckets(dst, src map[Key]Bucket) {
	for k, b := range src {
		m := dst[k]
		m.Amount += b.Amount
		m.Rows += b.Rows
		dst[k] = m
	}
}

// shiftRow adds by to the row number of a CSV place, "rad 12" or
// "rad 12, kolumn Belopp", which a chunk counts from its own first line.
func shiftRow(at string, by int) string {
	const prefix = "rad "
	if len(at) <= len(prefix) || at[:len(prefix)] != prefix {
		panic("ledger: a CSV place without a row: " + at)
	}
	end := len(prefix)
	for end < len(at) && at[end] >= '0' && at[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(at[len(prefix):end])
	if err != nil {
		panic("ledger: a CSV place without a row: " + at)
	}
	return prefix + strconv.Itoa(n+by) + at[end:]
}
