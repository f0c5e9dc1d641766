package handlers

import (
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/service"
)

// A link or an article outlasts its step; a message whose only buttons
// do is no step's prompt (taking its buttons off would change nothing).
func TestPrompt_LastingButtons(t *testing.T) {
	h := &Handlers{buttons: button.NewCodec(buttonKinds()...)}
	article := aulabot.Button{Text: "📄 Password", Data: kbArticleButton{Article: "password"}.Encode()}
	link := aulabot.Button{Text: "Sign up", URL: "https://aula.example.edu/x"}
	still := aulabot.Button{Text: "🆘 I still need help", Data: "tk:kb:still"}
	if h.stepButtons([][]aulabot.Button{{article}, {link}}) {
		t.Error("an article and a link taken for a step's buttons")
	}
	if !h.stepButtons([][]aulabot.Button{{article}, {still}}) {
		t.Error("I still need help not taken for a step's button")
	}
	if keep := h.lastingRows([][]aulabot.Button{{article}, {still, link}, {link}}); len(keep) != 2 || keep[0][0] != article || keep[1][0] != link {
		t.Errorf("rows kept %v, want the article's and the link's (a row with a step's button goes)", keep)
	}
}

// The answer goes before the edits that only change buttons in the chat,
// as each message to a chat waits a second after the one before it; an
// edit that a later message edits again keeps its place, and another
// chat's messages keep theirs.
func TestAnswerFirst(t *testing.T) {
	const chat = 7
	off := aulabot.Message{ChatID: chat, EditMessageID: 5}
	next := aulabot.Message{ChatID: chat, Text: "What time?", Inline: [][]aulabot.Button{{{Text: "10:00", Data: "ns:t:10:00"}}}}
	text := aulabot.Message{ChatID: chat, EditMessageID: 5, Text: "Booked"}
	group := aulabot.Message{ChatID: -100, EditMessageID: 9}
	post := aulabot.Message{ChatID: -100, Text: "UNMA-1"}
	for _, c := range []struct {
		name    string
		in, out []aulabot.Message
	}{
		{"the next step first", []aulabot.Message{off, next}, []aulabot.Message{next, off}},
		{"edited again after", []aulabot.Message{off, text, next}, []aulabot.Message{off, text, next}},
		{"another chat's", []aulabot.Message{group, post, off, next}, []aulabot.Message{group, post, next, off}},
		{"nothing to move", []aulabot.Message{next, text}, []aulabot.Message{next, text}},
	} {
		if got := answerFirst(chat, c.in); !slices.EqualFunc(got, c.out, func(a, b aulabot.Message) bool {
			return a.ChatID == b.ChatID && a.Text == b.Text && a.EditMessageID == b.EditMessageID
		}) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.out)
		}
	}
}

// A notice goes at the start of the update's first new text to the
// person, or before everything when that text has no room for it (or
// there is none); other chats' messages and edits do not take it.
func TestWithNotice(t *testing.T) {
	const chat = 7
	c := &Ctx{U: aulabot.Update{ChatID: chat}, notice: "ℹ️ Discarded."}
	edit := aulabot.Message{ChatID: chat, EditMessageID: 3, Text: "edited"}
	other := aulabot.Message{ChatID: -100, Text: "to the team"}
	answer := aulabot.Message{ChatID: chat, Text: "The answer"}
	got := c.withNotice([]aulabot.Message{edit, other, answer})
	if len(got) != 3 || got[2].Text != "ℹ️ Discarded.\n\nThe answer" || got[0].Text != "edited" || got[1].Text != "to the team" {
		t.Errorf("with room: %+v", got)
	}
	full := aulabot.Message{ChatID: chat, Text: strings.Repeat("a", aulabot.MaxMessageText-5)}
	if got := c.withNotice([]aulabot.Message{full}); len(got) != 2 || got[0].Text != c.notice || got[1].Text != full.Text {
		t.Errorf("without room: %d messages, the first %q", len(got), got[0].Text[:min(20, len(got[0].Text))])
	}
	if got := c.withNotice([]aulabot.Message{edit}); len(got) != 2 || got[0].Text != c.notice {
		t.Errorf("with no text to join: %+v", got)
	}
}

// showChoice puts the pressed button's label under the pressed message's
// words when the update took every button off it, and otherwise leaves
// what the handler queued as it is.
func TestShowChoice(t *testing.T) {
	cfg := config.Demo()
	h := New(cfg, service.New(cfg), nil, nil, nil)
	const chat, pressed = 7, 40
	question := "In which term will you teach it? <b>Pick one</b>"
	terms := [][]aulabot.Button{{{Text: "2026-II", Data: "crs:term:2026-II"}, {Text: "2027-I & later", Data: "crs:term:2027-I"}}}
	strip := aulabot.Message{ChatID: chat, EditMessageID: pressed}
	next := aulabot.Message{ChatID: chat, Text: "What are you moving it to?"}
	ctx := func(edit func(*Ctx)) *Ctx {
		c := &Ctx{h: h, Lang: aulabot.LangEN, U: aulabot.Update{ChatID: chat, ChatType: aulabot.ChatPrivate,
			Callback: &aulabot.Callback{Data: "crs:term:2027-I", MessageID: pressed, Inline: terms, HTML: question}}}
		if edit != nil {
			edit(c)
		}
		return c
	}
	shown := strip
	shown.Text = question + "\n\n👉 2027-I &amp; later"
	for _, tc := range []struct {
		name string
		c    *Ctx
		out  []aulabot.Message
		want []aulabot.Message
	}{
		{"a choice", ctx(nil), []aulabot.Message{next, strip}, []aulabot.Message{next, shown}},
		{"a step's prompt named by its ref", ctx(nil), []aulabot.Message{next, {ChatID: chat, EditRef: "prompt:7:3"}}, []aulabot.Message{next, shown}},
		{"another prompt's ref", ctx(nil), []aulabot.Message{{ChatID: chat, EditRef: "prompt:7:2"}}, nil},
		{"some buttons kept", ctx(nil), []aulabot.Message{next, {ChatID: chat, EditMessageID: pressed, Inline: terms[:1]}}, nil},
		{"the text edited by the handler", ctx(nil), []aulabot.Message{{ChatID: chat, EditMessageID: pressed, Text: "✅ Registered"}}, nil},
		{"another message's buttons", ctx(nil), []aulabot.Message{{ChatID: chat, EditMessageID: pressed + 1}}, nil},
		{"a refused press", ctx(func(c *Ctx) { c.refused = true }), []aulabot.Message{strip}, nil},
		{"a team group", ctx(func(c *Ctx) { c.U.ChatType = "supergroup" }), []aulabot.Message{strip}, nil},
		{"a file's caption", ctx(func(c *Ctx) { c.U.Callback.Captioned = true }), []aulabot.Message{strip}, nil},
		{"words unknown", ctx(func(c *Ctx) { c.U.Callback.HTML = "" }), []aulabot.Message{strip}, nil},
		{"a button not on the message", ctx(func(c *Ctx) { c.U.Callback.Data = "crs:term:2028-I" }), []aulabot.Message{strip}, nil},
		{"no room left", ctx(func(c *Ctx) { c.U.Callback.HTML = strings.Repeat("x", aulabot.MaxMessageText-5) }), []aulabot.Message{strip}, nil},
		{"not a press", ctx(func(c *Ctx) { c.U.Callback = nil }), []aulabot.Message{strip}, nil},
	} {
		want := tc.want
		if want == nil {
			want = tc.out // unchanged
		}
		if got := tc.c.showChoice(refTx{refs: map[string]int{"prompt:7:3": pressed, "prompt:7:2": pressed - 1}}, slices.Clone(tc.out)); !slices.EqualFunc(got, want, func(a, b aulabot.Message) bool {
			return a.Text == b.Text && a.EditMessageID == b.EditMessageID && a.EditRef == b.EditRef && len(a.Inline) == len(b.Inline)
		}) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, want)
		}
	}
}

// refTx is a transaction that knows only refs, each sent as a message id.
type refTx struct {
	Tx
	refs map[string]int
}

func (tx refTx) Ref(ref string) (int64, int, bool) {
	id, ok := tx.refs[ref]
	return 7, id, ok
}
