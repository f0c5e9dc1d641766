package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// fillOutbox leaves in st a message due later, one stuck after a 502, one
// dead after a 400, a person who blocked the bot and a reminder's job
// that failed twice.
func fillOutbox(t *testing.T, st *store.Store) {
	t.Helper()
	later := time.Now().Add(time.Hour)
	var ids []uint64
	err := st.Update(func(tx *store.Tx) error {
		for _, m := range []aulabot.Message{
			{ChatID: 9101, Text: "reminder", NotBefore: later},
			{ChatID: -2001, Text: "ticket", NotBefore: later},
			{ChatID: 9102, Text: "<b>broken", NotBefore: later},
			{ChatID: 9103, Text: "hello", NotBefore: later},
		} {
			id, err := tx.Enqueue(m)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Failed(ids[1], later.Add(time.Minute), "502 Bad Gateway", store.RetryCap{}); err != nil {
		t.Fatal(err)
	}
	if err := st.Dead(ids[2], store.DeadRefused, "400 Bad Request: can't parse entities: unclosed tag"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Unreachable(9103, "403 Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	if err := st.Schedule(aulabot.Job{Key: "ticket:UNMA-7:remind", Kind: "ticket.remind", Due: time.Now()}); err != nil {
		t.Fatal(err)
	}
	for _, why := range []string{"does not fit", "message to chat -2001 does not fit: its text is 4200 characters, Telegram takes 4096"} {
		err := st.Update(func(tx *store.Tx) error {
			j, _, err := tx.ScheduledJob("ticket:UNMA-7:remind")
			if err == nil {
				_, err = tx.PostponeJob(j.Key, j.ID, later, errors.New(why))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// checkOutboxText checks the plain report of fillOutbox's outbox.
func checkOutboxText(t *testing.T, out string) {
	t.Helper()
	for _, want := range []string{
		"Waiting: 2 messages (1 to private chats, 1 to groups); 0 due now; next scheduled at",
		"Stuck (failed, waiting for another attempt): 1",
		"-2001", "sendMessage", "502 Bad Gateway",
		"Dead: 2",
		"refused", "400 Bad Request: can't parse entities: unclosed tag",
		"unreachable", "403 Forbidden: bot was blocked by the user",
		"Unreachable chats (blocked the bot or gone): 1", "9103",
		"Jobs failing (reminders, escalations, closes; tried again after 1, 2, 4... up to 60 min): 1",
		"ticket:UNMA-7:remind", "ticket.remind", "its text is 4200 characters",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("aulabot outbox lacks %q:\n%s", want, out)
		}
	}
}

// "aulabot outbox" reads a database no bot holds, as text and JSON.
func TestOutboxCmd(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aulabot.db")
	st, err := store.Open(p, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	fillOutbox(t, st)
	st.Close()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"outbox", "--data", p}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	checkOutboxText(t, out.String())

	out.Reset()
	if code := run(context.Background(), []string{"outbox", "--json", "--data", p}, &out, &errb); code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errb.String())
	}
	var v outboxView
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out.String())
	}
	if v.Waiting.Private != 1 || v.Waiting.Group != 1 || len(v.Stuck) != 1 || v.Stuck[0].Attempts != 1 || v.Stuck[0].Chat != -2001 ||
		v.DeadTotal != 2 || v.UnreachableTotal != 1 || v.Unreachable[0].Chat != 9103 ||
		v.JobsFailingTotal != 1 || v.JobsFailing[0].Key != "ticket:UNMA-7:remind" || v.JobsFailing[0].Failures != 2 {
		t.Errorf("--json = %+v", v)
	}
	reasons := map[string]bool{}
	for _, d := range v.Dead {
		reasons[d.Reason] = true
	}
	if !reasons[store.DeadRefused] || !reasons[store.DeadUnreachable] {
		t.Errorf("dead reasons = %v", reasons)
	}

	for _, args := range [][]string{{"outbox", "extra"}, {"outbox", "--nope"}} {
		errb.Reset()
		if code := run(context.Background(), args, &out, &errb); code != 2 || !strings.Contains(errb.String(), "usage") {
			t.Errorf("%q: exit %d, %q; want 2 and the usage", args, code, errb.String())
		}
	}
	errb.Reset()
	if code := run(context.Background(), []string{"outbox", "--data", filepath.Join(t.TempDir(), "none.db")}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "none.db") {
		t.Errorf("missing database: exit %d, %q", code, errb.String())
	}
}

// While a bot runs, "aulabot outbox" asks it through its control socket.
func TestOutboxCmd_Running(t *testing.T) {
	h := newHarness(t, nil)
	ctl, err := h.M.listenControl()
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.Close()
	fillOutbox(t, h.M.Store)
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"outbox", "--data", h.Data}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	checkOutboxText(t, out.String())
}
