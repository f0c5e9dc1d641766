package handlers

import (
	"slices"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// A coordinator answers a gap in their own words (✍️ on /gaps): the people
// who asked it and got no useful answer get those words, once shown to
// the coordinator and confirmed. The gap stays in /gaps until ➕ adds the
// words to the base (gaps_add.go): until then the next person to ask gets
// no answer.

// flowGapAnswer: a coordinator types the answer to a gap's askers, then
// confirms it; it keeps the gap's question and, at the confirm step, the
// words.
var flowGapAnswer = aulabot.Flow[gapAnswer]{Name: "gapanswer"}

// The steps of flowGapAnswer.
const (
	gapAnswerWords   = "words"
	gapAnswerConfirm = "confirm"
)

// gapAnswer is what flowGapAnswer keeps.
type gapAnswer struct {
	Q    uint64 `json:"q"`
	Text string `json:"text,omitempty"`
}

// askGapAnswer starts flowGapAnswer for the group of gap q, if anyone who
// asked it can be told.
func (h *Handlers) askGapAnswer(c *Ctx, q aulabot.Question) error {
	askers, err := h.gapAskers(c, q)
	if err != nil {
		return err
	}
	if len(askers) == 0 {
		return aulabot.Errorf(aulabot.ECONFLICT, "gaps.answer_nobody")
	}
	c.Answer("")
	c.SetState(flowGapAnswer.At(gapAnswerWords, gapAnswer{Q: q.ID}))
	c.Reply(c.N("gaps.answer_ask", len(askers), "question", clipText(q.Text, 120), "max", service.SlotMaxMessage))
	return nil
}

// onGapAnswerText takes the words and shows what the askers will get,
// with Send and Don't send; words typed at that point replace them.
func (h *Handlers) onGapAnswerText(c *Ctx) error {
	d, ok := flowGapAnswer.Data(c.State)
	q, err := h.flowQuestion(c, d.Q, ok)
	if err != nil {
		return err
	}
	text, err := coordinationWords(c)
	if err != nil {
		return err
	}
	askers, err := h.gapAskers(c, q)
	if err != nil {
		return err
	}
	c.SetState(flowGapAnswer.At(gapAnswerConfirm, gapAnswer{Q: q.ID, Text: text}))
	c.ReplyButtons(c.N("gaps.answer_preview", len(askers), "preview", i18n.HTML(h.gapAnswerText(c.Lang, q, text))),
		[][]aulabot.Button{{
			{Text: c.T("gaps.answer_send"), Data: gapAnswerSendButton{q.ID}.Encode()},
			{Text: c.T("gaps.answer_drop"), Data: gapAnswerDropButton{}.Encode()},
		}})
	return nil
}

// coordinationWords are the words a coordinator typed for a gap's askers
// or for its article: with letters, at most service.SlotMaxMessage
// characters.
func coordinationWords(c *Ctx) (string, error) {
	text := aulabot.CleanText(c.U.Text)
	if !hasLetters(text) || utf8.RuneCountInString(text) > service.SlotMaxMessage {
		return "", aulabot.Errorf(aulabot.EINVALID, "slot.err_message", "max", service.SlotMaxMessage)
	}
	return text, nil
}

// sendGapAnswer sends the confirmed words to each person who asked the
// group of gap q and got no useful answer, in a reply to their latest
// asking; the same words reach a person once however often it is pressed.
// When they reach someone (or reached them before: the same words again
// give the coordinator the draft back), the coordinator also gets the
// words as a draft article (gapDraft), kept for ➕ to add to the base
// (gaps_add.go), so that the next person who asks need not wait.
func (h *Handlers) sendGapAnswer(c *Ctx, q aulabot.Question) error {
	d, ok := flowGapAnswer.Data(c.State)
	if !ok || c.State.Step != gapAnswerConfirm || d.Q != q.ID {
		return button.Stale()
	}
	group, err := h.gapGroupOf(c, q)
	if err != nil {
		return err
	}
	askers := service.LatestAskings(group)
	msgs := make([][]aulabot.Message, len(askers))
	for i, a := range askers {
		msgs[i] = []aulabot.Message{{Text: h.gapAnswerText(a.Lang, a, d.Text), ReplyTo: a.MessageID}}
	}
	var keepDraft func(tx Tx) error
	if kb := c.kb(); kb != nil {
		var prev aulabot.KBAdded
		if err := c.view(func(tx Tx) (err error) { prev, err = h.svc.Questions.DraftOf(tx, q, group); return err }); err != nil {
			return err
		}
		draft := gapDraft(q, group, d.Text)
		draft.From = q.ID
		if prev.Version > 0 {
			// An article's draft keeps its title and readers; the
			// group's phrasings join its own.
			draft.Title, draft.Audience = prev.Draft.Title, prev.Draft.Audience
			draft.Questions = append(slices.Clone(prev.Draft.Questions), draft.Questions...)
		}
		shown := draft
		shown.ID = prev.ID // an added article keeps its id
		name, data := kb.Draft(shown)
		keepDraft = func(tx Tx) error {
			kept, err := h.svc.Questions.KeepDraft(tx, prev.Q, draft)
			if err != nil {
				return err
			}
			c.Send(draftMessage(c, kept, c.T("gaps.answer_draft"), name, data))
			return nil
		}
	}
	c.ClearState()
	return h.tellAll(c, askers, service.WordsKey(d.Text), msgs, "gaps.answer_sent", "gaps.answer_had", keepDraft)
}

// gapDraft is the article the words answering gap q's group would make:
// titled with q, listing the group's other phrasings, for the askers' role
// when they all had one, and for q's university.
func gapDraft(q aulabot.Question, group []aulabot.Question, words string) aulabot.KBDraft {
	d := aulabot.KBDraft{Title: q.Text, Lang: q.Lang, University: q.University, Body: words}
	roles := map[string]bool{}
	for _, x := range group {
		d.Questions = append(d.Questions, x.Text)
		roles[x.Role] = true
	}
	if len(roles) == 1 && (roles[aulabot.RoleTeacher] || roles[aulabot.RoleStudent]) {
		d.Audience = q.Role
	}
	return d
}

// dropGapAnswer leaves flowGapAnswer without sending anything.
func (h *Handlers) dropGapAnswer(c *Ctx) error {
	if !flowGapAnswer.In(c.State) {
		return button.Stale()
	}
	c.ClearState()
	c.Answer(c.T("gaps.answer_dropped"))
	c.EditPressed(c.T("gaps.answer_dropped"), nil)
	return nil
}

// gapAnswerText is what the asker of q (the latest asking of a person, or
// the gap's own question for the preview) gets: their question and the
// coordination's words, in lang.
func (h *Handlers) gapAnswerText(lang string, q aulabot.Question, words string) string {
	uni := q.University
	if u, ok := h.Config.University(q.University); ok {
		uni = u.Name
	}
	return h.cat.T(lang, "gaps.answer_to_asker", "day", i18n.Day(lang, q.At.In(h.Config.Loc(q.University))),
		"question", service.Short(aulabot.CleanText(q.Text), 200), "university", uni, "words", words)
}

// gapAskers are the people who asked the group of gap q and got no useful
// answer, the latest asking of each: those ✍️ reaches.
func (h *Handlers) gapAskers(c *Ctx, q aulabot.Question) ([]aulabot.Question, error) {
	group, err := h.gapGroupOf(c, q)
	if err != nil {
		return nil, err
	}
	return service.LatestAskings(group), nil
}
