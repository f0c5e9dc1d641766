package handlers

import (
	"context"
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// Updater runs a write transaction that is not an update's (background
// work such as the announcements). AdaptUpdater makes one of a store.
type Updater interface {
	Update(fn func(tx Tx) error) error
}

// TxUpdater is a database whose write transactions are of type T;
// *store.Store is one.
type TxUpdater[T Tx] interface {
	Update(fn func(tx T) error) error
}

// AdaptUpdater makes an Updater of s.
func AdaptUpdater[T Tx](s TxUpdater[T]) Updater { return updater[T]{s} }

type updater[T Tx] struct{ s TxUpdater[T] }

func (u updater[T]) Update(fn func(tx Tx) error) error {
	return u.s.Update(func(tx T) error { return fn(tx) })
}

// Defaults of an Announcer.
const (
	// DefaultAnnounceRoom is how many announcement messages may wait in
	// the outbox at once: about a second of Telegram's overall limit. The
	// outbox serves chats round-robin, so a person's answer waits behind
	// at most these, however large the campaign.
	DefaultAnnounceRoom = 30
	// DefaultAnnounceEvery is how often Run moves the campaigns along.
	DefaultAnnounceEvery = 250 * time.Millisecond
	// AnnounceProgressEvery is how often a campaign's progress message is
	// edited while it runs.
	AnnounceProgressEvery = 5 * time.Second
)

// Announcer moves announcement campaigns along: it starts scheduled ones,
// records what the outbox did with each message, hands the next
// recipients to the outbox a few at a time and edits each campaign's
// progress message in place, then tells its sender the final count.
type Announcer struct {
	H     *Handlers
	Store Updater
	Room  int           // default DefaultAnnounceRoom
	Every time.Duration // default DefaultAnnounceEvery
}

// Run calls Step every Every until ctx ends; errors are logged.
func (a *Announcer) Run(ctx context.Context) {
	every := a.Every
	if every <= 0 {
		every = DefaultAnnounceEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := a.Step(); err != nil {
				a.H.Log.Error("announcements", "err", err)
			}
		}
	}
}

// Step moves every campaign along once, in one transaction.
func (a *Announcer) Step() error {
	room := a.Room
	if room <= 0 {
		room = DefaultAnnounceRoom
	}
	h := a.H
	var active []aulabot.Campaign
	if err := h.Store.View(func(tx Tx) (err error) { active, err = tx.ActiveCampaigns(); return err }); err != nil {
		return err
	}
	now := h.Now()
	if !slices.ContainsFunc(active, func(c aulabot.Campaign) bool { return !c.At.After(now) }) {
		return nil // nothing running or due: no write, so an idle bot does not sync the file four times a second
	}
	return h.update(a.Store, func(stx Tx) error {
		tx := fitting{stx}
		cs, err := tx.FeedCampaigns(room)
		if err != nil {
			return err
		}
		for _, cp := range cs {
			if cp.Owner != "" {
				continue // another domain's campaign: no progress message
			}
			done := cp.State != aulabot.CampaignRunning
			if !done && (cp.Shown == cp.Counts || now.Sub(cp.Progress) < AnnounceProgressEvery) {
				continue
			}
			if _, err := tx.Enqueue(h.progressEdit(cp, now)); err != nil {
				return err
			}
			if done {
				n := cp.Counts
				text := h.cat.T(cp.Lang, "announce.finished", "id", cp.Number, "sent", n.Sent, "blocked", n.Blocked, "failed", n.Failed+n.Erased, "total", n.Total)
				if _, err := tx.Enqueue(aulabot.Message{ChatID: cp.By, Text: text, ReplyToRef: campaignRef(cp.ID)}); err != nil {
					return err
				}
			}
			cp.Progress, cp.Shown = now, cp.Counts
			if err := tx.PutCampaign(cp); err != nil {
				return err
			}
		}
		return nil
	})
}

// progressEdit is the edit of cp's progress message.
func (h *Handlers) progressEdit(cp aulabot.Campaign, now time.Time) aulabot.Message {
	m := h.progressMessage(cp, now)
	m.Ref, m.EditRef = "", m.Ref
	return m
}

// progressMessage is cp's progress message as it stands at now: what was
// sent, blocked and failed, what is left and when it should end, with a
// button to correct its text (announce_fix.go) and one to cancel while it
// may still be cancelled.
func (h *Handlers) progressMessage(cp aulabot.Campaign, now time.Time) aulabot.Message {
	lang, n := cp.Lang, cp.Counts
	args := []any{"id", cp.Number, "audience", h.cat.T(lang, "announce.aud_"+cp.Audience), "university", h.uniName(lang, cp.University),
		"total", n.Total, "sent", n.Sent, "blocked", n.Blocked, "failed", n.Failed + n.Erased, "left", n.Left(), "cancelled", n.Cancelled}
	var key string
	switch cp.State {
	case aulabot.CampaignScheduled:
		key = "announce.progress_scheduled"
		args = append(args, "when", h.whenAt(lang, cp.University, cp.At))
	case aulabot.CampaignRunning:
		key = "announce.progress"
		args = append(args, "end", h.whenAt(lang, cp.University, campaignEnd(cp, now)))
	case aulabot.CampaignCancelled:
		key = "announce.progress_cancelled"
	default:
		key = "announce.progress_done"
	}
	m := aulabot.Message{ChatID: cp.By, Text: h.cat.N(lang, key, n.Total, args...), Ref: campaignRef(cp.ID)}
	var row []aulabot.Button
	if cp.Ref != "" {
		row = append(row, aulabot.Button{Text: h.cat.T(lang, "announce.button_fix"), Data: annFixButton{cp.ID}.Encode()})
	}
	if cp.Active() {
		row = append(row, aulabot.Button{Text: h.cat.T(lang, "announce.button_stop"), Data: annStopButton{cp.ID}.Encode()})
	}
	if len(row) > 0 {
		m.Inline = [][]aulabot.Button{row}
	}
	return m
}

// campaignEnd estimates when cp will be done: at the pace it has kept so
// far, or at Telegram's 30 messages a second before there is one.
func campaignEnd(cp aulabot.Campaign, now time.Time) time.Time {
	rate := 30.0
	n := cp.Counts
	done := n.Sent + n.Blocked + n.Failed
	if el := now.Sub(cp.Started).Seconds(); !cp.Started.IsZero() && el >= 3 && done > 0 {
		rate = float64(done) / el
	}
	return now.Add(time.Duration(float64(n.Left()) / rate * float64(time.Second)))
}

// uniName names university uni ("" or "*": every university) in lang.
func (h *Handlers) uniName(lang, uni string) string {
	if u, ok := h.Config.University(uni); ok {
		return u.Name
	}
	return h.cat.T(lang, "announce.all_universities")
}
