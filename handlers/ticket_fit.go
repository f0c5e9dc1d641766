package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
)

// listBlock is one titled part of a list message (a university's queue).
type listBlock struct {
	title string
	lines []string
	more  int // entries not listed
}

// text renders the block: title, lines, then "… and N more" (moreKey) or,
// with nothing at all, emptyKey.
func (b *listBlock) text(c *Ctx, moreKey, emptyKey string) string {
	lines := append([]string{b.title}, b.lines...)
	switch {
	case b.more > 0:
		lines = append(lines, c.N(moreKey, b.more))
	case len(b.lines) == 0:
		lines = append(lines, c.T(emptyKey))
	}
	return strings.Join(lines, "\n")
}

// fitBlocks joins blocks into one message that fits Telegram's limit:
// while it is too long, the longest block gives up its last line, which
// its "… and N more" then counts. Nothing is dropped without being counted.
func fitBlocks(c *Ctx, blocks []*listBlock, moreKey, emptyKey string) string {
	for {
		parts := make([]string, len(blocks))
		longest := -1
		for i, b := range blocks {
			parts[i] = b.text(c, moreKey, emptyKey)
			if len(b.lines) > 0 && (longest < 0 || len(b.lines) > len(blocks[longest].lines)) {
				longest = i
			}
		}
		text := strings.Join(parts, "\n\n")
		if VisibleLen(text) <= aulabot.MaxMessageText || longest < 0 {
			return text
		}
		b := blocks[longest]
		b.lines = b.lines[:len(b.lines)-1]
		b.more++
	}
}
