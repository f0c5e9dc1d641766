package handlers

import (
	"html"
	"strings"

	"github.com/aulabot/aulabot"
)

// visibleLen is the length Telegram checks against its limits for text in
// HTML parse mode: tags removed, character references decoded, counted in
// UTF-16 code units (an emoji outside the basic plane counts twice).
func visibleLen(s string) int {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	n := 0
	for _, r := range html.UnescapeString(b.String()) {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

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
		lines = append(lines, c.T(moreKey, "n", b.more))
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
		if visibleLen(text) <= aulabot.MaxMessageText || longest < 0 {
			return text
		}
		b := blocks[longest]
		b.lines = b.lines[:len(b.lines)-1]
		b.more++
	}
}
