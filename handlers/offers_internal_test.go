package handlers

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
)

// People's offers change and are read at once from many updates (the
// chats are handled in parallel): each reads their own, the last kept;
// an offer past YesWindow is not read, each part by its own time, and
// the map drops those past it once it is large; a group's update changes
// nothing.
func TestOffers_Concurrent(t *testing.T) {
	var o offers
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	for u := range int64(2000) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				b := aulabot.Button{Text: fmt.Sprintf("%d-%d", u, i), Data: "bk:c:1"}
				o.change(u, true, now, offerChange{yes: &b})
				if f := o.get(u, now); f.yes.Text != b.Text {
					t.Errorf("person %d read %+v after offering %q", u, f, b.Text)
				}
			}
		}()
	}
	wg.Wait()
	if f := o.get(7, now); f.yes.Text != "7-4" {
		t.Errorf("the last offer: %+v", f)
	}
	if f := o.get(7, now.Add(YesWindow+time.Second)); f.yes != (aulabot.Button{}) {
		t.Errorf("an offer past the window was read: %+v", f)
	}
	later := now.Add(YesWindow + time.Minute)
	choices := []choice{{Button: aulabot.Button{Text: "personal", Data: "bk:k:p:0"}}}
	o.change(9999, true, later, offerChange{choices: &choices})
	if n := len(o.by); n != 1 {
		t.Errorf("%d offers kept after a change past the others' window, want 1", n)
	}
	// A yes answered later does not make the choices younger.
	o.change(9999, true, later.Add(YesWindow-time.Minute), offerChange{yes: &aulabot.Button{}})
	if f := o.get(9999, later.Add(YesWindow+time.Minute)); len(f.choices) != 0 {
		t.Errorf("choices past their window, renewed by a yes answered: %+v", f)
	}
	if f := o.get(9999, later); len(f.choices) != 1 {
		t.Errorf("the choices within their window: %+v", f)
	}
	o.change(5, false, later, offerChange{choices: &choices})
	if f := o.get(5, later); len(f.choices) != 0 {
		t.Errorf("a group's update made an offer: %+v", f)
	}
	o.change(9999, true, later, offerChange{forget: true})
	if f := o.get(9999, later); len(f.choices) != 0 || f.yes != (aulabot.Button{}) {
		t.Errorf("a forgotten offer was read: %+v", f)
	}
}

// A message delivered to a person (shown) and their own update's offer
// (change) land in either order, from the outbox's goroutines and the
// update's: the later by the clock stands whichever came first. A
// message meant to go after the update (went) offers its buttons and
// takes back a yes asked before; one meant to go before it offers
// nothing; a flow's step's buttons wait for the step.
func TestOffers_ShownConcurrent(t *testing.T) {
	var o offers
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	own := []choice{{Button: aulabot.Button{Text: "👤 Personal", Data: "bk:k:p:0"}}}
	sent := []choice{{Button: aulabot.Button{Text: "✅ Eso lo resolvió", Data: "tk:sv:UNMA-1"}}}
	yes := aulabot.Button{Text: "✅ Confirm and Book", Data: "bk:c:1"}
	var wg sync.WaitGroup
	for u := range int64(400) {
		// Even people's message was meant to go after their update,
		// odd people's before; each third is at a flow's step.
		at, went := now, now.Add(time.Second)
		if u%2 == 1 {
			at, went = now.Add(3*time.Second), now.Add(time.Second)
		}
		inFlow := u%3 == 0
		wg.Add(2)
		go func() {
			defer wg.Done()
			if inFlow {
				o.change(u, true, at, offerChange{choices: &own, inFlow: true})
			} else {
				o.change(u, true, at, offerChange{yes: &yes, choices: &own})
			}
		}()
		go func() {
			defer wg.Done()
			o.shown(u, went, now.Add(2*time.Second), sent)
		}()
	}
	wg.Wait()
	read := now.Add(4 * time.Second)
	for u := range int64(400) {
		f := o.get(u, read)
		want, wantYes := sent, aulabot.Button{}
		switch {
		case u%3 == 0:
			want = own
		case u%2 == 1:
			want, wantYes = own, yes
		}
		if len(f.choices) != 1 || f.choices[0].Data != want[0].Data || f.yes != wantYes {
			t.Errorf("person %d (meant to go after the update: %v, at a step: %v): choices %+v, yes %+v; want %q, yes %+v",
				u, u%2 == 0, u%3 == 0, f.choices, f.yes, want[0].Text, wantYes)
		}
	}
}

// A message's buttons sent by another's doing are read for ShownWindow;
// the person's own update's, shown after them, for YesWindow again.
func TestOffers_ShownWindow(t *testing.T) {
	var o offers
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	sent := []choice{{Button: aulabot.Button{Text: "✅ Asistiré", Data: "ev:a:1:y"}}}
	own := []choice{{Button: aulabot.Button{Text: "👤 Personal", Data: "bk:k:p:0"}}}
	o.shown(1, now, now, sent)
	if f := o.get(1, now.Add(ShownWindow-time.Minute)); len(f.choices) != 1 {
		t.Errorf("a sent message's buttons within ShownWindow: %+v", f.choices)
	}
	if f := o.get(1, now.Add(ShownWindow+time.Minute)); len(f.choices) != 0 {
		t.Errorf("a sent message's buttons past ShownWindow: %+v", f.choices)
	}
	later := now.Add(time.Hour)
	o.change(1, true, later, offerChange{choices: &own})
	if f := o.get(1, later.Add(YesWindow+time.Minute)); len(f.choices) != 0 {
		t.Errorf("the person's own buttons after a sent message's, past YesWindow: %+v", f.choices)
	}
}

// A label's words typed with some left out, two or more in their order,
// are its press when one label holds them; never a yes or a no, nor a
// checklist's box, nor words out of order.
func TestTypedWithin(t *testing.T) {
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	h := &Handlers{Now: func() time.Time { return now }}
	c := &Ctx{h: h, U: aulabot.Update{ChatID: 7, From: aulabot.Person{ID: 7}}}
	bs := []choice{
		{Button: aulabot.Button{Text: "✅ Ana Quispe Huamán vino", Data: "a:1"}},
		{Button: aulabot.Button{Text: "❌ Ana Quispe Huamán faltó", Data: "a:0"}},
		{Button: aulabot.Button{Text: "✅ Ana Lucía Rojas vino", Data: "r:1"}},
		{Button: aulabot.Button{Text: "No gracias, mantenerla", Data: "keep"}},
		{Button: aulabot.Button{Text: "🧑‍🏫 Preguntar a un mentor", Data: "mentor"}},
		{Button: aulabot.Button{Text: "⬜ Foros con consignas claras", Data: "box"}, whole: true},
	}
	h.offers.change(7, true, now, offerChange{choices: &bs})
	for typed, want := range map[string]string{
		"quispe vino":        "a:1",
		"ana quispe faltó":   "a:0",
		"preguntar mentor":   "mentor",
		"ana vino":           "a:1 r:1", // two: which of them
		"vino ana":           "",        // out of order
		"no gracias":         "",        // a no
		"foros claras":       "",        // a box: its whole words only
		"quispe":             "",        // one word: a label's start, or nothing
		"ana quispe vino ya": "",
	} {
		var got []string
		for _, b := range c.typedWithin(typed, aulabot.TypedWords(typed)) {
			got = append(got, b.Data)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("typedWithin(%q) = %v, want %q", typed, got, want)
		}
	}
}

// answered counts the callback queries answered.
type answered struct{ n int }

func (a *answered) AnswerCallback(context.Context, string, string, bool) error { a.n++; return nil }
func (a *answered) ChatAction(context.Context, int64, string) error            { return nil }

// A button's words typed (a press with Callback.Typed) have no query to
// answer, what a press would show in a dialog (a refusal, an alert) is a
// message under the words instead, and the press is of the step's prompt.
func TestTypedPress_NoDialog(t *testing.T) {
	a := &answered{}
	h := &Handlers{Instant: a, cat: i18n.Builtin()}
	typed := func() *Ctx {
		return &Ctx{Context: context.Background(), h: h, Lang: aulabot.LangEN,
			U: aulabot.Update{ChatID: 7, Callback: &aulabot.Callback{Data: "ann:send", Typed: true}}}
	}
	c := typed()
	c.Alert("Already sent")
	if c.answer != nil || len(c.out) != 1 || c.out[0].Text != "Already sent" || c.out[0].ChatID != 7 {
		t.Errorf("an alert of a typed press: answer %+v, out %+v; want a message", c.answer, c.out)
	}
	c = typed()
	h.showError(c, aulabot.Errorf(aulabot.EINVALID, "error.stale_button"))
	if c.answer != nil || len(c.out) != 1 || !strings.Contains(c.out[0].Text, "no longer") {
		t.Errorf("a refusal of a typed press: answer %+v, out %+v; want a message", c.answer, c.out)
	}
	h.answerCallback(c)
	if a.n != 0 {
		t.Errorf("%d callback queries answered for a typed press", a.n)
	}
	if !c.pressedPrompt(nil, aulabot.State{Flow: "announce", Prompt: 12}) {
		t.Error("a typed press not taken for a press of the step's prompt (whose buttons it typed)")
	}
	c = typed()
	c.U.Callback.Typed, c.U.Callback.ID = false, "cb1"
	c.Alert("Already sent")
	h.answerCallback(c)
	if c.answer == nil || !c.answer.alert || len(c.out) != 0 || a.n != 1 {
		t.Errorf("a press's alert: answer %+v, out %+v, %d answered", c.answer, c.out, a.n)
	}
}

// A typed choice is a label's words when no other label's are, or its
// first words when no other label's begin so; never a yes or a no taken
// for a label's start, nor fewer than four letters.
func TestTypedChoice_Starts(t *testing.T) {
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	h := &Handlers{Now: func() time.Time { return now }}
	c := &Ctx{h: h, U: aulabot.Update{ChatID: 7, From: aulabot.Person{ID: 7}}}
	offer := func(labels ...string) {
		var bs []choice
		for i, l := range labels {
			bs = append(bs, choice{Button: aulabot.Button{Text: l, Data: fmt.Sprintf("x:%d", i)}})
		}
		h.offers.change(7, true, now, offerChange{choices: &bs})
	}
	offer("✅ Crear e invitar", "🗑️ Descartar", "Sí claro, cancelar", "No gracias, mantenerla", "📤 Enviar ahora", "📤 Enviar mañana", "Ver más",
		"🔁 Cambiar la hora", "🔁 Cambiar la hora")
	for typed, want := range map[string]string{
		"crear":                "x:0",
		"Crear e invitar":      "x:0",
		"descartar":            "x:1",
		"sí claro":             "", // a yes
		"Sí claro, cancelar":   "x:2",
		"no":                   "",
		"no gracias":           "", // a no
		"enviar":               "", // two labels begin so
		"enviar ahora":         "x:4",
		"ver":                  "", // fewer than four letters
		"ver más":              "x:6",
		"crear un curso nuevo": "",
		"cambiar la hora":      "", // two buttons read alike
	} {
		b, ok := c.typedChoice(typed, aulabot.TypedWords(typed))
		if got := b.Data; ok != (want != "") || got != want {
			t.Errorf("%q typed: %q %v, want %q", typed, got, ok, want)
		}
	}
	// What presses none for two or more: those buttons, to ask which.
	for typed, want := range map[string]string{
		"enviar":          "x:4 x:5",
		"cambiar la hora": "x:7 x:8",
		"crear":           "", // one
		"no":              "", // a no, which begins two labels
		"sí claro":        "",
		"ver":             "",
		"cancelar":        "", // no label begins so
	} {
		var got []string
		for _, b := range c.typedAlike(typed, aulabot.TypedWords(typed)) {
			got = append(got, b.Data)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q typed: alike %v, want %q", typed, got, want)
		}
	}
}

// A time is the morning's only where words say so; "mañana" alone is
// tomorrow.
func TestMorningWords(t *testing.T) {
	for text, want := range map[string]bool{
		"a las 9am": true, "9 a.m.": true, "las 9 AM": true, "9 de la mañana": true, "in the morning": true, "de madrugada": true,
		"a las 9": false, "mañana a las 3": false, "9 amigos": false, "cambiar la hora": false, "examen a las 3": false,
	} {
		if got := morningWords(text); got != want {
			t.Errorf("morningWords(%q) = %v, want %v", text, got, want)
		}
	}
}

// The words that asked for a feature name one of its choices when they
// hold its words whole, and only one's.
func TestNamedChoice(t *testing.T) {
	periods := []aulabot.Button{{Text: "Esta semana", Data: "tw"}, {Text: "This week", Data: "tw"},
		{Text: "La semana pasada", Data: "lw"}, {Text: "Este mes", Data: "tm"}}
	audiences := []aulabot.Button{{Text: "Docentes", Data: "t"}, {Text: "Estudiantes", Data: "s"},
		{Text: "Docentes y estudiantes", Data: "a"}, {Text: "profesores", Data: "t"}}
	for _, tc := range []struct {
		asked   string
		choices []aulabot.Button
		want    string
	}{
		{"informe de esta semana", periods, "tw"},
		{"weekly report for this week", periods, "tw"},
		{"informe de la semana pasada", periods, "lw"},
		{"informe", periods, ""},
		{"esta semana y la semana pasada", periods, ""},
		{"informe de estas semanas", periods, ""},
		{"", periods, ""},
		{"enviar un aviso a los docentes", audiences, "t"},
		{"un anuncio para docentes y estudiantes", audiences, "a"}, // the longer label named
		{"aviso a los profesores", audiences, "t"},
		{"aviso a los docentes y luego a los estudiantes", audiences, ""},
	} {
		got, ok := namedChoice(tc.asked, tc.choices)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("namedChoice(%q) = %q %v, want %q", tc.asked, got, ok, tc.want)
		}
	}
}

// BenchmarkOffers_Change is one person's offer changed while 5,000
// others' are kept (a busy term's ten minutes, every answer with buttons
// making one).
func BenchmarkOffers_Change(b *testing.B) {
	var o offers
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	choices := []choice{{Button: aulabot.Button{Text: "🛠 Report to the technical team", Data: "kb:t:1"}}}
	for u := range int64(5000) {
		o.change(u, true, now, offerChange{choices: &choices})
	}
	b.ResetTimer()
	for i := range b.N {
		o.change(int64(i%5000), true, now.Add(time.Duration(i)*time.Millisecond/1000), offerChange{choices: &choices})
	}
}

// Under "Which of these?", a word only one label has picks it; words two
// share, little words alone, or choices not offered so pick none.
func TestTypedAmong(t *testing.T) {
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	h := &Handlers{Now: func() time.Time { return now }}
	c := &Ctx{h: h, U: aulabot.Update{ChatID: 7, From: aulabot.Person{ID: 7}}}
	bs := []choice{
		{Button: aulabot.Button{Text: "⚡ Próximo horario libre (personal)", Data: "x:0"}, which: true},
		{Button: aulabot.Button{Text: "⚡ Próximo horario libre (grupal)", Data: "x:1"}, which: true},
		{Button: aulabot.Button{Text: "🎓 Formaciones", Data: "x:2"}},
	}
	h.offers.change(7, true, now, offerChange{choices: &bs})
	for typed, want := range map[string]string{
		"personal":          "x:0",
		"el grupal":         "x:1",
		"libre personal":    "x:0",
		"horario":           "", // both
		"la":                "", // a little word alone
		"formaciones":       "", // not under which of these
		"personal y grupal": "",
	} {
		b, ok := c.typedAmong(typed, aulabot.TypedWords(typed))
		if ok != (want != "") || b.Data != want {
			t.Errorf("%q typed: %q %v, want %q", typed, b.Data, ok, want)
		}
	}
}

// BenchmarkShown is a booking's reminder (four buttons) told delivered to
// one of 5,000 people, as the outbox tells the handlers of each message;
// it reports the heap the 5,000 people's offers hold (kept a day), read
// after two collections.
func BenchmarkShown(b *testing.B) {
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	h := &Handlers{buttons: button.NewCodec(buttonKinds()...), Now: func() time.Time { return now }}
	m := aulabot.Message{ChatID: 1, Created: now.Add(-time.Minute), Inline: [][]aulabot.Button{
		{{Text: "👍 Asistiré", Data: "bk:a:4"}, {Text: "✖️ Cancelar reserva", Data: "bk:x:4"}},
		{{Text: "🔁 Cambiar de horario", Data: "bk:r:4:0"}}, {{Text: "✉️ Escribir a Mentor 1", Data: "bk:wm:4"}}}}
	heap := func() int64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return int64(ms.HeapAlloc)
	}
	before := heap()
	for u := range int64(5000) {
		m.ChatID = u + 1
		h.Shown(m)
	}
	held := float64(heap()-before) / (1 << 20)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.ChatID = int64(i%5000) + 1
		h.Shown(m)
		i++
	}
	b.ReportMetric(held, "MB/5000people")
}

func TestDayPart(t *testing.T) {
	for text, want := range map[string][2]int{
		"mañana en la tarde":      {12, 19},
		"el jueves por la mañana": {0, 12},
		"on tuesday morning":      {0, 12},
		"this afternoon":          {12, 19},
		"el viernes en la noche":  {18, 24},
		"tonight":                 {18, 24},
		"mañana":                  {},
		"llegaré tarde el jueves": {},
		"de la mañana a la tarde": {}, // two
		"9 de la mañana":          {0, 12},
	} {
		from, to, ok := dayPart(text)
		if ok != (want[1] > 0) || ok && (from != want[0] || to != want[1]) {
			t.Errorf("dayPart(%q) = %d %d %v, want %v", text, from, to, ok, want)
		}
	}
}

// FuzzDayPart: a part read is one of dayParts, and text has one of its
// words.
func FuzzDayPart(f *testing.F) {
	for _, s := range []string{"mañana en la tarde", "tonight", "la noche de la mañana", "", "LA TARDE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		from, to, ok := dayPart(text)
		if !ok {
			return
		}
		words := " " + aulabot.TypedWords(text) + " "
		for _, p := range dayParts {
			if p.from == from && p.to == to {
				for _, w := range p.words {
					if strings.Contains(words, w) {
						return
					}
				}
			}
		}
		t.Fatalf("%q read as %d–%d", text, from, to)
	})
}

// TestNamedWeek: this week is from now to the next Monday, the next week
// Monday to Monday, in the university's zone; other words are none.
func TestNamedWeek(t *testing.T) {
	lima, _ := time.LoadLocation("America/Lima")
	now := time.Date(2026, 12, 9, 15, 0, 0, 0, time.UTC) // Wed 9 Dec, 10:00 in Lima
	monday := time.Date(2026, 12, 14, 0, 0, 0, 0, lima)
	for text, want := range map[string][2]time.Time{
		"¿tengo algo esta semana?":       {now, monday},
		"do I have anything this week?":  {now, monday},
		"¿y la próxima semana?":          {monday, monday.AddDate(0, 0, 7)},
		"la semana que viene":            {monday, monday.AddDate(0, 0, 7)},
		"my bookings for next week":      {monday, monday.AddDate(0, 0, 7)},
		"¿qué tengo mañana?":             {},
		"la semana pasada":               {},
		"estas semanas fueron difíciles": {},
	} {
		from, to, _, ok := namedWeek(text, now, lima)
		if ok != !want[0].IsZero() || ok && (!from.Equal(want[0]) || !to.Equal(want[1])) {
			t.Errorf("namedWeek(%q) = %v–%v %v, want %v–%v", text, from, to, ok, want[0], want[1])
		}
	}
}

// FuzzNamedWeek: a week read is never empty, never longer than a week
// and a day (a change of the clocks), and never before now.
func FuzzNamedWeek(f *testing.F) {
	for _, s := range []string{"esta semana", "next week", "la semana que viene", "", "PRÓXIMA  SEMANA!"} {
		f.Add(s, int64(0))
	}
	lima, _ := time.LoadLocation("America/Lima")
	f.Fuzz(func(t *testing.T, text string, offset int64) {
		now := time.Date(2026, 12, 9, 15, 0, 0, 0, time.UTC).Add(time.Duration(offset%(400*24)) * time.Hour)
		from, to, _, ok := namedWeek(text, now, lima)
		if ok && (!from.Before(to) || to.Sub(from) > 8*24*time.Hour || from.Before(now)) {
			t.Fatalf("%q at %v read as %v–%v", text, now, from, to)
		}
	})
}
