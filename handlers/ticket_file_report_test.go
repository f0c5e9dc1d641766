package handlers_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestTicket_FileStartsReport: a screenshot sent without words, outside
// any step, starts a report with it attached: the bot reads only words,
// so a file can only be for the technical team. It used to get "use
// /problem and attach it there", and the person, often on a poor
// connection, sent it again. An album's other parts join it; the
// category's step says the files go with the report, and the ticket's
// team gets them all. With a ticket open, the files may go to it instead,
// as if sent with Reply. Words typed before the category are kept as the
// report's first words (the screenshot's explanation), or answered as a
// question with a button, the file then going nowhere, as is said. A
// voice note the bot cannot hear is offered to the team likewise. Cancel
// leaves with nothing filed; a file the team cannot take says so and
// starts nothing.
func TestTicket_FileStartsReport(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7404, "es")
	e.Onboard(ana, "unma", "teacher")
	photo := func(msg int, album string) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: msg, Album: album,
			File: &aulabot.File{ID: "shot-" + string(rune('a'+msg%26)), Kind: "photo", Size: 1000}})
	}

	out := photo(801, "B1")
	if b := htest.Buttons(out); len(out) != 1 || !strings.Contains(out[0].Text, "Recibí su archivo. Yo solo leo palabras") ||
		!strings.Contains(out[0].Text, "¿De qué se trata?") || b["🔐 Acceso al aula virtual"] != "tk:cat:lms" || b["✖️ Cancelar"] == "" ||
		strings.Contains(texts(out), "Añadirlo") {
		t.Fatalf("a screenshot alone: %+v", out)
	}
	if out := photo(802, "B1"); !strings.Contains(texts(out), "Recibí 2 archivos para el reporte. Elija arriba de qué se trata.") {
		t.Errorf("the album's second photo: %q", texts(out))
	}
	photo(803, "B1")
	if out := e.Press(ana, 0, 0, "tk:cat:lms"); !strings.Contains(texts(out), "Los 3 archivos que envió van con el reporte") {
		t.Errorf("the description's step: %q", texts(out))
	}
	out = describe(e, ana, "no puedo entrar al aula virtual, me sale este error")
	copies := copiesOf(out, groupMA, ana.ID)
	if !strings.Contains(texts(to(out, ana.ID)), "UNMA-1") || !slices.Equal(copies, []int{801, 802, 803}) {
		t.Errorf("the ticket: %q, the team's copies %v", texts(to(out, ana.ID)), copies)
	}

	// With UNMA-1 open: the files may go to it.
	out = photo(806, "B2")
	if b := htest.Buttons(out); b["📎 Añadirlo a UNMA-1"] != "tk:af:UNMA-1" || !strings.Contains(texts(out), "Si es para su ticket abierto") || b["🔐 Acceso al aula virtual"] != "tk:cat:lms" {
		t.Fatalf("a screenshot with a ticket open: %q %v", texts(out), htest.Buttons(out))
	}
	photo(807, "B2")
	out = e.Press(ana, 0, 0, "tk:af:UNMA-1")
	copies = copiesOf(out, groupMA, ana.ID)
	if !slices.Equal(copies, []int{806, 807}) || !strings.Contains(texts(to(out, ana.ID)), "Enviado al equipo técnico (UNMA-1)") {
		t.Errorf("added to UNMA-1: copies %v, %q", copies, texts(to(out, ana.ID)))
	}
	if out := e.Press(ana, 0, 0, "tk:af:UNMA-1"); len(to(out, groupMA)) != 0 || !e.LastAnswer().Alert {
		t.Errorf("a second press: %+v", out)
	}

	// Words before the category: the report's first words.
	photo(808, "")
	const said = "me sale error 404 al abrir el curso"
	if out := e.Text(ana, 0, said); !strings.Contains(texts(out), "Anotado: lo pongo al inicio del reporte") || htest.Buttons(out)["🔎 Respóndalo como pregunta"] != "tk:aq" {
		t.Fatalf("words before the category: %q %v", texts(out), htest.Buttons(out))
	}
	if out := e.Press(ana, 0, 0, "tk:cat:lms"); !strings.Contains(texts(out), "«"+said+"»") || htest.Buttons(out)["📨 Enviar lo que escribí"] != "tk:said" {
		t.Fatalf("the description step: %q", texts(out))
	}
	out = stillNeedHelp(e, ana, e.Press(ana, 0, 0, "tk:said"))
	if tk, ok, _ := e.Store.Ticket("UNMA-2"); !ok || tk.Description != said || len(tk.Files) != 1 || tk.Files[0].MessageID != 808 {
		t.Errorf("UNMA-2: %+v (%q)", tk, texts(out))
	}
	// ... or a question after all: answered, the file going nowhere.
	photo(809, "")
	e.Text(ana, 0, "cómo cambio mi contraseña")
	out = e.Press(ana, 0, 0, "tk:aq")
	if all := texts(out); len(to(out, groupMA)) != 0 || !strings.Contains(all, "El archivo que envió no se mandó a nadie") || !strings.Contains(all, "contraseña") {
		t.Errorf("answered as a question: %q", all)
	}
	if out := texts(e.Text(ana, 0, "hola")); strings.Contains(out, "Anotado") || strings.Contains(out, "elija una categoría") {
		t.Errorf("after the question: %q", out)
	}

	// A voice note the bot cannot hear: the team can.
	out = e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 810, File: &aulabot.File{ID: "vn", Kind: aulabot.FileVoice, MIME: "audio/ogg", Size: 900, Seconds: 4}})
	if !strings.Contains(texts(out), "Aún no puedo escuchar notas de voz") || htest.Buttons(out)["📎 Añadirlo a UNMA-1"] != "tk:af:UNMA-1" {
		t.Fatalf("an unheard voice note: %q %v", texts(out), htest.Buttons(out))
	}
	if got := copiesOf(e.Press(ana, 0, 0, "tk:af:UNMA-1"), groupMA, ana.ID); !slices.Equal(got, []int{810}) {
		t.Errorf("the voice note reached the team as copies of %v", got)
	}

	// Cancel: nothing filed, and words are questions again.
	photo(804, "")
	if out := e.Press(ana, 0, 0, "tk:cat:cancel"); len(to(out, groupMA)) != 0 {
		t.Errorf("cancelled: %+v", out)
	}
	if out := e.Text(ana, 0, "cómo cambio mi contraseña"); !strings.Contains(texts(out), "contraseña") || strings.Contains(texts(out), "Elija") {
		t.Errorf("a question after Cancel: %q", texts(out))
	}
	// A file the team cannot take: said, and nothing starts.
	out = e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 805,
		File: &aulabot.File{ID: "exe", Kind: "document", Name: "setup.exe", MIME: "application/x-msdownload", Size: 1000}})
	if !strings.Contains(texts(out), "No puedo aceptar ese archivo") || len(htest.Buttons(out)) != 0 {
		t.Errorf("an executable: %q", texts(out))
	}
	if _, ok, _ := e.Store.Ticket("UNMA-3"); ok {
		t.Errorf("a third ticket was filed")
	}
}

// TestTicket_AlbumWithWords: screenshots sent together with words under
// the first. Asked as a question, the words got an answer and the other
// screenshots, messages of their own, a report of their own. Now the album
// starts one report, the words first, which the other parts join; the
// words can still be answered as a question, the files then going nowhere,
// as is said.
func TestTicket_AlbumWithWords(t *testing.T) {
	e := newEnv(t)
	bea := htest.Person(7405, "es")
	e.Onboard(bea, "unma", "teacher")
	part := func(msg int, album, caption string) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: bea.ID, From: bea, MessageID: msg, Album: album, Text: caption,
			File: &aulabot.File{ID: "p" + string(rune('a'+msg%26)), Kind: "photo", Size: 1000}})
	}
	const said = "así me sale al entrar al aula"
	out := part(901, "C1", said)
	if b := htest.Buttons(out); !strings.Contains(texts(out), "Recibí sus archivos y lo que escribió") || b["👉 🔐 Acceso al aula virtual"] != "tk:cat:lms" || b["🔎 Respóndalo como pregunta"] != "tk:aq" { // "entrar": marked (TestTicket_LikelyCategory)
		t.Fatalf("an album with words: %q %v", texts(out), b)
	}
	if out := part(902, "C1", ""); len(out) != 0 { // its answer said "your files": it joins without a word
		t.Errorf("the album's second part: %q", texts(out))
	}
	if out := e.Press(bea, 0, 0, "tk:cat:lms"); !strings.Contains(texts(out), "«"+said+"»") || !strings.Contains(texts(out), "Los 2 archivos que envió van con el reporte") {
		t.Fatalf("the description step: %q", texts(out))
	}
	out = stillNeedHelp(e, bea, e.Press(bea, 0, 0, "tk:said"))
	if tk, ok, _ := e.Store.Ticket("UNMA-1"); !ok || tk.Description != said || len(tk.Files) != 2 {
		t.Errorf("the ticket: %+v (%q)", tk, texts(out))
	}

	part(903, "C2", "cómo cambio mi contraseña")
	out = e.Press(bea, 0, 0, "tk:aq")
	if all := texts(out); len(to(out, groupMA)) != 0 || !strings.Contains(all, "El archivo que envió no se mandó a nadie") || !strings.Contains(all, "contraseña") {
		t.Errorf("the words answered as a question: %q", all)
	}

	// With UNMA-1 open, the album and its words may go to it.
	if out := part(904, "C3", "también pasa en el celular"); htest.Buttons(out)["📎 Añadirlo a UNMA-1"] != "tk:af:UNMA-1" || !strings.Contains(texts(out), "Si son para su ticket abierto") {
		t.Fatalf("an album with words, a ticket open: %q %v", texts(out), htest.Buttons(out))
	}
	part(905, "C3", "")
	team := to(e.Press(bea, 0, 0, "tk:af:UNMA-1"), groupMA)
	copies := copiesOf(team, groupMA, bea.ID)
	if !strings.Contains(texts(team), "también pasa en el celular") || !slices.Equal(copies, []int{904, 905}) {
		t.Errorf("added to UNMA-1: %q, copies %v", texts(team), copies)
	}
}

// TestTicket_DraftFileReplaced: a screenshot sent for a report and
// replaced by an edit before the report went is the one the ticket
// records (the team's copy, made when the report goes, is of the message
// as it is then); the same file again says nothing; a replacement the bot
// would not take leaves the report.
func TestTicket_DraftFileReplaced(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7405, "es")
	e.Onboard(ana, "unma", "teacher")
	shot := func(id string) *aulabot.File {
		return &aulabot.File{ID: id, UniqueID: "u-" + id, Kind: "photo", Size: 1000}
	}
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 901, File: shot("old")})
	e.Press(ana, 0, 0, "tk:cat:lms")
	out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 901, File: shot("new"), Edited: true})
	has(t, "told", out, "el equipo técnico recibirá el archivo nuevo")
	// The same file again (only its caption's format): nothing to say.
	if out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 901, File: shot("new"), Edited: true}); strings.Contains(texts(out), "archivo nuevo") {
		t.Errorf("the same file again: %q", texts(out))
	}
	out = describe(e, ana, "no puedo entrar al aula virtual, me sale este error")
	if copies := copiesOf(out, groupMA, ana.ID); !slices.Equal(copies, []int{901}) {
		t.Errorf("the team's copies %v", copies)
	}
	if tk, ok, _ := e.Store.Ticket("UNMA-1"); !ok || len(tk.Files) != 1 || tk.Files[0].File.ID != "new" || tk.Files[0].MessageID != 901 {
		t.Errorf("UNMA-1's files: %+v", tk.Files)
	}

	// A replacement the bot would not take leaves the report: the team
	// gets no copy of that message.
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 910, File: shot("doc")})
	e.Press(ana, 0, 0, "tk:cat:upload")
	out = e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 910, Edited: true,
		File: &aulabot.File{ID: "exe", Kind: "document", Name: "setup.exe", MIME: "application/x-msdownload", Size: 1000}})
	has(t, "refused", out, "No puedo aceptar ese archivo", "lo saqué del reporte")
	out = describe(e, ana, "no puedo subir la tarea, el botón no responde")
	if copies := copiesOf(out, groupMA, ana.ID); len(copies) != 0 {
		t.Errorf("the team's copies %v", copies)
	}
	if tk, ok, _ := e.Store.Ticket("UNMA-2"); !ok || len(tk.Files) != 0 {
		t.Errorf("UNMA-2 (%v) files: %+v", ok, tk.Files)
	}
}

// A category typed at a report's first step instead of pressed
// ("Videoconferencia", "video conference", "otro") is that category: the
// description is asked for next, the categories' buttons gone; words that
// only contain a category's are the report's first words, as before.
func TestTicket_CategoryTyped(t *testing.T) {
	e := htest.New(t, nil)
	ana := htest.Person(7301, "es")
	e.Onboard(ana, "unma", aulabot.RoleTeacher)
	for typed, want := range map[string]string{"Videoconferencia": "🎥 Videoconferencia", "video conference": "🎥 Videoconferencia", "OTRO": "❓ Otro"} {
		ask := lastTo(t, e.Text(ana, 0, "/problem"), ana.ID)
		out := e.Text(ana, 0, typed)
		if got := texts(out); !strings.Contains(got, "<b>"+want+"</b>. Cuénteme el problema") {
			t.Errorf("%q typed: %q", typed, got)
		}
		if m := edited(t, out, int(ask.ID)); len(m.Inline) != 0 {
			t.Errorf("%q typed: the categories kept their buttons: %+v", typed, m)
		}
		e.Text(ana, 0, "/cancel")
	}
	e.Text(ana, 0, "/problem")
	if got := texts(e.Text(ana, 0, "la videoconferencia no abre")); !strings.Contains(got, "Anotado: lo pongo al inicio del reporte") {
		t.Errorf("words with a category's in them: %q", got)
	}
}
