package handlers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

var lima, _ = time.LoadLocation("America/Lima")

// monday is 9 March 2026 at hh:mm in Lima: the digest of 2-8 March is due
// from 08:00.
func monday(hh, mm int) time.Time { return time.Date(2026, 3, 9, hh, mm, 0, 0, lima) }

// digest runs the digest at the environment's clock and returns what it
// queued, by chat.
func digest(t *testing.T, e *htest.Env, h *handlers.Handlers) map[int64][]aulabot.Message {
	t.Helper()
	if err := h.Digest(context.Background(), e.Store); err != nil {
		t.Fatal(err)
	}
	out := map[int64][]aulabot.Message{}
	for _, m := range e.Deliver() {
		out[m.ChatID] = append(out[m.ChatID], m)
	}
	return out
}

// Monday at 08:00 in Lima each university's coordinators get their
// week's digest, each team group the helpdesk part and the admins the
// digest of all universities: once, whatever runs it again, also after a
// restart; the next Monday the next week's.
func TestDigest_Weekly(t *testing.T) {
	e := htest.New(t, nil)
	reportData(t, e)
	setClock(e, monday(7, 59))
	if got := digest(t, e, e.H); len(got) != 0 {
		t.Fatalf("before 08:00: %v", got)
	}
	setClock(e, monday(8, 0))
	got := digest(t, e, e.H)
	if len(got) != 5 || len(got[5001]) != 1 || len(got[5101]) != 1 || len(got[-2001]) != 1 || len(got[-2002]) != 1 || len(got[1001]) != 1 {
		t.Fatalf("want one message to each coordinator, team group and admin, got %v", got)
	}
	// The admin: every university beside the median of the others.
	adm := got[1001][0].Text
	for _, want := range []string{
		"🗓 <b>Resumen semanal: Todas las universidades</b>",
		"• Preguntas recibidas: <b>4</b> (+4)",
		"<b>UNMA</b> · Universidad Nacional de Montealto\n  Personas activas: <b>1</b> (demás: 1)",
		"<b>UNVS</b> · Universidad Nacional del Valle Sur",
	} {
		if !strings.Contains(adm, want) {
			t.Errorf("admin's digest lacks %q:\n%s", want, adm)
		}
	}
	coord := got[5001][0].Text
	for _, want := range []string{
		"🗓 <b>Resumen semanal: Universidad Nacional de Montealto</b>",
		"Del lun 2 mar al dom 8 mar, comparado con lun 23 feb – dom 1 mar:",
		"• Preguntas recibidas: <b>2</b> (+2)",
		"• Tickets abiertos: <b>1</b> (+1)",
	} {
		if !strings.Contains(coord, want) {
			t.Errorf("coordinator's digest lacks %q:\n%s", want, coord)
		}
	}
	// Two universities: the median of the others would be the other's
	// own figures, so there is no comparison.
	for _, leak := range []string{"mediana", "UNVS", "Valle Sur", "Beatriz", "Bruno", "SECRETO", "Marta", "Ana"} {
		if strings.Contains(coord, leak) {
			t.Errorf("coordinator's digest shows %q:\n%s", leak, coord)
		}
	}
	team := got[-2001][0].Text
	for _, want := range []string{
		"🗓 <b>Mesa de ayuda, resumen semanal: Universidad Nacional de Montealto</b>\nDel lun 2 mar al dom 8 mar",
		"Tickets abiertos: <b>1</b> · resueltos: <b>0</b>",
		"En cola al cierre de la semana: <b>1</b>",
		"Valoración: ninguna (resueltos: 0)",
		"<b>Los más antiguos aún abiertos:</b>\n1. UNMA-1 · ",
		"tomado, abierto hace 4 d 22 h",
	} {
		if !strings.Contains(team, want) {
			t.Errorf("team digest lacks %q:\n%s", want, team)
		}
	}
	if strings.Contains(team, "Ana Alpaca") || strings.Contains(team, "moodle A") || strings.Contains(team, "UNVS") {
		t.Errorf("the team digest names someone or another university:\n%s", team)
	}

	// Again, later that day, and after a restart: nothing.
	setClock(e, monday(9, 30))
	if got := digest(t, e, e.H); len(got) != 0 {
		t.Errorf("a second run sent %v", got)
	}
	restarted := handlers.New(e.Config, service.New(e.Config), handlers.Adapt[*store.Tx](e.Store, store.ErrDuplicate), e, nil)
	restarted.Now = e.Now
	if got := digest(t, e, restarted); len(got) != 0 {
		t.Errorf("after a restart: %v", got)
	}
	// The next Monday: the week of 9-15 March. Nothing happened in it,
	// but two tickets are still open: the digest tells.
	setClock(e, monday(8, 0).AddDate(0, 0, 7))
	got = digest(t, e, e.H)
	if len(got[5001]) != 1 || !strings.Contains(got[5001][0].Text, "Del lun 9 mar al dom 15 mar") {
		t.Errorf("next week: %v", got)
	}
}

// Late by less than two days the digest still goes (the bot was down on
// Monday); later, that week's is skipped.
func TestDigest_Late(t *testing.T) {
	e := htest.New(t, nil)
	reportData(t, e)
	setClock(e, monday(8, 0).Add(48*time.Hour))
	if got := digest(t, e, e.H); len(got) != 0 {
		t.Errorf("two days late: %v", got)
	}
	setClock(e, monday(8, 0).Add(48*time.Hour-time.Minute))
	if got := digest(t, e, e.H); len(got[5001]) != 1 {
		t.Errorf("a minute less late: %v", got)
	}
}

// Many runs at the same time store one digest per chat.
func TestDigest_Concurrent(t *testing.T) {
	e := htest.New(t, nil)
	reportData(t, e)
	setClock(e, monday(8, 0))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := e.H.Digest(context.Background(), e.Store); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	n := map[int64]int{}
	for _, m := range e.Deliver() {
		n[m.ChatID]++
	}
	if len(n) != 5 || n[5001] != 1 || n[5101] != 1 || n[-2001] != 1 || n[-2002] != 1 || n[1001] != 1 {
		t.Errorf("messages per chat: %v", n)
	}
}

// crashing is an outbox that fails: before storing (the process died
// while building), or after (it died before Digest returned).
type crashing struct {
	*store.Store
	before, after bool
}

var errCrash = errors.New("crash")

func (c *crashing) EnqueueOnce(prefix string, msgs []aulabot.Message) (bool, error) {
	if c.before {
		return false, errCrash
	}
	ok, err := c.Store.EnqueueOnce(prefix, msgs)
	if c.after {
		return ok, errCrash
	}
	return ok, err
}

// A crash before the digest is stored loses nothing: the next run sends
// it. A crash after it was stored repeats nothing.
func TestDigest_Crash(t *testing.T) {
	e := htest.New(t, nil)
	reportData(t, e)
	setClock(e, monday(8, 0))
	if err := e.H.Digest(context.Background(), &crashing{Store: e.Store, before: true}); !errors.Is(err, errCrash) {
		t.Fatalf("Digest = %v, want the crash", err)
	}
	if got := e.Deliver(); len(got) != 0 {
		t.Fatalf("stored before the crash: %v", got)
	}
	if err := e.H.Digest(context.Background(), &crashing{Store: e.Store, after: true}); !errors.Is(err, errCrash) {
		t.Fatalf("Digest = %v, want the crash", err)
	}
	if got := e.Deliver(); len(got) != 5 {
		t.Fatalf("after the crash: %d messages, want 5", len(got))
	}
	if got := digest(t, e, e.H); len(got) != 0 {
		t.Errorf("after the restart: %v", got)
	}
}

// digest: false switches a university's digest off, and only its (the
// admins' digest of all universities still goes).
func TestDigest_Off(t *testing.T) {
	cfg := config.Demo()
	off := false
	cfg.Universities[1].Digest = &off
	e := htest.New(t, cfg)
	reportData(t, e)
	setClock(e, monday(8, 0))
	got := digest(t, e, e.H)
	if len(got[5101]) != 0 || len(got[-2002]) != 0 || len(got[5001]) != 1 || len(got[-2001]) != 1 || len(got[1001]) != 1 {
		t.Errorf("with unvs off: %v", got)
	}
}

// With three universities each coordinator sees theirs beside the median
// of the other two (their mean), never another's own figure; a team
// group in a supergroup gets links to the tickets' posts.
func TestDigest_Comparison(t *testing.T) {
	cfg := config.Demo()
	third := cfg.Universities[1]
	third.ID, third.Name, third.TeamChat = "unca", "Universidad Nacional de Cañete", -2003
	third.Coordinators, third.Tech, third.Mentors = []int64{5201}, []int64{3201}, []int64{4201}
	cfg.Universities = append(cfg.Universities, third)
	cfg.Universities[0].TeamChat = -1001234567890
	e := htest.New(t, cfg)
	reportData(t, e)
	// unca: four questions in the week, all answered.
	for i := range 4 {
		setClock(e, time.Date(2026, 3, 3, 9+i, 0, 0, 0, lima))
		err := e.Store.Update(func(tx *store.Tx) error {
			_, err := tx.AddQuestion(aulabot.Question{UserID: 7301, University: "unca", Text: "pregunta", Outcome: aulabot.OutcomeAnswer})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// UNMA-1's post in its team group, as the ticket flow sends it.
	setClock(e, time.Date(2026, 3, 4, 12, 0, 0, 0, lima))
	if err := e.Store.Update(func(tx *store.Tx) error {
		_, err := tx.Enqueue(aulabot.Message{ChatID: -1001234567890, Text: "UNMA-1", Ref: "ticket:UNMA-1"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	post := e.Deliver()[0].ID
	setClock(e, monday(8, 0))
	got := digest(t, e, e.H)
	unma := got[5001][0].Text
	// unma asked 2, the others 2 and 4: their median is 3. Shares: unma
	// 50%, the others 50% and 100%: 75%.
	for _, want := range []string{
		"<b>Junto a la mediana de las demás universidades</b>",
		"<b>UNMA</b> · Universidad Nacional de Montealto",
		"  Preguntas recibidas: <b>2</b> (demás: 3)",
		"  Respondidas directamente: <b>50%</b> (demás: 75%)",
	} {
		if !strings.Contains(unma, want) {
			t.Errorf("unma's digest lacks %q:\n%s", want, unma)
		}
	}
	// Figures only one other university has are left out: unca had no
	// ticket, so beside unma there is no median of "claimed before the
	// reminder" (it would be unvs's own).
	if strings.Contains(unma, "  Tomados antes del recordatorio:") || !strings.Contains(unma, "• Tomados antes del recordatorio:") {
		t.Errorf("unma's digest shows the median of one university:\n%s", unma)
	}
	unca := got[5201][0].Text
	if !strings.Contains(unca, "  Preguntas recibidas: <b>4</b> (demás: 2)") || !strings.Contains(unca, "  Tomados antes del recordatorio: <b>—</b> (demás: 0%)") {
		t.Errorf("unca's digest:\n%s", unca)
	}
	for _, leak := range []string{"UNVS", "UNMA", "Valle Sur", "Montealto"} {
		if strings.Contains(unca, leak) {
			t.Errorf("unca's digest names %q:\n%s", leak, unca)
		}
	}
	team := got[-1001234567890][0].Text
	if want := `1. <a href="https://t.me/c/1234567890/` + fmt.Sprint(post) + `">UNMA-1</a> · `; !strings.Contains(team, want) {
		t.Errorf("team digest lacks %q:\n%s", want, team)
	}
}

// "/report digest" shows a coordinator the last whole week's digest of
// their university, both parts, without sending it: Monday's digest still
// goes out. Only their own university; admins name one.
func TestDigest_Show(t *testing.T) {
	e := htest.New(t, nil)
	reportData(t, e)
	setClock(e, monday(7, 0))
	msgs := e.Text(repCoordA, 0, "/report digest")
	if len(msgs) != 2 || !strings.Contains(msgs[0].Text, "🗓 <b>Weekly digest: Universidad Nacional de Montealto</b>") ||
		!strings.Contains(msgs[0].Text, "• Questions asked: <b>2</b> (+2)") ||
		!strings.Contains(msgs[1].Text, "The team group gets this part:\n\n🗓 <b>Mesa de ayuda, resumen semanal: Universidad Nacional de Montealto</b>") {
		t.Fatalf("/report digest: %+v", msgs)
	}
	setClock(e, monday(8, 0))
	if got := digest(t, e, e.H); len(got[5001]) != 1 || len(got[-2001]) != 1 {
		t.Errorf("Monday's digest after the preview: %v", got)
	}
	tests := []struct {
		who        aulabot.Person
		text, want string
	}{
		{repCoordA, "/report digest unvs", "You may not see the report of unvs."},
		{repCoordA, "/report digest all", "You may not see the report of all."},
		{repAdmin, "/report digest all", "🗓 <b>Weekly digest: All universities</b>"},
		{repCoordA, "/report digest unma unvs", "Usage: /report digest UNIVERSITY"},
		{repAdmin, "/report digest", "Usage: /report digest UNIVERSITY"},
		{repAdmin, "/report digest nope", "There is no university nope."},
		{repAdmin, "/report digest UNVS", "🗓 <b>Weekly digest: Universidad Nacional del Valle Sur</b>"},
	}
	for _, tt := range tests {
		msgs := e.Text(tt.who, 0, tt.text)
		if len(msgs) == 0 || !strings.Contains(msgs[0].Text, tt.want) {
			t.Errorf("%d %s: %+v, want %q", tt.who.ID, tt.text, msgs, tt.want)
		}
	}
	// A week where nothing happened and nothing is open: no digest.
	e2 := htest.New(t, nil)
	setClock(e2, monday(9, 0))
	msgs = e2.Text(repCoordA, 0, "/report digest")
	if len(msgs) != 1 || msgs[0].Text != "Universidad Nacional de Montealto has no digest for the week from 2026-03-02 to 2026-03-08: nothing happened and no ticket is open." {
		t.Errorf("an empty week: %+v", msgs)
	}
}
