package handlers_test

import (
	"slices"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

type storeTx = store.Tx

// buttonsOnly reports whether m only changes the buttons of a message.
func buttonsOnly(m aulabot.Message) bool {
	return m.Text == "" && m.File == nil && !m.Delete && (m.EditMessageID != 0 || m.EditRef != "")
}

// said is msgs without the edits that only change buttons: what the
// person reads.
func said(msgs []aulabot.Message) []aulabot.Message {
	return slices.DeleteFunc(slices.Clone(msgs), buttonsOnly)
}

// buttonsOff reports whether out edits message id to have no buttons.
func buttonsOff(out []aulabot.Message, id uint64) bool {
	return slices.ContainsFunc(out, func(m aulabot.Message) bool { return m.EditMessageID == int(id) && len(m.Inline) == 0 })
}
