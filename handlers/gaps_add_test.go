package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// reloadNow runs e's background jobs (a reload is one) and returns what
// they sent.
func reloadNow(t *testing.T, e *htest.Env) []aulabot.Message {
	t.Helper()
	if err := e.H.RunBackgroundJobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e.Deliver()
}

// reloadedCount is the number of articles a reload's message says.
func reloadedCount(t *testing.T, out []aulabot.Message) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscanf(texts(out), "✅ Base de conocimiento recargada: %d artículos.", &n); err != nil {
		t.Fatalf("no reload in %q: %v", texts(out), err)
	}
	return n
}

// TestGaps_AddToBase: ✍️'s words, added to the base with ➕, answer the
// next person who asks at once (the same words, and other words for the
// same), at the coordinator's university only, and the gap leaves /gaps;
// 🗑 takes the article out and the question is a gap again.
func TestGaps_AddToBase(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := htest.New(t, nil)
	e.WithOwnKB()
	ana, luis := htest.Person(130, "es"), htest.Person(131, "en")
	for _, p := range []aulabot.Person{ana, luis} {
		e.Onboard(p, "unma", "student")
	}
	const asked = "hay becas para estudiantes a distancia"
	e.Text(ana, 0, asked)
	e.Text(luis, 0, asked+"?")
	coord := htest.Person(5001, "es")
	pressIn(t, e, coord, e.Text(coord, 0, "/gaps"), "✍️ 1")
	const words = "Sí: la oficina de Bienestar abre la convocatoria de becas en marzo; escriba a bienestar@unma.edu.pe."
	sent := pressIn(t, e, coord, e.Text(coord, 0, words), "📬 Enviar")
	has(t, "draft caption", to(sent, coord.ID), "➕ agrega su respuesta a la base de conocimiento")

	// Before ➕ the next person still gets no answer.
	pedro := htest.Person(132, "es")
	e.Onboard(pedro, "unma", "student")
	has(t, "before ➕", e.Text(pedro, 0, asked), "Guardé su pregunta para que la coordinación la revise")

	// A ➕ of older words (a newer draft was sent since) adds nothing.
	add := buttonWith(t, sent, "➕ Agregar a la base")
	if out := e.Press(coord, 0, 0, add[:strings.LastIndex(add, ":")]+":99"); len(out) != 0 || !strings.Contains(e.LastAnswer().Text, "use ➕ en el borrador más reciente") {
		t.Fatalf("➕ of another version: %q %+v", texts(out), e.LastAnswer())
	}
	added := pressIn(t, e, coord, sent, "➕ Agregar a la base")
	// Two phrasings: ana's and pedro's (the same words, in Spanish) and
	// luis's (in English).
	has(t, "added", added, "se agregó a la base de conocimiento como <code>becas-estudiantes-distancia</code>, con 2 formas de preguntar enlazadas")
	with := reloadedCount(t, reloadNow(t, e))

	maria := htest.Person(133, "es")
	e.Onboard(maria, "unma", "student")
	for _, q := range []string{"¿Hay becas para estudiantes a distancia?", "hay alguna beca para alumnos que estudian a distancia"} {
		has(t, q, e.Text(maria, 0, q), "<b>¿Hay becas para estudiantes a distancia?</b>", "convocatoria de becas en marzo")
	}
	// The group left /gaps; the list of what was added from it has it.
	listed := e.Text(coord, 0, "/gaps")
	has(t, "gaps after ➕", listed, "No hay preguntas sin respuesta en los últimos 30 días",
		"➕ <b>Artículos agregados a la base desde /gaps</b>: 1\n1. hay becas para estudiantes a distancia? → <code>becas-estudiantes-distancia</code>")
	if all := texts(e.Text(htest.Person(5101, "es"), 0, "/gaps")); strings.Contains(all, "Artículos agregados") {
		t.Errorf("another university's /gaps lists unma's: %q", all)
	}
	// An admin's /gaps of every university names each one's university.
	has(t, "admin", e.Text(htest.Person(1001, "es"), 0, "/gaps"), "<code>becas-estudiantes-distancia</code> · Universidad Nacional de Montealto\n")
	other := htest.Person(134, "es")
	e.Onboard(other, "unvs", "student")
	if got := texts(e.Text(other, 0, asked)); strings.Contains(got, "marzo") {
		t.Errorf("another university's student got unma's words: %q", got)
	}

	has(t, "removed", pressIn(t, e, coord, listed, "🗑 1"), "salió de la base de conocimiento")
	if all := texts(e.Text(coord, 0, "/gaps")); strings.Contains(all, "Artículos agregados") {
		t.Errorf("/gaps lists a removed article: %q", all)
	}
	if out := pressIn(t, e, coord, added, "🗑 Quitar de la base"); len(out) != 0 || !strings.Contains(e.LastAnswer().Text, "Ese artículo ya no está en la base") {
		t.Errorf("🗑 of a removed article: %q %+v", texts(out), e.LastAnswer())
	}
	if without := reloadedCount(t, reloadNow(t, e)); without != with-1 {
		t.Errorf("reloaded with %d articles after ➕, %d after 🗑", with, without)
	}
	has(t, "after 🗑", e.Text(maria, 0, asked), "Todavía no sé responder eso")
	has(t, "gaps after 🗑", e.Text(coord, 0, "/gaps"), "4×</b> hay becas para estudiantes a distancia")
	// ➕ again adds the same draft under the same id.
	has(t, "added again", pressIn(t, e, coord, sent, "➕ Agregar a la base"), "como <code>becas-estudiantes-distancia</code>")
	reloadNow(t, e)
	has(t, "answered again", e.Text(maria, 0, asked), "convocatoria de becas en marzo")
}

// TestGaps_AddConcurrent: two universities' coordinators add drafts that
// make the same id at the same moment: one article takes the id, the
// other coordinator is told to press again, and then gets another id.
func TestGaps_AddConcurrent(t *testing.T) {
	e := htest.New(t, nil)
	e.WithOwnKB()
	coords := []aulabot.Person{htest.Person(5001, "es"), htest.Person(5101, "es")}
	var adds []string
	for i, uni := range []string{"unma", "unvs"} {
		p := htest.Person(int64(140+i), "es")
		e.Onboard(p, uni, "student")
		e.Text(p, 0, "hay becas?")
		pressIn(t, e, coords[i], e.Text(coords[i], 0, "/gaps"), "✍️ 1")
		sent := pressIn(t, e, coords[i], e.Text(coords[i], 0, "Sí, en marzo ("+uni+")."), "📬 Enviar")
		adds = append(adds, buttonWith(t, sent, "➕ Agregar a la base"))
	}
	var wg sync.WaitGroup
	for i, c := range coords {
		wg.Go(func() {
			u := aulabot.Update{ID: int64(900000 + i), ChatID: c.ID, ChatType: aulabot.ChatPrivate, From: c,
				Callback: &aulabot.Callback{ID: fmt.Sprint("add", i), Data: adds[i]}}
			if err := e.H.Handle(context.Background(), u); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	added := map[int64]bool{}
	for _, m := range e.Deliver() {
		if strings.Contains(m.Text, "se agregó a la base de conocimiento como <code>becas</code>") {
			added[m.ChatID] = true
		}
	}
	if len(added) != 1 {
		t.Fatalf("the id went to %d coordinators, want 1", len(added))
	}
	reloadNow(t, e)
	for i, c := range coords {
		if !added[c.ID] {
			has(t, "again", e.Press(c, 0, 0, adds[i]), "como <code>becas-2</code>")
		}
	}
}

// TestGaps_EditDraft: ✏️ under a draft takes a new text for the base
// alone: nobody who asked gets it, the older draft's ➕ adds nothing, the
// new one's adds the new text; ✏️ on an added article and ➕ replace it
// under the same id.
func TestGaps_EditDraft(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := htest.New(t, nil)
	e.WithOwnKB()
	ana := htest.Person(150, "es")
	e.Onboard(ana, "unma", "student")
	const asked = "hay becas para estudiantes a distancia"
	e.Text(ana, 0, asked)
	coord := htest.Person(5001, "es")
	pressIn(t, e, coord, e.Text(coord, 0, "/gaps"), "✍️ 1")
	sent := pressIn(t, e, coord, e.Text(coord, 0, "Sí, en marzo."), "📬 Enviar")
	has(t, "ask", pressIn(t, e, coord, sent, "✏️ Cambiar el texto"), "Escriba el texto del artículo para la base de conocimiento", "Quienes preguntaron no lo reciben")
	// Words past the limit are refused and the step waits for others.
	has(t, "too long", e.Text(coord, 0, strings.Repeat("a", 3001)), "hasta 3000 caracteres")
	const fuller = "Sí. La oficina de Bienestar abre la convocatoria de becas en marzo; se postula en bienestar.unma.edu.pe con la constancia de matrícula."
	edited := e.Text(coord, 0, fuller)
	if n := len(to(edited, ana.ID)); n != 0 {
		t.Fatalf("the asker got %d messages of the new text", n)
	}
	var file *aulabot.OutFile
	for _, m := range edited {
		if m.File != nil {
			file = m.File
		}
	}
	if file == nil || !strings.Contains(string(file.Data), "---\n"+fuller+"\n") || !strings.Contains(string(file.Data), "title: Hay becas para estudiantes a distancia\n") {
		t.Fatalf("the new draft: %+v", edited)
	}
	has(t, "caption", edited, "El borrador con su nuevo texto")
	if out := pressIn(t, e, coord, sent, "➕ Agregar a la base"); len(out) != 0 || !strings.Contains(e.LastAnswer().Text, "use ➕ en el borrador más reciente") {
		t.Fatalf("➕ of the older draft: %q %+v", texts(out), e.LastAnswer())
	}
	has(t, "added", pressIn(t, e, coord, edited, "➕ Agregar a la base"), "como <code>becas-estudiantes-distancia</code>")
	n := reloadedCount(t, reloadNow(t, e))
	maria := htest.Person(151, "es")
	e.Onboard(maria, "unma", "student")
	has(t, "answered", e.Text(maria, 0, asked), fuller)

	// ✏️ again on the added article, ➕: the same id, the newest text.
	pressIn(t, e, coord, edited, "✏️ Cambiar el texto")
	const newest = "Sí. La convocatoria de becas abre en marzo y cierra en abril."
	again := e.Text(coord, 0, newest)
	has(t, "replaced", pressIn(t, e, coord, again, "➕ Agregar a la base"), "como <code>becas-estudiantes-distancia</code>")
	if m := reloadedCount(t, reloadNow(t, e)); m != n {
		t.Errorf("%d articles after replacing, %d before", m, n)
	}
	if got := texts(e.Text(maria, 0, asked)); !strings.Contains(got, newest) || strings.Contains(got, fuller) {
		t.Errorf("after replacing: %q", got)
	}
}

// TestGaps_AddedListPages: an admin's list of 25 added articles with long
// titles, each naming its university, pages ten at a time, each page fits
// in a message, ▶️ and ◀️ turn it in place, and 🗑 on the last page
// removes its article. Until 5 December the list stopped at twenty and said
// how many more, and those could not be removed from Telegram. A
// coordinator turns only their university's list.
func TestGaps_AddedListPages(t *testing.T) {
	e := htest.New(t, nil)
	long := strings.Repeat("¿Cómo hago & resuelvo esto tan largo? ", 4)
	const total = 25
	err := e.Store.Update(func(tx *store.Tx) error {
		for i := range total {
			a, err := tx.KeepDraft(uint64(1000+i), aulabot.KBDraft{Title: long, University: "unma"})
			if err != nil {
				return err
			}
			a.ID = fmt.Sprintf("articulo-con-un-identificador-largo-%02d", i)
			a.Name, a.Data = a.ID+".md", []byte("x")
			if err := tx.PutAdded(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	admin := htest.Person(1001, "es")
	var list aulabot.Message
	for _, m := range e.Text(admin, 0, "/gaps") {
		if strings.Contains(m.Text, "Artículos agregados a la base desde /gaps</b>: 25") {
			list = m
		}
	}
	if list.ID == 0 {
		t.Fatal("no list of the 25 added articles")
	}
	// shown are the articles list shows, by number, each with its 🗑.
	shown := func(m aulabot.Message) (first, last int) {
		t.Helper()
		if err := handlers.Fits(m); err != nil {
			t.Fatal(err)
		}
		first = -1
		for i := range total {
			line := fmt.Sprintf("\n%d. ¿Cómo hago", i+1)
			if strings.Contains(m.Text, line) != (htest.Buttons([]aulabot.Message{m})[fmt.Sprintf("🗑 %d", i+1)] != "") {
				t.Errorf("article %d: listed and its 🗑 disagree: %q", i+1, m.Text)
			}
			if strings.Contains(m.Text, line) {
				if first < 0 {
					first = i + 1
				}
				last = i + 1
				if !strings.Contains(m.Text, fmt.Sprintf("identificador-largo-%02d</code> · Universidad Nacional de Montealto", i)) {
					t.Errorf("article %d does not name its university: %q", i+1, m.Text)
				}
			}
		}
		return first, last
	}
	if a, b := shown(list); a != 1 || b != 10 || !strings.Contains(list.Text, "página 1 de 3") {
		t.Fatalf("page 1 shows %d–%d: %q", a, b, list.Text)
	}
	page := edited(t, pressIn(t, e, admin, []aulabot.Message{list}, "Más ▶️"), int(list.ID))
	if a, b := shown(page); a != 11 || b != 20 {
		t.Fatalf("page 2 shows %d–%d: %q", a, b, page.Text)
	}
	page.ID = list.ID
	page = edited(t, pressIn(t, e, admin, []aulabot.Message{page}, "Más ▶️"), int(list.ID))
	if a, b := shown(page); a != 21 || b != 25 || !strings.Contains(page.Text, "página 3 de 3") {
		t.Fatalf("page 3 shows %d–%d: %q", a, b, page.Text)
	}
	page.ID = list.ID
	pressIn(t, e, admin, []aulabot.Message{page}, "🗑 21")
	added := func(q uint64) (a aulabot.KBAdded) {
		t.Helper()
		if err := e.Store.View(func(tx *store.Tx) (err error) { a, _, err = tx.AddedArticle(q); return err }); err != nil {
			t.Fatal(err)
		}
		return a
	}
	if added(1020).ID != "" || added(1019).ID == "" {
		t.Errorf("🗑 21 on the last page: the 21st %+v, the 20th %+v", added(1020), added(1019))
	}
	page = edited(t, pressIn(t, e, admin, []aulabot.Message{page}, "◀️ Anteriores"), int(list.ID))
	if a, b := shown(page); a != 11 || b != 20 || !strings.Contains(page.Text, "</b>: 24") {
		t.Fatalf("back on page 2: %d–%d: %q", a, b, page.Text)
	}
	// Another university's coordinator, or a coordinator on every
	// university's list, turns nothing.
	for _, press := range []struct {
		who  int64
		data string
	}{{5101, "gp:ap:unma:1"}, {5001, "gp:ap:*:1"}} {
		if out := e.Press(htest.Person(press.who, "es"), 0, int(list.ID), press.data); len(out) != 0 || !e.LastAnswer().Alert {
			t.Errorf("%d pressed %s: %q, answer %+v", press.who, press.data, texts(out), e.LastAnswer())
		}
	}
}

// TestGaps_AddedNotHelpful: a person who asks after ➕ and finds the
// article no help makes the question a gap again (as after 🔗); the
// coordinator's new words for it are a new text of the same article, which
// ➕ replaces under its id, and the gap leaves /gaps again.
func TestGaps_AddedNotHelpful(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := htest.New(t, nil)
	e.WithOwnKB()
	ana, pedro := htest.Person(160, "es"), htest.Person(163, "es")
	e.Onboard(ana, "unma", "student")
	e.Onboard(pedro, "unma", "student")
	const asked = "hay becas para estudiantes a distancia"
	const other = "hay becas para los estudiantes a distancia" // another phrasing of the group, the newest
	e.Text(ana, 0, asked)
	e.Text(pedro, 0, other)
	coord := htest.Person(5001, "es")
	pressIn(t, e, coord, e.Text(coord, 0, "/gaps"), "✍️ 1")
	first := pressIn(t, e, coord, e.Text(coord, 0, "Sí, en marzo."), "📬 Enviar")
	pressIn(t, e, coord, first, "➕ Agregar a la base")
	n := reloadedCount(t, reloadNow(t, e))
	title := ""
	for _, m := range first {
		if m.File != nil {
			title = strings.SplitAfter(string(m.File.Data), "\n")[2] // "---", "id: …", "title: …"
		}
	}
	if title != "title: Hay becas para los estudiantes a distancia\n" {
		t.Fatalf("the first draft's title line %q", title)
	}

	e.Advance(time.Hour)
	luis := htest.Person(161, "es")
	e.Onboard(luis, "unma", "student")
	// The phrasing that is not the one the draft was kept under (the
	// group's newest, pedro's, its title).
	answer := e.Text(luis, 0, asked)
	has(t, "answered", answer, "Sí, en marzo.")
	pressIn(t, e, luis, answer, "👎 No me sirvió")
	has(t, "a gap again", e.Text(coord, 0, "/gaps"), "1×</b> "+asked)

	pressIn(t, e, coord, e.Text(coord, 0, "/gaps"), "✍️ 1")
	const better = "Sí: la convocatoria de becas abre en marzo, en bienestar.unma.edu.pe; las becas a distancia cubren la matrícula."
	sent := pressIn(t, e, coord, e.Text(coord, 0, better), "📬 Enviar")
	has(t, "luis told", to(sent, luis.ID), better)
	var draft *aulabot.OutFile
	for _, m := range to(sent, coord.ID) {
		if m.File != nil {
			draft = m.File
		}
	}
	if draft == nil || draft.Name != "becas-estudiantes-distancia.md" || !strings.Contains(string(draft.Data), title) {
		t.Fatalf("the new draft of the added article: %+v", draft)
	}
	has(t, "replaced", pressIn(t, e, coord, sent, "➕ Agregar a la base"), "como <code>becas-estudiantes-distancia</code>")
	if m := reloadedCount(t, reloadNow(t, e)); m != n {
		t.Errorf("%d articles after the new words, %d before: a second article", m, n)
	}
	has(t, "no gap", e.Text(coord, 0, "/gaps"), "No hay preguntas sin respuesta")
	e.Advance(time.Hour)
	maria := htest.Person(162, "es")
	e.Onboard(maria, "unma", "student")
	has(t, "the new text", e.Text(maria, 0, asked), better)
}
