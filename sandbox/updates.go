package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// pendingUpdate is an update waiting to be confirmed by the bot.
type pendingUpdate struct {
	id        int
	kind      string // "message", "callback_query", ...
	raw       json.RawMessage
	forced    bool // redelivered: ignores the offset until delivered once
	delivered bool
}

// enqueueLocked adds an update of the given kind with payload v and
// returns its id.
func (s *Server) enqueueLocked(kind string, v any) int {
	id := s.nextUpd
	s.nextUpd++
	// update_id first, as Telegram writes it.
	payload, _ := json.Marshal(v)
	body := fmt.Appendf(nil, `{"update_id":%d,%q:%s}`, id, kind, payload)
	s.keepLocked(&pendingUpdate{id: id, kind: kind, raw: body})
	return id
}

// keepLocked queues u for the bot and remembers it for Redeliver, within
// the bounds: the oldest unconfirmed updates and remembered ones go first.
func (s *Server) keepLocked(u *pendingUpdate) {
	if _, ok := s.history[u.id]; !ok {
		s.histOrder = append(s.histOrder, u.id)
	}
	s.history[u.id] = u.raw
	var gone []int
	s.histOrder, gone = keepLast(s.histOrder, s.opts.Bounds.Updates)
	for _, id := range gone {
		delete(s.history, id)
	}
	s.updates = append(s.updates, u)
	s.updates, _ = keepLast(s.updates, s.opts.Bounds.Updates)
	s.notifyLocked()
	s.wakePollLocked()
}

// Redeliver queues the update with updateID again, as Telegram does when the
// bot did not confirm it. It reports false for an unknown id.
func (s *Server) Redeliver(updateID int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, ok := s.history[updateID]
	if !ok {
		return false
	}
	s.keepLocked(&pendingUpdate{id: updateID, kind: updateKind(raw), raw: raw, forced: true})
	return true
}

// InjectUpdate queues a raw update as is. Without an update_id one is
// assigned. It returns the update id or an error for invalid JSON.
func (s *Server) InjectUpdate(raw json.RawMessage) (int, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var id int
	if v, ok := m["update_id"]; ok {
		if err := json.Unmarshal(v, &id); err != nil {
			return 0, err
		}
	} else {
		id = s.nextUpd
		s.nextUpd++
		m["update_id"], _ = json.Marshal(id)
		raw, _ = json.Marshal(m)
	}
	if id >= s.nextUpd {
		s.nextUpd = id + 1
	}
	s.keepLocked(&pendingUpdate{id: id, kind: updateKind(raw), raw: raw, forced: true})
	s.recordLocked(nil, Record{Kind: RecUpdate, UpdateID: id})
	return id, nil
}

func updateKind(raw json.RawMessage) string {
	var m map[string]json.RawMessage
	_ = json.Unmarshal(raw, &m)
	for k := range m {
		if k != "update_id" {
			return k
		}
	}
	return ""
}

// Pending reports how many updates wait for the bot to confirm them.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// confirmLocked drops the updates confirmed by offset, as Telegram does: an
// update is confirmed, and forgotten, once getUpdates is called with an
// offset higher than its id; a negative offset keeps only the last -offset
// updates. Nothing else is forgotten: unconfirmed updates are returned
// again by every poll, whichever client makes it.
func (s *Server) confirmLocked(offset int) {
	if offset < 0 {
		keep := -offset
		if len(s.updates) > keep {
			s.updates = slices.Clone(s.updates[len(s.updates)-keep:])
		}
		return
	}
	if offset == 0 {
		return
	}
	s.updates = slices.DeleteFunc(s.updates, func(u *pendingUpdate) bool {
		return u.id < offset && (!u.forced || u.delivered)
	})
}

func (s *Server) selectLocked(limit int) ([]json.RawMessage, []int) {
	out := []json.RawMessage{}
	var ids []int
	for _, u := range s.updates {
		if len(out) == limit {
			break
		}
		if len(s.allowed) > 0 && !slices.Contains(s.allowed, u.kind) {
			continue
		}
		u.delivered = true
		out = append(out, u.raw)
		ids = append(ids, u.id)
	}
	return out, ids
}

func (s *Server) getUpdates(ctx context.Context, p params) (any, *apiError) {
	offset, err := p.int("offset")
	if err != nil {
		return nil, err
	}
	limit, err := p.int("limit")
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, err := p.int("timeout")
	if err != nil {
		return nil, err
	}
	var allowed []string
	if a := p.str("allowed_updates"); a != "" {
		if json.Unmarshal([]byte(a), &allowed) != nil {
			return nil, badRequest("can't parse allowed updates")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		// An error, not an empty result, so clients back off instead of spinning.
		return nil, &apiError{Code: 502, Desc: "Bad Gateway"}
	}
	if s.webhook.url != "" {
		return nil, &apiError{Code: 409, Desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	if p.str("allowed_updates") != "" {
		s.allowed = allowed
	}
	s.pollGen++
	gen := s.pollGen
	s.notifyLocked()
	s.wakePollLocked() // ends an older long poll
	s.recordLocked(ctx, Record{Kind: RecPoll, Offset: offset})
	s.resumeLocked(offset)
	s.confirmLocked(offset)
	var timer <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		timer = t.C
	}
	for {
		if s.closed {
			return nil, &apiError{Code: 502, Desc: "Bad Gateway"}
		}
		if res, ids := s.selectLocked(limit); len(res) > 0 || timer == nil {
			if len(ids) > 0 {
				s.recordLocked(ctx, Record{Kind: RecDeliver, Offset: offset, First: ids[0], Last: ids[len(ids)-1], Count: len(ids)})
			}
			return res, nil
		}
		ch := s.polled
		s.mu.Unlock()
		select {
		case <-ch:
		case <-timer:
			timer = nil
		case <-ctx.Done():
			s.mu.Lock()
			return nil, &apiError{Code: 499, Desc: "request cancelled"}
		}
		s.mu.Lock()
		if s.pollGen != gen {
			return nil, &apiError{Code: 409, Desc: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		}
	}
}
