package bot_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// A campaign cancelled while the outbox is handing one of its messages
// to Telegram: the message arrives all the same, and the outbox tells
// the store which it was, so the recipient is counted as sent and the
// revision made at the cancellation (a training's "cancelled") edits it
// in place. Before, the person kept the message as it was sent.
func TestOutbox_CancelledOnItsWay(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	e := newEnvWith(t, sandbox.Options{}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/sendMessage") {
				close(arrived)
				<-release // on its way while the campaign is cancelled
			}
			next.ServeHTTP(w, r)
		})
	})
	var c aulabot.Campaign
	err := e.store.Update(func(tx *store.Tx) (err error) {
		u := aulabot.User{ID: 7, Name: "U", University: "unma", Role: aulabot.RoleTeacher, ConsentAt: tx.Now(), CreatedAt: tx.Now()}
		if err := tx.PutUser(u); err != nil {
			return err
		}
		c, err = tx.CreateCampaign(aulabot.Campaign{University: "unma", Audience: aulabot.AudienceAll, State: aulabot.CampaignRunning,
			Ref: "inv:", Message: aulabot.Message{Text: "Training on Thursday"}})
		if err != nil {
			return err
		}
		_, err = tx.FeedCampaigns(10)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	e.run()
	<-arrived
	err = e.store.Update(func(tx *store.Tx) error {
		if _, err := tx.CancelCampaign(c.ID); err != nil {
			return err
		}
		_, err := tx.ReviseCampaign(c.ID, aulabot.Campaign{State: aulabot.CampaignRunning, Ref: "inv:", Owner: "event:1",
			Message: aulabot.Message{Text: "Training cancelled"}})
		return err
	})
	close(release)
	if err != nil {
		t.Fatal(err)
	}
	// The revision is fed as the announcer does, until its edit arrives.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		if err := e.store.Update(func(tx *store.Tx) error { _, err := tx.FeedCampaigns(10); return err }); err != nil {
			t.Fatal(err)
		}
		wait, stop := context.WithTimeout(ctx, 20*time.Millisecond)
		_, err := e.sb.WaitFor(wait, 7, func(m sandbox.Message) bool { return m.Text == "Training cancelled" })
		stop()
		if err == nil {
			break
		}
		if !errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
			t.Fatalf("the message sent on its way was not edited into the cancellation: %v (chat 7 holds %q)", err, botTexts(e.sb, 7))
		}
	}
	if got := botTexts(e.sb, 7); len(got) != 1 {
		t.Errorf("chat 7 holds %q, want one message, edited", got)
	}
	if err := e.store.View(func(tx *store.Tx) (err error) { c, _, err = tx.Campaign(c.ID); return err }); err != nil {
		t.Fatal(err)
	}
	if want := (aulabot.CampaignCounts{Total: 1, Sent: 1}); c.Counts != want {
		t.Errorf("the cancelled campaign's figures: %+v, want %+v", c.Counts, want)
	}
}

// TestOutbox_WentAt: with WentAt (the sandbox's clock, which jumps), a
// message is judged against its NotAfter at the time WentAt says it went
// out: one that fell due during a jump goes, though its time passed in the
// jump too; one that did not is still dropped once past its time.
func TestOutbox_WentAt(t *testing.T) {
	e := newEnv(t)
	logs := captureLogs(e)
	now := time.Now()
	from, to := now.Add(-25*time.Hour), now // a day skipped
	e.outbox.WentAt = func(due time.Time) time.Time {
		if due.After(from) && !due.After(to) {
			return due
		}
		return time.Now()
	}
	e.enqueue(
		aulabot.Message{ChatID: 7, Text: "you have mentoring tomorrow", NotBefore: now.Add(-24 * time.Hour), NotAfter: now.Add(-10 * time.Hour)},
		aulabot.Message{ChatID: 8, Text: "starts in an hour", NotAfter: now.Add(-time.Minute)},
	)
	e.run()
	e.waitText(7, "you have mentoring tomorrow")
	logs.wait(t, "expired message dropped")
	if got := botTexts(e.sb, 8); len(got) != 0 {
		t.Errorf("a message past its time that did not fall due in a jump went: %q", got)
	}
}
