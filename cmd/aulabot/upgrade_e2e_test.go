package main

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/sandbox"
)

// TestE2E_TeamGroupUpgraded: a university's team group becomes a
// supergroup (Telegram gives it a new chat id) after a ticket was posted.
// The bot stays in the new chat (before, it took it for a group nobody
// configured, said goodbye and left), posts the next ticket there, lets the
// team claim and answer it there, moves the first ticket's post there when
// it changes, and after a restart with the configuration still naming the
// old id keeps following the new one.
func TestE2E_TeamGroupUpgraded(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Lima
	const ana, old = 9301, -2001
	h.teacher(ana, "Ana", "unma")
	h.report(ana, "Other", "The e-mail does not open", "UNMA-1")
	first := h.waitText(old, 0, "UNMA-1")

	sg := h.SB.Upgrade(3001, old)
	h.SB.SendText(3001, sg, "/queue")
	h.waitNew(sg, 0, func(m sandbox.Message) bool { return strings.Contains(m.Plain, "UNMA-1") })

	h.report(ana, "Other", "The calendar is empty", "UNMA-2")
	post := h.waitText(sg, 0, "UNMA-2")
	if a := h.press(3001, post, "Tomar"); a.ShowAlert {
		t.Fatalf("claim in the supergroup refused: %+v", a)
	}
	before := h.lastBot(ana)
	h.SB.SendReply(3001, sg, post.ID, "Which browser do you use?")
	h.waitText(ana, before, "Which browser do you use?")

	// The first ticket's post stayed in the old group, where the bot can
	// no longer write: its next change is posted in the supergroup.
	if a := h.pressData(3002, sg, post.ID, "tk:c:UNMA-1"); a.ShowAlert {
		t.Fatalf("claim of UNMA-1 from the supergroup refused: %+v", a)
	}
	h.waitNew(sg, post.ID, func(m sandbox.Message) bool {
		return strings.Contains(m.Plain, "UNMA-1") && strings.Contains(m.Plain, "Tec 2")
	})
	for _, m := range h.SB.Messages(old) {
		if m.From == h.SB.Bot().ID && (m.ID > first.ID || m.Edited > 0) {
			t.Errorf("the bot wrote in the old group after the upgrade: %q", m.Plain)
		}
	}

	h.stop()
	h.Cfg = config.Demo() // a new process: the configuration still names the old id
	h.start()
	h.report(ana, "Other", "The forum does not load", "UNMA-3")
	h.waitText(sg, 0, "UNMA-3")
	for _, m := range h.SB.Messages(sg) {
		if strings.Contains(m.Plain, "I only work in private chats") || strings.Contains(m.Plain, "Solo trabajo en chats privados") {
			t.Errorf("the bot said goodbye in the supergroup: %q", m.Plain)
		}
	}
	if h.SB.Left(sg) {
		t.Error("the bot left the supergroup")
	}
}
