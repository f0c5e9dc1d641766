package handlers

import (
	"strconv"

	"github.com/aulabot/aulabot"
)

// pager is one page of a list of n items, per items a page: lists page so
// that every message fits, and ◀ ▶ buttons turn the pages.
type pager struct{ n, per, page int }

// paged returns page (counted from 0) of n items; a page past the end is
// the last one (the list shrank since the button was made).
func paged(n, per, page int) pager {
	p := pager{n: n, per: per, page: max(0, page)}
	p.page = min(p.page, p.pages()-1)
	return p
}

func (p pager) pages() int { return max(1, (p.n+p.per-1)/p.per) }

// items are the bounds of the page's items.
func (p pager) items() (from, to int) {
	return p.page * p.per, min(p.n, (p.page+1)*p.per)
}

// nav is the ◀ ▶ row (nil on a single page); data names a page's button.
func (p pager) nav(c *Ctx, data func(page int) string) []aulabot.Button {
	var row []aulabot.Button
	if p.page > 0 {
		row = append(row, aulabot.Button{Text: c.T("page.prev"), Data: data(p.page - 1)})
	}
	if p.page < p.pages()-1 {
		row = append(row, aulabot.Button{Text: c.T("page.next"), Data: data(p.page + 1)})
	}
	return row
}

// footer is a line "(page 2 of 5)" to end the page's text, or nothing
// for a single page.
func (p pager) footer(c *Ctx) string {
	if p.pages() == 1 {
		return ""
	}
	return "\n" + c.T("page.of", "page", p.page+1, "pages", p.pages())
}

// pageArg reads a page number from callback data: a number from 0, else
// the error for a forged button.
func pageArg(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	return n, nil
}

// showPage shows one page of a list: a page turn (turn, a press on the
// list itself) edits the list in place, anything else sends it.
func (c *Ctx) showPage(turn bool, text string, rows [][]aulabot.Button) {
	if turn {
		c.EditPressed(text, rows)
		return
	}
	c.ReplyButtons(text, rows)
}
