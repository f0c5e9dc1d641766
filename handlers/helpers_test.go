package handlers_test

import (
	"slices"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

type storeTx = store.Tx

// buttonsOff reports whether out edits message id to have no buttons.
func buttonsOff(out []aulabot.Message, id uint64) bool {
	return slices.ContainsFunc(out, func(m aulabot.Message) bool { return m.EditMessageID == int(id) && len(m.Inline) == 0 })
}
