package handlers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// States stored by the version before the helpdesk's flows were declared
// (their data a map of strings, the attachments JSON inside a string)
// still continue after the upgrade.
func TestTicket_OldStatesContinue(t *testing.T) {
	e := newEnv(t)
	ana := onboardDirect(t, e, 7001, "unma")
	files, _ := json.Marshal([]aulabot.TicketFile{{File: aulabot.File{ID: "f1", Kind: "photo"}, ChatID: ana.ID, MessageID: 55}})
	old := aulabot.State{Flow: "ticket", Step: "kb"}.With("cat", "upload").With("desc", "the upload button does nothing").With("files", string(files))
	if err := e.Store.Update(func(tx *store.Tx) error { return tx.SetState(ana.ID, ana.ID, old) }); err != nil {
		t.Fatal(err)
	}
	out := e.Press(ana, 0, 0, "tk:kb:still")
	team := to(out, groupMA)
	p := post(t, team, "UNMA-1")
	if !strings.Contains(p.Text, "the upload button does nothing") || !strings.Contains(p.Text, "📤") {
		t.Errorf("post from the old state = %q", p.Text)
	}
	copied := false
	for _, m := range team {
		copied = copied || (m.Copy != nil && m.Copy.MessageID == 55)
	}
	if !copied {
		t.Errorf("the attachment kept in the old state was not posted: %+v", team)
	}

	// The Reply flow's old state: the next text goes to the team.
	old = aulabot.State{Flow: "tkreply"}.With("id", "UNMA-1")
	if err := e.Store.Update(func(tx *store.Tx) error { return tx.SetState(ana.ID, ana.ID, old) }); err != nil {
		t.Fatal(err)
	}
	out = e.Text(ana, 0, "still nothing happens")
	if team := to(out, groupMA); len(team) != 1 || team[0].ReplyToRef != "ticket:UNMA-1" || !strings.Contains(team[0].Text, "still nothing happens") {
		t.Errorf("reply from the old state: %+v", out)
	}
}
