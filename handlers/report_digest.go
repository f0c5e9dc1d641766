package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/report"
	"github.com/aulabot/aulabot/service"
)

// DigestOutbox stores a week's digest once (*store.Store implements it).
type DigestOutbox interface {
	// OutboxKeyed reports whether a message keyed under prefix was
	// stored (waiting, or sent within the outbox's memory of keys).
	OutboxKeyed(prefix string) (bool, error)
	// EnqueueOnce stores msgs, every one keyed under prefix, in one
	// transaction unless OutboxKeyed(prefix); false: it stored nothing.
	EnqueueOnce(prefix string, msgs []aulabot.Message) (bool, error)
}

// digestPrefix is the key prefix of the digest of university id (or
// all) of the week that ends on Monday week.
func digestPrefix(id string, week report.Date) string {
	return "digest:" + id + ":" + week.String() + ":"
}

// oldestOpen is how many of the oldest open tickets the team's digest
// lists.
const oldestOpen = 3

// Digest sends each university's weekly digest that is due at h.Now
// (report.DigestWeek: Monday from 08:00 in its zone) and not yet stored:
// to its coordinators privately, the summary of the week beside the
// median of the other universities; to its team group, the helpdesk part;
// and to the admins the digest of every university (Monday 08:00 in the
// configuration's zone). Universities with digest: false get none, and so
// does a university where nothing happened that week and no ticket is
// open. The reports are built in read transactions; the messages are then
// stored in one transaction by out.EnqueueOnce, so that a digest is
// stored once whatever runs Digest at the same time, and a restart or
// crash before the store sends it then, after it never again. Call it
// every few seconds (with the timers); it returns the first error after
// trying every digest.
func (h *Handlers) Digest(ctx context.Context, out DigestOutbox) error {
	now := h.Now()
	all := map[report.Date]*report.Report{} // the week's report of every university, once
	var first error
	queue := func(id, zone string, build func(week report.Date) ([]aulabot.Message, error)) {
		week, due := report.DigestWeek(now, h.Config.Loc(zone))
		if !due {
			return
		}
		if err := h.queueDigest(out, id, week, build); err != nil {
			err = fmt.Errorf("digest of %s: %w", id, err)
			h.Log.Error("weekly digest", "err", err)
			if first == nil {
				first = err
			}
		}
	}
	for i := range h.Config.Universities {
		if err := ctx.Err(); err != nil {
			return err
		}
		if u := &h.Config.Universities[i]; u.DigestOn() && (len(u.Coordinators) > 0 || u.TeamChat != 0) {
			queue(u.ID, u.ID, func(week report.Date) ([]aulabot.Message, error) { return h.digest(u, week, now, all) })
		}
	}
	if len(h.Config.Admins) > 0 {
		queue(report.All, "", func(week report.Date) ([]aulabot.Message, error) { return h.adminDigest(week, now, all) })
	}
	return first
}

// queueDigest stores the messages build makes of the digest of id (a
// university, or all) of the week ending on Monday week, unless they were
// stored before: each keyed by the digest's prefix and its chat.
func (h *Handlers) queueDigest(out DigestOutbox, id string, week report.Date, build func(week report.Date) ([]aulabot.Message, error)) error {
	prefix := digestPrefix(id, week)
	if done, err := out.OutboxKeyed(prefix); err != nil || done {
		return err
	}
	msgs, err := build(week)
	if err != nil || len(msgs) == 0 {
		return err
	}
	for i := range msgs {
		msgs[i].Key = prefix + strconv.FormatInt(msgs[i].ChatID, 10)
		if err := Fits(msgs[i]); err != nil {
			return err
		}
	}
	stored, err := out.EnqueueOnce(prefix, msgs)
	if stored {
		h.Log.Info("weekly digest queued", "of", id, "week", week.AddDays(-7).String(), "messages", len(msgs))
	}
	return err
}

// adminDigest is the admins' digest of the week ending on Monday week:
// every university beside the median of the others, so that the
// programme sees which university needs help; none when nothing happened
// anywhere.
func (h *Handlers) adminDigest(week report.Date, now time.Time, all map[report.Date]*report.Report) ([]aulabot.Message, error) {
	r, err := h.allWeek(week, now, all)
	if err != nil || r == nil {
		return nil, err
	}
	var msgs []aulabot.Message
	for _, admin := range h.Config.Admins {
		lang, err := h.languageOf(admin)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, aulabot.Message{ChatID: admin, Text: report.Digest(r, nil, nil, h.cat, lang)})
	}
	return msgs, nil
}

// languageOf is the language person id chose, or the configuration's.
func (h *Handlers) languageOf(id int64) (string, error) {
	lang := h.Config.Language
	err := h.Store.View(func(tx Tx) error {
		p, ok, err := tx.User(id)
		if ok {
			lang = p.Language(h.Config.Language)
		}
		return err
	})
	return lang, err
}

// allWeek is the report of every university over the seven days before
// Monday week, built once for all the digests of a run (all); nil when
// nothing happened anywhere.
func (h *Handlers) allWeek(week report.Date, now time.Time, all map[report.Date]*report.Report) (*report.Report, error) {
	if r, ok := all[week]; ok {
		return r, nil
	}
	r, err := h.buildDigest(report.Query{University: report.All, From: week.AddDays(-7), To: week, Now: now, NoNames: true})
	if err == nil {
		all[week] = r
	}
	return r, err
}

// weekDigest is what a university's digest of a week says.
type weekDigest struct {
	r      *report.Report
	cmp    *report.Comparison // nil: no comparison
	others []int              // how many other universities have each figure
	oldest []report.OpenTicket
	now    time.Time
}

// weekDigest reads u's digest of the seven days before Monday week; nil
// when nothing happened and nothing is open. Names are left out: the
// digest is figures.
func (h *Handlers) weekDigest(u *aulabot.University, week report.Date, now time.Time, all map[report.Date]*report.Report) (*weekDigest, error) {
	from := week.AddDays(-7)
	r, err := h.buildDigest(report.Query{University: u.ID, From: from, To: week, Now: now, NoNames: true})
	if err != nil || r == nil {
		return nil, err
	}
	d := &weekDigest{r: r, now: now}
	if d.cmp, d.others, err = h.digestComparison(u.ID, week, now, all); err != nil {
		return nil, err
	}
	if d.oldest, err = h.oldestOpen(u); err != nil {
		return nil, err
	}
	return d, nil
}

// coordinators is the coordinators' text in lang.
func (d *weekDigest) coordinators(h *Handlers, lang string) string {
	return report.Digest(d.r, d.cmp, d.others, h.cat, lang)
}

// team is the team group's text, in the configuration's language.
func (d *weekDigest) team(h *Handlers) string {
	return report.TeamDigest(d.r, d.oldest, d.now, h.cat, h.Config.Language)
}

// digest builds the messages of u's digest of the seven days before
// Monday week: to each coordinator and to the team group; none when
// nothing happened and nothing is open.
func (h *Handlers) digest(u *aulabot.University, week report.Date, now time.Time, all map[report.Date]*report.Report) ([]aulabot.Message, error) {
	d, err := h.weekDigest(u, week, now, all)
	if err != nil || d == nil {
		return nil, err
	}
	var msgs []aulabot.Message
	for _, coord := range u.Coordinators {
		lang, err := h.languageOf(coord)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, aulabot.Message{ChatID: coord, Text: d.coordinators(h, lang)})
	}
	if u.TeamChat != 0 {
		msgs = append(msgs, aulabot.Message{ChatID: u.TeamChat, Text: d.team(h)})
	}
	return msgs, nil
}

// showDigest shows a coordinator the digest of the last whole week of
// their university (of args[0] when they coordinate several), both the
// coordinators' part and the team's, or an admin the admins' digest
// (args[0] all): what was sent on Monday, or will be
// on the next if it was not sent. Errors: EINVALID report.digest_usage;
// those of reportUniversity.
func (h *Handlers) showDigest(c *Ctx, args []string) error {
	var id string
	switch unis := h.reportUniversities(c.Roles); {
	case len(args) == 1:
		var err error
		if id, err = h.reportUniversity(c, args[0]); err != nil {
			return err
		}
	case len(args) == 0 && len(unis) == 1:
		id = unis[0]
	default:
		return aulabot.Errorf(aulabot.EINVALID, "report.digest_usage")
	}
	now := h.Now()
	week := report.Monday(report.DateOf(now.In(h.Config.Loc(reportZone(id)))))
	none := func() {
		c.Reply(c.T("report.digest_none", "name", h.reportName(c, id), "from", week.AddDays(-7).String(), "to", week.AddDays(-1).String()))
	}
	if id == report.All {
		r, err := h.allWeek(week, now, map[report.Date]*report.Report{})
		if err != nil || r == nil {
			none()
			return err
		}
		c.Reply(report.Digest(r, nil, nil, h.cat, c.Lang))
		return nil
	}
	u, _ := h.Config.University(id)
	d, err := h.weekDigest(u, week, now, map[report.Date]*report.Report{})
	if err != nil {
		return err
	}
	if d == nil {
		none()
		return nil
	}
	c.Reply(d.coordinators(h, c.Lang))
	if u.TeamChat != 0 {
		c.Reply(c.T("report.digest_team_preview") + "\n\n" + d.team(h))
	}
	return nil
}

// buildDigest builds q as the bot itself reads it (every university, no
// names) in a read transaction; nil when nothing happened in the period.
func (h *Handlers) buildDigest(q report.Query) (*report.Report, error) {
	svc := &report.Service{Config: h.Config, Surveys: h.reportSurveys()}
	var r *report.Report
	err := h.Store.View(func(tx Tx) (err error) {
		r, err = svc.Build(tx, q, aulabot.Roles{Admin: true})
		return err
	})
	var e *aulabot.Error
	if errors.As(err, &e) && e.Key == "report.err_empty" {
		return nil, nil
	}
	return r, err
}

// digestComparison is university id beside the median of the others over
// the seven days before Monday week, and how many others have each
// figure; nil with fewer than two universities or nothing anywhere.
func (h *Handlers) digestComparison(id string, week report.Date, now time.Time, all map[report.Date]*report.Report) (*report.Comparison, []int, error) {
	if len(h.Config.Universities) < 2 {
		return nil, nil, nil
	}
	r, err := h.allWeek(week, now, all)
	if err != nil || r == nil {
		return nil, nil, err
	}
	for i, c := range r.Universities {
		if c.University == id {
			return &r.Universities[i], report.OthersWith(r.Universities, i), nil
		}
	}
	return nil, nil, nil
}

// oldestOpen are u's oldest open or claimed tickets, with links to their
// posts in the team group where Telegram has links (supergroups).
func (h *Handlers) oldestOpen(u *aulabot.University) ([]report.OpenTicket, error) {
	var out []report.OpenTicket
	err := h.Store.View(func(tx Tx) error {
		ts, _, err := tx.ActiveTickets(u.ID, oldestOpen) // the active index, not every ticket
		for _, t := range ts {
			o := report.OpenTicket{ID: t.ID, Category: t.Category, Opened: t.Created, Claimed: t.State == aulabot.TicketClaimed}
			if chat, msg, ok := tx.Ref(service.PostRef(t.ID)); ok {
				o.Link = postLink(chat, msg)
			}
			out = append(out, o)
		}
		return err
	})
	return out, err
}

// supergroupBase: a supergroup's chat id is -(supergroupBase + its
// internal id), the id its members' links use.
const supergroupBase = 1_000_000_000_000

// postLink is the link to message msg of a supergroup, which its members
// can open; "" for other chats, which have none.
func postLink(chat int64, msg int) string {
	if chat > -supergroupBase || msg == 0 {
		return ""
	}
	return fmt.Sprintf("https://t.me/c/%d/%d", -chat-supergroupBase, msg)
}
