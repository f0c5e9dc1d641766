package handlers_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
)

// limitsEnv is the demo configuration (its limits the defaults) with
// some limits changed.
func limitsEnv(t *testing.T, change func(*aulabot.Limits)) *htest.Env {
	cfg := config.Demo()
	change(&cfg.Limits)
	return htest.New(t, cfg)
}

func questionsOf(t *testing.T, e *htest.Env, user int64) int {
	t.Helper()
	n := 0
	err := e.Store.View(func(tx *storeTx) error {
		return tx.Questions("", time.Time{}, func(q aulabot.Question) error {
			if q.UserID == user {
				n++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func counter(e *htest.Env, name string) (n int64) {
	e.Store.View(func(tx *storeTx) error { n = tx.Counter(name); return nil })
	return n
}

// Beyond the questions a minute and a day a person gets one notice saying
// when to ask again, then silence until the window passes; other people
// and the rest of the bot are not affected.
func TestLimits_Questions(t *testing.T) {
	e := limitsEnv(t, func(l *aulabot.Limits) { l.QuestionsPerMinute, l.QuestionsPerDay = 3, 5 })
	p, other := htest.Person(7001, "en"), htest.Person(7002, "en")
	e.Onboard(p, "unma", "teacher")
	e.Onboard(other, "unma", "teacher")
	ask := func(text string) []aulabot.Message { return e.Text(p, 0, text) }

	for i, q := range []string{"how do I grade an assignment?", "how do I make a rubric?", "how do I export grades?"} {
		if out := ask(q); len(out) == 0 || strings.Contains(texts(out), "most questions") {
			t.Fatalf("question %d: %q", i+1, texts(out))
		}
	}
	out := ask("/ask how do I grade an assignment?")
	if len(out) != 1 || !strings.Contains(out[0].Text, "You've reached the most questions I take (3 a minute, 5 a day). You can ask again in 1 min") {
		t.Fatalf("4th question: %q, want the notice", texts(out))
	}
	for _, q := range []string{"and now?", "/ask please"} {
		if out := ask(q); len(out) != 0 {
			t.Errorf("%q after the notice got %q, want silence", q, texts(out))
		}
	}
	if out := e.Text(other, 0, "how do I grade an assignment?"); len(out) == 0 || strings.Contains(texts(out), "most questions") {
		t.Errorf("another person's question: %q", texts(out))
	}
	if out := ask("/mybookings"); len(out) != 1 || !strings.Contains(out[0].Text, "no upcoming bookings") {
		t.Errorf("/mybookings while silenced: %q", texts(out))
	}

	e.Advance(time.Minute)
	for i, q := range []string{"how do I grade an assignment?", "how do I grade a quiz?"} {
		if out := ask(q); len(out) == 0 || strings.Contains(texts(out), "most questions") {
			t.Fatalf("question %d of the day, a minute later: %q", 4+i, texts(out))
		}
	}
	if out := ask("one more?"); len(out) != 1 || !strings.Contains(out[0].Text, "You can ask again in 24 h") {
		t.Fatalf("6th question of the day: %q, want the day's notice", texts(out))
	}
	e.Advance(2 * time.Minute)
	if out := ask("still?"); len(out) != 0 {
		t.Errorf("silenced for the day, yet %q", texts(out))
	}
	e.Advance(24 * time.Hour)
	if out := ask("how do I grade an assignment?"); len(out) == 0 || strings.Contains(texts(out), "most questions") {
		t.Errorf("the next day: %q", texts(out))
	}
	if got := questionsOf(t, e, p.ID); got != 6 {
		t.Errorf("questions recorded = %d, want 6 (the ones answered)", got)
	}
	if got := counter(e, "limits:questions"); got != 2 {
		t.Errorf("limits:questions = %d, want 2 notices", got)
	}
}

// Many questions of one person at the same instant: exactly the limit
// is answered and exactly one notice is sent.
func TestLimits_QuestionsConcurrent(t *testing.T) {
	e := limitsEnv(t, func(l *aulabot.Limits) { l.QuestionsPerMinute, l.QuestionsPerDay = 10, 100 })
	p := htest.Person(7001, "es")
	e.Onboard(p, "unma", "teacher")
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := aulabot.Update{ID: int64(1000 + i), ChatID: p.ID, ChatType: aulabot.ChatPrivate, From: p, Text: "¿cómo califico una tarea?"}
			if err := e.H.Handle(context.Background(), u); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	notices := 0
	for _, m := range e.Deliver() {
		if strings.Contains(m.Text, "Llegó al máximo de preguntas") {
			notices++
		}
	}
	if got := questionsOf(t, e, p.ID); got != 10 || notices != 1 {
		t.Errorf("answered %d, notices %d; want 10 and 1", got, notices)
	}
}

// The update that takes a person over the dispatcher's limit gets one
// polite notice in their language, and nothing else happens.
func TestLimits_Throttled(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(7001, "es")
	e.Onboard(p, "unma", "teacher")
	out := e.Handle(aulabot.Update{ChatID: p.ID, From: p, Text: "/deletemydata", Throttled: true})
	if len(out) != 1 || !strings.Contains(out[0].Text, "más de 30 mensajes por minuto") || len(out[0].Inline) != 0 {
		t.Errorf("throttled /deletemydata: %+v, want only the notice", out)
	}
	out = e.Handle(aulabot.Update{ChatID: p.ID, From: p, Callback: &aulabot.Callback{ID: "x", Data: "del:yes"}, Throttled: true})
	if a := e.AnswerTo("x"); len(out) != 0 || !a.Alert || !strings.Contains(a.Text, "Espere un minuto") {
		t.Errorf("throttled press: sent %q, answer %+v", texts(out), a)
	}
	if _, ok, _ := e.Store.User(p.ID); !ok {
		t.Error("a throttled press deleted the user's data")
	}
	if got := counter(e, "limits:throttled"); got != 2 {
		t.Errorf("limits:throttled = %d, want 2", got)
	}
	// A technician in the team group has ten times the limit, and the
	// notice says so.
	tech := htest.Person(3001, "es")
	out = e.Handle(aulabot.Update{ChatID: -2001, ChatType: aulabot.ChatSupergroup, From: tech, Text: "/queue", Throttled: true})
	if len(out) != 1 || out[0].ChatID != -2001 || !strings.Contains(out[0].Text, "más de 300 mensajes por minuto") {
		t.Errorf("throttled technician: %q, want only the notice with the staff's limit", texts(out))
	}
}

// The longest text taken is the configuration's limits.max_text.
func TestLimits_MaxText(t *testing.T) {
	e := limitsEnv(t, func(l *aulabot.Limits) { l.MaxText = 100 })
	p := htest.Person(7001, "en")
	e.Onboard(p, "unma", "teacher")
	out := e.Text(p, 0, strings.Repeat("ñ", 101))
	if len(out) != 1 || !strings.Contains(out[0].Text, "at most 100 characters") {
		t.Errorf("101 characters: %q", texts(out))
	}
	if got := questionsOf(t, e, p.ID); got != 0 {
		t.Errorf("a refused text was recorded as a question")
	}
}
