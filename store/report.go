package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
)

// The reads the reports need (package report) that the domains did not
// have: each reads through the index that bounds it, so a report of one
// university and one term reads that university's records of that term.

// QuestionsBetween calls fn for the questions of university asked in
// [from, to), oldest first. It reads only those, through the index by
// university and time. A question of someone who deleted their data is
// kept under the day it was asked (its instant is gone), so it counts in
// the period that holds that day's midnight in UTC.
func (tx *Tx) QuestionsBetween(university string, from, to time.Time, fn func(aulabot.Question) error) error {
	return tx.questionsOf(tx.bucket(bQuestionsUni).Cursor(), uniPrefix(university), i64(from.UnixNano()), i64(to.UnixNano()), fn)
}

// FirstTeamReply returns when the technical team first wrote to the
// requester of ticket id (a message of a team member relayed through the
// bot; the bot's own notices are not messages); false if it has not. It
// reads the ticket's messages in order and stops at the first from the
// team.
func (tx *Tx) FirstTeamReply(id string) (time.Time, bool, error) {
	uni, n, ok := aulabot.ParseTicketID(id)
	if !ok {
		return time.Time{}, false, nil
	}
	tk := ticketKey(uni, n)
	c := tx.bucket(bTicketMessages).Cursor()
	for k, v := c.Seek(tk); k != nil && bytes.HasPrefix(k, tk); k, v = c.Next() {
		if len(k) != len(tk)+8 {
			continue
		}
		var m struct {
			At   time.Time `json:"at"`
			Team bool      `json:"team"`
		}
		if err := json.Unmarshal(v, &m); err != nil {
			return time.Time{}, false, fmt.Errorf("ticket message %x: %w", k, err)
		}
		if m.Team {
			return m.At, true, nil
		}
	}
	return time.Time{}, false, nil
}
