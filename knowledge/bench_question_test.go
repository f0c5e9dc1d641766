package knowledge

import (
	"context"
	"fmt"
	"testing"

	"github.com/aulabot/aulabot"
)

// questionPath is what the bot does for one message (handlers' ask): the
// small-talk check, then the service's search (aliases, search in the
// asker's language and maybe the other, the team-only check, the help
// desk for "I don't know", rendering of what is shown).
func questionPath(k *Service, text, lang string) aulabot.KBResult {
	if k.SmallTalk(text) != "" {
		return aulabot.KBResult{}
	}
	return k.Search(context.Background(), aulabot.KBQuery{Text: text, Lang: lang, Audience: "student", University: "demo"})
}

// BenchmarkQuestionPath measures the whole question path on the built-in
// base: "term" asks what the term benchmark of cmd/aulabot asks (titles and
// other ways of asking of the articles, one in ten gibberish), "messages"
// the phone-typed messages of the built-in evaluation sets (answerable,
// unknown topics and small talk, both languages).
func BenchmarkQuestionPath(b *testing.B) {
	k, err := BuiltinService()
	if err != nil {
		b.Fatal(err)
	}
	type msg struct{ text, lang string }
	var term, messages []msg
	for i, a := range k.lib.Current().Articles() {
		for _, q := range append([]string{a.Title}, a.Questions...) {
			term = append(term, msg{q, a.Lang})
		}
		term = append(term, msg{fmt.Sprintf("xqzt vbnm plokij %d %d", i, i%7), a.Lang})
	}
	for _, q := range evalMessages(b) {
		messages = append(messages, msg{q.Q, q.Lang})
	}
	for _, c := range []struct {
		name string
		msgs []msg
	}{{"term", term}, {"messages", messages}} {
		b.Run(c.name, func(b *testing.B) {
			benchLatency(b, func(i int) {
				m := c.msgs[i%len(c.msgs)]
				questionPath(k, m.text, m.lang)
			})
		})
	}
}
