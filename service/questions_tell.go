package service

import (
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// The people who asked a gap and got no answer can be answered late, in
// their own chat: with the article a coordinator linked the gap to, or
// with the coordinator's own words (/gaps' 📬 and ✍️).

// LinkedAskers returns the people of university uni who, since, asked in a
// phrasing now linked to article, before the link, and got no useful
// answer: the latest such question of each. People who deleted their data
// are not there (their questions name nobody), nor are those who were
// answered with article and found it no help (a link made again).
func (s *Questions) LinkedAskers(tx QuestionsTx, uni, article string, since time.Time) ([]aulabot.Question, error) {
	linked := map[string]time.Time{} // language and key -> when linked
	if err := tx.Aliases(func(a aulabot.KBAlias) error {
		if a.University == uni && a.Kind == aulabot.AliasLink && a.ArticleID == article {
			linked[a.Lang+"\x00"+a.Key] = a.At
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var asked []aulabot.Question
	err := tx.Questions(uni, since, func(q aulabot.Question) error {
		if at, ok := linked[q.Lang+"\x00"+aulabot.AliasKey(q.Text)]; ok && !q.At.After(at) {
			asked = append(asked, q)
		}
		return nil
	})
	return LatestAskings(withoutNoHelp(asked, article)), err
}

// withoutNoHelp is qs without the questions of the people who were
// answered with article in one of them and marked it Not helpful: sending
// them that article again would answer nothing.
func withoutNoHelp(qs []aulabot.Question, article string) []aulabot.Question {
	noHelp := map[int64]bool{}
	for _, q := range qs {
		if q.Feedback == aulabot.FeedbackNotHelpful && q.ArticleID == article {
			noHelp[q.UserID] = true
		}
	}
	return slices.DeleteFunc(slices.Clone(qs), func(q aulabot.Question) bool { return noHelp[q.UserID] })
}

// LatestAskings are, of qs, the latest question of each person who got no
// useful answer to it, in the order of their first: not those who deleted
// their data (their questions name nobody).
func LatestAskings(qs []aulabot.Question) []aulabot.Question {
	latest := map[int64]int{} // asker -> place in out
	var out []aulabot.Question
	for _, q := range qs {
		if q.UserID == 0 || !q.Gap() {
			continue
		}
		if i, seen := latest[q.UserID]; seen {
			if q.At.After(out[i].At) {
				out[i] = q
			}
			continue
		}
		latest[q.UserID] = len(out)
		out = append(out, q)
	}
	return out
}

// Askers is how many people asked the questions of group (a group of
// similar gaps), got no useful answer and may read article (readable of
// their latest asking), not counting those who deleted their data or
// found article no help: those LinkedAskers finds once the group is
// linked, and who are sent it.
func Askers(group []aulabot.Question, article string, readable func(aulabot.Question) bool) int {
	n := 0
	for _, q := range LatestAskings(withoutNoHelp(group, article)) {
		if readable(q) {
			n++
		}
	}
	return n
}

// WordsKey names words a coordinator wrote for TellAsker: the same words
// reach a person once.
func WordsKey(words string) string {
	h := fnv.New64a()
	h.Write([]byte(words))
	return fmt.Sprintf("words-%x", h.Sum64())
}

// TellAsker queues msgs, an article (or words, WordsKey) rendered for the
// asker of q, to them, once: a second call for the same person and article
// queues nothing and returns false. q is marked answered late (the
// report counts it).
func (s *Questions) TellAsker(tx QuestionsTx, q aulabot.Question, article string, msgs []aulabot.Message) (bool, error) {
	key := fmt.Sprintf("gapanswer:%d:%s", q.UserID, article)
	for i, m := range msgs {
		m.ChatID = q.UserID
		m.Key = fmt.Sprintf("%s:%d", key, i)
		id, err := tx.Enqueue(m)
		if err != nil || id == 0 {
			// The first part known means the whole was queued before.
			return false, err
		}
	}
	if len(msgs) == 0 {
		return false, nil
	}
	if err := tx.AnsweredLate(q.ID); err != nil {
		return false, err
	}
	for _, name := range []string{toldCounter(q.University), toldCounter("")} {
		if err := tx.Count(name, 1); err != nil {
			return false, err
		}
	}
	return true, nil
}

// toldCounter names the count of late answers sent to the askers of
// university uni ("" for every university's).
func toldCounter(uni string) string {
	if uni == "" {
		return "gaps:told"
	}
	return "gaps:told:" + uni
}
