package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/i18n"
	reports "github.com/aulabot/aulabot/report"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// renderers are the report's formats.
var renderers = map[string]func(io.Writer, *reports.Report, reports.Texts, string) error{
	"md": reports.Markdown, "csv": reports.CSV, "xlsx": reports.XLSX, "png": reports.PNG,
}

// contentTypes are the formats' media types on the control socket.
var contentTypes = map[string]string{
	"md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "png": "image/png",
}

const reportUsage = "usage: aulabot report --university ID|all --from YYYY-MM-DD --to YYYY-MM-DD [--format md|csv|xlsx|png] [--out FILE] [--lang es|en] [--no-names] [--data aulabot.db] [--config FILE]"

// reportRequest is what "aulabot report" asks for; the same fields travel
// to a running bot as the query of GET /report on its control socket.
type reportRequest struct {
	University string
	From, To   reports.Date
	Format     string
	Lang       string // "": the configuration's language
	NoNames    bool
}

// parseReportRequest reads and checks a request (dates, their order, the
// format and language); the university is checked against the
// configuration when the report is built. Errors are *aulabot.Error
// (report.err_*) or plain errors naming the flag.
func parseReportRequest(v url.Values) (reportRequest, error) {
	req := reportRequest{University: strings.ToLower(strings.TrimSpace(v.Get("university"))), Format: v.Get("format"),
		Lang: v.Get("lang"), NoNames: v.Get("names") == "0"}
	if req.Format == "" {
		req.Format = "md"
	}
	switch {
	case req.University == "":
		return req, errors.New("--university is missing: give a university id, or all")
	case v.Get("from") == "" || v.Get("to") == "":
		return req, errors.New("--from and --to are needed: the period is [from, to), days in YYYY-MM-DD")
	case renderers[req.Format] == nil:
		return req, fmt.Errorf("--format %q: use md, csv, xlsx or png", req.Format)
	case req.Lang != "" && req.Lang != aulabot.LangES && req.Lang != aulabot.LangEN:
		return req, fmt.Errorf("--lang %q: use es or en", req.Lang)
	}
	var err error
	if req.From, err = reports.ParseDate(v.Get("from")); err != nil {
		return req, err
	}
	if req.To, err = reports.ParseDate(v.Get("to")); err != nil {
		return req, err
	}
	return req, reports.Query{From: req.From, To: req.To}.Validate()
}

// values is the request as the control socket's query.
func (req reportRequest) values() url.Values {
	v := url.Values{"university": {req.University}, "from": {req.From.String()}, "to": {req.To.String()}, "format": {req.Format}, "lang": {req.Lang}}
	if req.NoNames {
		v.Set("names", "0")
	}
	return v
}

// buildReport builds the report req asks for from st as of now and
// renders it to w. The report is read in one read transaction and
// rendered after it. Whoever runs the command holds the database and the
// configuration: they read as an admin (every university, names unless
// --no-names).
func buildReport(st *store.Store, cfg *aulabot.Config, set *survey.Set, req reportRequest, now time.Time, w io.Writer) error {
	svc := &reports.Service{Config: cfg}
	if set != nil {
		svc.Surveys = handlers.ReportSurveys{Set: set, Config: cfg}
	}
	q := reports.Query{University: req.University, From: req.From, To: req.To, Now: now, NoNames: req.NoNames}
	var r *reports.Report
	err := st.View(func(tx *store.Tx) (err error) {
		r, err = svc.Build(tx, q, aulabot.Roles{Admin: true})
		return err
	})
	if err != nil {
		return err
	}
	lang := req.Lang
	if lang == "" {
		lang = cfg.Language
	}
	return renderers[req.Format](w, r, i18n.Builtin(), lang)
}

// userMessage is err as one line for the person at the terminal: the
// catalogue's text of an *aulabot.Error, in lang; else err itself.
func userMessage(err error, lang string) string {
	var e *aulabot.Error
	if !errors.As(err, &e) || e.Code == aulabot.EINTERNAL {
		return err.Error()
	}
	if lang == "" {
		lang = aulabot.LangEN
	}
	return html.UnescapeString(i18n.Builtin().T(lang, e.Key, e.Args...))
}

// reportCmd writes a report: from the database directly when no bot holds
// it, through the running bot's control socket otherwise. Command-line
// mistakes (a missing flag, a date not YYYY-MM-DD, dates in the wrong
// order, an unknown format) exit 2 with one line; what the data says (an
// unknown university, a period without data) exits 1 with one line.
func reportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("aulabot report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data, config := os.Getenv("AULABOT_DATA"), os.Getenv("AULABOT_CONFIG")
	if data == "" {
		data = "aulabot.db"
	}
	v := url.Values{}
	for _, f := range []struct{ name, usage string }{
		{"university", "university id, or all (each university beside the median of the others)"},
		{"from", "first day of the period, YYYY-MM-DD, in the university's time zone"},
		{"to", "first day after the period, YYYY-MM-DD (the period is [from, to))"},
		{"format", "md (default), csv, xlsx or png"},
		{"lang", "language of the labels: es or en (default: the configuration's)"},
	} {
		fs.Func(f.name, f.usage, func(s string) error { v.Set(f.name, s); return nil })
	}
	out := fs.String("out", "", "file to write (default: standard output for md and csv, report-ID-FROM-TO.FORMAT for xlsx and png)")
	noNames := fs.Bool("no-names", false, "leave every person's name out")
	fs.StringVar(&data, "data", data, "bbolt database file")
	fs.StringVar(&config, "config", config, "YAML configuration (default aulabot.yaml if present, else the built-in demo)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, reportUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, reportUsage)
		return errUsage
	}
	if *noNames {
		v.Set("names", "0")
	}
	req, err := parseReportRequest(v)
	if err != nil {
		fmt.Fprintln(stderr, "aulabot report:", userMessage(err, req.Lang))
		return errUsage
	}
	var b bytes.Buffer
	if err := readReport(ctx, data, config, req, &b); err != nil {
		return errors.New(userMessage(err, req.Lang))
	}
	return writeReport(req, *out, b.Bytes(), stdout)
}

// readReport builds the report from the database at data, or asks the bot
// that holds it.
func readReport(ctx context.Context, data, config string, req reportRequest, w io.Writer) error {
	if _, err := os.Stat(data); err != nil {
		return fmt.Errorf("database %s: %w", data, err)
	}
	local := func(st *store.Store) error {
		cfg, err := loadConfig(config)
		if err != nil {
			return err
		}
		set, _, err := loadSurveys(cfg.SurveysDir(), cfg) // a file with a problem is left out, as serve does
		if err != nil {
			return err
		}
		return buildReport(st, cfg, set, req, time.Now(), w)
	}
	return fromStoreOrBot(ctx, data, "/report?"+req.values().Encode(), local,
		func(r io.Reader) error { _, err := io.Copy(w, r); return err })
}

// writeReport writes the rendered report to out, to stdout (md and csv
// without --out), or to a file named after the report (xlsx and png).
func writeReport(req reportRequest, out string, b []byte, stdout io.Writer) error {
	if out == "" && (req.Format == "md" || req.Format == "csv") {
		_, err := stdout.Write(b)
		return err
	}
	if out == "" {
		out = fmt.Sprintf("report-%s-%s-%s.%s", req.University, req.From, req.To, req.Format)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	fmt.Fprintf(stdout, "report written to %s (%d bytes)\n", out, len(b))
	return nil
}

// serveReport answers GET /report on the control socket: the same
// request as the command's flags, built by the running bot with its
// configuration. Bad requests and reports that cannot be built get 4xx
// and one line; nothing is rendered inside the read transaction.
func (m *Main) serveReport(w http.ResponseWriter, r *http.Request) {
	req, err := parseReportRequest(r.URL.Query())
	if err != nil {
		http.Error(w, userMessage(err, req.Lang), http.StatusBadRequest)
		return
	}
	var b bytes.Buffer
	if err := buildReport(m.Store, m.Config, m.Surveys, req, m.Now(), &b); err != nil {
		code := map[string]int{aulabot.ENOTFOUND: http.StatusNotFound, aulabot.EFORBIDDEN: http.StatusForbidden,
			aulabot.EINVALID: http.StatusBadRequest}[aulabot.ErrorCode(err)]
		if code == 0 {
			m.Log.Error("report", "err", err)
			code = http.StatusInternalServerError
		}
		http.Error(w, userMessage(err, req.Lang), code)
		return
	}
	w.Header().Set("Content-Type", contentTypes[req.Format])
	_, _ = w.Write(b.Bytes())
}
