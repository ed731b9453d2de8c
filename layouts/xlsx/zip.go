package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// sortedZip is the zip writer excelize saves the workbook through. It
// keeps the entries until Close and writes them in name order, each dated
// modified: excelize writes its streamed sheets in the order of a map and
// with no date, and the same report must give the same bytes. Name order
// also puts [Content_Types].xml first, where readers look for it.
type sortedZip struct {
	w        io.Writer
	modified time.Time
	entries  []*zipEntry
}

type zipEntry struct {
	name string
	data bytes.Buffer
}

func newSortedZip(w io.Writer, modified time.Time) *sortedZip {
	return &sortedZip{w: w, modified: modified}
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	e := &zipEntry{name: name}
	z.entries = append(z.entries, e)
	return &e.data, nil
}

// AddFS is part of excelize's interface; excelize does not call it when it
// saves.
func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("AddFS används inte")
}

func (z *sortedZip) Close() error {
	slices.SortStableFunc(z.entries, func(a, b *zipEntry) int { return strings.Compare(a.name, b.name) })
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: z.modified})
		if err != nil {
			return err
		}
		if _, err := e.data.WriteTo(w); err != nil {
			return err
		}
	}
	z.entries = nil
	return zw.Close()
}
