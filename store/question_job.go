package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/aulabot/aulabot"
)

// Background jobs are work done outside any transaction as soon as a
// worker is free (an LLM answer, a reload of the knowledge base), kept as
// jobs (see timer.go) so that a crash does not lose them: the job commits
// with the request, and its result commits with the job's removal. They
// are scheduled never to fall due, so the timers leave them alone.
const backgroundPrefix = "bg:"

// never is the due time of background jobs: the largest instant a job key
// holds.
var never = time.Unix(0, math.MaxInt64).UTC()

func reloadJobKey(chat int64) string {
	return backgroundPrefix + aulabot.JobReload + ":" + strconv.FormatInt(chat, 10)
}

func answerJobPrefix(user int64) string {
	return backgroundPrefix + aulabot.JobAnswer + ":" + strconv.FormatInt(user, 10) + ":"
}

// AnswerLater records that question id, asked by user, still needs its
// answer written (aulabot.JobAnswer, Data "question"). Erasing the user's
// data cancels it.
func (tx *Tx) AnswerLater(id uint64, user int64) error {
	q := strconv.FormatUint(id, 10)
	return tx.Schedule(aulabot.Job{Key: answerJobPrefix(user) + q, Kind: aulabot.JobAnswer, Due: never,
		Data: map[string]string{"question": q}})
}

// HearLater records that v, a voice note of its sender's, is to be
// transcribed and its words handled (aulabot.JobVoice). Erasing the
// sender's data cancels it, as it cancels their answers still to write.
// A note of a ticket's conversation is known by its ticket, message and
// attachment: a team member's message ids are their group's, which may
// equal those of their private chat.
func (tx *Tx) HearLater(v aulabot.VoiceNote) error {
	key := answerJobPrefix(v.From.ID) + "v" + strconv.Itoa(v.MessageID)
	if v.Ticket != "" {
		key = fmt.Sprintf("%st%s:%d:%d", answerJobPrefix(v.From.ID), v.Ticket, v.N, v.I)
	}
	return tx.Schedule(aulabot.Job{Key: key, Kind: aulabot.JobVoice, Due: never, Data: v.JobData()})
}

// ReloadLater records that chat asked for the knowledge base to be
// reloaded and told in lang how it went (aulabot.JobReload, Data "chat"
// and "lang"). A second request from the same chat replaces the first.
func (tx *Tx) ReloadLater(chat int64, lang string) error {
	return tx.Schedule(aulabot.Job{Key: reloadJobKey(chat), Kind: aulabot.JobReload, Due: never,
		Data: map[string]string{"chat": strconv.FormatInt(chat, 10), "lang": lang}})
}

// BackgroundJobs returns up to limit background jobs, oldest first.
func (tx *Tx) BackgroundJobs(limit int) ([]aulabot.Job, error) {
	var out []aulabot.Job
	start := i64(never.UnixNano())
	c := tx.bucket(bJobs).Cursor()
	for k, v := c.Seek(start); k != nil && bytes.HasPrefix(k, start) && len(out) < limit; k, v = c.Next() {
		var j aulabot.Job
		if err := json.Unmarshal(v, &j); err != nil {
			return nil, fmt.Errorf("job %x: %w", k, err)
		}
		out = append(out, j)
	}
	return out, nil
}
