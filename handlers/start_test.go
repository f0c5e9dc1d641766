package handlers_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// texts joins what msgs say; an edit that only changes buttons says nothing.
func texts(msgs []aulabot.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		if m.ButtonsOnly() {
			continue
		}
		b.WriteString(m.Text)
		b.WriteString("\n---\n")
	}
	return b.String()
}

func TestOnboarding(t *testing.T) {
	tests := []struct {
		lang, hello, uniQ, roleQ, done, teacher string
	}{
		{"es", "¿En qué idioma prefiere", "¿De qué universidad es usted?", "¿Es usted docente o estudiante?", "Le registré como docente", "👩‍🏫 Docente"},
		{"en", "Which language do you prefer?", "Which university are you from?", "Are you a teacher or a student?", "You're registered as a teacher", "👩‍🏫 Teacher"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			e := htest.New(t, nil)
			p := htest.Person(77, tt.lang+"-PE")
			out := e.Text(p, 0, "/start")
			if len(out) != 1 || !strings.Contains(out[0].Text, tt.hello) {
				t.Fatalf("/start said %q, want %q", texts(out), tt.hello)
			}
			if b := htest.Buttons(out); b["🇵🇪 Español"] != "lang:es" || b["🇬🇧 English"] != "lang:en" {
				t.Fatalf("language buttons = %v", b)
			}
			out = said(e.Press(p, 0, out[0].EditMessageID, "lang:"+tt.lang))
			if len(out) != 1 || !strings.Contains(out[0].Text, tt.uniQ) {
				t.Fatalf("after language: %q, want %q", texts(out), tt.uniQ)
			}
			if b := htest.Buttons(out); b["Universidad Nacional de Montealto"] != "uni:unma" {
				t.Fatalf("university buttons = %v", b)
			}
			out = said(e.Press(p, 0, 0, "uni:unma"))
			if len(out) != 1 || !strings.Contains(out[0].Text, tt.roleQ) {
				t.Fatalf("after university: %q, want %q", texts(out), tt.roleQ)
			}
			if b := htest.Buttons(out); b[tt.teacher] != "role:teacher" {
				t.Fatalf("role buttons = %v, want %q", b, tt.teacher)
			}
			out = said(e.Press(p, 0, 0, "role:teacher"))
			if len(out) != 1 || !strings.Contains(out[0].Text, tt.done) || len(out[0].Keyboard) == 0 {
				t.Fatalf("after role: %+v, want %q with the main menu", out, tt.done)
			}
			u, ok, _ := e.Store.User(77)
			if !ok || u.University != "unma" || u.Role != "teacher" || u.Lang != tt.lang || u.ConsentAt.IsZero() {
				t.Errorf("user = %+v", u)
			}
			// Known users go straight to the menu.
			out = e.Text(p, 0, "/start")
			if len(out) != 1 || len(out[0].Keyboard) == 0 || len(out[0].Inline) != 0 {
				t.Errorf("second /start = %+v, want the main menu", out)
			}
		})
	}
}

// The language picked at the first step is used for the next ones, even
// when Telegram says another.
func TestOnboarding_PickedLanguage(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(85, "es-PE")
	e.Text(p, 0, "/start")
	if out := e.Press(p, 0, 0, "lang:en"); !strings.Contains(texts(out), "Which university are you from?") {
		t.Fatalf("after English: %q", texts(out))
	}
	if out := e.Press(p, 0, 0, "uni:unma"); !strings.Contains(texts(out), "Are you a teacher or a student?") {
		t.Fatalf("role question: %q", texts(out))
	}
}

// TestLanguage_Change: /language's buttons change a known person's
// language; the question keeps the choice under it and loses its buttons
// (they stayed, to be pressed again), also when the language is the one
// they had.
func TestLanguage_Change(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(86, "en")
	e.Onboard(p, "unma", aulabot.RoleTeacher)
	ask := lastTo(t, e.Text(p, 0, "/language"), p.ID)
	out := e.PressOn(p, ask, "lang:es")
	if !strings.Contains(texts(out), "Listo, le hablaré en español.") {
		t.Errorf("after Español: %q", texts(out))
	}
	if m := edited(t, out, int(ask.ID)); m.Text != ask.Text+"\n\n👉 🇵🇪 Español" || len(m.Inline) != 0 {
		t.Errorf("the question once answered: %+v", m)
	}
	ask = lastTo(t, e.Text(p, 0, "/language"), p.ID)
	out = e.PressOn(p, ask, "lang:es")
	if m := edited(t, out, int(ask.ID)); m.Text != ask.Text+"\n\n👉 🇵🇪 Español" || !strings.Contains(texts(out), "Listo, le hablaré en español.") {
		t.Errorf("the same language again: %q", texts(out))
	}
}

// A language typed alone ("english"), or after /language ("/language
// español"), changes to it at once; other words asking for the command
// get its buttons. "english" brought the buttons back and the language
// stayed.
func TestLanguage_Typed(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(87, "es")
	e.Onboard(p, "unma", aulabot.RoleTeacher)
	lang := func() string { u, _, _ := e.Store.User(p.ID); return u.Lang }
	if got := texts(e.Text(p, 0, "English")); !strings.Contains(got, "Done, I'll talk to you in English.") || lang() != aulabot.LangEN {
		t.Errorf("English typed: %q, language %q", got, lang())
	}
	if got := texts(e.Text(p, 0, "/language en español")); !strings.Contains(got, "Listo, le hablaré en español.") || lang() != aulabot.LangES {
		t.Errorf("/language en español: %q, language %q", got, lang())
	}
	if out := e.Text(p, 0, "/language"); htest.Buttons(out)["🇬🇧 English"] != "lang:en" || lang() != aulabot.LangES {
		t.Errorf("/language alone: %q %v", texts(out), htest.Buttons(out))
	}
}

func TestOnboarding_DeepLink(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(78, "es")
	e.Text(p, 0, "/start unvs")
	out := said(e.Press(p, 0, 0, "lang:es"))
	if len(out) != 1 || !strings.Contains(out[0].Text, "Universidad Nacional del Valle Sur") {
		t.Fatalf("deep link did not preselect: %q", texts(out))
	}
	e.Press(p, 0, 0, "role:student")
	if u, _, _ := e.Store.User(78); u.University != "unvs" || u.Role != "student" {
		t.Errorf("user = %+v", u)
	}
}

func TestOnboarding_ForgedCallbacks(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(79, "en")
	e.Text(p, 0, "/start")
	e.Press(p, 0, 0, "lang:en")
	for _, data := range []string{"uni:nope", "role:admin", "lang:fr", "role:teacher", "zzz:1", "uni:" + strings.Repeat("x", 100)} {
		out := e.Press(p, 0, 0, data)
		if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "no longer valid") {
			t.Errorf("%s: answer = %+v, want a refusal", data, a)
		}
		if len(out) != 0 {
			t.Errorf("%s: bot sent %q", data, texts(out))
		}
	}
	if _, ok, _ := e.Store.User(79); ok {
		t.Error("forged role press created the user")
	}
	// The flow goes on where it was.
	e.Press(p, 0, 0, "uni:unma")
	e.Press(p, 0, 0, "role:student")
	if u, _, _ := e.Store.User(79); !u.Onboarded() {
		t.Errorf("user = %+v, want onboarded", u)
	}
}

func TestCancel(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(80, "es")
	e.Text(p, 0, "/start")
	out := said(e.Text(p, 0, "/cancel"))
	if len(out) != 1 || !strings.Contains(out[0].Text, "Cancelado") {
		t.Fatalf("/cancel said %q", texts(out))
	}
	out = e.Press(p, 0, 0, "uni:unma")
	if a := e.LastAnswer(); !a.Alert || len(out) != 0 {
		t.Errorf("a button of the cancelled flow still worked: %+v %q", a, texts(out))
	}
}

func TestDeleteMyData(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(81, "en")
	e.Onboard(p, "unma", "student")
	out := e.Text(p, 0, "/deletemydata")
	b := htest.Buttons(out)
	if b["🗑 Yes, delete my data"] != "del:yes" {
		t.Fatalf("buttons = %v", b)
	}
	// Each answer takes the question's buttons off.
	ask := out[len(out)-1]
	out = e.Press(p, 0, int(ask.ID), "del:no")
	if _, ok, _ := e.Store.User(81); !ok || !strings.Contains(texts(out), "nothing was deleted") || !buttonsOff(out, ask.ID) {
		t.Fatalf("del:no deleted, kept the buttons or said %q", texts(out))
	}
	ask = e.Text(p, 0, "/deletemydata")[0]
	out = e.Press(p, 0, int(ask.ID), "del:yes")
	done := slices.IndexFunc(out, func(m aulabot.Message) bool { return strings.Contains(m.Text, "has been deleted") })
	if done < 0 || !out[done].RemoveKeyboard || !buttonsOff(out, ask.ID) {
		t.Errorf("del:yes said %+v", out)
	}
	if _, ok, _ := e.Store.User(81); ok {
		t.Error("user still stored")
	}
	var n int64
	e.Store.View(func(tx *storeTx) error { n = tx.Counter("deleted:unma:student"); return nil })
	if n != 1 {
		t.Errorf("anonymous deletion count = %d, want 1", n)
	}
	// Asking now starts onboarding again.
	if out := e.Text(p, 0, "how do I submit"); htest.Buttons(out)["🇬🇧 English"] != "lang:en" {
		t.Errorf("after deletion a question got %q", texts(out))
	}
}

func TestDuplicateUpdate(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(82, "es")
	u := aulabot.Update{ID: 500, ChatID: 82, From: p, Text: "/start"}
	if out := e.Handle(u); len(out) != 1 {
		t.Fatalf("first delivery sent %d messages", len(out))
	}
	if out := e.Handle(u); len(out) != 0 {
		t.Errorf("second delivery sent %q", texts(out))
	}
}

func TestUnknownCommandAndLongText(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(83, "en")
	if out := e.Text(p, 0, "/frobnicate"); !strings.Contains(texts(out), "I don't know the command /frobnicate") {
		t.Errorf("unknown command: %q", texts(out))
	}
	if out := e.Text(p, 0, strings.Repeat("a", 5000)); !strings.Contains(texts(out), "too long") {
		t.Errorf("long text: %q", texts(out))
	}
	if out := e.Text(p, 0, "/start <b>x</b>"); strings.Contains(texts(out), "<b>x</b>") {
		t.Errorf("deep link echoed unescaped: %q", texts(out))
	}
}

// A command ends at any white space, a line break too: what follows is
// its arguments, as Telegram reads a command.
func TestCommandEndsAtAnySpace(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(85, "en")
	want := texts(e.Text(p, 0, "/help"))
	if !strings.Contains(want, "/mentoring") {
		t.Fatalf("/help = %q", want)
	}
	// In a private chat a command is this bot's whatever @name it carries
	// (a "/help@oldname" tapped in a message from before a rename).
	for _, text := range []string{"/help\nplease", "/help\tplease", "/HELP", "/help\u00a0please", "/help@" + htest.BotUsername, "/help@aulabot_old_bot"} {
		if got := texts(e.Text(p, 0, text)); got != want {
			t.Errorf("%q = %q, want the help", text, got)
		}
	}
}

func TestGroupSilence(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(84, "en")
	if out := e.Text(p, -2001, "hello everyone"); len(out) != 0 {
		t.Errorf("bot chatted in a group: %q", texts(out))
	}
	if out := e.Text(p, -2001, "/help@someotherbot"); len(out) != 0 {
		t.Errorf("bot answered another bot's command: %q", texts(out))
	}
}

// Each onboarding step takes its choice typed as well as pressed:
// "español", "la de Montealto", "soy docente" finish it as the buttons
// do, each question then asked anew with the one before losing its
// buttons; words that name no choice ask the step again, held as the
// question to answer at the end, but not another step's word.
func TestOnboarding_Typed(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(78, "en")
	first := e.Text(p, 0, "/start")[0]
	raw := e.Text(p, 0, "Español")
	out := said(raw)
	if len(out) != 1 || !strings.Contains(out[0].Text, "¿De qué universidad es usted?") || htest.Buttons(out)["Universidad Nacional de Montealto"] != "uni:unma" {
		t.Fatalf("after a typed Español: %q %v", texts(out), htest.Buttons(out))
	}
	if m := edited(t, raw, int(first.ID)); len(m.Inline) != 0 {
		t.Errorf("the language question kept its buttons: %+v", m)
	}
	out = said(e.Text(p, 0, "¿cómo entrego una tarea?"))
	if !strings.Contains(texts(out), "¿De qué universidad es usted?") {
		t.Fatalf("a question at the university step: %q", texts(out))
	}
	out = said(e.Text(p, 0, "profesora")) // the next step's word: asked again, not held
	if got := texts(out); !strings.Contains(got, "¿De qué universidad es usted?") || strings.Contains(got, "Guardé") {
		t.Fatalf("a role typed at the university step: %q", got)
	}
	out = said(e.Text(p, 0, "la de Montealto"))
	if !strings.Contains(texts(out), "¿Es usted docente o estudiante?") {
		t.Fatalf("after a typed montealto: %q", texts(out))
	}
	out = e.Text(p, 0, "soy docente")
	if !strings.Contains(texts(out), "Le registré como docente") {
		t.Fatalf("after a typed soy docente: %q", texts(out))
	}
	if !slices.ContainsFunc(slices.Collect(maps.Values(htest.Buttons(out))), func(d string) bool { return strings.HasPrefix(d, "kb:") }) {
		t.Errorf("the question held during onboarding was not answered at its end: %q", texts(out))
	}
	u, ok, _ := e.Store.User(78)
	if !ok || u.University != "unma" || u.Role != aulabot.RoleTeacher || u.Lang != aulabot.LangES || u.ConsentAt.IsZero() {
		t.Errorf("user = %+v", u)
	}
}
