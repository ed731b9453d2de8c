package xlsxstream

import (
	"io"
	"sync"
)

// asyncReader decompresses in its own goroutine into a small ring of
// buffers, so that inflating and parsing overlap on two cores. Memory is
// the ring, whatever the size of the stream.
type asyncReader struct {
	src  io.ReadCloser
	full chan chunk
	free chan []byte
	done chan struct{}
	once sync.Once
	wg   sync.WaitGroup
	cur  []byte
	recv []byte // the buffer cur lies in, returned to free when drained
	err  error
}

type chunk struct {
	b   []byte
	err error
}

func newAsyncReader(src io.ReadCloser, size, n int) *asyncReader {
	a := &asyncReader{
		src:  src,
		full: make(chan chunk, n),
		free: make(chan []byte, n),
		done: make(chan struct{}),
	}
	for i := 0; i < n; i++ {
		a.free <- make([]byte, size)
	}
	a.wg.Add(1)
	go a.run()
	return a
}

func (a *asyncReader) run() {
	defer a.wg.Done()
	for {
		var buf []byte
		select {
		case buf = <-a.free:
		case <-a.done:
			return
		}
		n, err := io.ReadFull(a.src, buf)
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		select {
		case a.full <- chunk{buf[:n], err}:
		case <-a.done:
			return
		}
		if err != nil {
			return
		}
	}
}

func (a *asyncReader) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		if a.recv != nil {
			a.free <- a.recv[:cap(a.recv)]
			a.recv = nil
		}
		if a.err != nil {
			return 0, a.err
		}
		c := <-a.full
		a.cur, a.recv, a.err = c.b, c.b, c.err
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

// Close stops the goroutine and closes the source.
func (a *asyncReader) Close() error {
	a.once.Do(func() { close(a.done) })
	a.wg.Wait()
	return a.src.Close()
}
