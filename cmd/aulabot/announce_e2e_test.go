package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// addAudience puts n onboarded teachers of unma, ids from first, in the
// emulator and the database.
func (h *harness) addAudience(first int64, n int) {
	h.t.Helper()
	err := h.M.Store.Update(func(tx *store.Tx) error {
		for i := range int64(n) {
			id := first + i
			h.SB.AddUser(sandbox.User{ID: id, FirstName: fmt.Sprintf("T%d", id), LanguageCode: "es"})
			if err := tx.PutUser(aulabot.User{ID: id, Name: "T", Lang: "es", University: "unma", Role: aulabot.RoleTeacher, ConsentAt: h.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

// announceNow takes coordinator 5001 through /announce to Send now, for
// unma's teachers, with text and no button, and waits for the progress
// message.
func (h *harness) announceNow(text string) {
	h.t.Helper()
	h.pressSend(text)
	h.waitFinalWithin(5001, "Anuncio 1", 5*time.Minute)
}

// pressSend takes coordinator 5001 through /announce up to pressing Send
// now, and returns when it was pressed.
func (h *harness) pressSend(text string) time.Time {
	h.t.Helper()
	const coord = 5001
	m := h.say(coord, "/announce")
	before := h.lastBot(coord)
	h.press(coord, m, "Docentes")
	h.waitText(coord, before, "Escriba el texto")
	m = h.say(coord, text)
	before = h.lastBot(coord)
	h.press(coord, m, "Sin botón")
	m = h.waitText(coord, before, "¿Lo envío?")
	pressed := time.Now()
	h.press(coord, m, "Enviar ahora")
	return pressed
}

// received counts, per person from first, the messages with text.
func received(sb *sandbox.Server, first int64, n int, text string) map[int64]int {
	got := map[int64]int{}
	for i := range int64(n) {
		for _, m := range sb.Messages(first + i) {
			if m.FromBot && m.Text == text {
				got[first+i]++
			}
		}
	}
	return got
}

// An announcement stopped half-way by a restart of the bot goes on after
// it: everyone gets it once (one duplicate per restart at most, counted),
// a person who blocked the bot is counted as blocked, and the coordinator
// gets the final count. Telegram's limits are on, so the campaign takes a
// few seconds and the restart falls in its middle.
func TestAnnounce_RestartMidCampaign(t *testing.T) {
	t.Parallel() // waits on the bot more than it computes (TestMain)
	h := &harness{t: t, Cfg: config.Demo(), Limits: true}
	h.SB = newSandbox(h.Cfg, true)
	h.startEmulator()
	const first, n = 50000, 300
	h.addAudience(first, n)
	h.SB.Block(first+7, true)
	const text = "Taller de Moodle el viernes"
	h.announceNow(text)

	// Stop the bot once a fifth of the audience has the announcement.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		ch := h.SB.Changed()
		if len(received(h.SB, first, n, text)) >= n/5 {
			break
		}
		select {
		case <-ch:
		case <-ctx.Done():
			t.Fatal("the campaign did not start")
		}
	}
	h.stop()
	before := len(received(h.SB, first, n, text))
	if before == n-1 {
		t.Fatalf("the campaign was over before the restart")
	}
	h.start()
	final := h.waitFinalWithin(5001, "Su anuncio 1 terminó", 2*time.Minute)
	got := received(h.SB, first, n, text)
	dups := 0
	for i := range int64(n) {
		id := first + i
		switch {
		case id == first+7 && got[id] != 0:
			t.Errorf("a person who blocked the bot got it")
		case id != first+7 && got[id] == 0:
			t.Errorf("person %d never got it", id)
		case got[id] > 1:
			dups += got[id] - 1
		}
	}
	t.Logf("%d of %d had it at the restart; %d duplicates; final: %s", before, n, dups, final)
	if dups > 1 {
		t.Errorf("%d duplicates after one restart, want at most 1", dups)
	}
	if !strings.Contains(final, fmt.Sprintf("Enviados: %d de %d · bloquearon el bot: 1", n-1, n)) {
		t.Errorf("final count = %q", final)
	}
	if calls := tooMany(h.SB); calls != 0 {
		t.Errorf("%d answers 429", calls)
	}
}

// startEmulator serves h.SB over HTTP and starts the bot on a new
// database, as newHarness does, for a harness built by hand (Limits set
// before the start).
func (h *harness) startEmulator() {
	h.t.Helper()
	h.serveEmulator()
	h.start()
	h.t.Cleanup(h.stop)
}

// serveEmulator serves h.SB over HTTP on 127.0.0.1 (h.URL) and picks a
// new database (h.Data), until the test ends.
func (h *harness) serveEmulator() {
	handler := h.SB.Handler()
	if h.Tap != nil {
		handler = h.Tap(handler)
	}
	srv := httptest.NewServer(handler)
	h.t.Cleanup(srv.Close)
	h.t.Cleanup(h.SB.Close)
	h.URL, h.Data = srv.URL, filepath.Join(h.t.TempDir(), "aulabot.db")
}

// tooMany counts the emulator's 429 answers.
func tooMany(sb *sandbox.Server) int {
	n := 0
	for _, r := range sb.RecordSince(0) {
		if r.Code == 429 {
			n++
		}
	}
	return n
}

// TestE2E_AnnouncementCorrected: a coordinator corrects a sent
// announcement from its progress message, and the real bot edits the
// message in every recipient's chat through the Bot API (nobody gets a
// second message); a person who blocked the bot gets nothing.
func TestE2E_AnnouncementCorrected(t *testing.T) {
	h := newHarness(t, nil)
	const first, n = 60000, 40
	h.addAudience(first, n)
	h.SB.Block(first+3, true)
	const wrong, right = "Taller de Moodle el jueves", "Taller de Moodle el viernes"
	h.announceNow(wrong)
	h.waitFinalWithin(5001, "Su anuncio 1 terminó", time.Minute)
	var progress sandbox.Message
	for _, m := range h.SB.Messages(5001) {
		for _, row := range m.Inline {
			for _, b := range row {
				if strings.Contains(b.Text, "Corregir el texto") {
					progress = m
				}
			}
		}
	}
	before := h.lastBot(5001)
	h.press(5001, progress, "Corregir el texto")
	h.waitText(5001, before, "Envíe el texto corregido")
	before = h.lastBot(5001)
	h.say(5001, right)
	m := h.waitText(5001, before, "no tiene botón con enlace")
	before = h.lastBot(5001)
	h.press(5001, m, "Sin botón")
	m = h.waitText(5001, before, "¿Lo corrijo?")
	before = h.lastBot(5001)
	h.press(5001, m, "Corregir")
	h.waitText(5001, before, "se están editando los 39 mensajes enviados")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		ch := h.SB.Changed()
		if len(received(h.SB, first, n, right)) == n-1 {
			break
		}
		select {
		case <-ch:
		case <-ctx.Done():
			t.Fatalf("corrected: %d of %d", len(received(h.SB, first, n, right)), n-1)
		}
	}
	for i := range int64(n) {
		id, bot := first+i, 0
		for _, m := range h.SB.Messages(id) {
			if m.FromBot {
				bot++
				if m.Text != right || m.Edited == 0 {
					t.Errorf("%d has %q (edited %d)", id, m.Text, m.Edited)
				}
			}
		}
		want := 1
		if id == first+3 {
			want = 0 // blocked the bot
		}
		if bot != want {
			t.Errorf("%d has %d messages from the bot, want %d", id, bot, want)
		}
	}
}
