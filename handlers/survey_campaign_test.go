package handlers_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// svWithResults lets the environment's handlers compute results as the
// command does.
func svWithResults(e *htest.Env) {
	set := e.H.Survey.Set
	e.H.Survey.Results = func(series, university string) (*survey.Results, error) {
		return survey.Compute(e.Store, set.Series(series), survey.Options{University: university, Resamples: 200})
	}
}

// svTick runs the surveys' campaigns once, as the bot's tick does.
func svTick(t *testing.T, e *htest.Env) {
	t.Helper()
	if err := e.H.SurveyTick(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// svTextsTo are the texts of the messages to chat among msgs.
func svTextsTo(msgs []aulabot.Message, chat int64) []string {
	var out []string
	for _, m := range msgs {
		if m.ChatID == chat {
			out = append(out, m.Text)
		}
	}
	return out
}

// svAnswerAll answers every question of the test survey as p.
func svAnswerAll(t *testing.T, e *htest.Env, p aulabot.Person, likert string) (thanks string) {
	t.Helper()
	q := svLast(t, e.Text(p, 0, "/survey"))
	q = svLast(t, svPress(t, e, p, q, likert))
	q = svLast(t, svPress(t, e, p, q, "7"))
	q = svLast(t, svPress(t, e, p, q, "PC"))
	q = svLast(t, svPress(t, e, p, q, "Meet"))
	q = svLast(t, svPress(t, e, p, q, "Sig"))
	done := svLast(t, svPress(t, e, p, q, "Omitir"))
	if !strings.Contains(done.Text, "gracias") {
		t.Fatalf("%d did not finish: %q", p.ID, done.Text)
	}
	return done.Text
}

// svTeachers onboards n Spanish-speaking teachers of unma, their ids
// from first on.
func svTeachers(e *htest.Env, n int, first int64) []aulabot.Person {
	var people []aulabot.Person
	for i := range n {
		p := htest.Person(first+int64(i), "es")
		e.Onboard(p, "unma", "teacher")
		people = append(people, p)
	}
	return people
}

func TestSurveyCampaign_InviteRemindClose(t *testing.T) {
	e := surveyEnv(t)
	svWithResults(e)
	ctx := context.Background()
	coord := htest.Person(5001, "en") // coordinator of unma
	var people []aulabot.Person
	for i := range 8 {
		p := htest.Person(int64(9200+i), "es")
		e.Onboard(p, "unma", []string{"teacher", "student"}[i%2])
		people = append(people, p)
	}
	other := htest.Person(9300, "es")
	e.Onboard(other, "unvs", "teacher")
	// One finished before the campaign: not invited, nor promised what
	// the close tells only the campaign's people.
	if thanks := svAnswerAll(t, e, people[7], "4 · "); strings.Contains(thanks, "le contaré") {
		t.Errorf("the thanks without a campaign = %q, want no promise of results", thanks)
	}

	msgs := e.Text(coord, 0, "/survey start pulso")
	status := svLast(t, svMessagesTo(msgs, coord.ID)).Text
	if !strings.Contains(status, "Invited: 7 · started: fewer than 5 · completed: fewer than 5") {
		t.Fatalf("status: %q", status)
	}
	e.Advance(time.Second) // the paced invitations fall due
	msgs = append(msgs, e.Deliver()...)
	for i, p := range people {
		var got []aulabot.Message
		for _, m := range msgs {
			if m.ChatID == p.ID {
				got = append(got, m)
			}
		}
		want := 1
		if i == 7 {
			want = 0
		}
		if len(got) != want {
			t.Fatalf("person %d: %d invitations, want %d", p.ID, len(got), want)
		}
		if want == 1 && (got[0].Lane != "survey" || htest.Buttons(got)["Responder la encuesta"] != "sv:o:pulso") {
			t.Fatalf("invitation: %+v", got[0])
		}
	}
	if got := svTextsTo(msgs, other.ID); len(got) != 0 {
		t.Fatalf("a person of another university was invited: %q", got)
	}
	// Starting again invites nobody twice.
	again := e.Text(coord, 0, "/survey start pulso")
	e.Advance(time.Second)
	again = append(again, e.Deliver()...)
	if len(again) != 2 || !strings.Contains(again[0].Text, "started already") {
		t.Fatalf("second start: %+v", again)
	}
	// Only coordinators start campaigns.
	if m := svLast(t, e.Text(people[0], 0, "/survey start pulso")); !strings.Contains(m.Text, "coordin") {
		t.Fatalf("a teacher started a campaign: %q", m.Text)
	}

	// people[0] opens the invitation and stops part way; people[1] blocks the bot.
	q := svLast(t, svPress(t, e, people[0], svLast(t, svMessagesTo(msgs, people[0].ID)), "Responder"))
	svPress(t, e, people[0], q, "2 · ")
	if _, err := e.Store.Unreachable(people[1].ID, "Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}

	// Three days later at 21:00 in Lima: no reminder at night.
	e.Advance(3*24*time.Hour + 11*time.Hour - 2*time.Second)
	if err := e.H.SurveyTick(ctx); err != nil {
		t.Fatal(err)
	}
	if night := e.Deliver(); len(night) != 0 {
		t.Fatalf("reminders at night: %+v", night)
	}
	e.Advance(13 * time.Hour) // Saturday 10:00
	remind := func() []aulabot.Message {
		t.Helper()
		for range 2 { // a second tick changes nothing
			if err := e.H.SurveyTick(ctx); err != nil {
				t.Fatal(err)
			}
		}
		e.Advance(2 * time.Second)
		return e.Deliver()
	}
	round1 := remind()
	if got := svTextsTo(round1, people[0].ID); len(got) != 1 || !strings.Contains(got[0], "a medias") {
		t.Fatalf("part-way reminder: %q", got)
	}
	if got := svTextsTo(round1, people[2].ID); len(got) != 1 || !strings.Contains(got[0], "Todavía no") {
		t.Fatalf("not-started reminder: %q", got)
	}
	if n := len(svTextsTo(round1, people[1].ID)) + len(svTextsTo(round1, people[7].ID)); n != 0 {
		t.Fatal("a reminder to someone who blocked the bot or finished")
	}
	if len(round1) != 6 {
		t.Fatalf("round 1: %d reminders, want 6", len(round1))
	}
	// The reminder continues the same response.
	q = svLast(t, svPress(t, e, people[0], round1[0], "Responder"))
	if !strings.Contains(q.Text, "2/5") {
		t.Fatalf("reminder opens at the first unanswered question: %q", q.Text)
	}
	e.Advance(3 * 24 * time.Hour)
	if round2 := remind(); len(round2) != 6 {
		t.Fatalf("round 2: %d reminders, want 6", len(round2))
	}
	e.Advance(3 * 24 * time.Hour)
	if round3 := remind(); len(round3) != 0 {
		t.Fatalf("a third reminder: %d", len(round3))
	}
	if r, _ := svResponse(t, e, "pulso", people[0].ID); len(r.Answers) != 1 {
		t.Fatalf("reminders changed the response: %+v", r)
	}
	// Four more finish: five in all, enough for figures.
	for _, p := range people[2:6] {
		if thanks := svAnswerAll(t, e, p, "5 · "); !strings.Contains(thanks, "Cuando la encuesta cierre, tras el mar 31 mar, le contaré lo que respondió su universidad") {
			t.Errorf("the thanks in a campaign = %q, want the close's day and its promise", thanks)
		}
	}
	status = svLast(t, svMessagesTo(e.Text(coord, 0, "/survey start pulso"), coord.ID)).Text
	if !strings.Contains(status, "started: 6 · completed: 5") || !strings.Contains(status, "blocked the bot): 1 · reminders sent: 2 of 2") {
		t.Fatalf("status: %q", status)
	}

	// The survey closes on 31 March: the coordinator gets the final
	// count, those who took part what their university said.
	e.Advance(20 * 24 * time.Hour)
	for range 2 {
		if err := e.H.SurveyTick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	e.Advance(time.Minute)
	closing := e.Deliver()
	if got := svTextsTo(closing, coord.ID); len(got) != 1 || !strings.Contains(got[0], "Invited: 7 · started: 6 · completed: 5 · could not be reached: 1") {
		t.Fatalf("final count: %q", got)
	}
	said := svTextsTo(closing, people[2].ID)
	if len(said) != 1 || !strings.Contains(said[0], "Respondieron 6 personas") || !strings.Contains(said[0], "Calidad <b>83 %</b>") {
		t.Fatalf("what the university said: %q", said)
	}
	if len(svTextsTo(closing, people[0].ID)) != 1 || len(svTextsTo(closing, people[6].ID)) != 0 || len(svTextsTo(closing, people[1].ID)) != 0 {
		t.Fatal("the results go to those who took part, and only them")
	}
	if len(closing) != 1+6 {
		t.Fatalf("%d messages at the close, want 7", len(closing))
	}
}

// svMessagesTo is the messages of msgs to chat.
func svMessagesTo(msgs []aulabot.Message, chat int64) []aulabot.Message {
	var out []aulabot.Message
	for _, m := range msgs {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

func TestSurveyCampaign_AdminEveryUniversity(t *testing.T) {
	e := surveyEnv(t)
	svWithResults(e)
	a, b := htest.Person(9401, "en"), htest.Person(9402, "en")
	e.Onboard(a, "unma", "teacher")
	e.Onboard(b, "unvs", "student")
	// Started at 23:00 in Lima: the invitations wait for the morning.
	e.Advance(13 * time.Hour)
	admin := htest.Person(1001, "en")
	panel := svLast(t, e.Text(admin, 0, "📊 Surveys")) // the main-menu button
	if htest.Buttons([]aulabot.Message{panel})["📈 Results: pulso"] != "sv:r:pulso" {
		t.Fatalf("panel: %+v", panel)
	}
	confirm := svLast(t, svPress(t, e, admin, panel, "▶️ Pulse"))
	if !strings.Contains(confirm.Text, "2 people at 2 universities will be invited") {
		t.Fatalf("confirmation: %q", confirm.Text)
	}
	if got := svLast(t, svPress(t, e, admin, confirm, "Cancel")); !strings.Contains(got.Text, "not started") {
		t.Fatalf("cancel: %q", got.Text)
	}
	if camps := e.Deliver(); len(camps) != 0 {
		t.Fatalf("cancel sent %+v", camps)
	}
	status := svLast(t, svPress(t, e, admin, confirm, "Confirm"))
	if strings.Count(status.Text, "Invited: 1") != 2 || status.EditMessageID != int(confirm.ID) || htest.Buttons([]aulabot.Message{status})["✅ Confirm"] != "" {
		t.Fatalf("admin's status, in place of the confirmation: %+v", status)
	}
	// The panel now shows the progress, and the results by a button.
	panel = svLast(t, e.Text(admin, 0, "/surveys"))
	if got := svLast(t, svPress(t, e, admin, panel, "📊 Pulse")); got.Text != status.Text || got.EditMessageID == 0 {
		t.Fatalf("progress from the panel: %+v", got)
	}
	if got := svLast(t, svPress(t, e, admin, panel, "📈 Results")); !strings.Contains(got.Text, "Results: pulso") {
		t.Fatalf("results from the panel: %q", got.Text)
	}
	e.Advance(9*time.Hour + 59*time.Minute) // 08:59 in Lima
	if early := e.Deliver(); len(early) != 0 {
		t.Fatalf("invitations at night: %+v", early)
	}
	e.Advance(2 * time.Minute)
	if got := e.Deliver(); len(got) != 2 {
		t.Fatalf("invitations in the morning: %+v", got)
	}
}

func TestSurvey_ResultsInChat(t *testing.T) {
	e := surveyEnv(t)
	svWithResults(e)
	for i := range 6 {
		p := htest.Person(int64(9500+i), "es")
		e.Onboard(p, "unma", "teacher")
		svAnswerAll(t, e, p, []string{"4 · ", "5 · "}[i%2])
	}
	e.Onboard(htest.Person(9510, "es"), "unma", "student")
	e.Onboard(htest.Person(9511, "es"), "unvs", "student")
	m := svLast(t, e.Text(htest.Person(5001, "en"), 0, "/survey results"))
	for _, want := range []string{"Results: pulso", "<b>Universidad Nacional de Montealto</b>", "Baseline: 6 answered (86 %)",
		"Universidad Nacional de Montealto · teachers",
		// A group with fewer than 5 answers in every wave says why in one
		// line, not with every figure "fewer than 5".
		"Universidad Nacional de Montealto · students</b>\nFewer than 5 people answered: results are shown from 5 answers on"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("results lack %q:\n%s", want, m.Text)
		}
	}
	if strings.Count(m.Text, "fewer than 5") != 0 {
		t.Errorf("figures withheld one by one:\n%s", m.Text)
	}
	// A university with fewer than 5 answers in all: one line, not one
	// more for its teachers and its students.
	if vs := svLast(t, e.Text(htest.Person(5101, "en"), 0, "/survey results")).Text; strings.Count(vs, "Fewer than 5 people answered") != 1 || strings.Contains(vs, "· students") {
		t.Errorf("a university with too few answers:\n%s", vs)
	}
	if strings.Contains(m.Text, "Valle Sur") {
		t.Error("a coordinator sees another university")
	}
	if m := svLast(t, e.Text(htest.Person(1001, "en"), 0, "/survey results pulso")); !strings.Contains(m.Text, "All universities") || !strings.Contains(m.Text, "Valle Sur") {
		t.Errorf("admin's results: %s", m.Text)
	}
	if m := svLast(t, e.Text(htest.Person(9500, "es"), 0, "/survey results")); !strings.Contains(m.Text, "coordinadores") {
		t.Errorf("a teacher got results: %s", m.Text)
	}
	if m := svLast(t, e.Text(htest.Person(5001, "en"), 0, "/survey results nosuch")); !strings.Contains(m.Text, "no survey series") {
		t.Errorf("unknown series: %s", m.Text)
	}
}

// TestSurvey_ResultsNameQuestions: the per-question lines of the results
// read the question's words in the reader's language, shortened, not its
// id ("quality", "compared" in the sandbox).
func TestSurvey_ResultsNameQuestions(t *testing.T) {
	e := surveyEnv(t)
	const results = `{"series": "pulso", "groups": [{"university": "unma", "role": "",
		"waves": [{"wave": "baseline", "respondents": 6, "rate": 60}, {"wave": "endline", "respondents": 7, "rate": 70}],
		"headline": {"paired": true, "before": 3.1, "after": 3.6, "percent": 16.1, "low": 2.5, "high": 30.3, "fav_before": 40, "fav_after": 55},
		"questions": [{"id": "quality", "type": "likert",
			"text": {"es": "En mis cursos en línea se logra un buen aprendizaje, con actividades que ayudan a aprender de verdad.", "en": "Good learning happens in my online courses."},
			"change": {"before": 3.1, "after": 3.6, "percent": 16.1}}]}]}`
	e.H.Survey.Results = func(series, university string) (*survey.Results, error) {
		var r survey.Results
		return &r, json.Unmarshal([]byte(results), &r)
	}
	en := svLast(t, e.Text(htest.Person(5001, "en"), 0, "/survey results pulso")).Text
	es := svLast(t, e.Text(htest.Person(5001, "es"), 0, "/survey results pulso")).Text
	if !strings.Contains(en, "• Good learning happens in my online courses.: 3.10 → 3.60") || strings.Contains(en, "quality") {
		t.Errorf("English results: %s", en)
	}
	if !strings.Contains(es, "• En mis cursos en línea se logra un buen aprendizaje, con ac…: 3,10 → 3,60 (+16,1 %)") {
		t.Errorf("Spanish results: %s", es)
	}
	// The interval's ends are told apart from their decimals: "[IC 95 %:
	// 2,5, 30,3]" read as four numbers in Spanish.
	if !strings.Contains(es, "Percepciones: +16,1 % (IC 95 %: de 2,5 a 30,3)") || !strings.Contains(en, "Perceptions: +16.1 % (95 % CI: 2.5 to 30.3)") {
		t.Errorf("the headline:\n%s\n%s", es, en)
	}
}

// TestSurvey_ConcurrentPresses presses one answer many times at once, as
// a person tapping on a slow connection and Telegram redelivering would:
// one response, one answer.
func TestSurvey_ConcurrentPresses(t *testing.T) {
	e := surveyEnv(t)
	p := htest.Person(9600, "en")
	e.Onboard(p, "unma", "teacher")
	q := svLast(t, e.Text(p, 0, "/survey"))
	data := htest.Buttons([]aulabot.Message{q})["5 · Strongly agree"]
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := aulabot.Update{ID: int64(100000 + i%16), ChatID: p.ID, From: p, ChatType: aulabot.ChatPrivate,
				Callback: &aulabot.Callback{ID: "c", Data: data, MessageID: int(q.ID)}}
			if err := e.H.Handle(context.Background(), u); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if rs, err := e.Store.SurveyResponses("pulso"); err != nil || len(rs) != 1 || len(rs[0].Answers) != 1 || rs[0].Answers["quality"].Number != 5 {
		t.Fatalf("responses: %+v, %v", rs, err)
	}
	if got := len(e.Deliver()); got != 16 {
		t.Fatalf("%d replies, want one per distinct update (16)", got)
	}
}

// survey_reminders: 0 sends no reminder.
func TestSurveyCampaign_NoReminders(t *testing.T) {
	e := surveyEnv(t)
	zero := 0
	e.Config.SurveyReminders = &zero
	p := htest.Person(9700, "en")
	e.Onboard(p, "unma", "teacher")
	status := svLast(t, e.Text(htest.Person(5001, "en"), 0, "/survey start pulso"))
	if !strings.Contains(status.Text, "reminders sent: 0 of 0") {
		t.Fatalf("status: %q", status.Text)
	}
	e.Advance(time.Second)
	e.Deliver()
	for range 3 {
		e.Advance(survey.ReminderEvery)
		svTick(t, e)
		e.Advance(time.Second)
		if got := e.Deliver(); len(got) != 0 {
			t.Fatalf("a reminder with survey_reminders: 0: %+v", got)
		}
	}
}

// Someone invited who answered part of an anonymous survey and then
// deletes their data leaves nothing that names them: not the campaign,
// not the outbox, not the response (keyed by a hash); the campaign still
// counts their response.
func TestSurveyCampaign_DeleteMyData(t *testing.T) {
	e := surveyEnv(t)
	const id = 987654321
	p := htest.Person(id, "en")
	e.Onboard(p, "unma", "teacher")
	e.Text(htest.Person(5001, "en"), 0, "/survey start pulso")
	inv := svLast(t, e.Sent(id)) // the first invitation is due at once
	q := svLast(t, svPress(t, e, p, inv, "Answer the survey"))
	svPress(t, e, p, q, "4 · Agree")
	e.Text(p, 0, "/deletemydata")
	e.Press(p, 0, 0, "del:yes")
	snap, err := e.Store.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	key := make([]byte, 8)
	binary.BigEndian.PutUint64(key, uint64(id)^(1<<63))
	for k, v := range snap {
		for _, what := range []string{fmt.Sprint(id), string(key)} {
			if strings.Contains(k, what) || strings.Contains(v, what) {
				t.Errorf("%q left at %q: %q", what, k, v)
			}
		}
	}
	if rs, _ := e.Store.SurveyResponses("pulso"); len(rs) != 1 || rs[0].Answers["quality"].Number != 4 {
		t.Fatalf("the anonymous response stays: %+v", rs)
	}
}

// A university larger than a batch is invited a batch at a time, one
// batch each tick, each person once.
func TestSurveyCampaign_Batches(t *testing.T) {
	e := surveyEnv(t)
	n := survey.InviteBatch + 3
	err := e.Store.Update(func(tx *store.Tx) error {
		for i := range n {
			u := aulabot.User{ID: int64(20000 + i), Name: "P", Lang: "es", University: "unma", Role: "teacher", ConsentAt: htest.Start}
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// invited counts the invitations queued or delivered, by person.
	invited := func() map[int64]int {
		t.Helper()
		pending, err := e.Store.Pending()
		if err != nil {
			t.Fatal(err)
		}
		by := map[int64]int{}
		for _, m := range pending {
			if m.Lane == "survey" {
				by[m.ChatID]++
			}
		}
		for i := range n { // and those delivered already
			id := int64(20000 + i)
			if k := len(e.Sent(id)); k > 0 {
				by[id] += k
			}
		}
		return by
	}
	e.Text(htest.Person(5001, "en"), 0, "/survey start pulso")
	if got := len(invited()); got != survey.InviteBatch {
		t.Fatalf("%d invitations queued at the start, want %d", got, survey.InviteBatch)
	}
	svTick(t, e)
	if got := len(invited()); got != survey.InviteBatch {
		t.Fatalf("%d invited before the first batch has gone out", got)
	}
	for range 3 {
		e.Advance(time.Minute)
		svTick(t, e)
	}
	by := invited()
	for id, k := range by {
		if k != 1 {
			t.Errorf("%d has %d invitations", id, k)
		}
	}
	if len(by) != n {
		t.Fatalf("%d people invited, want %d", len(by), n)
	}
}

// TestSurveyCampaign_StartedAtNight: a campaign started at night invites
// nobody before the day's first hour, and its progress says when the
// invitations go out; once they have, the line goes (until 6 December it
// read "Invited: 2" at midnight while nobody had the invitation).
func TestSurveyCampaign_StartedAtNight(t *testing.T) {
	e := surveyEnv(t)
	coord := htest.Person(5001, "en")
	people := svTeachers(e, 2, 9200)
	e.Advance(12 * time.Hour) // Tuesday 22:00 in Lima
	status := svLast(t, e.Text(coord, 0, "/survey start pulso"))
	if !strings.Contains(status.Text, "🌙 Invitations go out by day: from Wed 11 Mar, 09:00 (Lima time).") {
		t.Fatalf("the progress at night: %q", status.Text)
	}
	e.Advance(time.Second)
	svTick(t, e)
	night := e.Deliver()
	for _, p := range people {
		if len(svTextsTo(night, p.ID)) != 0 {
			t.Fatalf("%d invited at night: %q", p.ID, svTextsTo(night, p.ID))
		}
	}
	e.Advance(11*time.Hour + time.Minute) // Wednesday 09:01
	svTick(t, e)
	got := e.Deliver()
	for _, p := range people {
		if len(svTextsTo(got, p.ID)) != 1 {
			t.Fatalf("%d got %q at 09:01, want the invitation", p.ID, svTextsTo(got, p.ID))
		}
	}
	if now := svLast(t, svPress(t, e, coord, status, "Refresh")); strings.Contains(now.Text, "🌙") || !strings.Contains(now.Text, "Invited: 2") {
		t.Fatalf("the progress once the invitations went out: %q", now.Text)
	}
}

// TestSurvey_NoCloseNoPromise: a survey with no close day never closes,
// so its thanks promise nothing, a campaign or not (the built-in ones
// have none, and the thanks said "when the survey closes I'll tell you").
func TestSurvey_NoCloseNoPromise(t *testing.T) {
	e := surveyEnv(t, strings.Replace(testSurvey, "closes: 2026-03-31\n", "", 1))
	coord := htest.Person(5001, "en")
	p := htest.Person(9400, "es")
	e.Onboard(p, "unma", "teacher")
	e.Text(coord, 0, "/survey start pulso")
	if thanks := svAnswerAll(t, e, p, "4 · "); strings.Contains(thanks, "le contaré") {
		t.Errorf("the thanks of a survey that never closes = %q, want no promise", thanks)
	}
}

// TestSurveyCampaign_CloseByHand: a campaign of a survey with no close
// day (the built-in ones have none) never closed; its coordinator closes
// it with ⏹ (asked once more), only a coordinator may, its university
// answers no more, and the next tick sends the final count and, to those
// who took part, what their university said.
func TestSurveyCampaign_CloseByHand(t *testing.T) {
	e := surveyEnv(t, strings.Replace(testSurvey, "closes: 2026-03-31\n", "", 1))
	svWithResults(e)
	coord := htest.Person(5001, "en")
	people := svTeachers(e, 6, 9500)
	status := svLast(t, svMessagesTo(e.Text(coord, 0, "/survey start pulso"), coord.ID))
	for _, p := range people[:5] {
		svAnswerAll(t, e, p, "4 · ")
	}
	end := htest.Buttons([]aulabot.Message{status})["⏹ Close it now"]
	if end != "sv:z:pulso" {
		t.Fatalf("the progress has no ⏹: %v", htest.Buttons([]aulabot.Message{status}))
	}
	e.Press(people[5], 0, 0, end)
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "coordin") {
		t.Errorf("a teacher's ⏹: %+v", a)
	}
	ask := svLast(t, e.Press(coord, 0, int(status.ID), end))
	if !strings.Contains(ask.Text, "Close <b>Pulse</b> now at 1 university?") {
		t.Fatalf("the question before closing: %q", ask.Text)
	}
	if out := e.Text(coord, 0, "yes, close it"); strings.Contains(texts(out), "(closed)") {
		t.Errorf("the button's words typed closed the survey: %q", texts(out))
	}
	closed := svLast(t, svPress(t, e, coord, ask, "Yes, close it"))
	if a := e.LastAnswer(); a.Text != "⏹ Survey closed." || !strings.Contains(closed.Text, "(closed)") || len(htest.Buttons([]aulabot.Message{closed})) != 1 {
		t.Errorf("after ⏹: answer %+v, progress %q %v", a, closed.Text, htest.Buttons([]aulabot.Message{closed}))
	}
	e.Press(coord, 0, int(ask.ID), "sv:Z:pulso") // pressed twice
	if a := e.LastAnswer(); a.Text != "There was no open survey to close." {
		t.Errorf("⏹ on a closed campaign: %+v", a)
	}
	if got := svLast(t, e.Text(people[5], 0, "/survey")).Text; !strings.Contains(got, "No tiene ninguna encuesta pendiente") {
		t.Errorf("a survey closed at the university is still offered: %q", got)
	}
	for _, data := range []string{"sv:o:pulso", "sv:a:pulso:quality:4"} { // an answer pressed under an earlier question too
		e.Press(people[5], 0, 0, data)
		if a := e.LastAnswer(); !strings.Contains(a.Text, "cerrada") {
			t.Errorf("%s on the closed survey: %+v", data, a)
		}
	}
	if _, ok := svResponse(t, e, "pulso", people[5].ID); ok {
		t.Errorf("an answer was stored after the close")
	}
	svTick(t, e)
	e.Advance(time.Minute)
	closing := e.Deliver()
	if got := svTextsTo(closing, coord.ID); len(got) != 1 || !strings.Contains(got[0], "has closed at") || strings.Contains(got[0], "/survey") {
		t.Errorf("the final count: %q", got)
	}
	// Its results are a button away (the final count said to type
	// "/survey results SERIES").
	if b := htest.Buttons(to(closing, coord.ID)); b["📈 Results: pulso"] != "sv:r:pulso" {
		t.Errorf("the final count's buttons: %v", b)
	}
	if said := svTextsTo(closing, people[0].ID); len(said) != 1 || !strings.Contains(said[0], "Respondieron 5 personas") {
		t.Errorf("what the university said: %q", said)
	}
}

// A later wave of a series with no opening day (the built-in endline)
// opens at a university with its campaign there: before it, a person
// sees the baseline alone, and an old button of the endline says it is
// closed; the campaign of one university opens it to that university
// only. A later wave with an opening day opens on that day, campaign or
// not.
func TestSurvey_EndlineWaitsForItsCampaign(t *testing.T) {
	wave := func(id, series, wave, title, opens string) string {
		return "id: " + id + "\nseries: " + series + "\nwave: " + wave + "\ntitle: {es: " + title + ", en: " + title + "}\n" + opens +
			"audience: all\nanonymous: true\nquestions:\n  - {id: quality, type: likert, text: {es: Calidad, en: Quality}}\n"
	}
	e := surveyEnv(t, wave("ola1", "ola", "baseline", "Ola inicio", ""), wave("ola2", "ola", "endline", "Ola cierre", ""),
		wave("otra2", "otra", "endline", "Otra cierre", "opens: 2026-03-01\n"))
	p, other := htest.Person(9400, "en"), htest.Person(9401, "en")
	e.Onboard(p, "unma", "teacher")
	e.Onboard(other, "unvs", "teacher")
	list := func(who aulabot.Person) string {
		t.Helper()
		out := e.Text(who, 0, "/survey")
		return texts(out) + fmt.Sprint(htest.Buttons(out))
	}
	if got := list(p); strings.Contains(got, "Ola cierre") || !strings.Contains(got, "Ola inicio") || !strings.Contains(got, "Otra cierre") {
		t.Errorf("before the endline's campaign: %s", got)
	}
	e.Press(p, 0, 0, "sv:o:ola2")
	alerted(t, e, "the endline's button before its campaign", "closed")

	e.Text(htest.Person(5001, "en"), 0, "/survey start ola2") // unma's coordinator
	if got := list(p); !strings.Contains(got, "Ola cierre") {
		t.Errorf("after unma's campaign, unma's teacher: %s", got)
	}
	if got := list(other); strings.Contains(got, "Ola cierre") {
		t.Errorf("after unma's campaign, unvs's teacher: %s", got)
	}
}

// TestSurveyCampaign_ProgressAsked: a coordinator's "¿cuántas personas
// respondieron la encuesta?", with one campaign running, is its progress
// (the panel showed, seen in the sandbox); with none running, the panel.
func TestSurveyCampaign_ProgressAsked(t *testing.T) {
	e := surveyEnv(t, testSurvey)
	coord := htest.Person(5001, "en")
	if got := texts(e.Text(coord, 0, "¿cuántas personas respondieron la encuesta?")); strings.Contains(got, ": progress") || !strings.Contains(got, "▶️") {
		t.Errorf("none running: %q, want the panel", got)
	}
	people := svTeachers(e, 3, 9600)
	e.Text(coord, 0, "/survey start pulso")
	svAnswerAll(t, e, people[0], "4 · ")
	got := texts(e.Text(coord, 0, "¿cuántas personas respondieron la encuesta?"))
	if !strings.Contains(got, "📊 <b>Pulse</b>: progress") || !strings.Contains(got, "Invited: 3") {
		t.Errorf("one running: %q, want its progress", got)
	}
}
