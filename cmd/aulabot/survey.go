package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

const surveyUsage = `usage:
  aulabot survey check   [--dir DIR] [--config FILE]
  aulabot survey results --series S [--university ID] [--format md|csv|json] [--data aulabot.db] [--config FILE] [--dir DIR]
Without --dir the configuration's surveys: folder is used, or the built-in
surveys. results reads the database directly, or asks the bot that runs on
it through its control socket.
`

// builtinSurveys names the embedded survey files in messages.
const builtinSurveys = "built-in surveys"

// loadSurveys loads the survey files of dir ("" for the built-in ones),
// with file names that an editor can open, and checks universities
// against cfg (nil: not checked).
func loadSurveys(dir string, cfg *aulabot.Config) (*survey.Set, []survey.Problem, error) {
	fsys, prefix := survey.Builtin(), builtinSurveys
	if dir != "" {
		fi, err := os.Stat(dir)
		if err != nil {
			return nil, nil, err
		}
		if !fi.IsDir() {
			return nil, nil, fmt.Errorf("%s is not a folder", dir)
		}
		fsys, prefix = os.DirFS(dir), dir
	}
	var known func(string) bool
	if cfg != nil {
		known = func(u string) bool { _, ok := cfg.University(u); return ok }
	}
	set, probs, err := survey.Load(fsys, ".", known)
	if err != nil {
		return nil, nil, err
	}
	name := func(f string) string {
		if dir == "" {
			return path.Join(prefix, f)
		}
		return filepath.Join(prefix, filepath.FromSlash(f))
	}
	for _, s := range set.All() {
		s.File = name(s.File)
	}
	for i := range probs {
		probs[i].File = name(probs[i].File)
	}
	return set, probs, nil
}

// openSurveys loads the configured surveys at start-up: a survey with a
// problem is logged and left out, the others are loaded. The database
// then refuses a file that would switch anonymity off or move a survey
// to another series once answered (an error that stops start-up).
func (m *Main) openSurveys() error {
	set, probs, err := loadSurveys(m.Config.SurveysDir(), m.Config)
	if err != nil {
		return fmt.Errorf("surveys: %w", err)
	}
	for _, p := range probs {
		m.Log.Warn("survey left out", "problem", p.String())
	}
	warnings, err := m.Store.CheckSurveys(set.All())
	if err != nil {
		return err
	}
	for _, w := range warnings {
		m.Log.Warn("survey changed since it was answered", "at", w)
	}
	m.Surveys = set
	return nil
}

// runSurvey runs "aulabot survey ..." and returns the exit code: 0 ok, 1
// problems found or a failure, 2 bad usage.
func runSurvey(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, surveyUsage)
		return 2
	}
	switch args[0] {
	case "check":
		return surveyCheck(args[1:], stdout, stderr)
	case "results":
		return surveyResults(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, surveyUsage)
		return 0
	}
	fmt.Fprintf(stderr, "aulabot survey: unknown command %q\n%s", args[0], surveyUsage)
	return 2
}

// surveyFlags are the flags both subcommands take.
type surveyFlags struct {
	set    *flag.FlagSet
	dir    string
	config string
}

func newSurveyFlags(name string, stderr io.Writer) *surveyFlags {
	f := &surveyFlags{set: flag.NewFlagSet("aulabot survey "+name, flag.ContinueOnError)}
	f.set.SetOutput(stderr)
	f.set.Usage = func() { fmt.Fprint(stderr, surveyUsage) }
	f.set.StringVar(&f.dir, "dir", "", "folder of survey files (default: the configuration's surveys:, else built-in)")
	f.set.StringVar(&f.config, "config", os.Getenv("AULABOT_CONFIG"), "YAML configuration (default aulabot.yaml if present)")
	return f
}

// parse parses args; false (usage printed) on a mistake.
func (f *surveyFlags) parse(args []string, stderr io.Writer) bool {
	if err := f.set.Parse(args); err != nil {
		return false
	}
	if f.set.NArg() > 0 {
		fmt.Fprintf(stderr, "aulabot %s: unexpected argument %q\n%s", f.set.Name()[len("aulabot "):], f.set.Arg(0), surveyUsage)
		return false
	}
	return true
}

// load finds the configuration (nil for the demo: its universities are
// not the user's) and loads the surveys.
func (f *surveyFlags) load() (*aulabot.Config, *survey.Set, []survey.Problem, error) {
	cfg, err := loadConfig(f.config)
	if err != nil {
		return nil, nil, nil, err
	}
	if cfg.File == aulabot.DemoFile {
		cfg = nil
	}
	dir := f.dir
	if dir == "" && cfg != nil {
		dir = cfg.SurveysDir()
	}
	set, probs, err := loadSurveys(dir, cfg)
	return cfg, set, probs, err
}

func surveyCheck(args []string, stdout, stderr io.Writer) int {
	f := newSurveyFlags("check", stderr)
	if !f.parse(args, stderr) {
		return 2
	}
	_, set, probs, err := f.load()
	if err != nil {
		fmt.Fprintf(stderr, "aulabot survey check: %v\n", err)
		return 2
	}
	for _, p := range probs {
		fmt.Fprintln(stdout, p.String())
	}
	if len(probs) > 0 {
		fmt.Fprintf(stderr, "%d problem(s)\n", len(probs))
		return 1
	}
	var series []string
	for _, id := range set.SeriesIDs() {
		var waves []string
		for _, s := range set.Series(id) {
			waves = append(waves, or(s.Wave, s.ID))
		}
		series = append(series, fmt.Sprintf("%s (%s)", id, strings.Join(waves, ", ")))
	}
	fmt.Fprintf(stdout, "ok: %d surveys; series: %s\n", len(set.All()), strings.Join(series, "; "))
	return 0
}

// or is a, or b if a is empty.
func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func surveyResults(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f := newSurveyFlags("results", stderr)
	series := f.set.String("series", "", "the series (or a survey without one) to compute")
	university := f.set.String("university", "", "only this university")
	format := f.set.String("format", "md", "md, csv or json")
	data := os.Getenv("AULABOT_DATA")
	if data == "" {
		data = "aulabot.db"
	}
	f.set.StringVar(&data, "data", data, "bbolt database file")
	if !f.parse(args, stderr) {
		return 2
	}
	render, ok := surveyRenderers[*format]
	if !ok || *series == "" {
		fmt.Fprintf(stderr, "aulabot survey results: give --series and a --format of md, csv or json\n%s", surveyUsage)
		return 2
	}
	res, err := readResults(ctx, f, data, *series, *university)
	if err == nil {
		err = render(stdout, res)
	}
	if err != nil {
		fmt.Fprintf(stderr, "aulabot survey results: %v\n", err)
		return 1
	}
	return 0
}

// readResults computes the results from the database when no bot holds
// it, or asks the bot that does.
func readResults(ctx context.Context, f *surveyFlags, data, series, university string) (*survey.Results, error) {
	if _, err := os.Stat(data); err != nil {
		return nil, fmt.Errorf("database %s: %w", data, err)
	}
	var res *survey.Results
	local := func(st *store.Store) error {
		cfg, set, probs, err := f.load()
		if err != nil {
			return err
		}
		if len(probs) > 0 {
			return fmt.Errorf("the survey files have problems (aulabot survey check): %s", probs[0])
		}
		res, err = computeResults(st, set, cfg, series, university)
		return err
	}
	q := url.Values{"series": {series}, "university": {university}}
	err := fromStoreOrBot(ctx, data, "/survey/results?"+q.Encode(), local,
		func(r io.Reader) error { res = new(survey.Results); return json.NewDecoder(r).Decode(res) })
	return res, err
}

// computeResults computes series (with cfg's universities, if any, in
// their order) or says which series there are.
func computeResults(src survey.Source, set *survey.Set, cfg *aulabot.Config, series, university string) (*survey.Results, error) {
	waves := set.Series(series)
	if len(waves) == 0 {
		return nil, fmt.Errorf("no survey series %q (there are: %s)", series, strings.Join(set.SeriesIDs(), ", "))
	}
	opt := survey.Options{University: university}
	if cfg != nil {
		if _, ok := cfg.University(university); university != "" && !ok {
			return nil, fmt.Errorf("no university %q in %s", university, cfg.File)
		}
		for _, u := range cfg.Universities {
			opt.Universities = append(opt.Universities, u.ID)
		}
	}
	return survey.Compute(src, waves, opt)
}

// surveyHandlers is what the survey handlers need: the loaded surveys and
// the results computed as "aulabot survey results" computes them.
func (m *Main) surveyHandlers() handlers.Surveys {
	return handlers.Surveys{Set: m.Surveys, Results: func(series, university string) (*survey.Results, error) {
		return computeResults(m.Store, m.Surveys, m.Config, series, university)
	}}
}

// serveSurveyResults answers GET /survey/results on the control socket
// with the results as JSON, computed with the surveys the bot loaded.
func (m *Main) serveSurveyResults(w http.ResponseWriter, r *http.Request) {
	res, err := computeResults(m.Store, m.Surveys, m.Config, r.URL.Query().Get("series"), r.URL.Query().Get("university"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(res)
}
