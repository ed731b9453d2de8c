package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/spf13/pflag"
)

// serveOptions are the flags of rapport serve.
type serveOptions struct {
	in        string // folder whose unit folders the page offers; "" = the working folder
	out       string // where the reports are written, as generate --out
	port      int    // 0 = a free port
	noBrowser bool
}

// serve runs the page for controllers without a terminal (SPEC 13): a local
// web server on 127.0.0.1 that checks the inputs, writes the reports as
// generate does and shows them. It prints the page's address (with the
// key every request needs) and opens the browser; it runs until stopped.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o serveOptions
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.in, "in", "", "mapp med indatamappar (enhetsmappar med underlag.xlsx och huvudbok) som sidan visar; annars den aktuella mappen")
	fs.StringVar(&o.out, "out", ".", "mapp där rapporterna skrivs, som för generate")
	fs.IntVar(&o.port, "port", 0, "port på 127.0.0.1 (0: en ledig port)")
	fs.BoolVar(&o.noBrowser, "no-browser", false, "öppna inte webbläsaren")
	help := fs.BoolP("help", "h", false, "visa hjälp")
	if err := fs.Parse(args); err != nil {
		return usageError(stderr, "serve", fmt.Errorf("%s", swedishFlagError(err)))
	}
	if *help {
		fmt.Fprintf(stdout, "Användning: rapport serve [--in MAPP] [--out MAPP] [--port N] [--no-browser]\n\n%s", fs.FlagUsages())
		return exitOK
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "serve", fmt.Errorf("okänt argument %q (indatamappen anges med --in)", fs.Arg(0)))
	}
	if o.port < 0 || o.port > 65535 {
		return usageError(stderr, "serve", fmt.Errorf("--port %d: ange en port 1–65535, eller 0 för en ledig", o.port))
	}
	if o.in != "" {
		if st, err := os.Stat(o.in); err != nil || !st.IsDir() {
			return usageError(stderr, "serve", fmt.Errorf("--in %s: mappen finns inte", o.in))
		}
	}
	if st, err := os.Stat(o.out); err == nil && !st.IsDir() {
		return usageError(stderr, "serve", fmt.Errorf("--out %s är en fil, inte en mapp: ange mappen som rapporterna ska skrivas till (den skapas om den inte finns)", o.out))
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(o.port)))
	if err != nil {
		fmt.Fprintf(stderr, "rapport serve: kan inte lyssna på 127.0.0.1:%d: %v\n", o.port, err)
		return exitFailure
	}
	s, err := newServer(o, ln.Addr().(*net.TCPAddr).Port)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "rapport serve: %v\n", err)
		return exitFailure
	}
	defer s.close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.ctx = ctx
	srv := &http.Server{Handler: s.handler(), ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()

	addr := s.startURL()
	fmt.Fprintln(stdout, addr)
	fmt.Fprintln(stderr, "Sidan för rapport är öppen på adressen ovan. Stäng med Ctrl-C (eller stäng fönstret).")
	if !o.noBrowser {
		if err := openBrowser(runtime.GOOS, addr); err != nil {
			fmt.Fprintf(stderr, "Webbläsaren kunde inte öppnas (%v): öppna adressen ovan själv.\n", err)
		}
	}
	select {
	case <-ctx.Done():
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "rapport serve: %v\n", err)
			return exitFailure
		}
	}
	shut, stop := context.WithTimeout(context.Background(), 2*time.Second)
	defer stop()
	srv.Shutdown(shut)
	s.wait()
	return exitOK
}

// startArgs is the command line the program runs: on Windows, rapport.exe
// started without arguments from Explorer (a double-click) serves the
// page, since a controller who double-clicks has no terminal to type a
// command in; anywhere else no arguments show the usage.
func startArgs(goos string, args []string, fromExplorer bool) []string {
	if goos == "windows" && len(args) == 0 && fromExplorer {
		return []string{"serve"}
	}
	return args
}

// openBrowser opens url in the default browser.
func openBrowser(goos, url string) error {
	var cmd *exec.Cmd
	switch goos {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

// server is one run of rapport serve: its key, its folders and the jobs
// it has run.
type server struct {
	ctx     context.Context
	key     string
	port    int
	inDir   string   // the folder the page lists unit folders under
	in      *os.Root // inDir, which no chosen folder may leave
	outDir  string
	tmpDir  string   // uploads, removed on exit
	tmp     *os.Root // tmpDir
	release func()   // removes tmpDir
	version string
	now     func() time.Time

	mu      sync.Mutex
	jobs    map[string]*job
	order   []string // job ids, oldest first
	uploads map[string]upload
	wg      sync.WaitGroup
}

func newServer(o serveOptions, port int) (*server, error) {
	inDir := o.in
	if inDir == "" {
		inDir = "."
	}
	in, err := os.OpenRoot(inDir)
	if err != nil {
		return nil, fmt.Errorf("kan inte öppna mappen %s: %s", inDir, osReason(err))
	}
	dir, release, err := runTempDir()
	if err != nil {
		in.Close()
		return nil, fmt.Errorf("kan inte skapa en tillfällig mapp för uppladdningar: %v", err)
	}
	tmp, err := os.OpenRoot(dir)
	if err != nil {
		in.Close()
		release()
		return nil, fmt.Errorf("kan inte öppna den tillfälliga mappen %s: %s", dir, osReason(err))
	}
	key := make([]byte, 24)
	rand.Read(key)
	return &server{ctx: context.Background(), key: hex.EncodeToString(key), port: port,
		inDir: inDir, in: in, outDir: o.out, tmpDir: dir, tmp: tmp, release: release,
		version: programVersion(), now: time.Now,
		jobs: map[string]*job{}, uploads: map[string]upload{}}, nil
}

// startURL is the one line a controller needs: the page with its key.
func (s *server) startURL() string {
	return fmt.Sprintf("http://127.0.0.1:%d/?%s=%s", s.port, keyParam, s.key)
}

// wait waits for the jobs still running.
func (s *server) wait() { s.wg.Wait() }

func (s *server) close() {
	s.wait()
	s.in.Close()
	s.tmp.Close()
	s.release()
}

// randomID names a job or an upload.
func randomID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// inFolderName is how messages name a folder chosen under --in.
func (s *server) inFolderName(rel string) string {
	if rel == "." {
		return s.inDir
	}
	return filepath.Join(s.inDir, rel)
}

// waitForEnter keeps a window that Explorer opened until Enter is pressed,
// so that a message before the program ends can be read.
func waitForEnter(stdin io.Reader, stderr io.Writer) {
	fmt.Fprintln(stderr, "Tryck Enter för att stänga fönstret.")
	var b [1]byte
	stdin.Read(b[:])
}
