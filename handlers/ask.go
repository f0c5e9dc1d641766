package handlers

import (
	"cmp"
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// questionKB is what the knowledge base's background jobs read directly
// (kbjobs.go); the use cases are service.Questions'.
type questionKB interface {
	BackgroundJobs(limit int) ([]aulabot.Job, error)
	TakeJob(key string, id uint64) (bool, error)
	ScheduledJob(key string) (aulabot.Job, bool, error)
}

// MaxQuestion is the longest question taken, in characters.
// MaxHeardQuestion is the longest heard from a voice note, cut there: the
// words of the longest note heard (MaxVoiceSeconds) at a quick pace, and
// what a ticket's description takes (aulabot.MaxDescription). A
// person who spoke a minute and more cannot count characters to shorten
// it, so their words are taken (the search reads the first words of any
// question, typed or heard).
const (
	MaxQuestion      = 1000
	MaxHeardQuestion = aulabot.MaxDescription
)

// routeKnowledge registers questions to the knowledge base.
func (h *Handlers) routeKnowledge(r *router) {
	r.text = with(h.ask, onboarded, h.awaitedNote, h.awaitedAnswer, h.questionLimit)
	r.commands["ask"] = with(h.ask, private, onboarded, h.questionLimit)
	r.callbacks["kb"] = with(h.onKB, private, onboarded)
	r.commands["gaps"] = with(h.gaps, coordinator)
	r.callbacks["gp"] = with(h.onGapButton, private, coordinator)
	r.flows[flowGapLink.Name] = with(h.onGapLinkText, private, coordinator)
	r.flows[flowGapAnswer.Name] = with(h.onGapAnswerText, private, coordinator)
	r.flows[flowDraftText.Name] = with(h.onDraftText, private, coordinator)
	r.commands["reload"] = with(h.reload, coordinator)
	r.menu["menu.gaps"] = "gaps"
}

// ask answers a question from the knowledge base: one article when sure,
// two or three suggestions when unsure, and an honest "I don't know" with
// the next steps otherwise. Every question is recorded for the gap report.
// The answer is searched for and rendered before the commit; with an LLM
// it is written by a background worker instead (askLater).
func (h *Handlers) ask(c *Ctx) error {
	text := strings.TrimSpace(c.U.Text)
	if c.U.File == nil {
		// Read once for each answer typed for a button below.
		words := aulabot.TypedWords(text)
		if done, err := h.surveyTyped(c, text, words); done || err != nil { // "8" at a survey's scale, "celular" at its choice
			return err
		}
		if done, err := h.ratingTyped(c, text, words); done || err != nil { // "5" under a resolved ticket's stars
			return err
		}
		if len(text) <= maxYes && aulabot.YesWords(words) {
			if c.yesOffered() { // "sí" under a slot's card: its Confirm
				return nil
			}
		}
		if len(text) <= maxYes && typedNo[words] && c.noOffered() { // "no" under a slot's card: nothing booked, said so
			return nil
		}
		if done, err := h.typedPress(c, text, words); done || err != nil { // "personal" under /mentoring's menu, "esta semana" under /report's
			return err
		}
		if done, err := h.pastedLink(c); done || err != nil { // a meeting link under a session's panel
			return err
		}
	}
	talk := ""
	if kb := c.kb(); kb != nil {
		talk = kb.SmallTalk(text)
	}
	switch {
	case text == "" && c.U.File != nil:
		return h.fileReport(c)
	case c.U.File != nil && c.U.Album != "":
		return h.albumReport(c, text)
	case text == "" && c.U.Sticker:
		return h.smallTalk(c, "ack") // a sticker is a reaction, as a 👍 is
	case text == "":
		return aulabot.Errorf(aulabot.EINVALID, "kb.empty")
	case utf8.RuneCountInString(text) > MaxQuestion && !c.U.Heard:
		return aulabot.Errorf(aulabot.EINVALID, "kb.too_long", "max", MaxQuestion)
	case talk != "":
		return h.smallTalk(c, talk)
	case !hasLetters(text):
		return aulabot.Errorf(aulabot.EINVALID, "kb.no_words")
	case onlyLinks(text):
		return aulabot.Errorf(aulabot.EINVALID, "kb.only_link")
	}
	kb := c.kb()
	if kb == nil {
		return aulabot.Errorf(aulabot.EINTERNAL, "error.internal")
	}
	q := aulabot.Question{UserID: c.U.From.ID, University: c.User.University, Role: c.User.Role, Lang: c.Lang, Text: text, MessageID: c.U.MessageID,
		Voice: c.U.Heard, File: cmp.Or(c.U.File, c.U.HeardFrom)}
	if kb.Slow() {
		return h.askLater(c, q)
	}
	rep, outcome, article := h.prepareAnswer(c, text)
	q.Outcome, q.ArticleID, q.AnswerSum = outcome, article, rep.sum()
	if again, err := h.askedAgain(c, q); again || err != nil {
		return err
	}
	return c.Commit(func(tx Tx) error {
		if err := h.replaceEdited(c, tx); err != nil {
			return err
		}
		id, err := h.svc.Questions.Asked(tx, q)
		if err != nil {
			return err
		}
		rep.send(c, id)
		return nil
	})
}

// RepeatWindow is how long the same words typed again count as the same
// question sent twice (askedAgain).
const RepeatWindow = 2 * time.Minute

// askedAgain answers question q, typed again within RepeatWindow of the
// person's last question (the same words but for case, accents and
// punctuation) and answered alike (Question.AnswerSum), with a short
// reply to that question's message instead of the whole answer again: on
// a slow connection the answer may not have arrived yet, and a resent
// question got a second copy of a long article. Nothing is recorded
// (/gaps would count the person twice). A file, a voice note, an edit, or
// an answer that changed since (an article linked or added in /gaps) is
// answered in full: the answer differs. It reports whether it replied.
func (h *Handlers) askedAgain(c *Ctx, q aulabot.Question) (bool, error) {
	if q.File != nil || q.Voice || c.replaces != nil {
		return false, nil
	}
	var last aulabot.Question
	var ok bool
	err := c.view(func(tx Tx) (err error) {
		last, ok, err = h.svc.Questions.Recent(tx, q.UserID, h.Now().Add(-RepeatWindow))
		return err
	})
	if err != nil || !ok || last.File != nil || last.MessageID == 0 || last.MessageID == q.MessageID ||
		last.AnswerSum != q.AnswerSum ||
		aulabot.AliasKey(last.Text) != aulabot.AliasKey(aulabot.MaskPersonal(q.Text)) {
		return false, err
	}
	c.Send(aulabot.Message{ChatID: c.U.ChatID, ReplyTo: last.MessageID, Text: c.T("kb.asked_again")})
	return true, nil
}

// askEach answers several messages of words, held while the team waited
// on the person (ticket_await.go) and then said to be for the bot, each as
// its own question in a reply to its message, in one commit: searched
// together, three questions typed in a row matched none of them well.
// Small talk and words that are no question among them are passed over;
// the question limit counts each, and those past it are not answered (the
// person is told, as for one question). With nothing left to ask, the
// words are asked together as before.
func (h *Handlers) askEach(c *Ctx, typed []service.Typed) error {
	kb := c.kb()
	if kb == nil {
		return aulabot.Errorf(aulabot.EINTERNAL, "error.internal")
	}
	type asking struct {
		q   aulabot.Question
		rep reply
	}
	var all []asking
	var refused time.Time
	l := h.Config.Limits
	for _, t := range typed {
		text := strings.TrimSpace(t.Text)
		if !hasLetters(text) || utf8.RuneCountInString(text) > MaxQuestion || kb.SmallTalk(text) != "" {
			continue
		}
		ok, notice, until := h.questions.take(c.U.From.ID, h.Now(), l.QuestionsPerMinute, l.QuestionsPerDay)
		if !ok {
			if notice {
				refused = until
			}
			break
		}
		a := asking{q: aulabot.Question{UserID: c.U.From.ID, University: c.User.University, Role: c.User.Role, Lang: c.Lang, Text: text, MessageID: t.Source}}
		if !kb.Slow() {
			a.rep, a.q.Outcome, a.q.ArticleID = h.prepareAnswer(c, text)
		}
		all = append(all, a)
	}
	if len(all) == 0 && refused.IsZero() {
		return with(h.ask, h.questionLimit)(c)
	}
	record := func(tx Tx) error {
		for _, a := range all {
			if kb.Slow() {
				if _, err := h.svc.Questions.Deferred(tx, a.q); err != nil {
					return err
				}
				continue
			}
			id, err := h.svc.Questions.Asked(tx, a.q)
			if err != nil {
				return err
			}
			a.rep.sendTo(c, id, a.q.MessageID)
		}
		return nil
	}
	var err error
	if refused.IsZero() {
		err = c.Commit(record)
	} else {
		err = h.tooManyQuestions(c, refused, record)
	}
	return err
}

// replaceEdited forgets the question an edit asks anew, in the
// transaction that records the new one: an edit refused (the question
// limit, words that are no question) leaves the old one as it was.
func (h *Handlers) replaceEdited(c *Ctx, tx Tx) error {
	if c.replaces == nil {
		return nil
	}
	return h.svc.Questions.Replaced(tx, *c.replaces)
}

// askLater records the question with a background job that writes its
// answer (kbjobs.go), so that a slow server never holds this chat's worker.
func (h *Handlers) askLater(c *Ctx, q aulabot.Question) error {
	err := c.Commit(func(tx Tx) error {
		if err := h.replaceEdited(c, tx); err != nil {
			return err
		}
		_, err := h.svc.Questions.Deferred(tx, q)
		return err
	})
	return err
}

// prepareAnswer searches for the answer to text for the asker of c and,
// with an LLM, has it written; it returns the reply, the outcome and the
// article answered with (if one). It writes nothing to the store. A
// failure only the team can fix gets Report to the technical team as the
// first button, whatever else is shown; words that name the virtual
// classroom during its known outage get the outage first (withOutage).
// With an LLM, searching and writing share one deadline
// (Knowledge.Deadline).
func (h *Handlers) prepareAnswer(c *Ctx, text string) (r reply, outcome, articleID string) {
	kb := c.kb()
	var res aulabot.KBResult
	ctx, cancel := kb.Deadline(c)
	defer cancel()
	if kb.Slow() {
		res = kb.SearchEmbedded(ctx, c.query(text))
	} else {
		res = kb.Search(c, c.query(text))
	}
	outcome = res.Confidence
	if res.Confidence == aulabot.OutcomeAnswer && len(res.Articles) > 0 {
		articleID = res.Articles[0].ID
	}
	r = h.replyFor(ctx, c, text, res)
	if res.TeamOnly {
		r = teamFirst(c, r)
	}
	if articleID != "" && !kb.Slow() {
		if other, ok := h.otherQuestion(c, text, articleID); ok {
			r = withOther(r, other)
		}
	}
	if res.LMS {
		r = h.withOutage(c, r)
	}
	return r, outcome, articleID
}

// otherQuestion answers the other question of a message that asks two or
// more ("¿cómo entrego la tarea? y ¿dónde veo mis notas?"), which one
// search answers by one article: the first article another of its
// questions gets as a direct answer, other than answered.
func (h *Handlers) otherQuestion(c *Ctx, text, answered string) (aulabot.KBArticle, bool) {
	parts := questionParts(text)
	if len(parts) < 2 {
		return aulabot.KBArticle{}, false
	}
	for _, p := range parts {
		res := c.kb().Search(c, c.query(p))
		if res.Confidence == aulabot.OutcomeAnswer && len(res.Articles) > 0 && res.Articles[0].ID != answered {
			return res.Articles[0], true
		}
	}
	return aulabot.KBArticle{}, false
}

// questionParts splits text at its question marks into the questions of
// three words or more it holds.
func questionParts(text string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(text, func(r rune) bool { return r == '?' || r == '¿' }) {
		if len(strings.Fields(p)) >= 3 {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}

// withOther puts the article of a message's other question right under
// the answer's first row of buttons (its feedback), and not again among
// the related articles.
func withOther(r reply, a aulabot.KBArticle) reply {
	row := articleRow(a, true)
	if len(row) == 0 || len(r.rows) == 0 {
		return r
	}
	rows := [][]kbButton{r.rows[0], row[0]}
	for _, rw := range r.rows[1:] {
		if len(rw) != 1 || rw[0].text != row[0][0].text {
			rows = append(rows, rw)
		}
	}
	r.rows = rows
	return r
}

// replyFor is the reply to text for what the search found; with an LLM,
// written by the model before ctx ends.
func (h *Handlers) replyFor(ctx context.Context, c *Ctx, text string, res aulabot.KBResult) reply {
	if res.Confidence != aulabot.OutcomeNone && len(res.Articles) > 0 && c.kb().Slow() {
		if composed, cited, ok := h.compose(ctx, c, text, res.Confidence == aulabot.OutcomeSuggest, res.Articles); ok {
			return h.composedReply(c, composed, res.Articles, cited)
		}
	}
	switch {
	case res.OutOfScope:
		return h.outOfScopeReply(c, res)
	case res.Confidence == aulabot.OutcomeAnswer && len(res.Articles) > 0:
		return h.articleReply(c, res.Articles[0])
	case res.Confidence == aulabot.OutcomeSuggest && len(res.Articles) > 0:
		return h.suggestReply(c, res.Articles)
	}
	return h.unknownReply(c, res)
}

// compose has the LLM write the answer from arts before ctx ends; false
// when it could not, or cited an article it was not given.
func (h *Handlers) compose(ctx context.Context, c *Ctx, text string, unsure bool, arts []aulabot.KBArticle) (string, []aulabot.KBArticle, bool) {
	composed, nums, ok := c.kb().Compose(ctx, text, c.Lang, unsure, arts)
	if !ok {
		return "", nil, false
	}
	var cited []aulabot.KBArticle
	for _, n := range nums {
		if n < 1 || n > len(arts) {
			return "", nil, false // a citation of nothing shown: not trusted
		}
		cited = append(cited, arts[n-1])
	}
	return composed, cited, len(cited) > 0
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

// onlyLinks reports whether text is web addresses and nothing else (a
// link pasted alone): no question to search for. It was searched, got
// "I don't know that yet" and went to /gaps as a question.
func onlyLinks(text string) bool {
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if !strings.HasPrefix(w, "http://") && !strings.HasPrefix(w, "https://") && !strings.HasPrefix(w, "www.") {
			return false
		}
	}
	return true
}

func qid(id uint64) string { return strconv.FormatUint(id, 10) }

// suggestion is the knowledge base's confident answer to a description
// or a topic: a short text naming its first article (Title), and a
// button to open each article.
type suggestion struct {
	Text, Title string
	Rows        [][]aulabot.Button
}

// kbSuggest looks text up in the knowledge base for another flow (a
// ticket's description, a mentoring topic); false when the base has no
// confident answer.
func (h *Handlers) kbSuggest(c *Ctx, text string) (suggestion, bool) {
	kb := c.kb()
	if kb == nil || !hasLetters(text) {
		return suggestion{}, false
	}
	res := kb.Search(c, c.query(text))
	if res.Confidence != aulabot.OutcomeAnswer || len(res.Articles) == 0 {
		return suggestion{}, false
	}
	var rows [][]aulabot.Button
	for _, a := range res.Articles {
		if articleFits(a.ID) {
			rows = append(rows, []aulabot.Button{{Text: "📄 " + a.Title, Data: kbArticleButton{Article: a.ID}.Encode()}})
		}
	}
	if len(rows) == 0 {
		return suggestion{}, false
	}
	title := res.Articles[0].Title
	return suggestion{Text: c.T("kb.maybe", "title", title), Title: title, Rows: rows}, true
}
