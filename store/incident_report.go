package store

import (
	"encoding/json"

	"github.com/aulabot/aulabot"
)

// Incidents returns the incidents of university uni, oldest first.
func (tx *Tx) Incidents(uni string) ([]aulabot.Incident, error) {
	var out []aulabot.Incident
	err := tx.bucket(bIncidents).ForEach(func(_, v []byte) error {
		var inc aulabot.Incident
		if err := json.Unmarshal(v, &inc); err != nil {
			return err
		}
		if inc.University == uni {
			out = append(out, inc)
		}
		return nil
	})
	return out, err
}

// Blocked reports whether messages to user's chat are refused (the person
// blocked the bot): they are marked unreachable until they write again.
func (tx *Tx) Blocked(user int64) bool { return tx.bucket(bUnreachable).Get(i64(user)) != nil }

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
