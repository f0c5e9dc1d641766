package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// configCheck runs "aulabot config check" on the built-in demo
// configuration and the database at data; it fails the test unless the
// exit code is 0.
func configCheck(t *testing.T, data string) (stdout, stderr string) {
	t.Helper()
	t.Setenv("AULABOT_CONFIG", "")
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"config", "check", "--data", data}, &out, &errb); code != 0 {
		t.Fatalf("config check: exit %d\n%s%s", code, out.String(), errb.String())
	}
	return out.String(), errb.String()
}

// TestConfigCheck_TeamGroupMoves: the moves the bot stored for team groups
// Telegram turned into supergroups are reported with the id to put in the
// configuration, a group upgraded twice with its last id; moves of chats
// the configuration does not name are not; no database, no moves.
func TestConfigCheck_TeamGroupMoves(t *testing.T) {
	data := filepath.Join(t.TempDir(), "aulabot.db")
	out, errs := configCheck(t, data)
	if strings.Contains(out, "supergroup") || errs != "" {
		t.Fatalf("no database: %q %q", out, errs)
	}

	st, err := store.Open(data, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range [][2]int64{{-2001, -1000000002001}, {-2002, -1000000002002}, {-1000000002002, -1000000009002}, {-555, -1000000000555}} {
		if err := st.MoveChat(m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	out, errs = configCheck(t, data)
	for _, want := range []string{
		"built-in demo configuration: valid and complete\n",
		"Team groups that Telegram turned into supergroups",
		"  - universities[0] (unma).team_chat: the group -2001 is now the supergroup -1000000002001: write team_chat: -1000000002001\n",
		"  - universities[1] (unvs).team_chat: the group -2002 is now the supergroup -1000000009002: write team_chat: -1000000009002\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("config check lacks %q:\n%s%s", want, out, errs)
		}
	}
	if strings.Contains(out, "-555") {
		t.Errorf("config check reports a chat the configuration does not name:\n%s", out)
	}
}

// TestConfigCheck_StaffReach: the people the configuration names as staff
// who never wrote to the bot, or blocked it, are listed with their roles:
// the bot cannot write to them; those it can are not; no database, no
// list.
func TestConfigCheck_StaffReach(t *testing.T) {
	data := filepath.Join(t.TempDir(), "aulabot.db")
	if out, _ := configCheck(t, data); strings.Contains(out, "cannot write to") {
		t.Fatalf("no database: %q", out)
	}
	st, err := store.Open(data, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *store.Tx) error {
		for _, id := range []int64{1001, 3001, 3002, 4001, 4101, 5001, 5101} {
			if err := tx.PutUser(aulabot.User{ID: id, Name: "Staff", Role: aulabot.RoleStaff}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Unreachable(3002, "403 Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, errs := configCheck(t, data)
	for _, want := range []string{
		"Staff the bot cannot write to yet",
		"  - 3002 (universities[0] (unma).tech): blocked the bot\n",
		"  - 3101 (universities[1] (unvs).tech): never wrote to the bot\n",
		"  - 4002 (universities[0] (unma).mentors): never wrote to the bot\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("config check lacks %q:\n%s%s", want, out, errs)
		}
	}
	if n := strings.Count(out, "wrote to the bot\n") + strings.Count(out, "blocked the bot\n"); n != 3 {
		t.Errorf("%d staff listed, want 3:\n%s", n, out)
	}
}

// TestE2E_ConfigCheckTeamGroupMoved: while the bot runs (it holds the
// database), a team group becomes a supergroup; config check asks the bot
// and names the new id.
func TestE2E_ConfigCheckTeamGroupMoved(t *testing.T) {
	h := newHarness(t, nil)
	ctl, err := h.M.listenControl()
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.Close()
	sg := h.SB.Upgrade(3001, -2001)
	h.SB.SendText(3001, sg, "/queue") // answered in the supergroup once the bot follows it
	h.waitNew(sg, 0, func(m sandbox.Message) bool { return m.From == h.SB.Bot().ID })
	out, errs := configCheck(t, h.Data)
	want := "universities[0] (unma).team_chat: the group -2001 is now the supergroup " + strconv.FormatInt(sg, 10) + ": write team_chat: " + strconv.FormatInt(sg, 10)
	if !strings.Contains(out, want) {
		t.Errorf("config check lacks %q:\n%s%s", want, out, errs)
	}
	// Who the running bot cannot write to, asked of it too: the
	// technician wrote in the group only.
	if want := "  - 3001 (universities[0] (unma).tech): never wrote to the bot\n"; !strings.Contains(out, want) {
		t.Errorf("config check lacks %q:\n%s%s", want, out, errs)
	}
}
