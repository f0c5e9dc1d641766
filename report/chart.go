package report

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// The charts' image: one chart per area, stacked, to be read on a phone
// by scrolling: 1080 pixels wide (a phone's screen), each chart 720
// high, at 96 dots per inch, with large text.
const (
	ChartWidth       = 1080
	ChartHeight      = 720
	chartDPI         = 96
	chartTitleSize   = 30
	chartLabelSize   = 22
	chartTickSize    = 20
	chartLegendSize  = 20
	chartsPerPicture = 4
)

// Colours of the Okabe-Ito palette, told apart by people with every kind
// of colour blindness; no chart has more than four series.
var (
	colBlue      = color.RGBA{0x00, 0x72, 0xB2, 0xFF}
	colSky       = color.RGBA{0x56, 0xB4, 0xE9, 0xFF}
	colGreen     = color.RGBA{0x00, 0x9E, 0x73, 0xFF}
	colOrange    = color.RGBA{0xE6, 0x9F, 0x00, 0xFF}
	colVermilion = color.RGBA{0xD5, 0x5E, 0x00, 0xFF}
)

// Palette is the colours the charts draw with.
var Palette = []color.RGBA{colBlue, colSky, colGreen, colOrange, colVermilion}

// series is one series of a chart: its label's catalogue key, colour and
// a value per week.
type series struct {
	key   string
	col   color.RGBA
	value func(Week) float64
}

// PNG draws r's weekly charts as one PNG image, ChartWidth wide and
// ChartHeight high per chart, titles and labels in lang: tickets opened
// per week by their state now (stacked), business time to resolution per
// week (median and 90th percentile), knowledge-base answers per week by
// outcome (stacked), mentoring seats taken, attended and missed per week.
func PNG(w io.Writer, r *Report, tr Texts, lang string) error {
	t := func(key string) string { return tr.T(lang, key) }
	charts := []*plot.Plot{
		r.bars(t, lang, "report.chart_tickets", "report.axis_tickets", []series{
			{"report.state_open", colVermilion, func(w Week) float64 { return float64(w.Tickets[0]) }},
			{"report.state_claimed", colOrange, func(w Week) float64 { return float64(w.Tickets[1]) }},
			{"report.state_resolved", colSky, func(w Week) float64 { return float64(w.Tickets[2]) }},
			{"report.state_closed", colBlue, func(w Week) float64 { return float64(w.Tickets[3]) }},
		}),
		r.lines(t, lang, "report.chart_resolution", "report.axis_hours", []series{
			{"report.part_median", colBlue, func(w Week) float64 { return w.Resolution.Median.Hours() }},
			{"report.part_p90", colVermilion, func(w Week) float64 { return w.Resolution.P90.Hours() }},
		}, func(w Week) bool { return w.Resolution.N > 0 }),
		r.bars(t, lang, "report.chart_kb", "report.axis_questions", []series{
			{"report.l_kb_answered", colGreen, func(w Week) float64 { return float64(w.Answered) }},
			{"report.l_kb_suggested", colSky, func(w Week) float64 { return float64(w.Suggested) }},
			{"report.l_kb_unknown", colVermilion, func(w Week) float64 { return float64(w.Unknown) }},
		}),
		r.lines(t, lang, "report.chart_mentoring", "report.axis_seats", []series{
			{"report.l_mentoring_booked", colBlue, func(w Week) float64 { return float64(w.Booked) }},
			{"report.l_mentoring_attended", colGreen, func(w Week) float64 { return float64(w.Attended) }},
			{"report.l_mentoring_noshow", colVermilion, func(w Week) float64 { return float64(w.NoShow) }},
		}, nil),
	}
	img := vgimg.NewWith(vgimg.UseWH(vg.Length(ChartWidth)*vg.Inch/chartDPI, vg.Length(ChartHeight*len(charts))*vg.Inch/chartDPI), vgimg.UseDPI(chartDPI))
	dc := draw.New(img)
	pad := vg.Points(12)
	grid := make([][]*plot.Plot, len(charts))
	for i, c := range charts {
		grid[i] = []*plot.Plot{c}
	}
	tiles := plot.Align(grid, draw.Tiles{Rows: len(charts), Cols: 1, PadTop: pad, PadBottom: pad, PadLeft: pad, PadRight: pad, PadY: pad * 2}, dc)
	for i, c := range charts {
		c.Draw(tiles[i][0])
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(w); err != nil {
		return fmt.Errorf("report: png: %w", err)
	}
	return nil
}

// chart is an empty chart with r's week labels and large text.
func (r *Report) chart(t func(string) string, lang, title, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = t(title)
	p.Title.TextStyle.Font.Size = vg.Points(chartTitleSize)
	p.Title.Padding = vg.Points(10)
	who := r.Name
	if r.University == All {
		who = t("report.all")
	} else if who == "" {
		who = strings.ToUpper(r.University)
	}
	p.X.Label.Text = t("report.axis_week") + " · " + who
	p.Y.Label.Text = t(yLabel)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(chartLabelSize)
		a.Tick.Label.Font.Size = vg.Points(chartTickSize)
		a.LineStyle.Width = vg.Points(1.5)
	}
	p.Legend.TextStyle.Font.Size = vg.Points(chartLegendSize)
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		st.Font.Variant = "Sans"
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.ThumbnailWidth = vg.Points(28)
	p.Add(plotter.NewGrid())
	labels := make([]string, len(r.Weeks))
	for i, w := range r.Weeks {
		labels[i] = shortDate(w.From, lang)
		if len(r.Weeks) > 10 && i%2 == 1 {
			labels[i] = "" // every other week, so labels do not collide
		}
	}
	p.NominalX(labels...)
	p.X.Min, p.X.Max = -0.5, float64(len(r.Weeks))-0.5
	p.Y.Min = 0
	p.Y.Tick.Marker = wholeTicks{}
	return p
}

// bars is a chart of stacked bars, one bar per week.
func (r *Report) bars(t func(string) string, lang, title, yLabel string, ss []series) *plot.Plot {
	p := r.chart(t, lang, title, yLabel)
	// The plotting area is about four fifths of the image's width; each
	// bar takes three fifths of its week.
	width := vg.Length(ChartWidth) * vg.Inch / chartDPI * 0.8 * 0.6 / vg.Length(max(len(r.Weeks), 1))
	var below *plotter.BarChart
	top := 0.0
	totals := make([]float64, len(r.Weeks))
	for _, s := range ss {
		vs := make(plotter.Values, len(r.Weeks))
		for i, w := range r.Weeks {
			vs[i] = s.value(w)
			totals[i] += vs[i]
			top = max(top, totals[i])
		}
		b, err := plotter.NewBarChart(vs, width)
		if err != nil {
			continue // no weeks: an empty chart
		}
		b.Color, b.LineStyle.Width = s.col, 0
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
		p.Legend.Add(t(s.key), b)
	}
	p.Y.Max = headroom(top)
	return p
}

// lines is a chart of lines with points, one point per week (weeks where
// has is false have none).
func (r *Report) lines(t func(string) string, lang, title, yLabel string, ss []series, has func(Week) bool) *plot.Plot {
	p := r.chart(t, lang, title, yLabel)
	top := 0.0
	for k, s := range ss {
		var xys plotter.XYs
		for i, w := range r.Weeks {
			if has == nil || has(w) {
				xys = append(xys, plotter.XY{X: float64(i), Y: s.value(w)})
				top = max(top, s.value(w))
			}
		}
		if len(xys) == 0 {
			continue
		}
		l, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			continue
		}
		l.Color, l.Width = s.col, vg.Points(4)
		pts.Color, pts.Radius, pts.Shape = s.col, vg.Points(11-2.75*float64(k)), lineGlyphs[k%len(lineGlyphs)]
		if k > 0 {
			l.Dashes = []vg.Length{vg.Points(14), vg.Points(7)}
		}
		p.Add(l, pts)
		p.Legend.Add(t(s.key), l, pts)
	}
	p.Y.Max = headroom(top)
	return p
}

// lineGlyphs are the shapes of a lines chart's points, one per series in
// turn, each drawn smaller than the one before and the lines after the
// first dashed: where series have the same value (a median equal to its
// 90th percentile, as many attended as missed) every one still shows,
// which one circle each, drawn over one another, did not.
var lineGlyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}}

// headroom is the top of a chart's axis: room above the highest value
// for the legend, and at least 1.
func headroom(top float64) float64 { return max(1, top*1.35) }

// wholeTicks marks an axis at whole numbers, about five of them: counts
// of people and tickets have no fractions.
type wholeTicks struct{}

// Ticks implements plot.Ticker.
func (wholeTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1.0
	for step*6 < hi-lo {
		switch d := step / math.Pow(10, math.Floor(math.Log10(step))); d {
		case 2:
			step *= 2.5 // 2 -> 5
		default:
			step *= 2 // 1 -> 2, 5 -> 10
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ticks
}

// shortDate is a week's label: "2 mar" in Spanish, "Mar 2" in English.
func shortDate(d Date, lang string) string {
	if lang == aulabot.LangEN {
		return fmt.Sprintf("%s %d", i18n.Month(lang, d.Month), d.Day)
	}
	return fmt.Sprintf("%d %s", d.Day, i18n.Month(lang, d.Month))
}
