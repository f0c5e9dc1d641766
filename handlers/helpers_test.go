package handlers_test

import (
	"slices"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

type storeTx = store.Tx

// said is msgs without the edits that only change buttons: what the
// person reads.
func said(msgs []aulabot.Message) []aulabot.Message {
	return slices.DeleteFunc(slices.Clone(msgs), aulabot.Message.ButtonsOnly)
}

// buttonsOff reports whether out edits message id to have no buttons.
func buttonsOff(out []aulabot.Message, id uint64) bool {
	return slices.ContainsFunc(out, func(m aulabot.Message) bool { return m.EditMessageID == int(id) && len(m.Inline) == 0 })
}
