package handlers_test

import (
	"bytes"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

var (
	repCoordA = htest.Person(5001, "en") // coordinates unma
	repCoordB = htest.Person(5101, "en") // coordinates unvs
	repAdmin  = htest.Person(1001, "en")
)

// reportData stores a week of both demo universities (Monday 2 to Sunday
// 8 March 2026, Lima) with names that must not travel: in each, a teacher
// asks two questions (one answered), reports a ticket that a technician
// claims, and books a mentor's group session. The clock ends on Tuesday
// 10 March.
func reportData(t *testing.T, e *htest.Env) {
	t.Helper()
	lima, _ := time.LoadLocation("America/Lima")
	type uni struct {
		id, teacher, mentor, desc string
		person, mentorID, tech    int64
	}
	for i, u := range []uni{
		{"unma", "Ana Alpaca", "Marta Montes", "moodle A no carga", 7101, 4001, 3001},
		{"unvs", "Beatriz Sur", "Bruno Valle", "SECRETO-B no abre", 7201, 4101, 3101},
	} {
		at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour+i, 0, 0, 0, lima) }
		do := func(when time.Time, fn func(tx *store.Tx) error) {
			t.Helper()
			setClock(e, when)
			if err := e.Store.Update(fn); err != nil {
				t.Fatal(err)
			}
		}
		teacher := aulabot.User{ID: u.person, Name: u.teacher, University: u.id, Role: aulabot.RoleTeacher, Lang: "es"}
		do(at(2, 9), func(tx *store.Tx) error {
			teacher.ConsentAt = tx.Now()
			return tx.PutUser(teacher)
		})
		for j, outcome := range []string{aulabot.OutcomeAnswer, aulabot.OutcomeNone} {
			do(at(3+j, 10), func(tx *store.Tx) error {
				_, err := tx.AddQuestion(aulabot.Question{UserID: u.person, University: u.id, Text: u.desc + " pregunta", Outcome: outcome})
				return err
			})
		}
		var slot aulabot.Slot
		do(at(2, 10), func(tx *store.Tx) (err error) {
			slot, err = tx.CreateSlot(u.id, u.mentorID, u.mentor, aulabot.NewSlot{Start: at(6, 15).UTC(), Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 4})
			return err
		})
		do(at(3, 9), func(tx *store.Tx) error {
			_, err := tx.BookSlot(slot.ID, teacher, aulabot.BookingRules{})
			return err
		})
		var id string
		do(at(4, 10), func(tx *store.Tx) error {
			tk, err := tx.CreateTicket(aulabot.Ticket{University: u.id, Requester: u.person, RequesterName: u.teacher, Category: aulabot.CategoryLMS, Description: u.desc}, 0)
			id = tk.ID
			return err
		})
		do(at(4, 11), func(tx *store.Tx) error { _, err := tx.ClaimTicket(id, u.tech, "Tecnico "+u.teacher); return err })
	}
	setClock(e, time.Date(2026, 3, 10, 10, 0, 0, 0, lima))
}

// setClock sets e's clock at t.
func setClock(e *htest.Env, t time.Time) { e.Advance(t.Sub(e.Now())) }

// files are the documents among msgs, by extension.
func files(t *testing.T, msgs []aulabot.Message) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, m := range msgs {
		if m.File != nil {
			out[m.File.Name[strings.LastIndex(m.File.Name, ".")+1:]] = m.File.Data
		}
	}
	return out
}

// workbookText is every cell of every sheet of an xlsx, one per line.
func workbookText(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(s + ": " + strings.Join(r, " | ") + "\n")
		}
	}
	return b.String()
}

// pressButton presses the button of msgs whose text contains label.
func pressButton(t *testing.T, e *htest.Env, from aulabot.Person, msgs []aulabot.Message, label string) []aulabot.Message {
	t.Helper()
	for _, m := range msgs {
		for _, row := range m.Inline {
			for _, b := range row {
				if strings.Contains(b.Text, label) {
					return e.Press(from, 0, int(m.ID), b.Data)
				}
			}
		}
	}
	t.Fatalf("no button %q in %+v", label, msgs)
	return nil
}

// A coordinator's /report: the period buttons of their university, then
// the summary with each figure and its change, the charts as a PNG and
// the workbook as an xlsx, all of their own university only.
func TestReport_Coordinator(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := htest.New(t, nil)
	reportData(t, e)
	msgs := e.Text(repCoordA, 0, "/report")
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Report of Universidad Nacional de Montealto: which period?") {
		t.Fatalf("/report: %+v", msgs)
	}
	msgs = pressButton(t, e, repCoordA, msgs, "Last week")
	if len(msgs) != 3 {
		t.Fatalf("got %d messages, want the summary and two files: %+v", len(msgs), msgs)
	}
	// The chat showed the files on their way while they were made.
	if a := e.Actions(repCoordA.ID); !slices.Contains(a, "upload_document") {
		t.Errorf("chat actions while the report was made: %v", a)
	}
	sum := msgs[0].Text
	for _, want := range []string{
		"📊 <b>Report: Universidad Nacional de Montealto</b>",
		"From Mon 2 Mar to Sun 8 Mar, compared with Mon 23 Feb – Sun 1 Mar:",
		"• Questions asked: <b>2</b> (+2)",
		"• Answered directly: <b>50%</b>\n",
		"• Tickets opened: <b>1</b> (+1)",
		"• Mentoring seats taken: <b>25%</b>\n",
	} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
	// This week so far (htest's clock is a Tuesday) is compared with last
	// week's Monday and Tuesday, not with the weekend before it.
	week := pressButton(t, e, repCoordA, e.Text(repCoordA, 0, "/report"), "This week")
	if !strings.Contains(week[0].Text, "From Mon 9 Mar to Tue 10 Mar, compared with Mon 2 Mar – Tue 3 Mar:") {
		t.Errorf("this week's summary: %q", week[0].Text)
	}
	// Each file says what it is, and the days as the summary does.
	for i, want := range []string{
		"📊 Charts: Universidad Nacional de Montealto, from Mon 2 Mar to Sun 8 Mar",
		"📑 Spreadsheet with every figure (opens in Excel, LibreOffice or Google Sheets): Universidad Nacional de Montealto, from Mon 2 Mar to Sun 8 Mar",
	} {
		if got := msgs[i+1].Text; got != want {
			t.Errorf("file %d's caption is %q, want %q", i+1, got, want)
		}
	}
	f := files(t, msgs)
	img, err := png.Decode(bytes.NewReader(f["png"]))
	if err != nil {
		t.Fatalf("png: %v", err)
	}
	if s := img.Bounds().Size(); s.X != 1080 {
		t.Errorf("png is %v wide, want 1080", s)
	}
	book := workbookText(t, f["xlsx"])
	for _, want := range []string{"UNMA-1", "Marta Montes"} {
		if !strings.Contains(book, want) {
			t.Errorf("the workbook lacks %q:\n%s", want, book)
		}
	}
	// Nothing of the other university, in any of the three.
	for _, leak := range []string{"UNVS", "unvs", "Valle Sur", "Beatriz", "Bruno", "SECRETO"} {
		for name, s := range map[string]string{"summary": sum, "workbook": book, "png name": msgs[1].File.Name + msgs[2].File.Name} {
			if strings.Contains(s, leak) {
				t.Errorf("the %s shows %q", name, leak)
			}
		}
	}
}

// A coordinator never gets another university's report: typed, by a
// forged button, or as "all"; nothing is queued but the refusal.
func TestReport_OtherUniversity(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := htest.New(t, nil)
	reportData(t, e)
	for _, text := range []string{"/report unvs", "/report all", "/report unvs 2026-03-02 2026-03-09"} {
		msgs := e.Text(repCoordA, 0, text)
		if len(msgs) != 1 || msgs[0].File != nil || !strings.Contains(msgs[0].Text, "You may not see the report of") {
			t.Errorf("%s: %+v", text, msgs)
		}
	}
	for _, data := range []string{"rp:p:unvs:lw", "rp:u:unvs", "rp:p:all:lw", "rp:u:all"} {
		msgs := e.Press(repCoordA, 0, 1, data)
		if a := e.LastAnswer(); len(msgs) != 0 || !a.Alert || !strings.Contains(a.Text, "You may not see the report of") {
			t.Errorf("%s: %+v, answer %+v", data, msgs, a)
		}
	}
	// The other university's own coordinator gets it.
	msgs := e.Text(repCoordB, 0, "/report unvs 2026-03-02 2026-03-09")
	if len(msgs) != 3 || !strings.Contains(workbookText(t, files(t, msgs)["xlsx"]), "Bruno Valle") {
		t.Errorf("coordinator of unvs: %+v", msgs)
	}
	// Teachers, technicians and mentors have no /report.
	// (The teacher chose Spanish.)
	for p, want := range map[aulabot.Person]string{htest.Person(7101, "en"): "Solo los coordinadores pueden hacer eso.",
		htest.Person(3001, "en"): "Only coordinators can do that.", htest.Person(4001, "en"): "Only coordinators can do that."} {
		msgs := e.Text(p, 0, "/report")
		if len(msgs) != 1 || msgs[0].Text != want {
			t.Errorf("%d: %+v", p.ID, msgs)
		}
	}
}

// An admin picks any university or all; all puts each university beside
// the median of the others.
func TestReport_AdminAll(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := htest.New(t, nil)
	reportData(t, e)
	msgs := e.Text(repAdmin, 0, "/report")
	var labels []string
	for _, row := range msgs[0].Inline {
		labels = append(labels, row[0].Text)
	}
	if got := strings.Join(labels, ","); got != "Universidad Nacional de Montealto,Universidad Nacional del Valle Sur,All universities" {
		t.Fatalf("university buttons: %s", got)
	}
	msgs = pressButton(t, e, repAdmin, msgs, "All universities")
	if len(msgs) != 1 || msgs[0].EditMessageID == 0 || len(msgs[0].Inline) != 4 {
		t.Fatalf("period buttons: %+v", msgs)
	}
	msgs = pressButton(t, e, repAdmin, msgs, "Last week")
	if len(msgs) != 3 {
		t.Fatalf("%+v", msgs)
	}
	for _, want := range []string{
		"📊 <b>Report: All universities</b>",
		"• Questions asked: <b>4</b> (+4)",
		"<b>Each university</b> (in brackets: the median of the others)",
		"<b>UNMA</b> · Universidad Nacional de Montealto\n  People active: <b>1</b> (others: 1)",
		"<b>UNVS</b> · Universidad Nacional del Valle Sur",
	} {
		if !strings.Contains(msgs[0].Text, want) {
			t.Errorf("summary lacks %q:\n%s", want, msgs[0].Text)
		}
	}
}

// Bad periods, dates and universities get a clear message in the
// sender's language, and nothing else.
func TestReport_BadInput(t *testing.T) {
	e := htest.New(t, nil)
	reportData(t, e)
	tests := []struct{ text, want string }{
		{"/report unma 2026-03-09 2026-03-02", "The period must end after it starts: 2026-03-09 is not before 2026-03-02."},
		{"/report unma 2026-03-09 2026-03-09", "The period must end after it starts"},
		{"/report unma 02/03/2026 2026-03-09", "The date 02/03/2026 is not valid: use YYYY-MM-DD"},
		{"/report unma 2025-01-01 2026-03-09", "The period has 432 days; a report covers at most 366."},
		{"/report unma 2025-03-02 2025-03-09", "There is no data from 2025-03-02 to 2025-03-08"},
		{"/report nope", "There is no university nope."},
		{"/report unma 2026-03-02", "Usage: /report"},
	}
	for _, tt := range tests {
		msgs := e.Text(repCoordA, 0, tt.text)
		if len(msgs) != 1 || msgs[0].File != nil || !strings.Contains(msgs[0].Text, tt.want) {
			t.Errorf("%s: %+v, want %q", tt.text, msgs, tt.want)
		}
	}
	for _, data := range []string{"rp:p:unma:nextyear", "rp:p:unma", "rp:x", "rp:p:unma:lw:extra"} {
		msgs := e.Press(repCoordA, 0, 1, data)
		a := e.LastAnswer()
		if len(msgs) != 0 || !a.Alert || a.Text == "" {
			t.Errorf("%s: %+v, answer %+v", data, msgs, a)
		}
	}
	e.Press(repCoordA, 0, 1, "rp:p:unma:nextyear")
	if a := e.LastAnswer(); a.Text != "That button is no longer valid. Send /start to see the menu." {
		t.Errorf("unknown period: %q", a.Text)
	}
	// In the sender's language.
	msgs := e.Text(htest.Person(5001, "es"), 0, "/report unma 02/03/2026 2026-03-09")
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "La fecha 02/03/2026 no es válida") {
		t.Errorf("in Spanish: %+v", msgs)
	}
}

// The coordinators' main menu has a Reports button that starts /report,
// and their /help tells of /report and /report digest.
func TestReport_MenuButton(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(5001, "en")
	e.Onboard(p, "unma", "teacher")
	out := e.Text(p, 0, "/start")
	found := false
	for _, row := range out[len(out)-1].Keyboard {
		for _, label := range row {
			found = found || label == "📊 Reports"
		}
	}
	if !found {
		t.Fatalf("no Reports button in %v", out[len(out)-1].Keyboard)
	}
	if msgs := e.Text(p, 0, "📊 Reports"); len(msgs) != 1 || !strings.Contains(msgs[0].Text, "which period?") {
		t.Errorf("the button: %+v", msgs)
	}
	if msgs := e.Text(p, 0, "/help"); len(msgs) != 1 || !strings.Contains(msgs[0].Text, "• /report — your university's report") ||
		!strings.Contains(msgs[0].Text, "/report digest — the weekly digest") {
		t.Errorf("/help: %+v", msgs)
	}
}

// A period's name typed under /report's period buttons ("last week", "la
// semana pasada" in either language) sends that report, as its button
// does; ten minutes later the words are read as any. "esta semana" was
// answered from the knowledge base (seen in the sandbox).
func TestReport_PeriodTyped(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := htest.New(t, nil)
	reportData(t, e)
	e.Text(repCoordA, 0, "/start") // greeted: the staff's greeting is not part of what follows
	for _, typed := range []string{"last week", "La semana pasada"} {
		e.Text(repCoordA, 0, "/report")
		msgs := e.Text(repCoordA, 0, typed)
		if len(msgs) != 3 || !strings.Contains(msgs[0].Text, "From Mon 2 Mar to Sun 8 Mar, compared with Mon 23 Feb – Sun 1 Mar:") {
			t.Fatalf("%q typed: %q", typed, texts(msgs))
		}
	}
	e.Text(repCoordA, 0, "/report")
	if msgs := e.Text(repCoordA, 0, "este ciclo"); len(msgs) != 3 || !strings.Contains(msgs[0].Text, "From Mon 24 Nov") {
		t.Errorf("\"este ciclo\" typed: %q, want the term's report (16 weeks)", texts(msgs))
	}
	// This week by another name, in the words that ask for the report
	// ("quiero el reporte de la semana" asked the period, seen in the
	// sandbox, later that night); last week's keeps its own.
	if msgs := e.Text(repCoordA, 0, "quiero el reporte de la semana"); len(msgs) != 3 || !strings.Contains(msgs[0].Text, "From Mon 9 Mar") {
		t.Errorf("\"quiero el reporte de la semana\": %q, want this week's report", texts(msgs))
	}
	if msgs := e.Text(repCoordA, 0, "quiero el reporte de la semana pasada"); len(msgs) != 3 || !strings.Contains(msgs[0].Text, "From Mon 2 Mar to Sun 8 Mar") {
		t.Errorf("\"quiero el reporte de la semana pasada\": %q, want last week's report", texts(msgs))
	}
	if msgs := e.Text(repCoordA, 0, "informe de la semana 3"); len(msgs) != 1 || !strings.Contains(msgs[0].Text, "which period?") {
		t.Errorf("\"informe de la semana 3\": %q, want the period asked", texts(msgs))
	}
	e.Text(repCoordA, 0, "/report")
	e.Advance(handlers.YesWindow + time.Minute)
	if got := texts(e.Text(repCoordA, 0, "last week")); strings.Contains(got, "📊 <b>Report") {
		t.Errorf("a period typed after the window: %q", got)
	}
}

// TestReport_MonthNamed: a month named in the words that ask for a
// report ("quiero ver el informe de febrero", "last month's report")
// sends that month's at once; "quiero ver el informe de noviembre" was
// asked the period, the month dropped (seen in the sandbox).
func TestReport_MonthNamed(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := htest.New(t, nil)
	reportData(t, e)
	e.Text(repCoordA, 0, "/start")
	if got := texts(e.Text(repCoordA, 0, "quiero ver el informe de febrero")); !strings.Contains(got, "There is no data from 2026-02-01 to 2026-02-28") {
		t.Errorf("\"quiero ver el informe de febrero\": %q, want February's (empty)", got)
	}
	e.Advance(time.Date(2026, 4, 6, 15, 0, 0, 0, time.UTC).Sub(e.Now()))
	// The figures asked for by what came in: "¿cuántos tickets se
	// abrieron este mes?" got "I don't know" (seen in the sandbox).
	for _, typed := range []string{"informe de marzo", "the report for last month", "¿cuántos tickets se abrieron el mes pasado?",
		"how many questions were asked last month?", "how was the help desk doing last month?"} {
		msgs := e.Text(repCoordA, 0, typed)
		if len(msgs) != 3 || !strings.Contains(msgs[0].Text, "From Sun 1 Mar to Tue 31 Mar") {
			t.Errorf("%q in April: %q, want March's report", typed, texts(msgs))
		}
	}
}

// TestReport_UniversityNamed: an admin's words that ask for a report and
// name a university ("informe de la unvs", "informe de todas las
// universidades", in either language) pick it without asking, and with a
// period named too send that report at once; a university's id or name
// typed under the question picks it. "informe de todas las
// universidades" was asked which university (seen in the sandbox).
func TestReport_UniversityNamed(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := htest.New(t, nil)
	reportData(t, e)
	e.Text(admin, 0, "/start")
	if got := texts(e.Text(admin, 0, "informe de todas las universidades")); !strings.Contains(got, "All universities") || strings.Contains(got, "Which university") {
		t.Errorf("\"informe de todas las universidades\": %q, want the periods of all", got)
	}
	msgs := e.Text(admin, 0, "informe de la unvs de la semana pasada")
	if len(msgs) != 3 || !strings.Contains(msgs[0].Text, "Universidad Nacional del Valle Sur") || !strings.Contains(msgs[0].Text, "From Mon 2 Mar to Sun 8 Mar") {
		t.Errorf("\"informe de la unvs de la semana pasada\": %q, want that report", texts(msgs))
	}
	if got := texts(e.Text(admin, 0, "informe")); !strings.Contains(got, "Which university") {
		t.Fatalf("\"informe\": %q, want the universities", got)
	}
	if out := e.Text(admin, 0, "unma"); !strings.Contains(texts(out), "Report of Universidad Nacional de Montealto: which period?") || htest.Buttons(out)["Last week"] != "rp:p:unma:lw" {
		t.Errorf("\"unma\" typed under the universities: %q %v, want its periods", texts(out), htest.Buttons(out))
	}
}
