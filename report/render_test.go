package report

import (
	"bytes"
	"encoding/csv"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"
)

// catalogue is the handlers' catalogue files, read as the bot reads them
// (the report package cannot import handlers, which will import it); it
// records every key asked for that it lacks.
type catalogue struct {
	texts   map[string]map[string]string
	mu      sync.Mutex
	missing map[string]bool
}

func loadCatalogue(t testing.TB) *catalogue {
	t.Helper()
	files, err := filepath.Glob("../i18n/locales/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("catalogue files: %v", err)
	}
	c := &catalogue{texts: map[string]map[string]string{}, missing: map[string]bool{}}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]map[string]any
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, v := range m {
			c.texts[k] = map[string]string{}
			for lang, text := range v {
				if forms, ok := text.(map[string]any); ok {
					text = forms["other"] // a plural: {one, other}
				}
				c.texts[k][lang], _ = text.(string)
			}
		}
	}
	return c
}

func (c *catalogue) T(lang, key string, args ...any) string {
	s, ok := c.texts[key][lang]
	if !ok {
		c.mu.Lock()
		c.missing[key] = true
		c.mu.Unlock()
		return key
	}
	return s
}

func (c *catalogue) check(t testing.TB) {
	t.Helper()
	for k := range c.missing {
		t.Errorf("the catalogue lacks %s", k)
	}
}

// richReport is the report of TestReport_Helpdesk's, _Mentoring's and
// _KB's data together, built by unma's coordinator.
func richReport(t testing.TB) *Report {
	e := newEnv(t)
	helpdeskData(e)
	mentoringData(e)
	kbData(e)
	e.now = at(time.March, 20, 9, 0)
	return e.mustBuild("unma", march2, march16, coordUNMA)
}

func render(t testing.TB, r *Report, c *catalogue, lang string, f func(w *bytes.Buffer, r *Report, tr Texts, lang string) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b, r, c, lang); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// docs writes the charts of BenchmarkReport's term to
// docs/report-charts.png, the README's picture: go test ./report -run
// TestPNG -docs.
var docs = flag.Bool("docs", false, "write docs/report-charts.png")

func TestMarkdown(t *testing.T) {
	r := richReport(t)
	c := loadCatalogue(t)
	en := string(render(t, r, c, "en", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return Markdown(b, r, tr, l) }))
	for _, want := range []string{
		"# Report: Universidad Nacional de Montealto\n",
		"Period: 2026-03-02 – 2026-03-15 (14 days) · compared with: 2026-02-16 – 2026-03-01 · built on 2026-03-20 09:00\n",
		"## The figures that matter\n",
		"| People active | 12 | 10 | +2 (+20%) |\n",
		"| Questions asked | 7 | 1 | +6 (+600%) |\n",
		"| Answered directly | 29% | 100% | −71 pp |\n",
		"| Tickets opened | 6 | 1 | +5 (+500%) |\n",
		"| Claimed before the reminder | 40% | 0% | +40 pp |\n",
		"| Median time to resolution (business hours) | 3 h 30 min | — | — |\n",
		"| Mentoring seats taken | 78% | — | — |\n",
		"| Mentoring attendance | 75% | — | — |\n",
		"| Time to first claim — median | 38 min | — | — |\n",
		"| Time to first claim — 90th percentile | 5 h 50 min | — | — |\n",
		"| Opened in the period — teachers |",
		"| Tickets opened — LMS access | 2 | 1 | +1 (+100%) |\n",
		"| Ratings of 5★ | 1 | 0 | +1 |\n",
		"| Mean rating | 4.5 | — | — |\n",
		"1. **2×** cómo subo mi TAREA al aula _(como subo mi tarea)_\n",
		"Also, questions of people who deleted their data: 1\n",
		"| Marta | 2 | 6 | 4 | 2 | 1 | 4.5 |\n",
		"Survey figures are not available yet.",
	} {
		if want == "| Opened in the period — teachers |" {
			want = "| Onboarded in the period — teachers |"
		}
		if !strings.Contains(en, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if strings.Contains(en, "shows no one's name") {
		t.Error("a coordinator's report says it has no names")
	}
	es := string(render(t, r, c, "es", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return Markdown(b, r, tr, l) }))
	for _, want := range []string{"# Informe: Universidad Nacional de Montealto\n", "| Calificación media | 4,5 | — | — |\n", "## Mesa de ayuda\n"} {
		if !strings.Contains(es, want) {
			t.Errorf("Spanish Markdown lacks %q", want)
		}
	}
	c.check(t)
}

// Text people wrote cannot change the Markdown's structure.
func TestMarkdown_Escapes(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":             `a \| b`,
		"<b>x</b>":          "&lt;b&gt;x&lt;/b&gt;",
		"# title\n* item":   `\# title \* item`,
		"[link](http://x)":  `\[link\](http://x)`,
		"under_score`code`": "under\\_score\\`code\\`",
	} {
		if got := mdEscape(in); got != want {
			t.Errorf("mdEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSV(t *testing.T) {
	r := richReport(t)
	c := loadCatalogue(t)
	recs, err := csv.NewReader(bytes.NewReader(render(t, r, c, "en", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return CSV(b, r, tr, l) }))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, rec := range recs {
		rows[rec[0]+"/"+rec[1]+"/"+rec[2]] = rec
	}
	for key, want := range map[string][]string{
		"area/figure/part":               {"area", "figure", "part", "label", "value", "previous", "unit"},
		"headline/kb_asked/":             {"headline", "kb_asked", "", "Questions asked", "7", "1", "count"},
		"helpdesk/to_resolve/median":     {"helpdesk", "to_resolve", "median", "Time to resolution — median", "210", "", "minutes"},
		"helpdesk/within_reminder/":      {"helpdesk", "within_reminder", "", "Claimed before the claim reminder", "0.4", "0", "share"},
		"helpdesk/opened/video":          {"helpdesk", "opened", "video", "Tickets opened — video conference", "1", "0", "count"},
		"mentoring/rating_mean/":         {"mentoring", "rating_mean", "", "Mean rating", "4.5", "", "rating"},
		"people/onboarded/teacher":       {"people", "onboarded", "teacher", "Onboarded in the period — teachers", "0", "0", "count"},
		"helpdesk/within_reminder/limit": {"helpdesk", "within_reminder", "limit", "Claimed before the claim reminder — limit", "30", "30", "minutes"},
	} {
		if got := rows[key]; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %s = %q, want %q", key, got, want)
		}
	}
	c.check(t)
}

func TestXLSX(t *testing.T) {
	r := richReport(t)
	c := loadCatalogue(t)
	f, err := excelize.OpenReader(bytes.NewReader(render(t, r, c, "es", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return XLSX(b, r, tr, l) })))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Resumen", "Base de conocimiento", "Mesa de ayuda", "Aula virtual", "Mentorías", "Formaciones en directo", "Personas", "Preguntas", "Tickets", "Reservas"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tt := range []struct{ sheet, ref, want string }{
		{"Resumen", "A1", "Indicador"},
		{"Resumen", "A5", "Tickets abiertos"},
		{"Resumen", "B5", "6"},
		{"Resumen", "C5", "1"},
		{"Resumen", "D5", "+5 (+500%)"},
		{"Resumen", "B4", "29%"},
		{"Tickets", "A1", "Id"},
		{"Tickets", "A3", "UNMA-2"},
		{"Tickets", "E3", "resolved"},
		{"Tickets", "F3", "2026-03-03 10:00"},
		{"Tickets", "J3", "480"},
		{"Tickets", "O3", "Beto"},
		{"Reservas", "H2", "Marta"},
		{"Preguntas", "F2", "cómo entro al aula"},
	} {
		if got := cell(tt.sheet, tt.ref); got != tt.want {
			t.Errorf("%s!%s = %q, want %q", tt.sheet, tt.ref, got, tt.want)
		}
	}
	for sheet, n := range map[string]int{"Preguntas": len(r.Questions), "Tickets": len(r.Tickets), "Reservas": len(r.Bookings)} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != n+1 || n == 0 {
			t.Errorf("%s has %d rows, want a header and %d", sheet, len(rows), n)
		}
	}
	c.check(t)
}

func TestPNG(t *testing.T) {
	r := richReport(t)
	c := loadCatalogue(t)
	b := render(t, r, c, "en", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return PNG(b, r, tr, l) })
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != (image.Point{ChartWidth, 4 * ChartHeight}) {
		t.Errorf("size = %v, want %dx%d", got, ChartWidth, 4*ChartHeight)
	}
	// Each chart draws its series in the palette's colours.
	for i, cols := range [][]int{{0, 1, 3, 4}, {0, 4}, {2, 1, 4}, {0, 2, 4}} {
		for _, k := range cols {
			if !hasColour(img, i*ChartHeight, (i+1)*ChartHeight, Palette[k]) {
				t.Errorf("chart %d lacks colour %v", i+1, Palette[k])
			}
		}
	}
	c.check(t)
	if *docs {
		e := newEnv(t)
		fillTerm(e)
		e.now = termTo.In(lima).Add(24 * time.Hour)
		r := e.mustBuild("unma", termFrom, termTo, coordUNMA)
		b := render(t, r, c, "en", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return PNG(b, r, tr, l) })
		if err := os.WriteFile("../docs/report-charts.png", b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPNG_SameValuesAllShow: in a week where a lines chart's series have
// the same value (a median equal to its 90th percentile, as many attended
// as missed), each series' colour still shows at the week's point: the
// later ones are drawn smaller, in another shape, over the earlier.
func TestPNG_SameValuesAllShow(t *testing.T) {
	r := &Report{University: "unma", Name: "UNMA", From: Date{2026, time.March, 2}, To: Date{2026, time.March, 8}, Weeks: []Week{{
		From: Date{2026, time.March, 2}, Days: 7,
		Resolution: Durations{N: 2, Median: 3 * time.Hour, P90: 3 * time.Hour},
		Booked:     2, Attended: 2, NoShow: 2,
	}}}
	c := loadCatalogue(t)
	b := render(t, r, c, "en", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return PNG(b, r, tr, l) })
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// The week's point is at the chart's middle, right of the legend.
	mid := image.Rect(ChartWidth/2-60, 0, ChartWidth/2+60, 0)
	for i, cols := range map[int][]int{1: {0, 4}, 3: {0, 2, 4}} {
		area := mid
		area.Min.Y, area.Max.Y = i*ChartHeight, (i+1)*ChartHeight
		for _, k := range cols {
			if !hasColourIn(img, area, Palette[k]) {
				t.Errorf("chart %d's week shows no %v", i+1, Palette[k])
			}
		}
	}
}

func hasColour(img image.Image, y0, y1 int, c interface{ RGBA() (r, g, b, a uint32) }) bool {
	b := img.Bounds()
	return hasColourIn(img, image.Rect(b.Min.X, y0, b.Max.X, y1), c)
}

// hasColourIn reports whether a pixel of img in area has colour c.
func hasColourIn(img image.Image, area image.Rectangle, c interface{ RGBA() (r, g, b, a uint32) }) bool {
	wr, wg, wb, _ := c.RGBA()
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 == wr>>8 && g>>8 == wg>>8 && b>>8 == wb>>8 {
				return true
			}
		}
	}
	return false
}
