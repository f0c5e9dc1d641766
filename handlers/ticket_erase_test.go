package handlers_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// groupView is what a chat shows once every message sent to it so far
// has been applied as Telegram would: new messages, and the edits and
// deletions of the messages their refs name (the primary and every copy).
func groupView(t *testing.T, e *htest.Env, chat int64, extra map[int]string) map[int]string {
	t.Helper()
	view := map[int]string{}
	for id, text := range extra {
		view[id] = text
	}
	refs := map[string][]int{}
	for _, m := range e.Sent(chat) {
		if m.EditRef == "" {
			text := m.Text
			if m.Copy != nil {
				text = fmt.Sprintf("[file from chat %d] %s", m.Copy.ChatID, text)
			}
			view[int(m.ID)] = text
			if m.Ref != "" {
				refs[m.Ref] = append(refs[m.Ref], int(m.ID))
			}
			continue
		}
		ids := refs[m.EditRef]
		e.Store.View(func(tx *store.Tx) error {
			for _, l := range tx.RefCopies(m.EditRef) {
				ids = append(ids, l.MessageID)
			}
			return nil
		})
		for _, id := range ids {
			old, ok := view[id]
			switch {
			case !ok:
			case m.Delete:
				delete(view, id)
			case m.EditCaption && strings.HasPrefix(old, "[file"):
				view[id] = old[:strings.Index(old, "]")+1] + " " + m.Text
			default:
				view[id] = m.Text
			}
		}
	}
	return view
}

// After /deletemydata nothing of the requester is left in the helpdesk:
// the team group (post and its copies, attachments, relayed messages,
// the rating note), queued messages included, and the database: a backup
// holds neither their id (in decimal or as a store key), nor their name,
// description or words. The tickets keep their numbers, states and counts.
// The lowest pages hold other people until just before the deletion
// (htest.FillLowPages), so that the free pages in the backup include
// those the deletion freed.
func TestTicket_DeleteMyDataLeavesNothing(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	e := newEnv(t)
	fill := htest.FillLowPages(t, e.Store)
	const id = 987654321
	ana := aulabot.Person{ID: id, FirstName: "Zacarías", LastName: "Quispe Huamán", LanguageCode: "en"}
	secrets := []string{"Zacarías", "Quispe Huamán", "my DNI is 40404040", "my password is Girasol-77",
		"Rosa was very kind", "write to zq@example.edu.pe", "or call 999 111 222", "room B-204 projector"}
	e.Onboard(ana, "unma", "teacher")

	// UNMA-1: a screenshot and the description, a conversation with a
	// document, resolved and rated with a note.
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:lms")
	e.Handle(aulabot.Update{ChatID: id, From: ana, File: &aulabot.File{ID: "ph1", Kind: "photo", Size: 1000}})
	out := e.Text(ana, 0, "I cannot enter the classroom, "+secrets[2])
	out = stillNeedHelp(e, ana, out)
	p := post(t, to(out, groupMA), "UNMA-1")
	e.Press(tec1, groupMA, 500, "tk:c:UNMA-1") // a copy of the post the bot never stored, learnt now
	relay := to(e.Reply(tec1, groupMA, int(p.ID), "What did you type?"), id)
	e.Reply(ana, id, int(relay[0].ID), secrets[3])
	e.Handle(aulabot.Update{ChatID: id, From: ana, Text: "the log",
		ReplyTo: &aulabot.Replied{MessageID: int(relay[0].ID), FromBot: true},
		File:    &aulabot.File{ID: "d1", Kind: "document", Name: "log.txt", MIME: "text/plain", Size: 100}})
	e.Press(tec1, groupMA, int(p.ID), "tk:v:UNMA-1")
	e.Press(ana, 0, 0, "tk:s:UNMA-1:5")
	e.Text(ana, 0, secrets[4])
	// UNMA-2: still open, started with words of the person's own, which
	// the ticket keeps apart too (Ticket.Opening).
	e.Text(ana, 0, "/problem "+secrets[7])
	e.Press(ana, 0, 0, "tk:cat:video")
	p2 := post(t, to(describe(e, ana, "no sound in the meeting"), groupMA), "UNMA-2")
	if tk, _, _ := e.Store.Ticket("UNMA-2"); tk.Opening != secrets[7] {
		t.Fatalf("UNMA-2 keeps the opening words %q", tk.Opening)
	}
	relay2 := to(e.Reply(tec2, groupMA, int(p2.ID), "Which browser?"), id)

	fill()
	e.Text(ana, 0, "/deletemydata")
	// A message to the team that is still queued when the data goes.
	if err := e.H.Handle(context.Background(), aulabot.Update{ID: 90001, ChatID: id, From: ana, MessageID: 90001,
		ChatType: aulabot.ChatPrivate, Text: secrets[5], ReplyTo: &aulabot.Replied{MessageID: int(relay2[0].ID), FromBot: true}}); err != nil {
		t.Fatal(err)
	}
	// And their edit of it, queued too (an edit of the team's copy).
	if err := e.H.Handle(context.Background(), aulabot.Update{ID: 90003, ChatID: id, From: ana, MessageID: 90001, Edited: true,
		ChatType: aulabot.ChatPrivate, Text: secrets[5] + " " + secrets[6], ReplyTo: &aulabot.Replied{MessageID: int(relay2[0].ID), FromBot: true}}); err != nil {
		t.Fatal(err)
	}
	if err := e.H.Handle(context.Background(), aulabot.Update{ID: 90002, ChatID: id, From: ana, ChatType: aulabot.ChatPrivate,
		Callback: &aulabot.Callback{ID: "del", Data: "del:yes", MessageID: 1}}); err != nil {
		t.Fatal(err)
	}
	// Nothing waiting in the outbox names them either.
	pending, _ := e.Store.Pending()
	for _, m := range pending {
		for _, s := range secrets {
			if strings.Contains(m.Text, s) {
				t.Errorf("queued for chat %d: %q", m.ChatID, m.Text)
			}
		}
		if m.Copy != nil && m.Copy.ChatID == id {
			t.Errorf("queued: a copy of the person's file %+v", m)
		}
	}
	e.Deliver()

	// The team group, once everything queued has been sent.
	view := groupView(t, e, groupMA, map[int]string{500: "🎫 UNMA-1 · … (the copy Telegram kept)"})
	var all []string
	for mid, text := range view {
		all = append(all, text)
		if strings.Contains(text, fmt.Sprintf("[file from chat %d]", id)) {
			t.Errorf("message %d still shows the person's file: %q", mid, text)
		}
	}
	shown := strings.Join(all, "\n")
	for _, s := range secrets {
		if strings.Contains(shown, s) {
			t.Errorf("the team group still shows %q", s)
		}
	}
	if !strings.Contains(view[500], "(data deleted)") || !strings.Contains(view[int(p.ID)], "Closed. Rating: 5/5") {
		t.Errorf("post %q, copy %q", view[int(p.ID)], view[500])
	}
	if !strings.Contains(shown, "💬 <b>UNMA-1</b> · (data deleted)") || !strings.Contains(shown, "rating comment: (data deleted)") {
		t.Errorf("the group does not say what was deleted:\n%s", shown)
	}
	// The edits and deletions went through the ticket's lane.
	for _, m := range e.Sent(groupMA) {
		if (m.EditRef != "" || m.Delete) && m.Lane == "" {
			t.Errorf("edit outside the ticket's lane: %+v", m)
		}
	}

	// The tickets stay, anonymous, with their numbers, states and counts.
	t1, _, _ := e.Store.Ticket("UNMA-1")
	t2, _, _ := e.Store.Ticket("UNMA-2")
	if !t1.Erased || t1.State != aulabot.TicketClosed || t1.Rating != 5 || t1.Messages != 3 || t2.State != aulabot.TicketOpen || t2.Messages != 2 {
		t.Errorf("tickets after deletion: %+v\n%+v", t1, t2)
	}
	has(t, "queue", e.Text(tec1, groupMA, "/queue"), "UNMA-2")
	has(t, "no more replies", e.Text(tec1, groupMA, "/reply UNMA-2 hello?"), "deleted their data")

	// The database.
	var b bytes.Buffer
	if _, err := e.Store.Backup(&b); err != nil {
		t.Fatal(err)
	}
	key := make([]byte, 8)
	binary.BigEndian.PutUint64(key, uint64(id)^(1<<63))
	// A backup writes free pages as zeros; the file's own are the scrub's
	// to clear.
	file, err := os.ReadFile(e.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, needle := range append([][]byte{[]byte(strconv.Itoa(id)), key}, bytesOf(secrets)...) {
		if n := bytes.Count(b.Bytes(), needle); n > 0 {
			t.Errorf("the backup holds %q %d times", needle, n)
		}
		if n := bytes.Count(file, needle); n > 0 {
			t.Errorf("the database file holds %q %d times", needle, n)
		}
	}
}

func bytesOf(ss []string) [][]byte {
	var out [][]byte
	for _, s := range ss {
		out = append(out, []byte(s))
	}
	return out
}
