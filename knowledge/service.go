package knowledge

import (
	"context"
	"sync/atomic"

	"github.com/aulabot/aulabot"
)

// Service is the knowledge base as the bot's handlers use it: the library
// in use, the optional LLM and the embedding cache.
type Service struct {
	lib   *Library
	llm   *LLM // nil: retrieval only
	embed bool
	cache VectorCache

	aliases atomic.Pointer[map[aliasSlot]aulabot.KBAlias] // see SetAliases
}

// NewService returns a Service on lib; llm may be nil (retrieval only);
// embed fuses embedding ranks (cached in cache) into the search. After
// every reload of lib, the vectors cached for articles no longer in the
// base are pruned from cache (if it is a VectorPruner).
func NewService(lib *Library, llm *LLM, embed bool, cache VectorCache) *Service {
	k := &Service{lib: lib, llm: llm, embed: embed && llm != nil, cache: cache}
	if p, ok := cache.(VectorPruner); ok {
		// A failure only leaves stale vectors until the next load.
		lib.OnSwap(func(b *Base) { _, _ = PruneVectors(p, b) })
	}
	return k
}

// BuiltinService returns a Service on the built-in knowledge base, without
// an LLM (tests and demos).
func BuiltinService() (*Service, error) {
	lib := NewLibrary(func() (*Base, []Problem, error) { return Load(Builtin(), ".") })
	if _, err := lib.Reload(); err != nil {
		return nil, err
	}
	return NewService(lib, nil, false, nil), nil
}

func kbQuery(q aulabot.KBQuery) Query {
	return Query{Text: q.Text, Lang: q.Lang, Audience: q.Audience, University: q.University}
}

func view(b *Base, a *Article) aulabot.KBArticle {
	return aulabot.KBArticle{ID: a.ID, Title: a.Title, Lang: a.Lang, HTML: b.HTML(a)}
}

// Slow reports whether answers call a server (an LLM, embeddings), so that
// the caller writes them away from where people wait.
func (k *Service) Slow() bool { return k.llm != nil }

// SmallTalk returns the kind of small talk text is, or "" for a question
// (see the package function SmallTalk).
func (k *Service) SmallTalk(text string) string { return SmallTalk(text) }

// Intent returns the command text asks for in words, or "" (see the
// package function Intent).
func (k *Service) Intent(text string) string { return Intent(text) }

// StaffIntent returns the staff command text asks for in words, or ""
// (see the package function StaffIntent).
func (k *Service) StaffIntent(text string) string { return StaffIntent(text) }

// Meant is knowledge.Meant.
func (k *Service) Meant(text string) string { return Meant(text) }

// BookingAsk is knowledge.BookingAsk.
func (k *Service) BookingAsk(text string) string { return BookingAsk(text) }

// AttendanceTold is knowledge.AttendanceTold.
func (k *Service) AttendanceTold(text string) string { return AttendanceTold(text) }

// ScheduleAsked is knowledge.ScheduleAsked.
func (k *Service) ScheduleAsked(text string) bool { return ScheduleAsked(text) }

// CourseAdd is knowledge.CourseAdd.
func (k *Service) CourseAdd(text string) bool { return CourseAdd(text) }

// TicketAsk is knowledge.TicketAsk.
func (k *Service) TicketAsk(text string) string { return TicketAsk(text) }

// MentorAbsent is knowledge.MentorAbsent.
func (k *Service) MentorAbsent(text string) bool { return MentorAbsent(text) }

// CourseAddName is knowledge.CourseAddName.
func (k *Service) CourseAddName(text string) string { return CourseAddName(text) }

// LooksAsked is knowledge.LooksAsked.
func (k *Service) LooksAsked(text string) bool { return LooksAsked(text) }

// RepliedAlone is knowledge.RepliedAlone.
func (k *Service) RepliedAlone(text string) bool { return RepliedAlone(text) }

// LateAlone is knowledge.LateAlone.
func (k *Service) LateAlone(text string) bool { return LateAlone(text) }

// HeldAsked is knowledge.HeldAsked.
func (k *Service) HeldAsked(text string) bool { return HeldAsked(text) }

// BookingGuest is knowledge.BookingGuest.
func (k *Service) BookingGuest(text string) bool { return BookingGuest(text) }

// BookingsLeft is knowledge.BookingsLeft.
func (k *Service) BookingsLeft(text string) bool { return BookingsLeft(text) }

// TicketAsked is knowledge.TicketAsked.
func (k *Service) TicketAsked(text string) (id, action string) { return TicketAsked(text) }

// MentorTopic is knowledge.MentorTopic.
func (k *Service) MentorTopic(text string) bool { return MentorTopic(text) }

// TrainingAsk is knowledge.TrainingAsk.
func (k *Service) TrainingAsk(text string) string { return TrainingAsk(text) }

// ReportNames reports whether text, a report asked for in words, names
// what fails (ReportNames).
func (k *Service) ReportNames(text string) bool { return ReportNames(text) }

// Search finds what to show for a question, by retrieval only (it never
// calls a server); it never fails.
func (k *Service) Search(ctx context.Context, q aulabot.KBQuery) aulabot.KBResult {
	b := k.lib.Current()
	if r, ok := k.byAlias(b, q); ok {
		return r
	}
	talk, emoji := talkWords(q.Text)
	conversation := talk
	if q.Lookup {
		conversation, emoji = nil, false // the words are search terms, never small talk
	}
	return k.result(b, b.search(kbQuery(q), conversation, emoji), q, talk)
}

// result is what the bot shows for res, the search for q, whose words are
// talk (talkWords): whether it describes a failure only the team can fix
// (failureOf) or a trouble that cannot wait (urgentTroubleOf), or names
// the virtual classroom (mentionsLMS), is read from them.
func (k *Service) result(b *Base, res Result, q aulabot.KBQuery, talk []string) aulabot.KBResult {
	asked := res.SmallTalk == ""
	out := aulabot.KBResult{Confidence: string(res.Confidence)}
	if asked {
		line := lineOf(talk)
		out.TeamOnly, out.LMS = failureOf(line) || urgentTroubleOf(talk, line), mentionsLMS(line)
	}
	for _, h := range res.Shown() {
		out.Articles = append(out.Articles, view(b, h.Article))
	}
	if res.Confidence == ConfidenceNone && res.SmallTalk == "" {
		if a := b.HelpDesk(kbQuery(q)); a != nil {
			v := view(b, a)
			out.HelpDesk = &v
		}
	}
	return out
}

// Article returns one article, rendered, if the asker of q may see it (the
// filters of a search: audience and university); otherwise, as for an
// unknown id, false.
func (k *Service) Article(id string, q aulabot.KBQuery) (aulabot.KBArticle, bool) {
	b := k.lib.Current()
	a, ok := b.Article(id)
	if !ok || !Visible(a, kbQuery(q)) {
		return aulabot.KBArticle{}, false
	}
	return view(b, a), true
}

// Related returns up to n articles close to id that the asker of q may see.
func (k *Service) Related(id string, n int, q aulabot.KBQuery) []aulabot.KBArticle {
	b := k.lib.Current()
	var out []aulabot.KBArticle
	for _, a := range b.RelatedFor(id, n, kbQuery(q)) {
		out = append(out, view(b, a))
	}
	return out
}

// Reload reads the knowledge base again; with problems the previous one
// stays in use and the problems are returned as FILE:LINE: message.
func (k *Service) Reload() (int, []string, error) {
	probs, err := k.lib.Reload()
	var out []string
	for _, p := range probs {
		out = append(out, p.String())
	}
	return len(k.lib.Current().Articles()), out, err
}

// Split cuts HTML into Telegram messages of at most max characters.
func (k *Service) Split(s string, max int) []string { return SplitHTML(s, max) }
