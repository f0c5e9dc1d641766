package handlers_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// backupSnapshot writes a backup of e's database and reads back every key
// and value in it. (Not its raw bytes: bbolt leaves freed pages as they
// were until it reuses them, so a deleted record's bytes may linger in
// the file's free pages; only a compacted copy is free of them.)
func backupSnapshot(t *testing.T, e *htest.Env) store.Snapshot {
	t.Helper()
	path := filepath.Join(t.TempDir(), "backup.db")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.Backup(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	b, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	snap, err := b.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// After /deletemydata nothing in the database names or re-links the
// person: their record, conversation states, bookings (names, topics,
// comments), 🔔 waits, a training's waitlist, refs to their chat and messages waiting for it are gone;
// the bookings stay as anonymous rows for the counts. Nor do the backup's
// raw bytes, free pages included (htest.FillLowPages keeps the pages the
// deletion frees from being used again before the backup).
func TestDeleteMyData_LeavesNothing(t *testing.T) {
	e := htest.New(t, nil)
	fill := htest.FillLowPages(t, e.Store)
	const id = 987654321
	p := aulabot.Person{ID: id, FirstName: "Zyxwvut", LastName: "Qwertyson", LanguageCode: "en"}
	e.Onboard(p, "unma", "student")
	mentor := htest.Person(4001, "en")
	soon := publish(t, e, mentor, "2026-03-10 14:00 60 personal") // 4 hours ahead
	later := publish(t, e, mentor, "2026-03-14 15:00 60 group 5")
	e.Press(p, 0, 0, fmt.Sprintf("bk:t:%d", soon.ID))
	e.Text(p, 0, "xyzzy-topic")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", soon.ID))
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", later.ID))
	e.Press(p, 0, 0, "bk:nt:p") // the only personal slot is theirs: a 🔔 wait
	e.Advance(4*time.Hour + 30*time.Minute)
	e.Deliver()
	e.Press(mentor, 0, 0, "sl:a:1:1")
	e.Press(p, 0, 0, "rt:1:5")
	e.Text(p, 0, "xyzzy-comment")
	// A training's stars and comment, after it.
	eventSteps(e, coordUNMA, "/newevent", "Quizzes", "2026-03-10 14:35", "15 min", "meet.example.edu/q", "ev:aud:students", "ev:nolimit", "ev:ok")
	e.Press(p, 0, 0, "ev:a:1:y")
	e.Advance(20 * time.Minute)
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.Press(p, 0, 0, "ev:f:1:4")
	e.Press(p, 0, 0, "ev:fc:1")
	e.Text(p, 0, "xyzzy-training")
	// A survey begun, its question shown anew: the person's live page.
	loadSurveys(t, e)
	e.PressOn(p, svLast(t, e.Text(p, 0, "/survey")), "sv:a:pulso:quality:4")
	e.Text(p, 0, "8")
	e.Text(p, 0, "/problem") // a flow left open
	// A place on a training's waitlist, with the message that says so.
	other := htest.Person(7200, "en")
	e.Onboard(other, "unma", aulabot.RoleStudent)
	eventSteps(e, coordUNMA, "/newevent", "Rubrics", "2026-03-20 17:00", "ev:len:60", "meet.example.edu/r", "ev:aud:students", "1", "ev:ok")
	e.Press(other, 0, 0, "ev:a:2:y")
	e.PressOn(p, lastTo(t, e.Press(p, 0, 0, "ev:a:2:y"), id), "ev:w:2")
	// A ref to a message in the person's chat, as a relayed ticket
	// message leaves one.
	if err := e.Store.Update(func(tx *store.Tx) error { return tx.PutRef("relay:UNMA-9:1", id, 77) }); err != nil {
		t.Fatal(err)
	}
	before := backupSnapshot(t, e)
	waiting := false
	e.Store.View(func(tx *store.Tx) error { waiting = tx.WatchingSlots("unma", aulabot.SlotPersonal, id); return nil })
	if !found(before, fmt.Sprintf("page:survey:%d:", id)) || !found(before, "Zyxwvut") || !found(before, "xyzzy-topic") || !found(before, fmt.Sprintf("evwait:2:%d", id)) || !found(before, "xyzzy-training") || pending(t, e, id) == 0 || !waiting {
		t.Fatal("the test's data is not there to delete")
	}

	fill()
	// /privacy says who sees what, and its button asks as /deletemydata
	// does.
	out := e.Text(p, 0, "/privacy")
	if got := texts(out); !strings.Contains(got, "<b>Who sees what</b>\n• Your mentor: your name, your bookings with their topic") ||
		!strings.Contains(got, "technical team and coordination: your name, your role") || !strings.Contains(got, "The coordination, besides: your questions without your name") || htest.Buttons(out)["🗑 Delete my data"] != "del:ask" {
		t.Fatalf("/privacy = %q %v", got, htest.Buttons(out))
	}
	out = e.Press(p, 0, int(out[0].ID), "del:ask")
	ask := find(out, "Are you sure")
	if ask == nil || htest.Buttons(out)["🗑 Yes, delete my data"] != "del:yes" {
		t.Fatalf("/privacy's button asks %+v", out)
	}
	out = e.Press(p, 0, int(ask.ID), "del:yes")
	if len(out) != 2 || !strings.Contains(out[0].Text, "has been deleted") || out[1].EditMessageID != int(ask.ID) || len(out[1].Inline) != 0 {
		t.Fatalf("del:yes said %+v (the confirmation, then the question's buttons taken off)", out)
	}
	after := backupSnapshot(t, e)
	key := make([]byte, 8)
	binary.BigEndian.PutUint64(key, uint64(id)^(1<<63))
	var raw bytes.Buffer
	if _, err := e.Store.Backup(&raw); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Zyxwvut", "Qwertyson", "xyzzy-topic", "xyzzy-comment", "xyzzy-training", fmt.Sprint(id), string(key)} {
		for k, v := range after {
			if strings.Contains(k, s) || strings.Contains(v, s) {
				b, kk, _ := strings.Cut(k, "\x00")
				t.Errorf("%q left in bucket %s, key %x: %q", s, b, kk, v)
			}
		}
		if n := bytes.Count(raw.Bytes(), []byte(s)); n > 0 {
			t.Errorf("the backup's bytes hold %q %d times", s, n)
		}
		// A backup writes free pages as zeros; the file's own are the
		// scrub's to clear.
		if file, err := os.ReadFile(e.Store.Path()); err != nil || bytes.Contains(file, []byte(s)) {
			t.Errorf("the database file holds %q (%v)", s, err)
		}
	}
	if pending(t, e, id) != 0 {
		t.Error("messages still wait for the person's chat")
	}
	var bs []aulabot.Booking
	e.Store.View(func(tx *store.Tx) (err error) { bs, err = tx.SlotBookings(soon.ID); return err })
	if len(bs) != 1 || bs[0].User != 0 || bs[0].Rating != 5 || bs[0].Attendance != aulabot.Attended {
		t.Errorf("the past booking = %+v, want it anonymous with its rating and attendance", bs)
	}
}

func found(s store.Snapshot, what string) bool {
	for k, v := range s {
		if strings.Contains(k, what) || strings.Contains(v, what) {
			return true
		}
	}
	return false
}

func pending(t *testing.T, e *htest.Env, chat int64) int {
	t.Helper()
	all, err := e.Store.Pending()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range all {
		if m.ChatID == chat {
			n++
		}
	}
	return n
}

// Attendance is marked on the anonymous booking of someone who deleted
// their data: it works, prompts nobody, and adds to no counter.
func TestAttendance_DeletedPerson(t *testing.T) {
	e := htest.New(t, nil)
	mentor := htest.Person(4001, "en")
	s := publish(t, e, mentor, "2026-03-10 14:00 60 group 5") // 4 hours ahead
	a, b := user(t, e, 61, "unma"), user(t, e, 62, "unma")
	e.Press(a, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Press(b, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Advance(4*time.Hour + 10*time.Minute)
	for _, p := range []aulabot.Person{a, b} {
		e.Text(p, 0, "/deletemydata")
		e.Press(p, 0, 0, "del:yes")
	}
	out := e.Press(mentor, 0, 0, fmt.Sprintf("sl:v:%d", s.ID))
	if !strings.Contains(texts(out), "(data deleted)") || htest.Buttons(out)["✅ (data deleted) came"] == "" {
		t.Fatalf("slot view: %q %v", texts(out), htest.Buttons(out))
	}
	for _, press := range []string{"sl:a:1:0", "sl:a:2:0", "sl:a:1:1"} {
		out := e.Press(mentor, 0, 0, press) // the panel's edit alone: nobody is asked to rate
		if a := e.LastAnswer(); a.Alert || !strings.Contains(a.Text, "(data deleted)") || len(out) != 1 || out[0].ChatID != mentor.ID || !strings.Contains(out[0].Text, "Taken: 2 of 5") {
			t.Errorf("%s: answer %+v, sent %q", press, a, texts(out))
		}
	}
	if n := counter(e, "noshow:0"); n != 0 {
		t.Errorf("noshow:0 = %d: deleted people share a counter", n)
	}
	var bs []aulabot.Booking
	e.Store.View(func(tx *store.Tx) (err error) { bs, err = tx.SlotBookings(s.ID); return err })
	if bs[0].Attendance != aulabot.Attended || bs[1].Attendance != aulabot.NoShow {
		t.Errorf("attendance = %q, %q", bs[0].Attendance, bs[1].Attendance)
	}
}

// TestDeleteMyData_ForgetsSentKeys: the outbox keeps the key of each
// message it sent for a month, so that none goes twice, and a message to
// one person has their id in its key (a training's invitation
// "ann:1:USER", an organiser's message "evmsg:1:1:USER"). /deletemydata
// forgets them with the rest: until 5 December they stayed for that
// month, tying the person to what they were sent. Others' keys stay.
func TestDeleteMyData_ForgetsSentKeys(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	p, other := htest.Person(7100, "es"), htest.Person(7101, "es")
	for _, who := range []aulabot.Person{p, other} {
		e.Press(who, 0, 0, "ev:a:1:y")
	}
	e.Press(coordUNMA, 0, 0, "ev:ew:1")
	e.Text(coordUNMA, 0, "hola")
	e.Deliver()
	keysOf := func(id int64) []string {
		t.Helper()
		var out []string
		for k := range backupSnapshot(t, e) {
			if strings.Contains(k, fmt.Sprint(id)) {
				out = append(out, strings.ReplaceAll(k, "\x00", " "))
			}
		}
		return out
	}
	if len(keysOf(p.ID)) == 0 || len(keysOf(other.ID)) == 0 {
		t.Fatal("no kept keys name the people: nothing to test")
	}
	e.Text(p, 0, "/deletemydata")
	e.Press(p, 0, 0, "del:yes")
	e.Deliver()
	if left := keysOf(p.ID); len(left) != 0 {
		t.Errorf("keys naming the person left: %q", left)
	}
	if len(keysOf(other.ID)) == 0 {
		t.Error("another person's kept keys went too")
	}
}
