package ledger

import (
	"bufio"
	"context"
	"io"
	"rapport/report/problem"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// The CSV data below the header is read on every core when it is large,
// with the postings' keys shared out between the cores (sharded): each
// worker reads and splits every line of the data, but sums only the rows
// whose account and month cells (as written) fall to its shard, with a
// summer of its own, and at the end the shards are added into the
// ledger. A key's rows all fall to one shard, so the shards' buckets
// together are as many as one sequential read's and memory does not grow
// with the cores; splitting a line is a small part of reading a row, so
// the cores repeat little. (Cutting the file into chunks, each summed by
// itself and merged, as this read did before, gave each chunk its own
// table of every key it met: on a region's ledger of 194 000 keys three
// times the memory of the sequential read and more CPU, in merging.)
//
// A shard sees its rows in file order and with the file's row numbers,
// but not the others' rows, and what a summer does is order-dependent in
// places: the first 200 problems and the count past them, a run of lines
// a quote would join, the text encoding decided by the first non-ASCII
// text, summary rows checked against the rows above them, the limit on
// Σ|amount|. So the parallel read is a speculation that holds only for a
// clean file: the moment any shard meets anything that is not a plainly
// summed or blank row — a problem, an error or summary row, a row of text
// without an amount, a quote left open, an encoding that differs from
// another shard's, a responsibility that two units select — the parallel
// result is dropped and the file is read sequentially from the header on,
// which gives every message with its row number as always. Rows reported
// as the first of something (FirstSeen, the first row without a
// responsibility, the first amount with more decimals than öre) are the
// first of all shards.

var (
	// parallelMin is the least data (bytes below the header) read in
	// parallel; below it the goroutines cost more than they give.
	parallelMin int64 = 4 << 20
	// parallelProcs is how many shards are read at once; 0 = GOMAXPROCS.
	parallelProcs = 0
	// parallelMerged counts the reads whose shards were merged, for tests.
	parallelMerged atomic.Int64
)

// csvShard is one worker's part of the keys and what reading it gave.
type csvShard struct {
	l     *Ledger
	sum   *summer
	dec   *decoder
	clean bool // nothing order-dependent met: the result can be merged
	shape int  // the field count of every data row of the shard, as fieldCheck.shape
	wide  bool // some data row of the shard has a field beyond the header's
}

// readCSVParallel reads the data from start (the line after the header,
// record header) to size in parallel, into rows' summer. It reports false,
// leaving rows untouched, when the file is too small, there is one core,
// or a shard met something that only the sequential read reports right.
func readCSVParallel(ctx context.Context, r io.ReaderAt, start, size int64, rows *csvRows, header int, prog *progress) (bool, error) {
	procs := parallelProcs
	if procs == 0 {
		procs = runtime.GOMAXPROCS(0)
	}
	if procs < 2 || size-start < parallelMin {
		return false, nil
	}
	shards := make([]csvShard, procs)
	var (
		abort atomic.Bool
		wg    sync.WaitGroup
		done  atomic.Int64 // rows and bytes read so far, for progress
		read  atomic.Int64
	)
	for w := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &shards[w]
			if err := c.read(ctx, r, start, size, rows, header, w, len(shards), &abort, &done, &read); err != nil || !c.clean {
				abort.Store(true)
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
	// A shard that could not be read is read again sequentially, which
	// meets the failure in its place, after the rows before it.
	if abort.Load() {
		return false, nil
	}
	if !mergeShards(shards, rows.sum) {
		return false, nil
	}
	parallelMerged.Add(1)
	return true, nil
}

// shardOf is the shard, of n, of a record: by its account cell and the
// first seven bytes of its period or date cell, as written, so that the
// rows of one bucket meet in one shard whenever the file writes a
// bucket's account and month alike (2026-03, 2026-03-14).
func shardOf(rec [][]byte, acc, mon, n int) int {
	h := uint32(2166136261)
	if acc >= 0 && acc < len(rec) {
		for _, c := range rec[acc] {
			h = (h ^ uint32(c)) * 16777619
		}
	}
	h = (h ^ ';') * 16777619
	if mon >= 0 && mon < len(rec) {
		for _, c := range rec[mon][:min(len(rec[mon]), 7)] {
			h = (h ^ uint32(c)) * 16777619
		}
	}
	return int(h % uint32(n))
}

// read reads all of the data, splitting every line, and parses and sums
// the rows of shard w of n with a summer of its own, as the sequential
// loop does, numbering rows as the file does; it stops at the first thing
// that makes the shard unclean.
func (c *csvShard) read(ctx context.Context, r io.ReaderAt, start, size int64, rows *csvRows, header, w, n int, abort *atomic.Bool, done, read *atomic.Int64) error {
	seq := rows.sum
	c.l = &Ledger{File: seq.l.File, Buckets: map[Key]Bucket{}, keep: seq.l.keep}
	if seq.l.route != nil {
		// Routed to units by responsibility: the shard routes its rows
		// by the same units.
		newRouter(c.l, seq.l.route.units)
	}
	c.dec = &decoder{enc: seq.dec.enc}
	c.sum = newSummer(c.l, seq.lay, "", true)
	c.sum.dec = c.dec
	acc, mon := seq.lay.col[fieldAccount], seq.lay.col[fieldPeriod]
	if mon < 0 {
		mon = seq.lay.col[fieldDate]
	}
	counted := &countingReader{r: io.NewSectionReader(r, start, size-start)}
	cr := newCSVReader(bufio.NewReaderSize(counted, 256<<10), rows.delim)
	own := newCSVRows(c.sum, rows.delim, rows.width)
	var toldRows, toldBytes int64
	defer func() {
		// Rows and bytes are told as they go; a shard that is dropped
		// takes its share back.
		if !c.clean {
			done.Add(-toldRows)
			read.Add(-toldBytes)
		}
	}()
	for lines := 1; ; lines++ {
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
		if lines%checkEvery == 0 {
			if abort.Load() {
				return nil
			}
			n, b := int64(c.l.RowsRead), counted.n
			if w > 0 {
				b = 0 // every shard reads every byte: one tells them
			}
			done.Add(n - toldRows)
			read.Add(b - toldBytes)
			toldRows, toldBytes = n, b
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if shardOf(rec, acc, mon, n) != w {
			continue
		}
		own.record(rec, header+lines)
		if len(c.l.Problems) > 0 || c.l.ErrorRows > 0 {
			return nil
		}
	}
	l := c.l
	c.clean = !c.dec.mixed && len(l.Problems) == 0 && l.ErrorRows == 0 &&
		l.RowsRead == l.RowsSummed+l.BlankRows && l.SummaryRows == 0 && c.sum.textRows == 0 && !l.noRespTold && l.overlap == (Bucket{}) &&
		c.sum.credits[1].n == 0 && // negative credit is told, or an error, by the sequential read
		c.sum.joined.n == 0 &&
		own.fields.unheaded()
	c.shape, c.wide = own.fields.shape, own.fields.wide.n > 0
	for _, u := range l.Units {
		c.clean = c.clean && len(u.Problems) == 0
	}
	return nil
}

// mergeShards adds clean shards into the summer's ledger. It reports
// false, changing nothing, where the shards disagree in a way the
// sequential read would have reported: two text encodings, or a
// Σ|amount| beyond its bound.
func mergeShards(shards []csvShard, sum *summer) bool {
	l := sum.l
	enc := sum.dec.enc
	abs := l.absTotal
	// Rows wider than the header are read only where every data row of
	// the file is as wide (fieldCheck): each shard saw its share of them.
	shape, wide := 0, false
	for i := range shards {
		c := &shards[i]
		wide = wide || c.wide
		switch {
		case c.shape == 0:
		case shape == 0:
			shape = c.shape
		case shape != c.shape:
			shape = -1
		}
	}
	if wide && shape < 0 {
		return false
	}
	for i := range shards {
		c := &shards[i]
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
	var sums []map[idKey]Bucket
	for i := range shards {
		sums = append(sums, shards[i].sum.sums)
	}
	presize(l, sums...)
	for i := range shards {
		c := &shards[i]
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
		// The shard's sums go straight into the ledger, with the units'
		// counts and the rows of no unit, as the sequential read's flush
		// puts them; the shard is dropped as it goes.
		c.sum.flushInto(l)
		if at := cl.noCodeAt; at.row > 0 && (l.noCodeAt.row == 0 || at.row < l.noCodeAt.row) {
			l.noCodeAt = at
		}
		for acc, at := range cl.FirstSeen {
			if old, ok := l.FirstSeen[acc]; ok && old.Row <= at.Row {
				continue
			}
			if l.FirstSeen == nil {
				l.FirstSeen = map[string]problem.Position{}
			}
			l.FirstSeen[acc] = at
		}
		if cs := c.sum; cs.subOre > 0 {
			if sum.subOre == 0 || cs.subOreRow < sum.subOreRow {
				sum.subOreValue, sum.subOreRow, sum.subOreCol = cs.subOreValue, cs.subOreRow, cs.subOreCol
			}
			sum.subOre += cs.subOre
		}
		shards[i] = csvShard{}
	}
	return true
}
