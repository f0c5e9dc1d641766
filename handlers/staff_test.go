package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestStaff_WhoIsWho: /staff lists the configuration's staff of the
// coordinator's university by the names the bot knows, ⚠️ beside those it
// cannot write to (never wrote to it, or blocked it), with what to ask
// of them; an admin's has every university and the programme
// coordinators; asked in words too. Someone who is not a coordinator is
// refused (the authorisation table).
func TestStaff_WhoIsWho(t *testing.T) {
	e := newEnv(t)
	for _, p := range []aulabot.Person{coordMA, admin, tec1, tec2, htest.Person(4001, "es")} {
		e.Text(p, 0, "/start")
	}
	if _, err := e.Store.Unreachable(tec2.ID, "403 Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	out := texts(e.Text(coordMA, 0, "/staff"))
	for _, want := range []string{
		"👥 <b>Universidad Nacional de Montealto</b>",
		"🧑‍🏫 Mentors: User4001, id 4002 ⚠️",
		"🛠 Technical team: User3001, User3002 ⚠️",
		"📊 Coordinators: User5001",
		"⚠️ I can't write to them",
		"➕ To add someone as a mentor, technician or coordinator: they send me /id",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("/staff lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Valle Sur") || strings.Contains(out, "Programme coordinators") {
		t.Errorf("a coordinator's /staff shows another university or the admins:\n%s", out)
	}
	all := texts(e.Text(admin, 0, "/staff"))
	if !strings.Contains(all, "Universidad Nacional del Valle Sur") || !strings.Contains(all, "🌐 Programme coordinators (every university): User1001") {
		t.Errorf("the admin's /staff:\n%s", all)
	}
	for _, asked := range []string{"who are the mentors of unma?", "agrega a un nuevo mentor", "how do I add a technician?",
		"¿quién es el coordinador de la unma?"} {
		if got := texts(e.Text(coordMA, 0, asked)); got != out {
			t.Errorf("%q: %q, want /staff's %q", asked, got, out)
		}
	}
}

// TestStaff_UniversityNamedAndSeen: an admin's words that name a
// university show its staff alone ("¿quiénes son los técnicos de la
// unvs?" showed every university, seen in the sandbox), and a member who
// never pressed Start is named as their sessions show them, not by id.
func TestStaff_UniversityNamedAndSeen(t *testing.T) {
	e := newEnv(t)
	e.Text(admin, 0, "/start")
	mentor2 := htest.Person(4002, "en")
	mentor2.FirstName, mentor2.LastName = "Luis", "Ruiz"
	publish(t, e, mentor2, "2026-03-12 15:00 30 personal") // a mentor's /newslot, never /start: no record
	if _, ok, _ := e.Store.User(mentor2.ID); ok {
		t.Fatal("the mentor has a record: the test needs one without")
	}
	out := texts(e.Text(admin, 0, "¿quiénes son los técnicos de la unvs?"))
	if !strings.Contains(out, "Universidad Nacional del Valle Sur") || strings.Contains(out, "Montealto") {
		t.Errorf("the staff of unvs asked: %q, want that university's alone", out)
	}
	if out := texts(e.Text(admin, 0, "/staff")); !strings.Contains(out, "Luis Ruiz ⚠️") || strings.Contains(out, "id 4002") {
		t.Errorf("a mentor with no record: %q, want the name their session carries", out)
	}
	// Someone named to add as a role: how it is done (the booking
	// article, seen in the sandbox).
	if out := texts(e.Text(admin, 0, "agrega a Ana como mentora")); !strings.Contains(out, "To add someone as a mentor, technician or coordinator") {
		t.Errorf("\"agrega a Ana como mentora\": %q, want how someone is added", out)
	}
}

// TestStaff_LargeProgramme: a programme whose list does not fit one
// message gets a message per university, each of which fits.
func TestStaff_LargeProgramme(t *testing.T) {
	cfg := config.Demo()
	for i := range cfg.Universities {
		for n := range 250 {
			cfg.Universities[i].Mentors = append(cfg.Universities[i].Mentors, int64(800000+i*1000+n))
		}
	}
	e := htest.New(t, cfg)
	out := e.Text(admin, 0, "/staff")
	if len(out) < 3 || !strings.Contains(out[0].Text, "Montealto") || !strings.Contains(out[1].Text, "Valle Sur") {
		t.Fatalf("a large programme's /staff: %d messages, %q", len(out), texts(out))
	}
	for _, m := range out {
		if err := handlers.Fits(m); err != nil {
			t.Errorf("a message does not fit: %v (%d bytes)", err, len(m.Text))
		}
	}
}

// TestStaff_HugeUniversity: one university whose staff do not fit one
// message gets several, each under its name, the mentors carried on
// under "Mentors:" again, every one of them named once, and every
// message fits (one message of them all could never be sent).
func TestStaff_HugeUniversity(t *testing.T) {
	cfg := config.Demo()
	uni := &cfg.Universities[0]
	for n := range 1000 {
		uni.Mentors = append(uni.Mentors, int64(800000+n))
	}
	e := htest.New(t, cfg)
	out := e.Text(admin, 0, "/staff")
	var mine []aulabot.Message
	for _, m := range out {
		if err := handlers.Fits(m); err != nil {
			t.Errorf("a message does not fit: %v", err)
		}
		if strings.Contains(m.Text, "Montealto") {
			mine = append(mine, m)
		}
	}
	if len(mine) < 3 {
		t.Fatalf("a university of 1,000 mentors: %d messages, %q", len(mine), texts(mine))
	}
	named := map[string]int{}
	for _, m := range mine {
		if !strings.HasPrefix(m.Text, "👥 <b>Universidad Nacional de Montealto</b>\n") {
			t.Errorf("a message not under the university's name: %.80q", m.Text)
		}
		for _, line := range strings.Split(m.Text, "\n")[1:] {
			names, ok := strings.CutPrefix(line, "🧑‍🏫 Mentors: ")
			if !ok {
				continue
			}
			for _, n := range strings.Split(names, ", ") {
				named[strings.TrimSuffix(n, " ⚠️")]++
			}
		}
	}
	for n := range 1000 {
		if id := fmt.Sprintf("id %d", 800000+n); named[id] != 1 {
			t.Errorf("%s named %d times", id, named[id])
			break
		}
	}
	if !strings.Contains(texts(mine), "🛠 Technical team: ") || !strings.Contains(texts(mine), "📊 Coordinators: ") {
		t.Errorf("the technical team or coordinators missing: %q", texts(mine))
	}
}
