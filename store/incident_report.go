package store

import (
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// IncidentsSince returns the incidents of university uni that were open
// at since or opened after it (not closed before it), oldest first. A
// university has one incident open at a time, each closed before the next
// opens, so the read goes back from the newest and stops at the first of
// uni's closed before since: it costs the incidents since, not every
// incident ever opened. Each is read first for its university and close
// alone.
func (tx *Tx) IncidentsSince(uni string, since time.Time) ([]aulabot.Incident, error) {
	var out []aulabot.Incident
	c := tx.bucket(bIncidents).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		var head struct {
			University string    `json:"uni"`
			Closed     time.Time `json:"closed"`
		}
		if err := decode(bIncidents, k, v, &head); err != nil {
			return nil, err
		}
		if head.University != uni {
			continue
		}
		if !head.Closed.IsZero() && head.Closed.Before(since) {
			break
		}
		var inc aulabot.Incident
		if err := decode(bIncidents, k, v, &inc); err != nil {
			return nil, err
		}
		out = append(out, inc)
	}
	slices.Reverse(out)
	return out, nil
}

// UnreachablePeople calls fn for each person marked unreachable (who
// blocked the bot): the private chats of bUnreachable, not its groups.
func (tx *Tx) UnreachablePeople(fn func(user int64) error) error {
	c := tx.bucket(bUnreachable).Cursor()
	for k, _ := c.Seek(i64(1)); k != nil; k, _ = c.Next() {
		if err := fn(fromI64(k)); err != nil {
			return err
		}
	}
	return nil
}
