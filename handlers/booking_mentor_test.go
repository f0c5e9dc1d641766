package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestMentoring_AskedWithMentor: the words that ask for a session and
// name a mentor of the person's university show that mentor's slots
// (with a kind or a day named, only those), by a surname, a first name
// and surname, a title before it or the name's two words in a row;
// a first name two mentors share asks which, a press opening that
// mentor's; a kind named the mentor has none of shows their others, said
// so; a mentor with nothing free is said above the kinds; a name alone
// asks for nothing. Such words showed the kinds, or the booking
// article, the name dropped (seen in the sandbox).
func TestMentoring_AskedWithMentor(t *testing.T) {
	e := htest.New(t, nil)
	garcia := aulabot.Person{ID: 4001, FirstName: "Ana", LastName: "García", LanguageCode: "en"}
	ruiz := aulabot.Person{ID: 4002, FirstName: "Ana", LastName: "Ruiz", LanguageCode: "en"}
	publish(t, e, garcia, "2026-03-12 15:00 30 personal")
	publish(t, e, garcia, "2026-03-13 17:00 60 group 5 Rubrics")
	ruizSlot := publish(t, e, ruiz, "2026-03-13 10:00 30 personal")
	p := user(t, e, 48, "unma")

	out := e.Text(p, 0, "quiero una mentoría con García")
	b := htest.Buttons(out)
	if !strings.Contains(texts(out), "Slots with Ana García (page 1 of 1)") || len(b) != 3 || b["◀️ Back"] == "" {
		t.Fatalf("\"quiero una mentoría con García\": %q %v, want Ana García's two slots and Back", texts(out), b)
	}
	for label := range b {
		if strings.Contains(label, "Ruiz") {
			t.Errorf("Ana García's slots list %q", label)
		}
	}
	if out := texts(e.Text(p, 0, "reservar con la profesora García el viernes")); !strings.Contains(out, "Fri 13 Mar, 17:00–18:00") || !strings.Contains(out, "Ana García") {
		t.Errorf("a title, the surname and a day: %q, want Friday's group session's card", out)
	}
	out = e.Text(p, 0, "mentoría personal con Ana García")
	if b := htest.Buttons(out); !strings.Contains(texts(out), "Slots with Ana García") || len(b) != 2 {
		t.Errorf("a kind and the whole name: %q %v, want her one personal slot and Back", texts(out), b)
	}

	out = e.Text(p, 0, "I want to book with Ana")
	b = htest.Buttons(out)
	if !strings.Contains(texts(out), "Which of these mentors?") || b["👤 Ana García"] == "" || b["👤 Ana Ruiz"] == "" {
		t.Fatalf("a first name two mentors share: %q %v, want both to choose", texts(out), b)
	}
	got := e.PressOn(p, out[0], b["👤 Ana Ruiz"])
	if labels := labelsOf(got); !strings.Contains(texts(got), "Slots with Ana Ruiz") || !strings.Contains(labels, "Fri 13 Mar, 10:00") || strings.Contains(labels, "García") {
		t.Errorf("Ana Ruiz pressed: %q %s, want her slot only", texts(got), labels)
	}
	e.Text(p, 0, "I want to book with Ana")
	if got := texts(e.Text(p, 0, "García")); !strings.Contains(got, "Slots with Ana García") {
		t.Errorf("\"García\" typed under the two: %q, want her slots", got)
	}

	// A kind she has none of: her others, said so (she read as having
	// none at all); none at all: said above the kinds.
	out = e.Text(p, 0, "sesión grupal con Ana Ruiz")
	if got := texts(out); !strings.Contains(got, "Ana Ruiz has no free group sessions right now. These are their personal slots") || !strings.Contains(labelsOf(out), "Fri 13 Mar, 10:00") {
		t.Errorf("a mentor with no slot of the kind named: %q %s, want it said, and her personal slot", got, labelsOf(out))
	}
	// Her one slot booked by someone else: she never pressed Start, and
	// her name is read from that session (nothing offered carries it).
	other := user(t, e, 52, "unma")
	if got := texts(e.Press(other, 0, 0, fmt.Sprintf("bk:c:%d", ruizSlot.ID))); !strings.Contains(got, "Booked") {
		t.Fatalf("another person booking Ana Ruiz's one slot: %q", got)
	}
	if got := texts(e.Text(p, 0, "reservar con Ana Ruiz")); !strings.Contains(got, "Ana Ruiz has no free slots right now") || !strings.Contains(got, "Which kind of session") {
		t.Errorf("a mentor with nothing free: %q, want it said, and the kinds", got)
	}
	if out := texts(e.Text(p, 0, "Ana García")); strings.Contains(out, "Slots with") {
		t.Errorf("a name alone: %q, want no mentor's slots", out)
	}
	if out := texts(e.Text(p, 0, "quiero una mentoría")); !strings.Contains(out, "Which kind of session") {
		t.Errorf("\"quiero una mentoría\": %q, want the kinds, as before", out)
	}

	es := htest.Person(49, "es")
	if err := e.Store.Update(func(tx *storeTx) error {
		return tx.PutUser(aulabot.User{ID: es.ID, Name: es.Name(), University: "unma", Role: aulabot.RoleStudent, Lang: "es", ConsentAt: e.Now()})
	}); err != nil {
		t.Fatal(err)
	}
	if out := texts(e.Text(es, 0, "¿qué horarios tiene la profesora García?")); !strings.Contains(out, "Horarios con Ana García (página 1 de 1)") {
		t.Errorf("in Spanish: %q, want Ana García's slots", out)
	}
	if out := texts(e.Text(es, 0, "sesión grupal con Ana Ruiz")); !strings.Contains(out, "Ana Ruiz no tiene horarios libres por ahora") {
		t.Errorf("in Spanish, a mentor with nothing free: %q", out)
	}
}

// TestMyBookings_MentorNamed: words that ask to cancel or change one's
// booking and name its mentor pick that booking, as its day does. They
// got suggestions, the name a word the intents do not know, or the whole
// list.
func TestMyBookings_MentorNamed(t *testing.T) {
	e := htest.New(t, nil)
	garcia := aulabot.Person{ID: 4001, FirstName: "Ana", LastName: "García", LanguageCode: "en"}
	ruiz := aulabot.Person{ID: 4002, FirstName: "Luis", LastName: "Ruiz", LanguageCode: "en"}
	thu := publish(t, e, garcia, "2026-03-12 15:00 30 personal")
	fri := publish(t, e, ruiz, "2026-03-13 10:00 30 personal")
	p := user(t, e, 51, "unma")
	for _, s := range []aulabot.Slot{thu, fri} {
		if out := texts(e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))); !strings.Contains(out, "Booked") {
			t.Fatalf("booking %d: %q", s.ID, out)
		}
	}
	if got := texts(e.Text(p, 0, "no podré ir a la sesión con García")); !strings.Contains(got, "Thu 12 Mar") || strings.Contains(got, "Fri 13 Mar") {
		t.Errorf("not going, García named: %q, want her session's cancellation asked", got)
	}
	if got := texts(e.Text(p, 0, "cancel my session with Luis")); !strings.Contains(got, "Fri 13 Mar") || strings.Contains(got, "Thu 12 Mar") {
		t.Errorf("cancel, Luis named: %q, want his session's cancellation asked", got)
	}
	if got := texts(e.Text(p, 0, "quiero cambiar la hora de mi mentoría con Ruiz")); !strings.Contains(got, "Fri 13 Mar") || strings.Contains(got, "Thu 12 Mar") {
		t.Errorf("a change, Ruiz named: %q, want his session's change", got)
	}
}

// TestMentoring_MentorsSlotsPaged: a mentor with more slots than a page
// pages them, ◀ ▶ keeping to that mentor; a day typed under a page picks
// that mentor's slot.
func TestMentoring_MentorsSlotsPaged(t *testing.T) {
	e := htest.New(t, nil)
	garcia := aulabot.Person{ID: 4001, FirstName: "Ana", LastName: "García", LanguageCode: "en"}
	for _, day := range []string{"12", "13", "16", "17", "18", "19", "20", "23", "24"} {
		publish(t, e, garcia, "2026-03-"+day+" 15:00 30 personal")
	}
	publish(t, e, htest.Person(4002, "en"), "2026-03-25 15:00 30 personal")
	p := user(t, e, 50, "unma")
	out := e.Text(p, 0, "horarios de García")
	b := htest.Buttons(out)
	if !strings.Contains(texts(out), "Slots with Ana García (page 1 of 2)") || b["More ▶️"] == "" {
		t.Fatalf("nine slots: %q %v, want page 1 of 2 with More", texts(out), b)
	}
	next := e.PressOn(p, out[0], b["More ▶️"])
	if labels := labelsOf(next); !strings.Contains(texts(next), "(page 2 of 2)") || !strings.Contains(labels, "Tue 24 Mar") || strings.Contains(labels, "25 Mar") {
		t.Errorf("page 2: %q %s, want her ninth slot, not another mentor's", texts(next), labels)
	}
	if got := texts(e.Text(p, 0, "el martes 24")); !strings.Contains(got, "Tue 24 Mar, 15:00–15:30") {
		t.Errorf("a day typed under page 2: %q, want that slot's card", got)
	}
}

// labelsOf are the labels of msgs' buttons, in order, joined by " | ".
func labelsOf(msgs []aulabot.Message) string {
	var labels []string
	for _, m := range msgs {
		for _, row := range m.Inline {
			for _, b := range row {
				labels = append(labels, b.Text)
			}
		}
	}
	return strings.Join(labels, " | ")
}

// TestMentoring_SameMentor: the mentor one had, asked for ("book me with
// the same mentor again", "quiero una sesión con mi mentora de la otra
// vez"), is the mentor of one's last booking, whose slots show; they got
// the booking article (seen in the sandbox). With no booking, the kinds.
// "I'd like a one-on-one session", "una sesión privada" are the personal
// kind's ("one-on-one" showed one's bookings).
func TestMentoring_SameMentor(t *testing.T) {
	e := htest.New(t, nil)
	garcia := aulabot.Person{ID: 4001, FirstName: "Ana", LastName: "García", LanguageCode: "en"}
	ruiz := aulabot.Person{ID: 4002, FirstName: "Ana", LastName: "Ruiz", LanguageCode: "en"}
	first := publish(t, e, ruiz, "2026-03-11 15:00 30 personal")
	publish(t, e, ruiz, "2026-03-13 10:00 30 personal")
	publish(t, e, garcia, "2026-03-12 15:00 60 group 5 Rubrics")
	p := user(t, e, 48, "unma")
	if out := texts(e.Text(p, 0, "book me with the same mentor again")); !strings.Contains(out, "Which kind of session are you looking for?") {
		t.Errorf("the same mentor with no booking: %q, want the kinds", out)
	}
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", first.ID))
	e.Advance(2 * 24 * time.Hour) // the session is past
	for _, asked := range []string{"book me with the same mentor again", "quiero una sesión con mi mentora de la otra vez", "reservar con mi mentora",
		"reservar con la mentora de la otra vez"} {
		out := e.Text(p, 0, asked)
		if got := texts(out); !strings.Contains(got, "Slots with Ana Ruiz") || strings.Contains(labelsOf(out), "García") {
			t.Errorf("%q: %q, want Ana Ruiz's slots", asked, got)
		}
	}
	for _, asked := range []string{"I'd like a one-on-one session", "una sesión privada"} {
		if labels := labelsOf(e.Text(p, 0, asked)); !strings.Contains(labels, "Fri 13 Mar, 10:00") || strings.Contains(labels, "Rubrics") {
			t.Errorf("%q: %s, want the personal slots", asked, labels)
		}
	}
}
