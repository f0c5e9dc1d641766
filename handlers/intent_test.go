package handlers_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestAsk_FeaturesAskedInWords: an onboarded person who asks in words for
// something the bot does ("quiero reservar una mentoría", "cancel my
// booking", "what can you do") gets what its command or menu button
// gives, where it used to get "I don't know" or an article; nothing is
// recorded as a question. Inside a flow the words are the flow's, but at
// a step that waits for a button they leave it; someone not yet
// onboarded is onboarded first.
func TestAsk_FeaturesAskedInWords(t *testing.T) {
	e := newEnv(t)
	es := htest.Person(7301, "es")
	en := htest.Person(7302, "en")
	e.Onboard(es, "unma", "student")
	e.Onboard(en, "unma", "teacher")
	for _, c := range []askedIn{
		{es, "quiero reservar una mentoría", "/mentoring"},
		{es, "quiero cancelar mi reserva", "/mybookings"},
		{es, "cómo veo mis tickets", "/mytickets"},
		{es, "quiero cambiar el idioma", "/language"},
		{es, "borrar mis datos", "/deletemydata"},
		{es, "qué datos guardan de mí", "/privacy"},
		{es, "qué puedes hacer", "/help"},
		{en, "i want to book a mentor", "/mentoring"},
		{en, "cancel my booking", "/mybookings"},
		{en, "i want to report a problem", "/problem"},
		{en, "what can you do", "/help"},
		{es, "¿hay capacitaciones esta semana?", "/trainings"},
		{en, "upcoming workshops", "/trainings"},
		{es, "¿se cayó el aula virtual?", "/status"},
		{en, "is the platform down", "/status"},
		// The evening of 7 December: a move, the bot's use, another
		// session (suggestions or one's bookings, seen in the sandbox).
		{es, "me cambié de universidad", "/profile"},
		{en, "how do I use this bot?", "/help"},
		{es, "hola soy nuevo", "/help"},      // late on 7 December: "I don't know" (seen in the sandbox)
		{es, "¿qué hace este bot?", "/help"}, // the night of 7 to 8 December: suggestions
		{en, "it's my first time here", "/help"},
		{en, "book another session", "/mentoring"},
		{es, "quiero una sesión a las 4", "/mentoring"}, // one's bookings
		{es, "¿cuánto dura la sesión?", "/mybookings"},  // suggestions
		// The chat's spellings and a slip of one letter ("I don't know"
		// and the booking article).
		{es, "kiero reservar una mentoria", "/mentoring"},
		{es, "cancelr mi reserva", "/mybookings"},
		// A button of their menu typed without its emoji.
		{en, "My courses", "/mycourses"},
		{es, "encuesta", "/survey"},
		{es, "Mis Tickets", "/mytickets"},
	} {
		if got, want := c.answers(e); got != want || got == "" {
			t.Errorf("%q got %q, want what %s gives: %q", c.words, got, c.is, want)
		}
	}
	e.Text(es, 0, "/cancel")
	if all := texts(e.Text(htest.Person(5001, "es"), 0, "/gaps")); !strings.Contains(all, "No hay preguntas sin respuesta") {
		t.Errorf("/gaps after words for features = %q, want none", all)
	}
	// Another role's button typed is not that button: a student's
	// "cola de tickets" is not the team's /queue (it is a question,
	// typed after the check of /gaps above).
	e.Text(es, 0, "/cancel")
	if out := texts(e.Text(es, 0, "cola de tickets")); out == texts(e.Text(es, 0, "/queue")) {
		t.Errorf("a student's \"cola de tickets\" = %q, /queue's answer", out)
	}
	// At a step that waits for a button (the report's category), the
	// request leaves the flow, as a menu button does; "hola" there is
	// still refused.
	e.Text(es, 0, "/problem")
	if out := texts(e.Text(es, 0, "hola")); !strings.Contains(out, "elija una categoría") {
		t.Errorf("hola at the category step: %q", out)
	}
	mentoring := texts(e.Text(es, 0, "/mentoring"))
	e.Text(es, 0, "/problem")
	if out := texts(e.Text(es, 0, "quiero reservar una mentoría")); out != mentoring {
		t.Errorf("a request at the category step: %q, want the mentoring menu", out)
	}
	if out := texts(e.Text(es, 0, "hola")); strings.Contains(out, "elija una categoría") {
		t.Errorf("the report's flow was not left: %q", out)
	}
	// In the report's description the words are its description, not a
	// request.
	e.Text(en, 0, "/problem")
	e.Press(en, 0, 0, "tk:cat:upload")
	if out := e.Text(en, 0, "cancel my booking"); strings.Contains(texts(out), "upcoming bookings") {
		t.Errorf("inside the report's flow: %q", texts(out))
	}
	// Someone not yet onboarded is onboarded first; the words are not
	// kept as a question to answer after (the menu at the end offers
	// the feature).
	if out := texts(e.Text(htest.Person(7303, "es"), 0, "quiero reservar una mentoría")); !strings.Contains(out, "¿En qué idioma") || strings.Contains(out, "Guardé su pregunta") {
		t.Errorf("before onboarding: %q", out)
	}
}

// TestAsk_StaffCommandsInWords: a member of staff asking for a command of
// their role in words gets what the command gives ("crear una formación"
// a coordinator's /newevent, "publicar un horario" a mentor's /newslot,
// "tickets sin tomar" a technician's /queue), where they got "I don't
// know" and the words reached /gaps (seen in the sandbox); someone whose
// roles lack the command is answered as before.
func TestAsk_StaffCommandsInWords(t *testing.T) {
	e := newEnv(t)
	mentor := htest.Person(4001, "es")
	teacher := htest.Person(7304, "es")
	e.Onboard(teacher, "unma", "teacher")
	e.Text(coordMA, 0, "/start") // greeted: the staff's greeting is not part of what follows
	for _, c := range []askedIn{
		{coordMA, "crear una formación", "/newevent"},
		{coordMA, "weekly report", "/report"},
		{coordMA, "send an announcement", "/announce"},
		{mentor, "publicar un horario", "/newslot"},
		{mentor, "mi agenda de hoy", "/today"},
		{mentor, "cancelar una sesión", "/slots"},
		{tec1, "ver la cola de tickets", "/queue"}, // "tickets sin tomar" is the unclaimed alone since the night of 7 December (TestQueue_HeldAsked)
		{coordMA, "quiero ver las encuestas", "/surveys"},
		{coordMA, "recarga la base de conocimiento", "/reload"},
		{coordMA, "¿qué mentores tenemos?", "/staff"},                                     // later that night: "I don't know" (seen in the sandbox)
		{coordMA, "¿quién es el técnico más rápido?", "/report"},                          // an article on study techniques
		{coordMA, "agrega una respuesta a la base de conocimiento", "/gaps"},              // "I don't know"
		{coordMA, "¿qué temas preguntan más?", "/report"},                                 // since the night of 7 to 8 December: suggestions (seen in the sandbox)
		{coordMA, "calificaciones de los mentores", "/report"},                            // suggestions
		{coordMA, "what questions couldn't the bot answer?", "/gaps"},                     // an article answered directly
		{coordMA, "¿qué preguntas no supo responder el bot esta semana?", "/gaps semana"}, // the week's, since a later stop of 7 December
		// A later stop of 6 December: a ranking, the figures as a file,
		// bookings and tickets counted (the first opened the booking of a
		// session, the others got articles or suggestions; seen in the
		// sandbox).
		{coordMA, "¿qué mentores tienen más sesiones?", "/report"},
		// 7 December: the best rated, the most asked, those who joined
		// (suggestions or the attendance article, seen in the sandbox).
		{coordMA, "¿qué mentor tiene mejor calificación?", "/report"},
		{coordMA, "¿cuáles son las preguntas más frecuentes?", "/report"},
		{coordMA, "¿cuántas personas se registraron?", "/report"},
		{coordMA, "quiero descargar los datos en excel", "/report"},
		{mentor, "¿cuántas reservas tengo?", "/slots"}, // the week's alone since the night of 7 December (TestSlots_WeekAsked)
		{tec1, "¿cuántos tickets hay?", "/queue"},
		{teacher, "¿cuántas reservas tengo?", "/mybookings"},
		{teacher, "¿en qué paso va mi curso?", "/mycourses"}, // 7 December: the article on moving a course online
		{coordMA, "show me the unanswered questions", "/gaps"},
		{coordMA, "which mentors have the most sessions?", "/report"},
		// The evening of 7 December: the campaigns running, the trainings'
		// calendar ("I don't know" and suggestions, seen in the sandbox).
		{coordMA, "¿cuántas encuestas están abiertas?", "/surveys"},
		{coordMA, "which surveys are running?", "/surveys"},
		{teacher, "quiero ver el calendario de formaciones", "/trainings"},
		// A mentor's sessions counted, their ratings ("¿cuántas sesiones
		// tengo?" showed their own bookings, the other got suggestions).
		{mentor, "¿cuántas sesiones tengo?", "/slots"},
		{mentor, "¿cómo califican mis sesiones?", "/mystats"},
		{mentor, "how did my sessions go?", "/mystats"},                          // the night of 7 December: "I don't know"
		{mentor, "how many sessions did I give this month?", "/mystats"},         // later that night: its "give" began a new session
		{coordMA, "which questions could the bot not answer?", "/gaps"},          // an article answered directly
		{coordMA, "who is on the technical team?", "/staff"},                     // suggestions
		{coordMA, "how many people booked mentoring?", "/report"},                // a mentor's sessions': the booking article
		{coordMA, "what time is my mentoring session?", "/mybookings"},           // their own, as anyone's: the report until 8 December
		{coordMA, "how is the program going?", "/report"},                        // 8 December: "I don't know"
		{coordMA, "which topics should we add to the knowledge base?", "/gaps"},  // suggestions
		{coordMA, "¿cuántos cursos ya pasaron a virtual?", "/mycourses"},         // the article on moving a course
		{coordMA, "¿qué preguntas no se respondieron?", "/gaps"},                 // an article on forums
		{coordMA, "which questions did the bot fail this week?", "/gaps semana"}, // suggestions
	} {
		if got, want := c.answers(e); got != want || got == "" {
			t.Errorf("%d: %q got %q, want what %s gives: %q", c.who.ID, c.words, got, c.is, want)
		}
	}
	// An announcement's audience named in the words is taken.
	e.Text(coordMA, 0, "/cancel")
	if got := texts(e.Text(coordMA, 0, "send a message to all teachers")); !strings.Contains(got, "Write the text of the announcement") {
		t.Errorf("\"send a message to all teachers\" got %q, want the announcement's text asked", got)
	}
	e.Text(coordMA, 0, "/cancel")
	// A period named in the words is that period's report at once.
	if got := texts(e.Text(coordMA, 0, "informe de esta semana")); !strings.Contains(got, "from 2026-03-09 to 2026-03-10") || strings.Contains(got, "which period") {
		t.Errorf("\"informe de esta semana\" got %q, want this week's report (Monday 9 March to today)", got)
	}
	if all := texts(e.Text(coordMA, 0, "/gaps")); strings.Contains(all, "formación") || strings.Contains(all, "horario") || strings.Contains(all, "tomar") {
		t.Errorf("/gaps after staff's words for commands = %q", all)
	}
	for _, c := range []askedIn{
		{teacher, "crear una formación", "/newevent"},
		{mentor, "tickets sin tomar", "/queue"},
		{tec1, "publicar un horario", "/newslot"},
	} {
		if got, not := c.answers(e); got == not {
			t.Errorf("%d without the role: %q got what %s gives: %q", c.who.ID, c.words, c.is, got)
		}
	}
}

// askedIn is a feature asked for in words: who types words, and is the
// command whose answer they get (or, when refused, do not get).
type askedIn struct {
	who       aulabot.Person
	words, is string
}

// answers returns what c.who gets for c's words and for its command,
// each typed outside any flow.
func (c askedIn) answers(e *htest.Env) (words, command string) {
	e.Text(c.who, 0, "/cancel")
	command = texts(e.Text(c.who, 0, c.is))
	e.Text(c.who, 0, "/cancel")
	return texts(e.Text(c.who, 0, c.words)), command
}

// TestProblem_WordsKept: a report asked for in words that names what
// fails ("quiero reportar un problema con zoom"), or /problem with words
// after it, keeps those words: the description step shows them, with a
// button that sends them as they are, and the ticket the team gets starts
// with them, then the description. A request with nothing of its own, or
// a description that repeats the words, adds nothing.
func TestProblem_WordsKept(t *testing.T) {
	e := newEnv(t)
	es := htest.Person(7321, "es")
	en := htest.Person(7322, "en")
	e.Onboard(es, "unma", "teacher")
	e.Onboard(en, "unma", "student")
	n := 0
	ticket := func(p aulabot.Person, start, description string) (prompt, desc string) {
		t.Helper()
		e.Text(p, 0, "/cancel")
		if out := e.Text(p, 0, start); !slices.Contains(slices.Collect(maps.Values(htest.Buttons(out))), "tk:cat:video") {
			t.Fatalf("%q did not start a report: %q", start, texts(out))
		}
		step := e.Press(p, 0, 0, "tk:cat:video")
		prompt = texts(step)
		offered := slices.Contains(slices.Collect(maps.Values(htest.Buttons(step))), "tk:said")
		if saysSaid := strings.Contains(prompt, "already wrote") || strings.Contains(prompt, "ya me escribió"); offered != saysSaid {
			t.Errorf("%q: the description step offers to send what was written: %v, shows it: %v", start, offered, saysSaid)
		}
		var out []aulabot.Message
		if description == "" {
			out = stillNeedHelp(e, p, e.Press(p, 0, 0, "tk:said"))
		} else {
			out = describe(e, p, description)
		}
		n++
		id := fmt.Sprintf("UNMA-%d", n)
		post(t, to(out, groupMA), id)
		tk, ok, err := e.Store.Ticket(id)
		if !ok || err != nil {
			t.Fatalf("%q: ticket %s: %v %v", start, id, ok, err)
		}
		return prompt, tk.Description
	}
	for _, c := range []struct {
		who                aulabot.Person
		start, description string
		shown, want        string
	}{
		{es, "quiero reportar un problema con zoom", "no se escucha el audio",
			"«quiero reportar un problema con zoom»", "quiero reportar un problema con zoom\n\nno se escucha el audio"},
		{en, "/problem the zoom link gives error 404", "it happens in every class since monday",
			"“the zoom link gives error 404”", "the zoom link gives error 404\n\nit happens in every class since monday"},
		{en, "i want to report a problem", "the zoom link gives error 404", "", "the zoom link gives error 404"},
		{es, "/problem zoom no abre", "zoom no abre desde el lunes", "«zoom no abre»", "zoom no abre desde el lunes"},
		// "Send what I wrote": the opening words are the description.
		{es, "/problem la plataforma no carga los videos desde el lunes", "",
			"«la plataforma no carga los videos desde el lunes»", "la plataforma no carga los videos desde el lunes"},
	} {
		prompt, desc := ticket(c.who, c.start, c.description)
		if c.shown != "" && !strings.Contains(prompt, c.shown) {
			t.Errorf("%q: the description step says %q, want it to show %s", c.start, prompt, c.shown)
		}
		if c.shown == "" && (strings.Contains(prompt, "report a problem") || strings.Contains(prompt, "already wrote")) {
			t.Errorf("%q: the description step repeats the request: %q", c.start, prompt)
		}
		if desc != c.want {
			t.Errorf("%q then %q: the ticket says %q, want %q", c.start, c.description, desc, c.want)
		}
	}
	// The button once the ticket exists is a stale button: nothing more is
	// filed.
	if out := e.Press(es, 0, 0, "tk:said"); len(to(out, groupMA)) != 0 || !strings.Contains(e.LastAnswer().Text, "Ese botón ya no es válido") {
		t.Errorf("a second press of Send what I wrote: %q (answer %+v)", texts(out), e.LastAnswer())
	}
	// An edit of the description once the ticket exists keeps the words
	// that started it, in the ticket and in the team's post.
	e.Text(en, 0, "/problem the zoom link gives error 404")
	e.Press(en, 0, 0, "tk:cat:video")
	out := stillNeedHelp(e, en, e.Handle(aulabot.Update{ChatID: en.ID, From: en, MessageID: 777, Text: "since mondya"}))
	id := fmt.Sprintf("UNMA-%d", n+1)
	post(t, to(out, groupMA), id)
	out = e.Edit(en, 0, 777, "since monday, in every class")
	want := "the zoom link gives error 404\n\nsince monday, in every class"
	if tk, _, _ := e.Store.Ticket(id); tk.Description != want {
		t.Errorf("after an edit the ticket says %q, want %q", tk.Description, want)
	}
	if team := to(out, groupMA); len(team) != 1 || !strings.Contains(team[0].Text, "the zoom link gives error 404\n\nsince monday, in every class") {
		t.Errorf("the edit reached the team as %+v", team)
	}
}

// TestLanguage_Named: the language named in the words that ask to change
// it is set at once ("change my language to spanish" asked which, seen in
// the sandbox); none named, or both, asks.
func TestLanguage_Named(t *testing.T) {
	e := newEnv(t)
	p := htest.Person(7310, "en")
	e.Onboard(p, "unma", "student")
	if out := texts(e.Text(p, 0, "change my language to spanish")); strings.Contains(out, "Choose your language") {
		t.Errorf("\"change my language to spanish\": %q, want it set", out)
	}
	if u, _, _ := e.Store.User(p.ID); u.Lang != aulabot.LangES {
		t.Errorf("the language after \"change my language to spanish\": %q, want es", u.Lang)
	}
	for _, asked := range []string{"cambiar el idioma", "¿en qué idioma hablas, español o inglés?"} {
		if out := texts(e.Text(p, 0, asked)); !strings.Contains(out, "Elija su idioma") {
			t.Errorf("%q: %q, want the choice", asked, out)
		}
	}
}
