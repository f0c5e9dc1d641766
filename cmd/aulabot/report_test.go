package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// fillReport stores two weeks of the demo's unma (2-16 March 2026, Lima):
// three questions, two tickets (one claimed and resolved), a session
// with two seats taken. setNow sets st's clock.
func fillReport(t *testing.T, st *store.Store, setNow func(time.Time)) {
	t.Helper()
	lima, err := time.LoadLocation("America/Lima")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, lima) }
	do := func(when time.Time, fn func(tx *store.Tx) error) {
		t.Helper()
		setNow(when)
		if err := st.Update(fn); err != nil {
			t.Fatal(err)
		}
	}
	for i, outcome := range []string{aulabot.OutcomeAnswer, aulabot.OutcomeAnswer, aulabot.OutcomeNone} {
		do(at(3+i, 10), func(tx *store.Tx) error {
			_, err := tx.AddQuestion(aulabot.Question{UserID: int64(9001 + i), University: "unma", Text: "¿cómo subo mi tarea?", Outcome: outcome})
			return err
		})
	}
	var slot aulabot.Slot
	do(at(1, 9), func(tx *store.Tx) (err error) {
		slot, err = tx.CreateSlot("unma", 4001, "Marta", aulabot.NewSlot{Start: at(10, 15).UTC(), Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 4})
		return err
	})
	for _, who := range []int64{9001, 9002} {
		do(at(4, 9), func(tx *store.Tx) error {
			_, err := tx.BookSlot(slot.ID, aulabot.User{ID: who, Name: "Persona", University: "unma"}, aulabot.BookingRules{})
			return err
		})
	}
	var id string
	do(at(5, 10), func(tx *store.Tx) error {
		tk, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: 9003, Category: aulabot.CategoryLMS, Description: "no entro"}, 0)
		id = tk.ID
		return err
	})
	do(at(6, 10), func(tx *store.Tx) error {
		_, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: 9004, Category: aulabot.CategoryVideo, Description: "sin audio"}, 0)
		return err
	})
	do(at(5, 11), func(tx *store.Tx) error { _, err := tx.ClaimTicket(id, 3001, "Ana"); return err })
	do(at(5, 14), func(tx *store.Tx) error { _, err := tx.ResolveTicket(id, 3001, "Ana"); return err })
}

// reportDB is a database with fillReport's data, no bot holding it.
func reportDB(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "aulabot.db")
	st, err := store.Open(p, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	var now time.Time
	st.Now = func() time.Time { return now }
	fillReport(t, st, func(t time.Time) { now = t })
	st.Close()
	return p
}

func runReport(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"report"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

var period = []string{"--university", "unma", "--from", "2026-03-02", "--to", "2026-03-16"}

// The headline of fillReport's data, as the Markdown shows it.
var wantHeadline = []string{
	"# Report: Universidad Nacional de Montealto\n",
	"| People active | 4 | 0 | +4 |\n",
	"| Questions asked | 3 | 0 | +3 |\n",
	"| Answered directly | 67% | — | — |\n",
	"| Tickets opened | 2 | 0 | +2 |\n",
	"| Median time to resolution (business hours) | 4 h | — | — |\n",
	"| Mentoring seats taken | 50% | — | — |\n",
	"| Marta | 1 | 4 | 2 | 0 | 0 | — |\n",
}

func checkHeadline(t *testing.T, md string) {
	t.Helper()
	for _, want := range wantHeadline {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}

// "aulabot report" reads a database no bot holds, in every format.
func TestReportCmd(t *testing.T) {
	data := reportDB(t)
	dir := t.TempDir()

	code, md, errs := runReport(t, append(period, "--data", data, "--lang", "en")...)
	if code != 0 {
		t.Fatalf("md: exit %d: %s", code, errs)
	}
	checkHeadline(t, md)

	code, out, errs := runReport(t, append(period, "--data", data, "--lang", "en", "--no-names")...)
	if code != 0 || strings.Contains(out, "Marta") || !strings.Contains(out, "| Mentor 1 | 1 | 4 | 2 |") {
		t.Errorf("--no-names: exit %d, %s\n%s", code, errs, out)
	}

	code, out, errs = runReport(t, append(period, "--data", data, "--format", "csv")...)
	if code != 0 {
		t.Fatalf("csv: exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 50 || strings.Join(recs[2], ",") != "headline,kb_asked,,Preguntas recibidas,3,0,count" {
		t.Errorf("csv: %v, %d rows, row 2 %q", err, len(recs), recs[min(2, len(recs)-1)])
	}

	xlsx := filepath.Join(dir, "r.xlsx")
	if code, out, errs := runReport(t, append(period, "--data", data, "--format", "xlsx", "--out", xlsx)...); code != 0 || !strings.Contains(out, xlsx) {
		t.Fatalf("xlsx: exit %d: %s %s", code, out, errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Resumen,Base de conocimiento,Mesa de ayuda,Aula virtual,Mentorías,Formaciones en directo,Personas,Encuestas,Preguntas,Tickets,Reservas" {
		t.Errorf("sheets = %s", got)
	}
	if v, _ := f.GetCellValue("Tickets", "A2"); v != "UNMA-1" {
		t.Errorf("Tickets!A2 = %q", v)
	}
	if rows, _ := f.GetRows("Reservas"); len(rows) != 3 {
		t.Errorf("%d rows of bookings, want a header and 2", len(rows))
	}

	t.Chdir(dir)
	if code, out, errs := runReport(t, append(period, "--data", data, "--format", "png")...); code != 0 || !strings.Contains(out, "report-unma-2026-03-02-2026-03-16.png") {
		t.Fatalf("png: exit %d: %s %s", code, out, errs)
	}
	pf, err := os.Open(filepath.Join(dir, "report-unma-2026-03-02-2026-03-16.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	img, err := png.Decode(pf)
	if err != nil {
		t.Fatal(err)
	}
	if s := img.Bounds().Size(); s.X != 1080 || s.Y != 4*720 {
		t.Errorf("png is %v, want 1080x2880", s)
	}
}

// Bad input gets one clear line and exit 2 (the command line) or 1 (what
// the data says); nothing is written.
func TestReportCmd_Errors(t *testing.T) {
	data := reportDB(t)
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"dates in the wrong order", []string{"--university", "unma", "--from", "2026-03-16", "--to", "2026-03-02"}, 2,
			"aulabot report: The period must end after it starts: 2026-03-16 is not before 2026-03-02.\n"},
		{"a date in another format", []string{"--university", "unma", "--from", "02/03/2026", "--to", "2026-03-16"}, 2,
			"aulabot report: The date 02/03/2026 is not valid: use YYYY-MM-DD, for example 2026-03-02.\n"},
		{"an unknown university", []string{"--university", "nope", "--from", "2026-03-02", "--to", "2026-03-16"}, 1,
			"aulabot: There is no university nope.\n"},
		{"a period with no data", []string{"--university", "unma", "--from", "2025-03-02", "--to", "2025-03-16"}, 1,
			"aulabot: There is no data from 2025-03-02 to 2025-03-15: nobody asked, reported, booked or onboarded.\n"},
		{"no university", []string{"--from", "2026-03-02", "--to", "2026-03-16"}, 2,
			"aulabot report: --university is missing: give a university id, or all\n"},
		{"an unknown format", append(period, "--format", "pdf"), 2, "aulabot report: --format \"pdf\": use md, csv, xlsx or png\n"},
		{"a period too long", []string{"--university", "all", "--from", "2025-01-01", "--to", "2026-03-16"}, 2,
			"aulabot report: The period has 439 days; a report covers at most 366.\n"},
		{"no database", append(period, "--data", filepath.Join(dir, "none.db")), 1, "none.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--data", data, "--out", filepath.Join(dir, "r.md"), "--lang", "en"}, tt.args...)
			code, out, errs := runReport(t, args...)
			if code != tt.code || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 || out != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want %d and %q", code, errs, out, tt.code, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "r.md")); err == nil {
				t.Error("a report was written")
			}
		})
	}
}

// While a bot runs, "aulabot report" asks it through its control socket
// and gets the same report; its errors are the same lines.
func TestReportCmd_Running(t *testing.T) {
	h := newHarness(t, nil)
	ctl, err := h.M.listenControl()
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.Close()
	fillReport(t, h.M.Store, h.SetNow)
	h.SetNow(time.Time{}) // the bot's clock is real time again
	code, md, errs := runReport(t, append(period, "--data", h.Data, "--lang", "en")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	checkHeadline(t, md)
	code, _, errs = runReport(t, "--data", h.Data, "--lang", "en", "--university", "nope", "--from", "2026-03-02", "--to", "2026-03-16")
	if code != 1 || errs != "aulabot: There is no university nope.\n" {
		t.Errorf("unknown university: exit %d, %q", code, errs)
	}
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "r.xlsx")
	if code, _, errs := runReport(t, append(period, "--data", h.Data, "--format", "xlsx", "--out", xlsx)...); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Tickets", "A2"); v != "UNMA-1" {
		t.Errorf("Tickets!A2 = %q", v)
	}
}
