package handlers_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/sandbox/sandboxtest"
)

// emulatorFiles connects the handlers of e to the Bot API emulator, so
// that attachments are read from it with the real client, and returns the
// emulator to upload files to.
func emulatorFiles(t *testing.T, e *htest.Env) *sandbox.Server {
	t.Helper()
	sb, endpoint := sandboxtest.New(t, sandbox.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c, err := bot.Dial(ctx, sb.Token(), endpoint)
	if err != nil {
		t.Fatal(err)
	}
	e.H.Files = c
	return sb
}

// sendFile uploads data to the emulator as a document p sends, and hands
// the update to the handlers with text as its caption.
func sendFile(e *htest.Env, sb *sandbox.Server, p aulabot.Person, name string, data []byte, text string) []aulabot.Message {
	m := sb.SendDocument(p.ID, p.ID, name, data, text)
	return e.Handle(aulabot.Update{ChatID: p.ID, From: p, Text: text,
		File: &aulabot.File{ID: m.File.ID, Kind: "document", Name: m.File.Name, MIME: m.File.MIME, Size: m.File.Size}})
}

// Attachments are checked by what they contain, read from the emulator
// as from Telegram: programs under any name, macro documents and files
// whose content contradicts their name are refused with a clear answer
// and change nothing; real documents pass.
func TestTicket_AttachmentContent(t *testing.T) {
	e := newEnv(t)
	sb := emulatorFiles(t, e)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:upload")
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"manual.pdf", peFile(), "a program or a script"},
		{"notes.txt", elfFile(), "a program or a script"},
		{"grades.docm", docxFile(t, true), "contains macros"},
		{"grades.docx", docxFile(t, true), "contains macros"},
		{"old.doc", oleFile("WordDocument", "Macros", "VBA"), "contains macros"},
		{"scan.pdf", pngFile(t), "does not match its name (.pdf)"},
		{"broken.docx", docxFile(t, false)[:5000], "couldn't check that Office file"},
	} {
		out := sendFile(e, sb, ana, tc.name, tc.data, "")
		has(t, tc.name, to(out, ana.ID), tc.want)
		if len(to(out, groupMA)) != 0 {
			t.Errorf("%s reached the team", tc.name)
		}
	}
	if ts, _ := e.Store.Tickets("unma", false); len(ts) != 0 {
		t.Fatalf("refused files created %d tickets", len(ts))
	}
	// Real files pass, and the ticket carries them.
	has(t, "pdf", sendFile(e, sb, ana, "error.pdf", pdfFile(), ""), "Got 1 file.")
	has(t, "doc", sendFile(e, sb, ana, "syllabus.doc", oleFile("WordDocument", "1Table"), ""), "Got 2 files.")
	out := sendFile(e, sb, ana, "course.docx", docxFile(t, false), "the upload fails with these files")
	out = stillNeedHelp(e, ana, out) // the knowledge base may answer first, as in report
	if p := post(t, to(out, groupMA), "UNMA-1"); !strings.Contains(p.Text, "3 attachments") {
		t.Errorf("post = %q", p.Text)
	}
}

// failingFiles cannot reach Telegram.
type failingFiles struct{}

func (failingFiles) ReadFile(context.Context, string, int64, int64) ([]byte, int64, error) {
	return nil, 0, errors.New("connection refused")
}

// When the file cannot be read the person is told so and may send it
// again: nothing changes, and a reply in progress stays open.
func TestTicket_AttachmentUnreadable(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")
	relay := to(e.Reply(tec1, groupMA, int(p.ID), "send me the log"), ana.ID)
	e.H.Files = failingFiles{}
	e.Press(ana, 0, int(relay[0].ID), "tk:r:UNMA-1")
	out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana,
		File: &aulabot.File{ID: "f1", Kind: "document", Name: "log.txt", Size: 100}})
	has(t, "unreadable", to(out, ana.ID), "couldn't check that file just now")
	if len(to(out, groupMA)) != 0 {
		t.Errorf("reached the team: %q", texts(out))
	}
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.Messages != 1 {
		t.Errorf("%d messages, want the team's 1", tk.Messages)
	}
	// The Reply flow is still open: the next try goes through.
	e.H.Files = nil
	has(t, "retry", to(e.Handle(aulabot.Update{ChatID: ana.ID, From: ana,
		File: &aulabot.File{ID: "f1", Kind: "document", Name: "log.txt", Size: 100}}), groupMA), "UNMA-1")
}
