package main

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"rapport/report"
	"rapport/report/problem"
	"rapport/report/underlag"
)

// upload is one set of uploaded inputs, in a folder of its own under the
// server's temporary folder.
type upload struct {
	id    string
	at    time.Time
	files []string
}

// Upload limits: underlag.xlsx as its reader's limit (README, "Gränser
// för indata"); a ledger export is read row by row whatever its size, and
// an upload of it is held to maxLedgerUpload on disk.
var (
	maxUnderlagUpload int64 = underlag.MaxFileBytes
	maxLedgerUpload   int64 = 1 << 30
)

// ledgerExts are the ledger exports an upload may be: as an input
// folder's huvudbok.xlsx, .csv or SIE file.
var ledgerExts = []string{".xlsx", ".csv", ".se", ".si", ".sie"}

// upload stores underlag.xlsx and a ledger from the form in a new folder.
// A file left out is taken from the latest upload, so that a controller
// who fixes the workbook uploads only it again.
func (s *server) upload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUnderlagUpload+maxLedgerUpload+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		s.uploadRefused(w, http.StatusBadRequest, problem.Problem{Message: "formuläret kom inte fram som en uppladdning", Hint: "Välj filerna och tryck Ladda upp"})
		return
	}
	id := randomID()
	if err := s.tmp.Mkdir(id, 0o700); err != nil {
		s.uploadRefused(w, http.StatusInternalServerError, problem.Problem{Message: "kan inte spara uppladdningen: " + osReason(err)})
		return
	}
	fail := func(status int, p problem.Problem) {
		s.tmp.RemoveAll(id)
		s.uploadRefused(w, status, p)
	}
	var previous string
	got := map[string]string{} // form field → stored name
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(uploadStatus(err), tooLarge(err))
			return
		}
		switch part.FormName() {
		case "uppladdning":
			b, _ := io.ReadAll(io.LimitReader(part, 64))
			previous = string(b)
		case "underlag":
			if part.FileName() == "" {
				continue
			}
			if !strings.EqualFold(path.Ext(part.FileName()), ".xlsx") {
				fail(http.StatusBadRequest, problem.Problem{Severity: problem.Error, File: baseName(part.FileName()),
					Message: "underlaget ska vara en Excelfil (.xlsx)", Hint: "Välj underlag.xlsx"})
				return
			}
			if p, ok := s.store(id, report.UnderlagFile, part, maxUnderlagUpload); !ok {
				fail(uploadStatus(nil), p)
				return
			}
			got["underlag"] = report.UnderlagFile
		case "huvudbok":
			if part.FileName() == "" {
				continue
			}
			ext := strings.ToLower(path.Ext(part.FileName()))
			if !containsString(ledgerExts, ext) {
				fail(http.StatusBadRequest, problem.Problem{Severity: problem.Error, File: baseName(part.FileName()),
					Message: "huvudboken ska vara en export i Excel (.xlsx), CSV (.csv) eller SIE (.se, .si, .sie)",
					Hint:    "Exportera huvudboken från ekonomisystemet i ett av formaten"})
				return
			}
			name := "huvudbok" + ext
			if p, ok := s.store(id, name, part, maxLedgerUpload); !ok {
				fail(http.StatusRequestEntityTooLarge, p)
				return
			}
			got["huvudbok"] = name
		}
	}
	s.mu.Lock()
	prev, hasPrev := s.uploads[previous]
	s.mu.Unlock()
	for _, field := range []string{"underlag", "huvudbok"} {
		if got[field] != "" || !hasPrev {
			continue
		}
		for _, name := range prev.files {
			if (field == "underlag") == (name == report.UnderlagFile) {
				if err := s.tmp.Link(prev.id+"/"+name, id+"/"+name); err != nil {
					fail(http.StatusInternalServerError, problem.Problem{Message: "kan inte spara uppladdningen: " + osReason(err)})
					return
				}
				got[field] = name
			}
		}
	}
	if got["underlag"] == "" || got["huvudbok"] == "" {
		fail(http.StatusBadRequest, problem.Problem{Severity: problem.Error,
			Message: "välj både underlag.xlsx och huvudboken",
			Hint:    "Ladda upp underlaget och exporten från ekonomisystemet; en mall för underlaget finns under Mall"})
		return
	}
	u := upload{id: id, at: s.now(), files: []string{got["underlag"], got["huvudbok"]}}
	s.mu.Lock()
	s.uploads[id] = u
	s.mu.Unlock()
	http.Redirect(w, r, "/?kalla=uppladdning:"+id, http.StatusSeeOther)
}

// store writes one uploaded file, refusing it when it is larger than
// limit: at most limit+1 bytes reach the disk.
func (s *server) store(dir, name string, part *multipart.Part, limit int64) (problem.Problem, bool) {
	f, err := s.tmp.OpenFile(dir+"/"+name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return problem.Problem{Severity: problem.Error, File: name, Message: "kan inte spara filen: " + osReason(err)}, false
	}
	n, err := io.Copy(f, io.LimitReader(part, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return tooLargeOr(err, name), false
	}
	if n > limit {
		return problem.Problem{Severity: problem.Error, File: name,
			Message: fmt.Sprintf("filen är större än %d MB, den största som sidan tar emot", limit>>20),
			Hint:    "Kontrollera att det är rätt fil"}, false
	}
	return problem.Problem{}, true
}

// tooLarge says why a request's body could not be read.
func tooLarge(err error) problem.Problem { return tooLargeOr(err, "") }

func tooLargeOr(err error, name string) problem.Problem {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return problem.Problem{Severity: problem.Error, File: name,
			Message: fmt.Sprintf("uppladdningen är större än %d MB, den största som sidan tar emot", mb.Limit>>20),
			Hint:    "Kontrollera att det är rätt filer"}
	}
	return problem.Problem{Severity: problem.Error, File: name, Message: "uppladdningen avbröts: " + err.Error(), Hint: "Försök igen"}
}

func uploadStatus(err error) int {
	var mb *http.MaxBytesError
	if err == nil || errors.As(err, &mb) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// uploadRefused shows the form with why the upload was refused.
func (s *server) uploadRefused(w http.ResponseWriter, status int, p problem.Problem) {
	if p.Severity != problem.Error {
		p.Severity = problem.Error
	}
	s.render(w, status, "home", homePage{page: page{Title: "Rapport"}, Form: s.formView(s.defaultForm()),
		Upload: problemGroups(unitResult{probs: problem.List{p}}, nil)})
}

// baseName is an uploaded file's name without any folder a browser sent.
func baseName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	return path.Base(name)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
