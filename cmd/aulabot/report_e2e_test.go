package main

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// renderWait is how long a test waits for a report to be built and
// rendered in chat.
const renderWait = 2 * time.Minute

// TestE2E_ReportInChat: in the seeded sandbox the demo coordinator's
// /report offers the periods, and the term's report arrives as the
// summary with figures, the charts as a PNG document and the workbook as
// an xlsx document, uploaded to the emulator and downloadable from its web
// chat.
func TestE2E_ReportInChat(t *testing.T) {
	h := newSeededHarness(t)
	const coord = 5001
	m := h.say(coord, "/report")
	if !strings.Contains(m.Text, "Informe de Universidad Nacional de Montealto: ¿qué periodo?") || !hasButton(m, "rp:p:unma:term") {
		t.Fatalf("/report = %q %+v", m.Text, m.Inline)
	}
	before := h.lastBot(coord)
	// The button is answered once the report is built and rendered: with
	// the race detector on a busy machine that is slower than the
	// harness's usual wait.
	ctx, cancel := context.WithTimeout(context.Background(), renderWait)
	defer cancel()
	if a, err := h.SB.WaitAnswer(ctx, h.SB.Press(coord, coord, m.ID, "rp:p:unma:term")); err != nil || a.ShowAlert {
		t.Fatalf("period: %+v, %v", a, err)
	}
	sum := h.waitText(coord, before, "📊 <b>Informe: Universidad Nacional de Montealto</b>")
	for _, want := range []string{"• Preguntas recibidas: <b>9</b>", "• Tickets abiertos: <b>"} {
		if !strings.Contains(sum.Text, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum.Text)
		}
	}
	doc := func(ext, caption string) []byte {
		t.Helper()
		m := h.waitNew(coord, before, func(m sandbox.Message) bool { return m.File != nil && strings.HasSuffix(m.File.Name, "."+ext) })
		if m.File.Photo || !strings.HasPrefix(m.Text, caption+": Universidad Nacional de Montealto, del lun ") {
			t.Errorf("%s: %+v", ext, m)
		}
		// Downloaded as the sandbox's web chat offers it.
		resp, err := http.Get(h.URL + "/sandbox/file/" + m.File.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment; filename=report-unma-") {
			t.Fatalf("%s: download: %d %v %v", ext, resp.StatusCode, resp.Header, err)
		}
		return b
	}
	img, err := png.Decode(bytes.NewReader(doc("png", "📊 Gráficos")))
	if err != nil {
		t.Fatalf("png: %v", err)
	}
	if s := img.Bounds().Size(); s.X != 1080 || s.Y < 720 {
		t.Errorf("png is %v", s)
	}
	f, err := excelize.OpenReader(bytes.NewReader(doc("xlsx", "📑 Hoja de cálculo con todas las cifras (se abre con Excel, LibreOffice o Google Sheets)")))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows("Tickets")
	if err != nil || len(rows) < 2 || rows[1][0] != "UNMA-1" {
		t.Errorf("Tickets sheet: %v %v", rows, err)
	}
	for _, r := range rows {
		if strings.HasPrefix(r[0], "UNVS") {
			t.Errorf("the coordinator of unma got %s", r[0])
		}
	}
}

// TestE2E_Digest: moving the bot's clock to Monday 08:00 in Lima brings
// the coordinator the week's digest and the team group its helpdesk part;
// after a restart neither is queued again. (A message the outbox was
// sending when the bot stopped may still go twice: the outbox delivers at
// least once.)
func TestE2E_Digest(t *testing.T) {
	t.Parallel() // waits on the bot more than it computes (TestMain)
	h := newHarness(t, nil)
	fillReport(t, h.M.Store, h.SetNow)                      // 2-6 March 2026 in unma
	h.SetNow(time.Date(2026, 3, 9, 12, 59, 0, 0, time.UTC)) // 07:59 in Lima
	h.Advance(0)
	if n := queuedDigests(t, h); n != 0 {
		t.Fatalf("%d digests queued before 08:00", n)
	}
	// The coordinator can read it already, and only they get it.
	if m := h.say(5001, "/report digest"); !strings.Contains(m.Text, "🗓 <b>Resumen semanal: Universidad Nacional de Montealto</b>") {
		t.Errorf("/report digest = %q", m.Text)
	}
	h.Advance(time.Minute) // 08:00 in Lima
	coord := h.waitText(5001, 0, "🗓 <b>Resumen semanal: Universidad Nacional de Montealto</b>")
	if !strings.Contains(coord.Text, "• Preguntas recibidas: <b>3</b> (+3)") {
		t.Errorf("coordinator's digest:\n%s", coord.Text)
	}
	team := h.waitText(-2001, 0, "🗓 <b>Mesa de ayuda, resumen semanal: Universidad Nacional de Montealto</b>")
	for _, want := range []string{"Tickets abiertos: <b>2</b> · resueltos: <b>1</b>", "1. UNMA-2 · "} {
		if !strings.Contains(team.Text, want) {
			t.Errorf("team digest lacks %q:\n%s", want, team.Text)
		}
	}
	// Whatever the outbox queues from now on has a higher id than the
	// digests.
	var mark uint64
	if err := h.M.Store.Update(func(tx *store.Tx) (err error) {
		mark, err = tx.Enqueue(aulabot.Message{ChatID: 9001, Text: "mark"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	h.stop()
	h.start()
	h.Advance(time.Hour)
	pending, err := h.M.Store.Pending()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pending {
		if strings.HasPrefix(m.Key, "digest:") && m.ID > mark {
			t.Errorf("after the restart the digest %s is queued again", m.Key)
		}
	}
}

// queuedDigests counts the digest messages waiting in the bot's outbox.
func queuedDigests(t *testing.T, h *harness) int {
	t.Helper()
	pending, err := h.M.Store.Pending()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range pending {
		if strings.HasPrefix(m.Key, "digest:") {
			n++
		}
	}
	return n
}
