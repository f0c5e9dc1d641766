package handlers

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// toldSplit splits a request to tell those booked at its first ":", " que "
// or " that ", in any case.
func TestToldSplit(t *testing.T) {
	for _, c := range []struct{ text, head, body string }{
		{"avisa a los inscritos del lunes que llego tarde", "avisa a los inscritos del lunes", "llego tarde"},
		{"Tell the people in my session THAT I'm late: sorry", "Tell the people in my session", "I'm late: sorry"},
		{"tell them That the room changed", "tell them", "the room changed"},
		{"Díles a los inscritos QUE llego tarde", "Díles a los inscritos", "llego tarde"},
		{"avisa a los inscritos", "", ""},
		{"que llego tarde", "", ""},
		{"avisa a los inscritos que ", "", ""},
	} {
		head, body, ok := toldSplit(c.text)
		if ok != (c.head != "") || ok && (head != c.head || body != c.body) {
			t.Errorf("toldSplit(%q) = %q, %q, %v; want %q, %q", c.text, head, body, ok, c.head, c.body)
		}
	}
}

func FuzzToldSplit(f *testing.F) {
	for _, s := range []string{"avisa a los inscritos que llego tarde", "tell them: late", "İSTANBUL que x", "a\xff que b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		head, body, ok := toldSplit(text)
		if !ok {
			return
		}
		if head == "" || body == "" || !strings.Contains(text, head) || !strings.Contains(text, body) || len(head)+len(body) >= len(text) {
			t.Fatalf("toldSplit(%q) = %q, %q", text, head, body)
		}
		if utf8.ValidString(text) && (!utf8.ValidString(head) || !utf8.ValidString(body)) {
			t.Fatalf("toldSplit(%q) cut a character: %q, %q", text, head, body)
		}
	})
}

// TestLinkIn: the one meeting link among a request's words, and the words
// without it.
func TestLinkIn(t *testing.T) {
	for text, want := range map[string][2]string{
		"pon el enlace https://meet.example.org/x en la sesión del martes": {"https://meet.example.org/x", "pon el enlace en la sesión del martes"},
		"link zoom.us/j/123 for monday":                                    {"zoom.us/j/123", "link for monday"},
		"https://meet.example.org/x":                                       {"", ""}, // a link alone: pasted, not a request
		"dos enlaces meet.example.org/a y meet.example.org/b":              {"", ""},
		"sin enlace en la sesión del martes":                               {"", ""},
	} {
		link, rest, _ := linkIn(text)
		if link != want[0] || rest != want[1] {
			t.Errorf("linkIn(%q) = %q, %q; want %q, %q", text, link, rest, want[0], want[1])
		}
	}
}

// FuzzLinkIn: whatever the text, a link found is one of its words and a
// meeting link, and the rest is the other words, in order.
func FuzzLinkIn(f *testing.F) {
	for _, s := range []string{"pon el enlace https://meet.example.org/x en la sesión", "a.b c", "x\xff.y z", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		link, rest, ok := linkIn(text)
		if !ok {
			return
		}
		fields := strings.Fields(text)
		at := slices.Index(fields, link)
		if at < 0 || !aulabot.ValidSlotLink(aulabot.TypedLink(link)) || rest != strings.Join(slices.Delete(slices.Clone(fields), at, at+1), " ") {
			t.Fatalf("linkIn(%q) = %q, %q", text, link, rest)
		}
	})
}

// TestTopicSplit: a request for a new session split at its last "about",
// "sobre" or "acerca de": the request, and the session's topic.
func TestTopicSplit(t *testing.T) {
	for text, want := range map[string][2]string{
		"I want to open a group session on friday at 4 about rubrics":   {"I want to open a group session on friday at 4", "rubrics"},
		"abrir una sesión el jueves sobre foros sobre todo calificados": {"abrir una sesión el jueves sobre foros", "todo calificados"},
		"abrir una sesión acerca de rúbricas":                           {"abrir una sesión", "rúbricas"},
		"about rubrics":                                                 {"", ""},
		"abrir una sesión el jueves":                                    {"", ""},
	} {
		request, topic, _ := topicSplit(text)
		if request != want[0] || topic != want[1] {
			t.Errorf("topicSplit(%q) = %q, %q; want %q, %q", text, request, topic, want[0], want[1])
		}
	}
}

// FuzzTopicSplit: whatever the text, both parts are some of its words,
// neither empty, and valid UTF-8 when the text is.
func FuzzTopicSplit(f *testing.F) {
	for _, s := range []string{"open a session about rubrics", "İSTANBUL sobre x", "a\xff about b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		request, topic, ok := topicSplit(text)
		if !ok {
			return
		}
		if request == "" || topic == "" || !strings.Contains(text, request) || !strings.Contains(text, topic) || len(request)+len(topic) >= len(text) {
			t.Fatalf("topicSplit(%q) = %q, %q", text, request, topic)
		}
		if utf8.ValidString(text) && (!utf8.ValidString(request) || !utf8.ValidString(topic)) {
			t.Fatalf("topicSplit(%q) cut a character: %q, %q", text, request, topic)
		}
	})
}

// FuzzWhenAfter: whatever the topic, the split keeps every word of it in
// order, leaves the topic at least one word, and takes words only when
// they read as a day.
func FuzzWhenAfter(f *testing.F) {
	for _, s := range []string{"rúbricas el jueves a las 4", "rubrics on friday at 9", "el examen del lunes", "foros para mañana", "x", "", "a\xff el jueves"} {
		f.Add(s)
	}
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		topic, when := whenAfter(text, now, time.UTC)
		if when == "" {
			if topic != text {
				t.Fatalf("whenAfter(%q) = %q without a day", text, topic)
			}
			return
		}
		if topic == "" || topic+" "+when != strings.Join(strings.Fields(text), " ") {
			t.Fatalf("whenAfter(%q) = %q, %q", text, topic, when)
		}
	})
}

func TestReasonSplit(t *testing.T) {
	for text, want := range map[string][2]string{
		"cancela mi sesión del miércoles, estoy enfermo":       {"cancela mi sesión del miércoles", "estoy enfermo"},
		"no podré dar la sesión del lunes porque tengo examen": {"no podré dar la sesión del lunes", "tengo examen"},
		"Cancel my session on friday. I am ill":                {"Cancel my session on friday", "I am ill"},
		"cancel my 1,5 hour session because I'm ill, sorry":    {"cancel my 1,5 hour session", "I'm ill, sorry"},
		"cancela la sesión de las 10.30 ya que no hay luz":     {"cancela la sesión de las 10.30", "no hay luz"},
		"cancela mi sesión del miércoles":                      {},
		", estoy enfermo":                                      {},
		"cancela mi sesión del miércoles,":                     {},
	} {
		request, reason, ok := reasonSplit(text)
		if ok != (want[0] != "") || ok && (request != want[0] || reason != want[1]) {
			t.Errorf("reasonSplit(%q) = %q, %q, %v; want %q", text, request, reason, ok, want)
		}
	}
}

// FuzzReasonSplit: a split leaves both parts, each from the text, less
// than it, with no character cut.
func FuzzReasonSplit(f *testing.F) {
	for _, s := range []string{"cancela mi sesión, estoy enfermo", "1,5 horas", "a porque b", "İ, x", "a\xff, b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		request, reason, ok := reasonSplit(text)
		if !ok {
			return
		}
		if request == "" || reason == "" || !strings.Contains(text, request) || !strings.Contains(text, reason) || len(request)+len(reason) >= len(text) {
			t.Fatalf("reasonSplit(%q) = %q, %q", text, request, reason)
		}
		if utf8.ValidString(text) && (!utf8.ValidString(request) || !utf8.ValidString(reason)) {
			t.Fatalf("reasonSplit(%q) cut a character: %q, %q", text, request, reason)
		}
	})
}
