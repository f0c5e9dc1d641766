package sandbox

import (
	"encoding/json"
	"slices"
)

// resumeLocked continues the update numbering from offset when a bot asks
// for updates beyond any this emulator has made: the bot kept its offset
// from an earlier emulator on the same database (the sandbox restarted),
// and real Telegram never numbers updates from 1 again. The updates
// waiting for it, never delivered, are numbered from offset on, so that
// the offset does not confirm (drop) them unseen.
func (s *Server) resumeLocked(offset int) {
	if offset <= s.nextUpd {
		return
	}
	s.nextUpd = offset
	for _, u := range s.updates {
		if u.delivered {
			continue
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(u.raw, &m) != nil {
			continue
		}
		old := u.id
		u.id = s.nextUpd
		s.nextUpd++
		m["update_id"], _ = json.Marshal(u.id)
		u.raw, _ = json.Marshal(m)
		if i := slices.Index(s.histOrder, old); i >= 0 {
			delete(s.history, old)
			s.histOrder[i] = u.id
			s.history[u.id] = u.raw
		}
	}
}
