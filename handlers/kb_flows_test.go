package handlers_test

import (
	"fmt"
	"html"
	"strings"
	"sync"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/knowledge"
)

// builtinArticles are the built-in articles by id.
func builtinArticles(t *testing.T) map[string]*knowledge.Article {
	t.Helper()
	b, probs, err := knowledge.Load(knowledge.Builtin(), ".")
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v problems %v", err, probs)
	}
	defer b.Close()
	out := map[string]*knowledge.Article{}
	for _, a := range b.Articles() {
		out[a.ID] = a
	}
	return out
}

// TestAsk_ForgedArticleButton: a button opens only what a search would
// show the presser; another university's article and a teachers' article
// pressed by a student are answered like an article that does not exist.
func TestAsk_ForgedArticleButton(t *testing.T) {
	e := htest.New(t, nil)
	student := htest.Person(120, "en")
	e.Onboard(student, "unvs", "student")
	teacher := htest.Person(121, "en")
	e.Onboard(teacher, "unma", "teacher")
	tests := []struct {
		who     aulabot.Person
		article string
		open    bool
	}{
		{student, "unma-help-desk", false},     // another university's
		{student, "moodle-create-quiz", false}, // for teachers
		{student, "no-such-article", false},
		{student, "moodle-submit-assignment", true},
		{teacher, "unma-help-desk", true},
		{teacher, "moodle-create-quiz", true},
	}
	for _, tt := range tests {
		out := e.Press(tt.who, 0, 0, "kb:a:0:"+tt.article)
		a := e.LastAnswer()
		switch {
		case tt.open && (a.Alert || !strings.Contains(texts(out), "Source:")):
			t.Errorf("%d pressing %s: %+v %q, want the article", tt.who.ID, tt.article, a, texts(out))
		case !tt.open && (!a.Alert || !strings.Contains(a.Text, "no longer available") || len(out) != 0):
			t.Errorf("%d pressing %s: answer %+v, sent %q; want only 'no longer available'", tt.who.ID, tt.article, a, texts(out))
		}
	}
}

// TestAsk_RelatedRespectFilters: the related articles under an answer are
// ones the asker may see.
func TestAsk_RelatedRespectFilters(t *testing.T) {
	arts := builtinArticles(t)
	e := htest.New(t, nil)
	student := htest.Person(122, "en")
	e.Onboard(student, "unvs", "student")
	related := 0
	for _, a := range arts {
		if a.Lang != "en" || a.Audience == "teacher" || a.University != "" {
			continue
		}
		out := e.Press(student, 0, 0, "kb:a:0:"+a.ID)
		for _, data := range htest.Buttons(out) {
			id, ok := strings.CutPrefix(data, "kb:a:0:")
			if !ok {
				continue
			}
			related++
			if r := arts[id]; r == nil || r.Audience == "teacher" || r.University != "" {
				t.Errorf("under %s, a student of unvs is offered %s", a.ID, id)
			}
		}
	}
	if related == 0 {
		t.Fatal("no related articles offered at all")
	}
}

// askGaps onboards a student of unma who asks questions the base cannot answer.
func askGaps(t *testing.T, e *htest.Env, id int64, questions ...string) aulabot.Person {
	t.Helper()
	p := htest.Person(id, "es")
	e.Onboard(p, "unma", "student")
	for _, q := range questions {
		if out := texts(e.Text(p, 0, q)); !strings.Contains(out, "Todavía no sé responder eso") {
			t.Fatalf("%q was answered: %q", q, out)
		}
	}
	return p
}

func TestGaps_MaskedAndDeleted(t *testing.T) {
	e := htest.New(t, nil)
	p := askGaps(t, e, 130, "soy ana.perez@unma.edu.pe con dni 45871236 y el xqzt vbnm no anda, llamen al 987 654 321")
	coord := htest.Person(5001, "es")
	all := texts(e.Text(coord, 0, "/gaps"))
	for _, leak := range []string{"ana.perez", "unma.edu.pe", "45871236", "987 654 321"} {
		if strings.Contains(all, leak) {
			t.Errorf("/gaps shows %q: %q", leak, all)
		}
	}
	if !strings.Contains(all, "xqzt vbnm no anda") || !strings.Contains(all, html.EscapeString(aulabot.MaskedEmail)) {
		t.Errorf("/gaps = %q, want the question with its e-mail masked", all)
	}
	// After /deletemydata nothing of the text remains; the count does.
	e.Press(p, 0, 0, "del:yes")
	all = texts(e.Text(coord, 0, "/gaps"))
	if strings.Contains(all, "xqzt") || !strings.Contains(all, "1 pregunta más de alguien que borró sus datos") {
		t.Errorf("/gaps after the asker deleted their data = %q", all)
	}
}

// TestGaps_PrivateOnly: a coordinator's /gaps in a group shows nothing of
// anybody's questions and says where to ask.
func TestGaps_PrivateOnly(t *testing.T) {
	e := htest.New(t, nil)
	askGaps(t, e, 131, "xqzt vbnm plokij")
	for _, who := range []int64{5001, 1001} {
		out := e.Text(htest.Person(who, "es"), -2001, "/gaps")
		all := texts(out)
		if strings.Contains(all, "xqzt") || !strings.Contains(all, "chat privado") {
			t.Errorf("/gaps by %d in a group: %q", who, all)
		}
	}
}

// TestGaps_Fits: however long the questions, /gaps is one message that
// Telegram takes.
func TestGaps_Fits(t *testing.T) {
	e := htest.New(t, nil)
	var qs []string
	for i := range 12 {
		// Different words, so each is its own group; emoji count twice.
		qs = append(qs, fmt.Sprintf("%s %s <&> 🙂🙂🙂", strings.Repeat(fmt.Sprintf("zq%cx%cw ", 'a'+i, 'a'+i), 60), strings.Repeat("🙂", 200)))
	}
	askGaps(t, e, 132, qs...)
	out := e.Text(htest.Person(5001, "es"), 0, "/gaps")
	if len(out) != 1 {
		t.Fatalf("/gaps sent %d messages", len(out))
	}
	if n := visible(t, out[0].Text); n > aulabot.MaxMessageText {
		t.Errorf("/gaps is %d characters as Telegram counts them, over %d", n, aulabot.MaxMessageText)
	}
	if !strings.Contains(out[0].Text, "1. <b>1×</b>") {
		t.Errorf("/gaps lists no group: %q", out[0].Text)
	}
}

// TestGaps_SaysHowManyMore: past the ten largest groups, /gaps says how
// many it left out, as it does when the message is full.
func TestGaps_SaysHowManyMore(t *testing.T) {
	e := htest.New(t, nil)
	var qs []string
	for i := range 12 {
		qs = append(qs, fmt.Sprintf("zq%cx%cw vr%ctm", 'a'+i, 'a'+i, 'a'+i))
	}
	askGaps(t, e, 133, qs...)
	out := e.Text(htest.Person(5001, "es"), 0, "/gaps")
	if len(out) != 1 {
		t.Fatalf("/gaps sent %d messages", len(out))
	}
	if !strings.Contains(out[0].Text, "10. <b>1×</b>") || strings.Contains(out[0].Text, "11. ") {
		t.Errorf("/gaps = %q, want the ten largest groups", out[0].Text)
	}
	if !strings.Contains(out[0].Text, "… y 2 grupos más.") {
		t.Errorf("/gaps = %q, want it to say 2 more groups", out[0].Text)
	}
	// The buttons under the groups are explained, in the coordinator's
	// language.
	if !strings.Contains(out[0].Text, "🔗 enlazarlo a un artículo · ✍️ responder con sus palabras a quienes preguntaron · 🚫 fuera de alcance · ✖ descartar") {
		t.Errorf("/gaps = %q, without what its buttons do", out[0].Text)
	}
	en := e.Text(htest.Person(5001, "en"), 0, "/gaps")
	if !strings.Contains(texts(en), "🔗 link it to an article · ✍️ answer those who asked in your words · 🚫 out of scope · ✖ dismiss") {
		t.Errorf("/gaps in English = %q, without what its buttons do", texts(en))
	}
}

// TestGaps_Concurrent: coordinators running /gaps at once (it crashed on
// a text transformer shared by every call).
func TestGaps_Concurrent(t *testing.T) {
	e := htest.New(t, nil)
	askGaps(t, e, 133, "xqzt vbnm plokij", "zzyzx wombat qwfp", "ñandú grrbl zxcv")
	var qs []aulabot.Question
	for i := range 200 {
		qs = append(qs, aulabot.Question{ID: uint64(i + 1), Text: fmt.Sprintf("¿Cómo áccedo al aula virtuál %d? Información", i%7)})
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			if g := aulabot.GroupQuestions(qs); len(g) == 0 {
				t.Error("no groups")
			}
			e.Text(htest.Person([]int64{5001, 1001}[i%2], "es"), 0, "/gaps")
		})
	}
	wg.Wait()
	// Each goroutine's Deliver may settle another's reply, so the replies
	// are counted per chat once all are in.
	for _, who := range []int64{5001, 1001} {
		n := 0
		for _, m := range e.Sent(who) {
			if strings.Contains(m.Text, "xqzt") {
				n++
			}
		}
		if n != 8 {
			t.Errorf("%d replies to /gaps by %d list the unanswered questions, want 8", n, who)
		}
	}
}

// TestGaps_AdminNamesUniversities: an admin's /gaps of every university
// says whose askers each group's are; a coordinator's of one does not.
func TestGaps_AdminNamesUniversities(t *testing.T) {
	e := htest.New(t, nil)
	askGaps(t, e, 133, "xqzt vbnm plokij")
	luis := htest.Person(134, "es")
	e.Onboard(luis, "unvs", "student")
	e.Text(luis, 0, "qwpz lkjh mnbv")
	all := texts(e.Text(htest.Person(1001, "es"), 0, "/gaps"))
	if !strings.Contains(all, "xqzt vbnm plokij · UNMA\n") || !strings.Contains(all, "qwpz lkjh mnbv · UNVS\n") {
		t.Errorf("the admin's /gaps = %q", all)
	}
	if one := texts(e.Text(htest.Person(5001, "es"), 0, "/gaps")); strings.Contains(one, "· UNMA") {
		t.Errorf("a coordinator's /gaps = %q", one)
	}
}
