package handlers_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
)

// Demo people: unma's team group -2001 (tech 3001, 3002; coordinator
// 5001), unvs's -2002 (tech 3101; coordinator 5101; signs with names).
var (
	tec1     = htest.Person(3001, "en")
	tec2     = htest.Person(3002, "en")
	tecVS    = htest.Person(3101, "en")
	coordMA  = htest.Person(5001, "en")
	stranger = htest.Person(9999, "en")
)

const (
	groupMA int64 = -2001
	groupVS int64 = -2002
)

// newEnv is the demo configuration with English as the default language,
// so team groups read English.
func newEnv(t testing.TB) *htest.Env {
	cfg := config.Demo()
	cfg.Language = aulabot.LangEN
	return htest.New(t, cfg)
}

// report takes p through /problem with a category and a description and
// returns everything the bot sent. When the knowledge base offers an
// answer first, p says they still need help.
func report(t testing.TB, e *htest.Env, p aulabot.Person, cat, desc string) []aulabot.Message {
	t.Helper()
	e.Text(p, 0, "/problem")
	e.Press(p, 0, 0, "tk:cat:"+cat)
	return describe(e, p, desc)
}

// describe sends desc as the problem's description and, if the bot first
// offers articles that may solve it, presses the button that says they
// did not.
func describe(e *htest.Env, p aulabot.Person, desc string) []aulabot.Message {
	return stillNeedHelp(e, p, e.Text(p, 0, desc))
}

// stillNeedHelp returns out and, when out offers articles that may solve
// p's report before its ticket, what pressing "I still need help" gives.
func stillNeedHelp(e *htest.Env, p aulabot.Person, out []aulabot.Message) []aulabot.Message {
	for _, d := range htest.Buttons(out) {
		if d == "tk:kb:still" {
			return append(out, e.Press(p, 0, 0, d)...)
		}
	}
	return out
}

// copiesOf returns, in order, the ids of from's messages (in their private
// chat) that msgs copy to chat: the files relayed to a team group.
func copiesOf(msgs []aulabot.Message, chat, from int64) []int {
	var ids []int
	for _, m := range to(msgs, chat) {
		if m.Copy != nil && m.Copy.ChatID == from {
			ids = append(ids, m.Copy.MessageID)
		}
	}
	return ids
}

// withButtons returns the refs of the messages msgs sent to chat that
// still have buttons once msgs' later edits of them apply, in order.
func withButtons(msgs []aulabot.Message, chat int64) []string {
	var refs []string
	shown := map[string]bool{}
	for _, m := range to(msgs, chat) {
		switch {
		case m.EditRef != "":
			shown[m.EditRef] = len(m.Inline) > 0 && !m.Delete
		case m.Ref != "":
			refs = append(refs, m.Ref)
			shown[m.Ref] = len(m.Inline) > 0
		}
	}
	return slices.DeleteFunc(refs, func(ref string) bool { return !shown[ref] })
}

// to returns the messages of msgs for chat.
func to(msgs []aulabot.Message, chat int64) []aulabot.Message {
	var out []aulabot.Message
	for _, m := range msgs {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

// toWith returns the messages of msgs for chat whose text has substr.
func toWith(msgs []aulabot.Message, chat int64, substr string) []aulabot.Message {
	return slices.DeleteFunc(to(msgs, chat), func(m aulabot.Message) bool { return !strings.Contains(m.Text, substr) })
}

// post returns the team post of ticket id among msgs (sent, not an edit).
func post(t *testing.T, msgs []aulabot.Message, id string) aulabot.Message {
	t.Helper()
	for _, m := range msgs {
		if m.Ref == "ticket:"+id {
			return m
		}
	}
	t.Fatalf("no post of %s in %q", id, texts(msgs))
	return aulabot.Message{}
}

// edit returns the last edit of ticket id's post among msgs.
func edit(t *testing.T, msgs []aulabot.Message, id string) aulabot.Message {
	t.Helper()
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].EditRef == "ticket:"+id {
			return msgs[i]
		}
	}
	t.Fatalf("no edit of %s in %q", id, texts(msgs))
	return aulabot.Message{}
}

func has(t *testing.T, what string, msgs []aulabot.Message, want ...string) {
	t.Helper()
	got := texts(msgs)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: want %q in %q", what, w, got)
		}
	}
}

func alerted(t *testing.T, e *htest.Env, what, want string) {
	t.Helper()
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, want) {
		t.Errorf("%s: answer %+v, want an alert with %q", what, a, want)
	}
}

// reportToTeam presses Report to the technical team (kb:t) among msgs, an
// answer to p's question, then the category cat, and returns what the
// second press sent: the ticket made from the question.
func reportToTeam(t *testing.T, e *htest.Env, p aulabot.Person, msgs []aulabot.Message, cat string) []aulabot.Message {
	t.Helper()
	report := dataPrefixed(t, msgs, "kb:t:")
	category := dataPrefixed(t, e.Press(p, 0, 0, report), "kb:c:", ":"+cat)
	return e.Press(p, 0, 0, category)
}

// dataPrefixed returns the data of the button among msgs that starts with
// prefix (and ends with suffix, if given); the test fails without one.
func dataPrefixed(t *testing.T, msgs []aulabot.Message, prefix string, suffix ...string) string {
	t.Helper()
	for _, d := range htest.Buttons(msgs) {
		if strings.HasPrefix(d, prefix) && (len(suffix) == 0 || strings.HasSuffix(d, suffix[0])) {
			return d
		}
	}
	t.Fatalf("no button %s…%s in %q %v", prefix, strings.Join(suffix, ""), texts(msgs), htest.Buttons(msgs))
	return ""
}
