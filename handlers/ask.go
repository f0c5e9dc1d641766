package handlers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// Knowledge is the knowledge base as the handlers use it.
type Knowledge interface {
	// Search finds articles for a question; it never fails.
	Search(ctx context.Context, q aulabot.KBQuery) aulabot.KBResult
	// Article returns one article by id.
	Article(id string) (aulabot.KBArticle, bool)
	// Related returns up to n articles close to id.
	Related(id string, n int) []aulabot.KBArticle
	// Compose writes an answer (HTML) from arts with an LLM, citing them
	// as [1]..[n]; cited lists the numbers it cites. ok is false without
	// an LLM or when it failed or cited badly (the caller shows the plain
	// article).
	Compose(ctx context.Context, question, lang string, arts []aulabot.KBArticle) (html string, cited []int, ok bool)
	// Reload reads the knowledge base again; on problems the old one stays.
	Reload() (articles int, problems []string, err error)
	// Split cuts HTML into Telegram messages of at most max characters,
	// keeping tags balanced.
	Split(html string, max int) []string
}

// questionKB is what the knowledge-base flows need of a transaction.
type questionKB interface {
	AddQuestion(q aulabot.Question) (uint64, error)
	Question(id uint64) (aulabot.Question, bool, error)
	SetFeedback(id uint64, user int64, feedback, articleID string) error
	PickSuggestion(id uint64, user int64, articleID string) error
	Questions(university string, since time.Time, fn func(aulabot.Question) error) error
}

// MaxQuestion is the longest question taken, in characters.
const MaxQuestion = 1000

// routeKnowledge registers questions to the knowledge base.
func (h *Handlers) routeKnowledge(r *router) {
	r.text = with(h.ask, onboarded, h.questionLimit)
	r.commands["ask"] = with(h.ask, private, onboarded, h.questionLimit)
	r.callbacks["kb"] = with(h.onKB, private, onboarded)
	r.commands["gaps"] = with(h.gaps, coordinator)
	r.commands["reload"] = with(h.reload, coordinator)
	r.menu["menu.gaps"] = "gaps"
}

// ask answers a question from the knowledge base: one article when sure,
// two or three suggestions when unsure, and an honest "I don't know" with
// the next steps otherwise. Every question is recorded for the gap report.
func (h *Handlers) ask(c *Ctx) error {
	text := strings.TrimSpace(c.U.Text)
	if text == "" {
		if c.U.File != nil {
			return aulabot.Errorf(aulabot.EINVALID, "kb.file_not_question")
		}
		return aulabot.Errorf(aulabot.EINVALID, "kb.empty")
	}
	if utf8.RuneCountInString(text) > MaxQuestion {
		return aulabot.Errorf(aulabot.EINVALID, "kb.too_long", "max", MaxQuestion)
	}
	if !hasLetters(text) {
		return aulabot.Errorf(aulabot.EINVALID, "kb.no_words")
	}
	if h.Knowledge == nil {
		return aulabot.Errorf(aulabot.EINTERNAL, "error.internal")
	}
	if h.Instant != nil {
		_ = h.Instant.ChatAction(c, c.U.ChatID, "typing")
	}
	res := h.search(c, text)
	q := aulabot.Question{UserID: c.U.From.ID, University: c.User.University, Role: c.User.Role, Lang: c.Lang, Text: text, Outcome: res.Confidence}
	if res.Confidence == aulabot.OutcomeAnswer && len(res.Articles) > 0 {
		q.ArticleID = res.Articles[0].ID
	}
	var composed string
	var cited []aulabot.KBArticle
	if res.Confidence != aulabot.OutcomeNone && len(res.Articles) > 0 {
		var nums []int
		composed, nums, _ = h.Knowledge.Compose(c, text, c.Lang, res.Articles)
		for _, n := range nums {
			if n >= 1 && n <= len(res.Articles) {
				cited = append(cited, res.Articles[n-1])
			} else {
				composed = "" // a citation of nothing shown: not trusted
			}
		}
		if len(cited) == 0 {
			composed = ""
		}
	}
	return c.Commit(func(tx Tx) error {
		id, err := tx.AddQuestion(q)
		if err != nil {
			return err
		}
		if err := tx.Count("kb:"+res.Confidence, 1); err != nil {
			return err
		}
		switch {
		case composed != "":
			h.sendComposed(c, id, composed, res.Articles, cited)
		case res.Confidence == aulabot.OutcomeAnswer && len(res.Articles) > 0:
			h.sendArticle(c, id, res.Articles[0])
		case res.Confidence == aulabot.OutcomeSuggest && len(res.Articles) > 0:
			h.sendSuggestions(c, id, res.Articles)
		default:
			h.sendUnknown(c, id)
		}
		return nil
	})
}

// hasLetters reports whether s has a letter or digit (not only emoji or
// punctuation).
func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// data builds callback data, or "" if it would not fit in 64 bytes.
func data(parts ...string) string {
	d := strings.Join(parts, ":")
	if len(d) > 64 {
		return ""
	}
	return d
}

func qid(id uint64) string { return strconv.FormatUint(id, 10) }

// sendArticle shows an article (split to Telegram's size) with feedback
// buttons and related articles.
func (h *Handlers) sendArticle(c *Ctx, id uint64, a aulabot.KBArticle) {
	body := fmt.Sprintf("<b>%s</b>\n\n%s\n\n%s", Escape(a.Title), a.HTML, c.T("kb.source", "title", a.Title))
	parts := h.Knowledge.Split(body, 4096)
	for _, p := range parts[:len(parts)-1] {
		c.Reply(p)
	}
	c.ReplyButtons(parts[len(parts)-1], h.answerButtons(c, id, a.ID))
}

// answerButtons are Helpful / Not helpful and up to two related articles.
func (h *Handlers) answerButtons(c *Ctx, id uint64, articleID string) [][]aulabot.Button {
	rows := [][]aulabot.Button{{
		{Text: c.T("button.helpful"), Data: data("kb", "h", qid(id), "1")},
		{Text: c.T("button.not_helpful"), Data: data("kb", "h", qid(id), "0")},
	}}
	if articleID == "" {
		return rows
	}
	for _, r := range h.Knowledge.Related(articleID, 2) {
		if d := data("kb", "a", "0", r.ID); d != "" {
			rows = append(rows, []aulabot.Button{{Text: "📄 " + r.Title, Data: d}})
		}
	}
	return rows
}

// sendComposed shows an LLM answer with its numbered sources.
func (h *Handlers) sendComposed(c *Ctx, id uint64, html string, shown, cited []aulabot.KBArticle) {
	var src []string
	for i, a := range shown {
		if slices.ContainsFunc(cited, func(x aulabot.KBArticle) bool { return x.ID == a.ID }) {
			src = append(src, fmt.Sprintf("[%d] %s", i+1, Escape(a.Title)))
		}
	}
	body := html + "\n\n" + c.T("kb.sources", "list", HTML(strings.Join(src, "\n")))
	parts := h.Knowledge.Split(body, 4096)
	for _, p := range parts[:len(parts)-1] {
		c.Reply(p)
	}
	rows := h.answerButtons(c, id, "")
	for _, a := range cited {
		if d := data("kb", "a", qid(id), a.ID); d != "" {
			rows = append(rows, []aulabot.Button{{Text: "📄 " + a.Title, Data: d}})
		}
	}
	c.ReplyButtons(parts[len(parts)-1], rows)
}

// sendSuggestions offers two or three articles ("Did you mean…").
func (h *Handlers) sendSuggestions(c *Ctx, id uint64, arts []aulabot.KBArticle) {
	var rows [][]aulabot.Button
	for _, a := range arts[:min(3, len(arts))] {
		if d := data("kb", "a", qid(id), a.ID); d != "" {
			rows = append(rows, []aulabot.Button{{Text: "📄 " + a.Title, Data: d}})
		}
	}
	rows = append(rows, []aulabot.Button{{Text: c.T("button.none_of_these"), Data: data("kb", "n", qid(id))}})
	c.ReplyButtons(c.T("kb.suggest"), rows)
}

// sendUnknown says honestly that the base has no answer, and offers the
// next steps: a mentor or the technical team.
func (h *Handlers) sendUnknown(c *Ctx, id uint64) {
	c.ReplyButtons(c.T("kb.unknown"), nextSteps(c))
}

func nextSteps(c *Ctx) [][]aulabot.Button {
	return [][]aulabot.Button{
		{{Text: c.T("button.ask_mentor"), Data: "bk:new"}},
		{{Text: c.T("button.report_problem"), Data: "tk:new"}},
	}
}

// kbSuggest looks text up in the knowledge base for another flow (a
// ticket's description, a mentoring topic). When the base has a confident
// answer it returns a short text and a button to open each article.
func (h *Handlers) kbSuggest(c *Ctx, text string) (string, [][]aulabot.Button, bool) {
	if h.Knowledge == nil || !hasLetters(text) {
		return "", nil, false
	}
	res := h.search(c, text)
	if res.Confidence != aulabot.OutcomeAnswer || len(res.Articles) == 0 {
		return "", nil, false
	}
	var rows [][]aulabot.Button
	for _, a := range res.Articles {
		if d := data("kb", "a", "0", a.ID); d != "" {
			rows = append(rows, []aulabot.Button{{Text: "📄 " + a.Title, Data: d}})
		}
	}
	if len(rows) == 0 {
		return "", nil, false
	}
	return c.T("kb.maybe", "title", res.Articles[0].Title), rows, true
}

// search asks the knowledge base as this user: their language first, the
// articles for their role and university.
func (h *Handlers) search(c *Ctx, text string) aulabot.KBResult {
	return h.Knowledge.Search(c, aulabot.KBQuery{Text: text, Lang: c.Lang, Audience: c.User.Role, University: c.User.University})
}
