package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/knowledge"
)

// articleRequests are the built-in articles' own questions that ask for
// what the article describes, and the command whose reply they get: the
// booking article says "quiero hablar con un mentor" opens the booking.
var articleRequests = map[string]string{
	"quiero hablar con un mentor":                            "mentoring",
	"como separo una cita de mentoria":                       "mentoring",
	"hay asesoria personalizada para virtualizar mi curso":   "mentoring", // with the words as the session's topic
	"como cancelo mi reserva":                                "mybookings",
	"a que hora es mi mentoria":                              "mybookings",
	"i want to talk to a mentor":                             "mentoring",
	"how do i get an appointment with a mentor":              "mentoring",
	"how do i cancel my booking":                             "mybookings",
	"where can i see my booked sessions":                     "mybookings",
	"what time is my mentoring session":                      "mybookings",
	"donde reporto un problema tecnico en la unma":           "problem",
	"a quien reporto un problema del aula virtual unma":      "problem",
	"where do i report a technical problem at unma":          "problem",
	"who do i report a virtual classroom problem to at unma": "problem",
}

// TestAsk_ArticleQuestionsAnswered: every built-in article's title and
// other ways of asking, asked by someone it is written for, get articles
// (an answer, or suggestions, with their buttons), except articleRequests,
// which get their command's reply. A reader of requests in words that
// takes an article's own question fails here: "virtual group work", an
// article's title, was /status, and "how to add a link to my course"
// started a course's registration (both found when a benchmark's person
// waited for an answer that never came).
func TestAsk_ArticleQuestionsAnswered(t *testing.T) {
	base, _, err := knowledge.Load(knowledge.Builtin(), ".")
	if err != nil {
		t.Fatal(err)
	}
	defer base.Close()
	e := htest.New(t, nil)
	// Everyone who asks is stored at once, as /start leaves them (an
	// onboarding's four updates for each of 1,400 questions made the test
	// take half a minute with the race detector), each new to the bot's
	// memory of repeated words.
	var users []aulabot.User
	person := func(a *knowledge.Article) aulabot.Person {
		p := htest.Person(int64(700000+len(users)), a.Lang)
		role, uni := a.Audience, a.University
		if role == "all" {
			role = []string{aulabot.RoleStudent, aulabot.RoleTeacher}[len(users)%2]
		}
		if uni == "" {
			uni = "unma"
		}
		users = append(users, aulabot.User{ID: p.ID, Name: p.Name(), University: uni, Role: role, Lang: a.Lang, ConsentAt: e.Now()})
		return p
	}
	type ask struct {
		a      *knowledge.Article
		q      string
		p, cmd aulabot.Person // cmd sends articleRequests[q]'s command
	}
	var asks []ask
	for _, a := range base.Articles() {
		for _, q := range append([]string{a.Title}, a.Questions...) {
			k := ask{a: a, q: q, p: person(a)}
			if _, ok := articleRequests[q]; ok {
				k.cmd = person(a)
			}
			asks = append(asks, k)
		}
	}
	err = e.Store.Update(func(tx *storeTx) error {
		for _, u := range users {
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, k := range asks {
		out := e.Text(k.p, 0, k.q)
		if cmd, ok := articleRequests[k.q]; ok {
			seen[k.q] = true
			want := e.Text(k.cmd, 0, "/"+cmd)
			if len(out) == 0 || len(want) == 0 || firstLine(out[0].Text) != firstLine(want[0].Text) {
				t.Errorf("%s: %q got %q, want /%s's %q", k.a.ID, k.q, texts(out), cmd, texts(want))
			}
			continue
		}
		if !articlesOffered(out) {
			t.Errorf("%s: %q got no articles: %q", k.a.ID, k.q, texts(out))
		}
	}
	for q := range articleRequests {
		if !seen[q] {
			t.Errorf("%q is no longer an article's question: take it out of articleRequests", q)
		}
	}
}

// articlesOffered reports whether out offers articles: an answer's
// feedback buttons or suggestions.
func articlesOffered(out []aulabot.Message) bool {
	for _, d := range htest.Buttons(out) {
		if strings.HasPrefix(d, "kb:h:") || strings.HasPrefix(d, "kb:a:") {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}
