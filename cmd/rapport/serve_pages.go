package main

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"net/http"
	"path"
	"strings"
	"time"

	"rapport/report/period"
)

// webFiles are the page's templates, stylesheet and script; text from the
// inputs reaches them only through html/template, which escapes it.
//
//go:embed web
var webFiles embed.FS

// pageTemplates are the pages, each with the shared layout, form and
// problem table.
var pageTemplates = func() map[string]*htmltemplate.Template {
	base := htmltemplate.Must(htmltemplate.New("").ParseFS(webFiles, "web/layout.tmpl", "web/form.tmpl", "web/problems.tmpl"))
	out := map[string]*htmltemplate.Template{}
	for _, name := range []string{"home", "message", "progress", "check", "report"} {
		out[name] = htmltemplate.Must(htmltemplate.Must(base.Clone()).ParseFS(webFiles, "web/"+name+".tmpl"))
	}
	return out
}()

// render writes page name with data; it is built whole first, so that a
// template error gives an error page, not half a page.
func (s *server) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := pageTemplates[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		http.Error(w, "Sidan kunde inte visas: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type page struct{ Title string }

type messagePage struct {
	page
	Message string
}

type homePage struct {
	page
	Form  formView
	Error string
	// Upload are the problems of an upload that was refused.
	Upload []problemGroup
}

type progressPage struct {
	page
	What, Progress, ID string
	Seconds            int
}

type checkPage struct {
	page
	Form           formView
	Source, Period string
	Groups         []problemGroup
	Errors, Warns  int
}

type reportPage struct {
	page
	Form    formView
	Source  string
	Period  string
	Groups  []problemGroup
	Files   []fileLink
	OutDir  string
	Article htmltemplate.HTML
}

type fileLink struct {
	Name, URL, Kind, Status string
}

// formView is the form as a page shows it.
type formView struct {
	Sources  []option
	Periods  []option
	Year     int
	Draft    bool
	InDir    string
	OutDir   string
	UploadID string // the latest upload, which a new upload may add to
}

type option struct {
	Value, Label string
	Checked      bool
}

func (s *server) formView(f formState) formView {
	v := formView{Year: f.Year, Draft: f.Draft, InDir: s.inDir, OutDir: s.outDir}
	add := func(value, label string) {
		v.Sources = append(v.Sources, option{Value: value, Label: label, Checked: value == f.Source})
	}
	s.mu.Lock()
	var ups []upload
	for _, u := range s.uploads {
		ups = append(ups, u)
	}
	s.mu.Unlock()
	// The latest upload first.
	for i := range ups {
		for k := i + 1; k < len(ups); k++ {
			if ups[k].at.After(ups[i].at) {
				ups[i], ups[k] = ups[k], ups[i]
			}
		}
	}
	for i, u := range ups {
		if i == 0 {
			v.UploadID = u.id
		}
		if i == 5 {
			break
		}
		add("uppladdning:"+u.id, fmt.Sprintf("Uppladdade filer kl. %s: %s", u.at.Format("15.04.05"), strings.Join(u.files, " och ")))
	}
	for _, dir := range s.unitFolders() {
		label := dir
		if dir == "." {
			label = s.inDir + " (mappen själv)"
		}
		add("mapp:"+dir, label)
	}
	add("exempel", "Exempeldata (inbyggda, påhittade siffror)")
	if f.Source == "" {
		v.Sources[0].Checked = true
	}
	for _, e := range period.DefaultCalendar {
		v.Periods = append(v.Periods, option{Value: string(e.Code),
			Label: fmt.Sprintf("%s – %s (%s)", e.Code, e.Name, e.Months()), Checked: string(e.Code) == f.Period})
	}
	for m := time.January; m <= time.December; m++ {
		code := period.Code(fmt.Sprintf("M%02d", int(m)))
		if _, ok := period.DefaultCalendar.ForMonth(m); ok {
			continue
		}
		e, _ := period.DefaultCalendar.Lookup(code)
		v.Periods = append(v.Periods, option{Value: string(code),
			Label: fmt.Sprintf("%s – %s (%s)", code, e.Name, e.Months()), Checked: string(code) == f.Period})
	}
	return v
}

func periodLabel(f formState) string {
	if e, ok := period.DefaultCalendar.Lookup(period.Code(f.Period)); ok {
		return fmt.Sprintf("%s %d", e.Name, f.Year)
	}
	return fmt.Sprintf("%s %d", f.Period, f.Year)
}

func (s *server) checkView(j *job) checkPage {
	var extra error
	if j.result.unknownPeriod {
		extra = fmt.Errorf("perioden %s finns inte i uppföljningskalendern", j.form.Period)
	}
	return checkPage{page: page{Title: "Kontroll"}, Form: s.formView(j.form), Source: j.source,
		Period: periodLabel(j.form), Groups: problemGroups(j.result, extra),
		Errors: len(j.result.probs.Errors()), Warns: len(j.result.probs.Warnings())}
}

func (s *server) reportView(j *job) reportPage {
	v := reportPage{page: page{Title: "Rapport"}, Form: s.formView(j.form), Source: j.source,
		Period: periodLabel(j.form), OutDir: s.outDir, Article: j.article}
	var extra error
	if j.result.unknownPeriod {
		extra = fmt.Errorf("perioden %s finns inte i uppföljningskalendern", j.form.Period)
	}
	if j.writeErr != nil {
		extra = j.writeErr
	}
	v.Groups = problemGroups(j.result, extra)
	for i, name := range j.written {
		kind := "PDF"
		if path.Ext(name) == ".xlsx" {
			kind = "Excel"
		}
		status := ""
		if i < len(j.statuses) {
			status = j.statuses[i]
		}
		v.Files = append(v.Files, fileLink{Name: name, URL: fileURL(j.id, name), Kind: kind, Status: status})
	}
	if j.title != "" {
		v.Title = j.title
	}
	return v
}
