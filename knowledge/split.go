package knowledge

import (
	"strings"
	"unicode/utf8"
)

// MaxMessageLen is Telegram's limit on the length of one message.
const MaxMessageLen = 4096

// htmlToken is a tag ("<b>", "</b>", `<a href="...">`), an entity ("&amp;")
// or one character of text.
type htmlToken struct {
	s     string
	tag   string // tag name, "" for text
	close bool
}

func tokenizeHTML(s string) []htmlToken {
	var out []htmlToken
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				raw := s[i : i+j+1]
				name := strings.TrimPrefix(raw[1:len(raw)-1], "/")
				if k := strings.IndexAny(name, " \t\n"); k >= 0 {
					name = name[:k]
				}
				out = append(out, htmlToken{s: raw, tag: strings.ToLower(name), close: raw[1] == '/'})
				i += j + 1
				continue
			}
		case '&':
			if j := strings.IndexByte(s[i:], ';'); j > 0 && j <= 10 {
				out = append(out, htmlToken{s: s[i : i+j+1]})
				i += j + 1
				continue
			}
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		out = append(out, htmlToken{s: s[i : i+n]})
		i += n
	}
	return out
}

// SplitHTML splits Telegram HTML into messages of at most max characters
// (runes of the HTML), preferring paragraph breaks, then line breaks, then
// spaces. It never cuts inside a tag or an entity, and keeps every message
// balanced: tags open at a cut are closed before it and reopened after it.
func SplitHTML(s string, max int) []string {
	if max <= 0 {
		max = MaxMessageLen
	}
	if utf8.RuneCountInString(s) <= max {
		return []string{s}
	}
	toks := tokenizeHTML(s)
	var out []string
	var stack []htmlToken // open tags
	for i := 0; i < len(toks); {
		open := ""
		for _, t := range stack {
			open += t.s
		}
		if len(stack) == 0 { // no blank lines at the top of a message
			for i < len(toks) && (toks[i].s == "\n" || toks[i].s == " ") {
				i++
			}
			if i == len(toks) {
				break
			}
		}
		cur := append([]htmlToken(nil), stack...)
		length := utf8.RuneCountInString(open)
		best, bestRank, bestLen := -1, -1, 0
		var bestStack []htmlToken
		for j := i; j < len(toks); j++ {
			t := toks[j]
			length += utf8.RuneCountInString(t.s)
			cur = applyTag(cur, t)
			if length+closingLen(cur) > max {
				break
			}
			rank := 0
			switch {
			case j+1 == len(toks):
				rank = 4
			case t.s == "\n" && j > i && toks[j-1].s == "\n":
				rank = 3
			case t.s == "\n":
				rank = 2
			case t.s == " ":
				rank = 1
			}
			// A better break wins unless it would leave the message less
			// than half full while a worse break fills it more.
			if rank >= bestRank || length >= max/2 && bestLen < max/2 {
				best, bestRank, bestLen = j+1, rank, length
				bestStack = append(bestStack[:0], cur...)
			}
		}
		if best < 0 { // not even one token fits: emit it anyway
			best = i + 1
			bestStack = applyTag(append([]htmlToken(nil), stack...), toks[i])
		}
		var sb strings.Builder
		sb.WriteString(open)
		for _, t := range toks[i:best] {
			sb.WriteString(t.s)
		}
		for k := len(bestStack) - 1; k >= 0; k-- {
			sb.WriteString("</" + bestStack[k].tag + ">")
		}
		if msg := strings.TrimRight(sb.String(), " \n"); msg != "" {
			out = append(out, msg)
		}
		stack = bestStack
		i = best
	}
	return out
}

func applyTag(stack []htmlToken, t htmlToken) []htmlToken {
	if t.tag == "" {
		return stack
	}
	if !t.close {
		return append(stack, t)
	}
	for k := len(stack) - 1; k >= 0; k-- {
		if stack[k].tag == t.tag {
			return append(stack[:k:k], stack[k+1:]...)
		}
	}
	return stack
}

func closingLen(stack []htmlToken) int {
	n := 0
	for _, t := range stack {
		n += len(t.tag) + 3
	}
	return n
}
