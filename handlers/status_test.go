package handlers_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/store"
)

const teamA = -2001

var techA1 = htest.Person(3001, "en")

// checkLMS records one check of unma's LMS through the handlers and
// delivers what it caused.
func checkLMS(t *testing.T, e *htest.Env, ok bool) []aulabot.Message {
	t.Helper()
	r := aulabot.LMSCheck{At: e.Now(), OK: ok, Status: 200, Latency: 80 * time.Millisecond}
	if !ok {
		r.Status, r.Error = 503, "503 Service Unavailable"
	}
	if err := e.H.RecordLMSCheck(handlers.AdaptUpdater[*store.Tx](e.Store), "unma", r); err != nil {
		t.Fatal(err)
	}
	e.Advance(time.Minute)
	return e.Deliver()
}

// reportLMS takes p through /problem, category LMS access, a description;
// it returns what the bot queued in the end.
func reportLMS(t *testing.T, e *htest.Env, p aulabot.Person) []aulabot.Message {
	t.Helper()
	e.Text(p, 0, "/problem")
	e.Press(p, 0, 0, "tk:cat:lms")
	msgs := e.Text(p, 0, "qwxz 4711 zzkv error")
	for _, data := range htest.Buttons(msgs) {
		if data == "tk:kb:still" { // the knowledge base answered first
			return e.Press(p, 0, 0, data)
		}
	}
	return msgs
}

func textsTo(msgs []aulabot.Message, chat int64) string {
	var b strings.Builder
	for _, m := range msgs {
		if m.ChatID == chat {
			b.WriteString(m.Text + "\n")
		}
	}
	return b.String()
}

// rfc3339 finds a time as the store writes one.
var rfc3339 = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d`)

// Three failed checks: the team group is told once, with the evidence; a
// teacher sees it in /status, asks to be told, and reporting an
// LMS-access problem is told it is known instead of getting a ticket;
// three good checks: the post shows the end and the teacher is told once.
func TestLMS_IncidentFromChecks(t *testing.T) {
	e := htest.New(t, nil)
	teacher := htest.Person(7100, "en")
	e.Onboard(teacher, "unma", aulabot.RoleTeacher)
	if got := textsTo(e.Text(teacher, 0, "/status"), teacher.ID); !strings.Contains(got, "not checked") {
		t.Errorf("/status before any check = %q", got)
	}
	checkLMS(t, e, true)
	// Up, it tells the person who cannot get in what to do next; asked
	// in words, it answers as /status does.
	up := textsTo(e.Text(teacher, 0, "/status"), teacher.ID)
	if !strings.Contains(up, "is up") || !strings.Contains(up, "80 ms") || !strings.Contains(up, "If it does not open for you") {
		t.Errorf("/status when up = %q", up)
	}
	if got := textsTo(e.Text(teacher, 0, "is moodle down?"), teacher.ID); got != up {
		t.Errorf("\"is moodle down?\" = %q, want /status's %q", got, up)
	}
	var posts []aulabot.Message
	var failedAt []time.Time
	for range 5 {
		failedAt = append(failedAt, e.Now())
		for _, m := range checkLMS(t, e, false) {
			if m.ChatID == teamA {
				posts = append(posts, m)
			}
		}
	}
	if len(posts) != 1 || !strings.Contains(posts[0].Text, "Virtual classroom down") && !strings.Contains(posts[0].Text, "Aula virtual caída") ||
		strings.Count(posts[0].Text, "503 Service Unavailable") != 3 || htest.Buttons(posts)["✅ Resuelto"] != "lms:res:1" {
		t.Fatalf("team posts after 5 failures = %+v, want one with the 3 failures and Resolved", posts)
	}
	// The evidence's times are the team's times, not the store's UTC.
	for _, at := range failedAt[:3] {
		want := i18n.When(e.Config.Language, at.In(e.Config.Loc("unma"))) + " 503 Service Unavailable (80 ms)"
		if !strings.Contains(posts[0].Text, want) || rfc3339.MatchString(posts[0].Text) {
			t.Errorf("team post %q, want the line %q and no RFC 3339 time", posts[0].Text, want)
		}
	}
	msgs := e.Text(teacher, 0, "/status")
	if got := textsTo(msgs, teacher.ID); !strings.Contains(got, "having problems since") || strings.Contains(got, "If it does not open for you") {
		t.Errorf("/status when down = %q, want the outage and no hint on one's own access", got)
	}
	e.Press(teacher, 0, 0, htest.Buttons(msgs)["🔔 Tell me when it is back"])
	// Asked again, it says she will be told, without the button again.
	msgs = e.Text(teacher, 0, "/status")
	if got := textsTo(msgs, teacher.ID); !strings.Contains(got, "having problems since") || !strings.Contains(got, "I will tell you when the virtual classroom is back") || len(htest.Buttons(msgs)) != 0 {
		t.Errorf("/status once subscribed = %q %v", got, htest.Buttons(msgs))
	}
	// Asked in words, being told is 🔔's press at once ("avísame cuando
	// vuelva el aula virtual" got suggestions, seen in the sandbox).
	other := htest.Person(7101, "es")
	e.Onboard(other, "unma", aulabot.RoleTeacher)
	if got := textsTo(e.Text(other, 0, "avísame cuando vuelva el aula virtual"), other.ID); !strings.Contains(got, "Le avisaré cuando el aula virtual vuelva") {
		t.Errorf("\"avísame cuando vuelva el aula virtual\" when down = %q, want the subscription", got)
	}
	// Reporting an LMS-access problem now is answered at the category:
	// no description asked.
	e.Text(teacher, 0, "/problem")
	msgs = e.Press(teacher, 0, 0, "tk:cat:lms")
	if got := textsTo(msgs, teacher.ID); !strings.Contains(got, "We already know") || strings.Contains(got, "Tell me about the problem") {
		t.Errorf("LMS-access category during the incident = %q, want the known answer at once", got)
	}
	msgs = e.Text(teacher, 0, "qwxz 4711 zzkv error")
	if ts, _ := e.Store.Tickets("unma", true); len(ts) != 0 || strings.Contains(textsTo(msgs, teacher.ID), "UNMA-") {
		t.Errorf("a text after the known answer made a ticket: %+v", ts)
	}
	if ts, _ := e.Store.Tickets("unma", true); len(ts) != 0 {
		t.Errorf("a ticket was opened during a known incident: %+v", ts)
	}
	var back []aulabot.Message
	e.Advance(25 * time.Hour) // down for a day: the post says "25 h", not "1500 min"
	for range 4 {
		back = append(back, checkLMS(t, e, true)...)
	}
	if got := textsTo(back, teacher.ID); strings.Count(got, "is back") != 1 {
		t.Errorf("teacher (subscribed and linked) told %q, want once", got)
	}
	if got := textsTo(back, other.ID); strings.Count(got, "vuelve a funcionar") != 1 {
		t.Errorf("the teacher who asked in words told %q, want once", got)
	}
	if got := textsTo(back, teamA); !strings.Contains(got, "Cerrado por las comprobaciones tras 25 h;") {
		t.Errorf("team post at the end = %q", got)
	}
}

// Five people reporting an LMS-access problem open an incident: the team
// is told with the times of the reports, the earlier reporters are told
// it is known, and the team's Resolved tells them all it is back.
func TestLMS_IncidentFromReports(t *testing.T) {
	e := htest.New(t, nil)
	var people []aulabot.Person
	for i := range int64(5) {
		p := htest.Person(7100+i, "es")
		e.Onboard(p, "unma", aulabot.RoleTeacher)
		people = append(people, p)
	}
	var all []aulabot.Message
	var reportedAt []string
	for _, p := range people {
		reportedAt = append(reportedAt, i18n.When(e.Config.Language, e.Now().In(e.Config.Loc("unma"))))
		all = append(all, reportLMS(t, e, p)...)
		e.Advance(time.Minute)
	}
	if ts, _ := e.Store.Tickets("unma", true); len(ts) != 4 {
		t.Errorf("%d tickets, want 4 (the fifth report opened the incident instead)", len(ts))
	}
	for _, p := range people {
		if got := textsTo(all, p.ID); !strings.Contains(got, "Ya sabemos") {
			t.Errorf("reporter %d was not told it is known: %q", p.ID, got)
		}
	}
	team := textsTo(all, teamA)
	if !strings.Contains(team, "reportes de las personas") || rfc3339.MatchString(team) {
		t.Errorf("team post = %q, want the reports' times as the team reads times", team)
	}
	for _, at := range reportedAt {
		if !strings.Contains(team, "• "+at) {
			t.Errorf("team post = %q, want the report of %s", team, at)
		}
	}
	// Only unma's team may resolve it.
	e.Press(htest.Person(3101, "en"), -2002, 0, "lms:res:1")
	if a := e.LastAnswer(); !a.Alert {
		t.Errorf("another team's Resolved: %+v", a)
	}
	msgs := e.Press(techA1, teamA, 0, "lms:res:1")
	for _, p := range people {
		if got := textsTo(msgs, p.ID); !strings.Contains(got, "vuelve a funcionar") {
			t.Errorf("reporter %d after Resolved: %q", p.ID, got)
		}
	}
	e.Press(techA1, teamA, 0, "lms:res:1")
	if a := e.LastAnswer(); !strings.Contains(a.Text, "already closed") {
		t.Errorf("second Resolved: %+v", a)
	}
}

// A university without an lms_url is not watched: LMS-access reports
// there are tickets, however many.
func TestLMS_NotWatchedWithoutURL(t *testing.T) {
	cfg := config.Demo()
	cfg.Universities[0].LMSURL = ""
	e := htest.New(t, cfg)
	for i := range int64(6) {
		p := htest.Person(7100+i, "en")
		e.Onboard(p, "unma", aulabot.RoleTeacher)
		reportLMS(t, e, p)
	}
	if ts, _ := e.Store.Tickets("unma", true); len(ts) != 6 {
		t.Errorf("%d tickets, want 6", len(ts))
	}
	if got := textsTo(e.Text(htest.Person(7100, "en"), 0, "/status"), 7100); !strings.Contains(got, "do not watch") {
		t.Errorf("/status = %q", got)
	}
}

// An outage nobody reported nor asked about ends with the team told that
// there was nobody to tell, not that 0 people were.
func TestLMS_IncidentNobodyToTell(t *testing.T) {
	e := htest.New(t, nil)
	for range 5 {
		checkLMS(t, e, false)
	}
	var back []aulabot.Message
	for range 4 {
		back = append(back, checkLMS(t, e, true)...)
	}
	got := textsTo(back, teamA)
	if !strings.Contains(got, "no había nadie a quien avisar") && !strings.Contains(got, "there was nobody to tell") || strings.Contains(got, " 0 ") {
		t.Errorf("team post at the end = %q", got)
	}
}

// TestLMS_OutageBeforeTheAnswer: while unma's virtual classroom is known to
// be down, a question that names it ("I can't log in to the virtual
// classroom") starts with the outage, and its first button is 🔔 Tell me
// when it is back; before, it got the password article alone. Held words
// answered each as questions get it too, once. A question
// that does not name it, someone of another university, and the same
// question once it is back, get the answer as before.
func TestLMS_OutageBeforeTheAnswer(t *testing.T) {
	e := htest.New(t, nil)
	ana := htest.Person(7110, "en")
	e.Onboard(ana, "unma", aulabot.RoleTeacher)
	luis := htest.Person(7111, "en")
	e.Onboard(luis, "unvs", aulabot.RoleTeacher)
	const asked = "i cant log in to the virtual classroom"
	const down = "virtual classroom has been having problems since"
	for range 3 {
		checkLMS(t, e, false)
	}
	out := e.Text(ana, 0, asked)
	first := out[0]
	if !strings.HasPrefix(first.Text, "🔴") || !strings.Contains(first.Text, down) || !strings.Contains(texts(out), "Source:") {
		t.Fatalf("during the outage: %q", texts(out))
	}
	last := out[len(out)-1]
	if len(last.Inline) == 0 || last.Inline[0][0].Data != "lms:sub:unma" {
		t.Errorf("the answer's first button: %+v", last.Inline)
	}
	// "tell me when it's back" typed under it is 🔔's press (it got an
	// article, noticed in the sandbox).
	ivo := htest.Person(7113, "en")
	e.Onboard(ivo, "unma", aulabot.RoleTeacher)
	e.Text(ivo, 0, asked)
	if out := e.Text(ivo, 0, "tell me when it's back"); !strings.Contains(texts(out), "I will tell you when the virtual classroom is back") {
		t.Errorf("🔔's words typed: %q", texts(out))
	}
	// Seven words as the apostrophe splits them, six as written.
	leo := htest.Person(7114, "en")
	e.Onboard(leo, "unma", aulabot.RoleTeacher)
	e.Text(leo, 0, asked)
	if out := e.Text(leo, 0, "let me know when it's back"); !strings.Contains(texts(out), "I will tell you when the virtual classroom is back") {
		t.Errorf("🔔's words typed with six words and an apostrophe: %q", texts(out))
	}
	// Once she pressed 🔔, an answer during the outage says she will be
	// told, with no 🔔 to press again.
	eva := htest.Person(7112, "en")
	e.Onboard(eva, "unma", aulabot.RoleTeacher)
	e.Press(eva, 0, 0, "lms:sub:unma")
	if out := e.Text(eva, 0, asked); !strings.Contains(texts(out), down) || !strings.Contains(texts(out), "I will tell you when the virtual classroom is back") ||
		strings.Contains(fmt.Sprint(htest.Buttons(out)), "lms:sub") {
		t.Errorf("a subscriber's answer during the outage: %q %v", texts(out), htest.Buttons(out))
	}
	e.Advance(handlers.RepeatWindow + time.Second)
	for _, c := range []struct {
		who  aulabot.Person
		text string
	}{{ana, "how do i build a rubric"}, {luis, asked}} {
		if out := e.Text(c.who, 0, c.text); strings.Contains(texts(out), down) || len(out) == 0 {
			t.Errorf("%d asked %q: %q", c.who.ID, c.text, texts(out))
		}
	}
	// Words held while the team waited on her and then answered each as
	// questions, both naming the classroom, get the outage once, before
	// the first answer, and each its 🔔.
	report(t, e, ana, "video", "no sound in my class")
	e.Text(tec1, groupMA, "/reply UNMA-1 Which browser do you use?")
	e.Text(ana, 0, "how do i create a quiz in moodle")
	e.Text(ana, 0, "how do i upload a video to moodle")
	out = e.Press(ana, 0, 0, "tk:an:ask")
	subs := 0
	for _, m := range out {
		if len(m.Inline) > 0 && m.Inline[0][0].Data == "lms:sub:unma" {
			subs++
		}
	}
	if strings.Count(texts(out), down) != 1 || subs != 2 {
		t.Errorf("held words answered each during the outage: %q (%d with 🔔)", texts(out), subs)
	}
	for range 3 {
		checkLMS(t, e, true)
	}
	e.Advance(handlers.RepeatWindow + time.Second)
	if out := e.Text(ana, 0, asked); strings.Contains(texts(out), down) {
		t.Errorf("once it is back: %q", texts(out))
	}
}

// TestLMS_OutageEscalated: a virtual classroom still down two business
// hours after its incident opened is told to the university's
// coordinators privately, once, with since when and how many people wait
// to hear it is back; an outage over before then tells them nothing.
func TestLMS_OutageEscalated(t *testing.T) {
	e := htest.New(t, nil)
	coord := e.Config.Universities[0].Coordinators[0]
	teacher := htest.Person(7101, "en")
	e.Onboard(teacher, "unma", aulabot.RoleTeacher)
	for range 5 {
		checkLMS(t, e, false)
	}
	e.Press(teacher, 0, 0, htest.Buttons(e.Text(teacher, 0, "/status"))["🔔 Tell me when it is back"])
	if got := textsTo(tick(t, e, time.Hour), coord); got != "" {
		t.Fatalf("the coordinator told after an hour: %q", got)
	}
	got := textsTo(tick(t, e, time.Hour), coord)
	if !strings.Contains(got, "sigue caída tras 2 h de horario laboral") || !strings.Contains(got, "1 persona espera el aviso") {
		t.Fatalf("the coordinator after two hours = %q, want the outage with the one person waiting", got)
	}
	if again := textsTo(tick(t, e, 24*time.Hour), coord); again != "" {
		t.Errorf("told again: %q", again)
	}
	for range 4 {
		checkLMS(t, e, true)
	}
	for range 5 { // a second outage, over within the hour
		checkLMS(t, e, false)
	}
	tick(t, e, 30*time.Minute)
	for range 4 {
		checkLMS(t, e, true)
	}
	if got := textsTo(tick(t, e, 3*time.Hour), coord); got != "" {
		t.Errorf("an outage over in time reached the coordinator: %q", got)
	}
}

// TestLMS_EscalateJobOfNoIncident: an outage's escalation whose data name
// no incident is done with, not failed at every tick.
func TestLMS_EscalateJobOfNoIncident(t *testing.T) {
	e := htest.New(t, nil)
	for _, id := range []string{"x", "99"} {
		err := e.Store.Update(func(tx *store.Tx) error {
			return tx.Schedule(aulabot.Job{Key: "lms:" + id + ":escalate", Kind: handlers.JobLMSEscalate, Due: e.Now(), Data: map[string]string{"id": id}})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatalf("tick: %v", err)
	}
	if due, err := e.Store.DueJobs(e.Now(), 10); err != nil || len(due) != 0 {
		t.Errorf("jobs left after the tick: %+v, %v", due, err)
	}
}
