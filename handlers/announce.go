package handlers

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// announceTx is what announcements need of a transaction
// (store/announce.go); it is embedded in Tx.
type announceTx interface {
	CreateCampaign(c aulabot.Campaign) (aulabot.Campaign, error)
	AudienceSize(c aulabot.Campaign) (int, error)
	Campaign(id uint64) (aulabot.Campaign, bool, error)
	PutCampaign(c aulabot.Campaign) error
	ActiveCampaigns() ([]aulabot.Campaign, error)
	FeedCampaigns(room int) ([]aulabot.Campaign, error)
	CancelCampaign(id uint64) (aulabot.Campaign, error)
	ReviseCampaign(id uint64, c aulabot.Campaign) (aulabot.Campaign, error)
}

// flowAnnounce is /announce: university (admins, or coordinators of more
// than one), audience, text, link, preview, then send now or schedule.
var flowAnnounce = aulabot.Flow[announceDraft]{Name: "announce"}

// The steps of flowAnnounce: what each waits for.
const (
	annStepUniversity = "uni"
	annStepAudience   = "aud"
	annStepText       = "text"
	annStepLink       = "link"
	annStepPreview    = "preview"
	annStepWhen       = "when"
)

// announceDraft is what flowAnnounce keeps (its JSON names are those of
// the string map it replaced, so a draft saved before still reads).
type announceDraft struct {
	University string `json:"uni,omitempty"` // allUniversities for every one
	Audience   string `json:"aud,omitempty"`
	Text       string `json:"text,omitempty"` // Telegram HTML
	URL        string `json:"url,omitempty"`
	Label      string `json:"label,omitempty"`
	Reach      int    `json:"n,omitempty"` // the people the preview counted
	// At is when the words that asked for it said to send it ("programa
	// un aviso para el lunes a las 8: …"), in Unix seconds: offered first
	// under the preview.
	At int64 `json:"at,omitempty"`
}

// draftOf is the draft st keeps (empty outside flowAnnounce).
func draftOf(st aulabot.State) announceDraft {
	d, _ := flowAnnounce.Data(st)
	return d
}

// withDraft returns st, at the same step, with its draft changed by edit.
func withDraft(st aulabot.State, edit func(d *announceDraft)) aulabot.State {
	d := draftOf(st)
	edit(&d)
	return flowAnnounce.At(st.Step, d)
}

// allUniversities is the "every university" choice in button data.
const allUniversities = "*"

func (h *Handlers) routeAnnounce(r *router) {
	r.commands["announce"] = with(h.announce, private, coordinator)
	r.callbacks["ann"] = with(h.onAnnounce, private, coordinator)
	r.flows[flowAnnounce.Name] = with(h.onAnnounceText, private, coordinator)
	r.flows[flowAnnounceFix.Name] = with(h.onAnnounceFixText, private, coordinator)
}

// announce starts a draft, or with "cancel" stops the latest running or
// scheduled campaign the person may stop.
func (h *Handlers) announce(c *Ctx) error {
	if strings.EqualFold(strings.TrimSpace(c.U.Text), "cancel") {
		return h.cancelLatestCampaign(c)
	}
	if words := strings.Fields(aulabot.TypedWords(c.asked)); slices.ContainsFunc(words, func(w string) bool { return campaignAsked[w] }) &&
		!slices.ContainsFunc(words, func(w string) bool { return !campaignAsked[w] && !campaignWords[w] }) {
		// "cancela el anuncio programado", "¿cómo va el anuncio?": its
		// progress, with ⛔ Cancel sending (a new draft or "I don't
		// know", seen in the sandbox)
		return h.showLatestCampaign(c)
	}
	var said string // the text the words that asked carried ("…: mañana no hay clases")
	if c.said != "" {
		var err error
		if said, err = announceText(aulabot.Update{Text: c.said}); err != nil {
			return err
		}
	}
	unis := h.announceUniversities(c)
	var at int64
	if _, when := whenAfter(c.asked, h.Now(), h.Config.Loc(unis[0])); when != "" {
		// "programa un aviso para el lunes a las 8: …" (the zone of the
		// first university, a coordinator's own; the preview shows it)
		w := strings.Fields(when)
		if len(w) > 1 && whenLeads[strings.ToLower(w[0])] {
			w = w[1:] // "para el lunes a las 8"
		}
		if t, err := aulabot.TypedWhen(strings.Join(w, " "), h.Now(), h.Config.Loc(unis[0]), "slot.err_date"); err == nil && t.After(h.Now().Add(announceSoonest)) {
			at = t.Unix()
		}
	}
	if len(unis) == 1 {
		return h.askAudience(c, flowAnnounce.At(annStepAudience, announceDraft{University: unis[0], Text: said, At: at}))
	}
	var rows [][]aulabot.Button
	for _, u := range unis {
		rows = append(rows, []aulabot.Button{{Text: h.uniName(c.Lang, u), Data: annUniversityButton{u}.Encode()}})
	}
	c.SetState(flowAnnounce.At(annStepUniversity, announceDraft{Text: said, At: at}))
	c.ReplyButtons(c.T("announce.choose_university"), rows)
	return nil
}

// announceUniversities are the universities c may address: an admin any
// and all, a coordinator theirs.
func (h *Handlers) announceUniversities(c *Ctx) []string {
	if !c.Roles.Admin {
		return c.Roles.Coordinator
	}
	var ids []string
	for _, u := range h.Config.Universities {
		ids = append(ids, u.ID)
	}
	return append(ids, allUniversities)
}

// campaignOf is the campaign the draft st describes (not yet stored).
func (h *Handlers) campaignOf(c *Ctx, st aulabot.State) aulabot.Campaign {
	d := draftOf(st)
	uni := d.University
	if uni == allUniversities {
		uni = ""
	}
	m := aulabot.Message{Text: d.Text}
	if d.URL != "" {
		m.Inline = [][]aulabot.Button{{{Text: d.Label, URL: d.URL}}}
	}
	return aulabot.Campaign{University: uni, Audience: d.Audience, Message: m, By: c.U.From.ID, Lang: c.Lang}
}

// audienceSize counts the people the draft st would reach now.
func (h *Handlers) audienceSize(c *Ctx, st aulabot.State) (n int, err error) {
	err = c.view(func(tx Tx) error { n, err = tx.AudienceSize(h.campaignOf(c, st)); return err })
	return n, err
}

// askAudience asks who gets the announcement of draft st, unless the
// words that asked for it name them (namedChoice).
func (h *Handlers) askAudience(c *Ctx, st aulabot.State) error {
	st.Step = annStepAudience
	c.SetState(st)
	var row, named []aulabot.Button
	for _, a := range []string{aulabot.AudienceTeachers, aulabot.AudienceStudents, aulabot.AudienceAll} {
		data := annAudienceButton{a}.Encode()
		row = append(row, aulabot.Button{Text: c.T("announce.aud_" + a), Data: data})
		for _, lang := range []string{aulabot.LangES, aulabot.LangEN} {
			named = append(named, aulabot.Button{Text: h.cat.T(lang, "announce.aud_"+a), Data: data})
		}
	}
	for _, w := range audienceWords {
		named = append(named, aulabot.Button{Text: w[0], Data: annAudienceButton{w[1]}.Encode()})
	}
	if data, ok := namedChoice(c.asked, named); ok {
		// "enviar un aviso a los docentes": the audience named, not
		// asked (it was, seen in the sandbox).
		return h.pressTyped(c, data)
	}
	pending := []aulabot.Button{{Text: c.T("announce.aud_pending"), Data: annAudienceButton{aulabot.AudiencePending}.Encode()}}
	c.ReplyButtons(c.T("announce.choose_audience", "university", h.uniName(c.Lang, draftOf(st).University)), [][]aulabot.Button{row, pending})
	return nil
}

// audienceWords name an audience beside its buttons' labels, with the
// audience.
var audienceWords = [][2]string{{"profesores", aulabot.AudienceTeachers}, {"alumnos", aulabot.AudienceStudents},
	{"estudiantes y docentes", aulabot.AudienceAll}, {"students and teachers", aulabot.AudienceAll}}

// onAnnounce handles the flow's buttons (announce_buttons.go) and Stop on
// a campaign's progress message.
func (h *Handlers) onAnnounce(c *Ctx) error {
	v, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	switch b := v.(type) {
	case annStopButton:
		return h.cancelCampaign(c, b.Campaign)
	case annFixButton:
		return h.askAnnounceFix(c, b.Campaign)
	case annFixOKButton:
		return h.fixAnnouncement(c)
	case annFixKeepButton:
		return h.onAnnounceFixLink(c, fixKeep, "")
	case annFixSameButton:
		return h.onAnnounceFixText(c)
	case annNoLinkButton:
		if flowAnnounceFix.In(c.State) {
			return h.onAnnounceFixLink(c, "", "")
		}
	case annDiscardButton:
		if flowAnnounceFix.In(c.State) {
			c.ClearState()
			c.Reply(c.T("announce.fix_discarded"))
			return nil
		}
	}
	kind, val := "", ""
	switch b := v.(type) {
	case annUniversityButton:
		kind, val = "u", b.University
	case annAudienceButton:
		kind, val = "a", b.Audience
	case annNoLinkButton:
		kind = "nolink"
	case annSendButton:
		kind = "send"
	case annScheduleButton:
		kind = "sched"
	case annAtButton:
		kind, val = "at", strconv.FormatUint(b.Unix, 10)
	case annDiscardButton:
		kind = "x"
	default:
		return button.Stale()
	}
	st := c.State
	if !flowAnnounce.In(st) {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	c.Answer("")
	switch {
	case kind == "u" && st.Step == annStepUniversity:
		if !slices.Contains(h.announceUniversities(c), val) {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		c.EditButtons(nil)
		return h.askAudience(c, withDraft(st, func(d *announceDraft) { d.University = val }))
	case kind == "a" && st.Step == annStepAudience:
		if val != aulabot.AudienceTeachers && val != aulabot.AudienceStudents && val != aulabot.AudienceAll && val != aulabot.AudiencePending {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		st = withDraft(st, func(d *announceDraft) { d.Audience = val })
		n, err := h.audienceSize(c, st)
		if err != nil {
			return err
		}
		if n == 0 {
			return aulabot.Errorf(aulabot.EINVALID, "announce.err_nobody")
		}
		c.EditButtons(nil)
		if draftOf(st).Text != "" {
			return h.askAnnounceLink(c, st, true) // the text came with the request
		}
		st.Step = annStepText
		c.SetState(st)
		c.Reply(c.N("announce.ask_text", n, "max", aulabot.MaxMessageText))
		return nil
	case kind == "nolink" && st.Step == annStepLink:
		c.EditButtons(nil)
		return h.announcePreview(c, st)
	case kind == "send" && st.Step == annStepPreview:
		h.previewAnswered(c, st)
		return h.startCampaign(c, st, time.Time{})
	case kind == "sched" && st.Step == annStepPreview:
		h.previewAnswered(c, st)
		st.Step = annStepWhen
		c.SetState(st)
		h.askAnnounceTime(c, st)
		return nil
	case kind == "at" && (st.Step == annStepWhen || st.Step == annStepPreview && val == strconv.FormatInt(draftOf(st).At, 10)):
		n, _ := strconv.ParseInt(val, 10, 64)
		at := time.Unix(n, 0)
		if !at.After(h.Now()) {
			return aulabot.Errorf(aulabot.EINVALID, "announce.err_past")
		}
		if st.Step == annStepPreview {
			h.previewAnswered(c, st) // the time the request said, pressed under the preview
		} else {
			c.EditButtons(nil)
		}
		return h.startCampaign(c, st, at)
	case kind == "x":
		if st.Step == annStepPreview {
			h.previewAnswered(c, st)
		} else {
			c.EditButtons(nil)
		}
		c.ClearState()
		c.Reply(c.T("announce.discarded"))
		return nil
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// askAnnounceLink asks for the link of draft st, its text taken; said
// when the text came with the words that asked for the announcement,
// which the question then says.
func (h *Handlers) askAnnounceLink(c *Ctx, st aulabot.State, said bool) error {
	st.Step = annStepLink
	c.SetState(st)
	ask := c.T("announce.ask_link")
	if said {
		ask = c.T("announce.text_said") + "\n\n" + ask
	}
	none := aulabot.Button{Text: c.T("announce.button_nolink"), Data: annNoLinkButton{}.Encode()}
	// a link's own "none" ("sin enlace"); any other (aulabot.TypedNone)
	// is read at the step
	c.offerTimed(typedAs(none, false, "sin enlace", "sin link", "no link"))
	c.ReplyButtons(ask, [][]aulabot.Button{{none}})
	return nil
}

// onAnnounceText takes the text, the link and the time of a draft.
func (h *Handlers) onAnnounceText(c *Ctx) error {
	st := c.State
	switch st.Step {
	case annStepText:
		text, err := announceText(c.U)
		if err != nil {
			return err
		}
		return h.askAnnounceLink(c, withDraft(st, func(d *announceDraft) { d.Text = text }), false)
	case annStepLink:
		if aulabot.TypedNone(c.U.Text) {
			// "no", "no gracias" typed: No button (it was refused as a
			// link, seen in the sandbox)
			return h.pressTyped(c, annNoLinkButton{}.Encode())
		}
		link, label, err := parseAnnounceLink(c.U.Text)
		if err != nil {
			return err
		}
		if label == "" {
			label = c.T("announce.default_label")
		}
		return h.announcePreview(c, withDraft(st, func(d *announceDraft) { d.URL, d.Label = link, label }))
	case annStepWhen:
		at, err := h.parseAnnounceTime(c, st, c.U.Text)
		if err != nil {
			return err
		}
		return h.startCampaign(c, st, at)
	}
	return aulabot.Errorf(aulabot.EINVALID, "announce.use_buttons")
}

// announceText is the announcement's text as Telegram HTML: what the
// person wrote, escaped, with its formatting if the update carries it.
// Empty, or longer than a Telegram message, is refused with the count.
func announceText(u aulabot.Update) (string, error) {
	text := html.EscapeString(strings.TrimSpace(u.Text))
	if u.HTML != "" && text != "" {
		text = strings.TrimSpace(u.HTML)
	}
	if text == "" {
		return "", aulabot.Errorf(aulabot.EINVALID, "announce.err_empty")
	}
	if n := VisibleLen(text); n > aulabot.MaxMessageText {
		return "", aulabot.Errorf(aulabot.EINVALID, "announce.err_too_long", "count", n, "max", aulabot.MaxMessageText, "over", n-aulabot.MaxMessageText)
	}
	return text, nil
}

// parseAnnounceLink reads "URL [button label]": the address must be http
// or https with a host.
func parseAnnounceLink(s string) (link, label string, err error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return "", "", aulabot.Errorf(aulabot.EINVALID, "announce.err_link")
	}
	link, ok := aulabot.HTTPLink(aulabot.TypedLink(f[0]))
	if !ok {
		return "", "", aulabot.Errorf(aulabot.EINVALID, "announce.err_link")
	}
	label = aulabot.CleanText(strings.Join(f[1:], " "))
	if utf8.RuneCountInString(label) > 60 {
		label = string([]rune(label)[:60])
	}
	return link, label, nil
}

// parseAnnounceTime reads a typed day and time (aulabot.TypedWhen) in the
// campaign's zone; a time that has passed is refused.
func (h *Handlers) parseAnnounceTime(c *Ctx, st aulabot.State, s string) (time.Time, error) {
	at, err := aulabot.TypedWhen(s, h.Now(), h.Config.Loc(h.campaignOf(c, st).University), "announce.err_when")
	if err != nil {
		return time.Time{}, err
	}
	if !at.After(h.Now()) {
		return time.Time{}, aulabot.Errorf(aulabot.EINVALID, "announce.err_past")
	}
	return at, nil
}

// askAnnounceTime asks when to send the draft, offering the next two
// openings of the university's business hours (the second a Monday's, if
// the first is not), the times an announcement is most often meant for.
func (h *Handlers) askAnnounceTime(c *Ctx, st aulabot.State) {
	uni := h.campaignOf(c, st).University
	loc := h.Config.Loc(uni)
	now := h.Now()
	u, ok := h.Config.University(uni)
	var first time.Time
	if ok {
		first, ok = u.Service.NextOpening(now.Add(announceSoonest), loc)
	}
	if !ok {
		c.Reply(c.T("announce.ask_when", "example", now.In(loc).Add(24*time.Hour).Format(aulabot.TypedWhenExample)))
		return
	}
	second, _ := u.Service.NextOpening(first, loc)
	for i := 0; i < 7 && first.In(loc).Weekday() != time.Monday && second.In(loc).Weekday() != time.Monday; i++ {
		second, _ = u.Service.NextOpening(second, loc)
	}
	var row []aulabot.Button
	for _, at := range []time.Time{first, second} {
		row = append(row, aulabot.Button{Text: "📅 " + h.whenAt(c.Lang, uni, at), Data: annAtButton{uint64(at.Unix())}.Encode()})
	}
	c.ReplyButtons(c.T("announce.ask_when_buttons", "example", first.In(loc).AddDate(0, 0, 1).Add(2*time.Hour).Format(aulabot.TypedWhenExample)), [][]aulabot.Button{row})
}

// announceSoonest is how far ahead a time offered for an announcement
// is at least: time to press it.
const announceSoonest = 10 * time.Minute

// announcePreview shows the announcement as its recipients will see it,
// then who gets it, with Send now / Schedule / Discard.
func (h *Handlers) announcePreview(c *Ctx, st aulabot.State) error {
	st.Step = annStepPreview
	c.SetState(st)
	cp := h.campaignOf(c, st)
	n, err := h.audienceSize(c, st)
	if err != nil {
		return err
	}
	c.SetState(withDraft(st, func(d *announceDraft) { d.Reach = n }))
	preview := cp.Message
	preview.ChatID = c.U.ChatID
	c.Send(preview)
	rows := [][]aulabot.Button{{{Text: c.T("announce.button_send"), Data: annSendButton{}.Encode()}, {Text: c.T("announce.button_schedule"), Data: annScheduleButton{}.Encode()}},
		{{Text: c.T("announce.button_discard"), Data: annDiscardButton{}.Encode()}}}
	if d := draftOf(st); d.At > 0 && time.Unix(d.At, 0).After(h.Now()) {
		// The time the request said, first (then any other, or now).
		at := aulabot.Button{Text: c.T("announce.button_at", "when", h.whenAt(c.Lang, d.University, time.Unix(d.At, 0))), Data: annAtButton{uint64(d.At)}.Encode()}
		rows = append([][]aulabot.Button{{at}}, rows...)
	}
	c.ReplyButtons(c.N("announce.preview", n, "audience", c.T("announce.aud_"+cp.Audience), "university", h.uniName(c.Lang, draftOf(st).University)), rows)
	return nil
}

// previewAnswered edits the summary under a draft's preview, whose button
// was pressed, into who it is for, without "Shall I send it?" and its
// buttons: what was done follows in the next message.
func (h *Handlers) previewAnswered(c *Ctx, st aulabot.State) {
	d := draftOf(st)
	if d.Reach == 0 || c.pressed() == 0 {
		c.EditButtons(nil) // previewed by a version that did not count; or no message to edit
		return
	}
	c.EditPressed(c.N("announce.preview_for", d.Reach, "audience", c.T("announce.aud_"+d.Audience), "university", h.uniName(c.Lang, d.University)), nil)
}

// startCampaign stores the draft as a campaign, running now (at zero) or
// scheduled for at, and shows its progress message.
func (h *Handlers) startCampaign(c *Ctx, st aulabot.State, at time.Time) error {
	cp := h.campaignOf(c, st)
	cp.State, cp.At = aulabot.CampaignRunning, h.Now()
	if !at.IsZero() {
		cp.State, cp.At = aulabot.CampaignScheduled, at
	}
	c.ClearState()
	return c.Commit(func(tx Tx) error {
		probe := cp.Message
		probe.ChatID = c.U.ChatID
		if err := Fits(probe); err != nil {
			return err
		}
		var err error
		if cp, err = tx.CreateCampaign(cp); err != nil {
			return err
		}
		cp.Ref = announcementRef(cp.ID) // so that its text can be corrected (announce_fix.go)
		if err := tx.PutCampaign(cp); err != nil {
			return err
		}
		_, err = tx.Enqueue(h.progressMessage(cp, h.Now()))
		return err
	})
}

// campaignAsked are the words of an announcement asked to stop or asked
// after, and campaignWords those around them, as aulabot.TypedWords reads
// them: words that ask for /announce and are only these show the newest
// running or scheduled one's progress ("envía un aviso: se cancela la
// clase" is a draft).
var (
	campaignAsked = typedSet("cancela", "cancelar", "cancelalo", "cancel", "detén", "deten", "detener", "stop",
		"anula", "anular", "suspende", "suspender", "frena", "frenar", "halt", "abort",
		"va", "van", "going", "estado", "status", "progreso", "progress", "avance")
	campaignWords = typedSet("anuncio", "anuncios", "comunicado", "aviso", "avisos", "announcement", "announcements",
		"el", "la", "los", "mi", "mis", "del", "de", "the", "my", "of", "that", "ese", "este", "programado", "programada",
		"scheduled", "enviando", "sending", "cómo", "como", "how", "is", "está", "esta", "último", "ultimo", "last",
		"latest", "por", "favor", "please", "que", "qué", "what", "s", "whats")
)

// cancelLatestCampaign is /announce cancel: the newest active campaign
// the person may stop.
func (h *Handlers) cancelLatestCampaign(c *Ctx) error {
	cp, err := h.latestCampaign(c)
	if err != nil {
		return err
	}
	return h.cancelCampaign(c, cp.ID)
}

// showLatestCampaign shows the newest active campaign the person may stop
// as its progress message does, ⛔ Cancel sending and all, for a press to
// stop it. Its owner's becomes the one kept up to date (its ref moves to
// it); anyone else's is the moment's.
func (h *Handlers) showLatestCampaign(c *Ctx) error {
	cp, err := h.latestCampaign(c)
	if err != nil {
		return err
	}
	m := h.progressMessage(cp, h.Now())
	if m.ChatID != c.U.ChatID {
		m.ChatID, m.Ref = c.U.ChatID, ""
	}
	c.Send(m)
	return nil
}

// latestCampaign is the newest active campaign the person may stop, or
// "There is no running or scheduled announcement".
func (h *Handlers) latestCampaign(c *Ctx) (aulabot.Campaign, error) {
	var latest aulabot.Campaign
	err := c.view(func(tx Tx) error {
		cs, err := tx.ActiveCampaigns()
		for _, cp := range cs {
			if cp.Owner == "" && mayStop(c.Roles, cp) { // not another domain's (an event's invitations)
				latest = cp
			}
		}
		return err
	})
	if err == nil && latest.ID == 0 {
		err = aulabot.Errorf(aulabot.ENOTFOUND, "announce.err_none_active")
	}
	return latest, err
}

// mayStop reports whether someone with roles may cancel cp: its
// university's coordinators, and admins.
func mayStop(r aulabot.Roles, cp aulabot.Campaign) bool {
	if cp.University == "" {
		return r.Admin
	}
	return r.IsCoordinator(cp.University)
}

// cancelCampaign stops campaign id and tells the person the counts; its
// progress message shows the end.
func (h *Handlers) cancelCampaign(c *Ctx, id uint64) error {
	return c.Commit(func(tx Tx) error {
		cp, ok, err := tx.Campaign(id)
		if err != nil {
			return err
		}
		if !ok || cp.Owner != "" || !mayStop(c.Roles, cp) {
			return aulabot.Errorf(aulabot.ENOTFOUND, "announce.err_not_found")
		}
		if !cp.Active() {
			return aulabot.Errorf(aulabot.ECONFLICT, "announce.err_over")
		}
		if cp, err = tx.CancelCampaign(id); err != nil {
			return err
		}
		if _, err := tx.Enqueue(h.progressEdit(cp, h.Now())); err != nil {
			return err
		}
		c.Reply(c.T("announce.cancelled", "id", cp.Number, "sent", cp.Counts.Sent, "cancelled", cp.Counts.Cancelled))
		return nil
	})
}

// campaignRef names a campaign's progress message.
func campaignRef(id uint64) string { return fmt.Sprintf("ann:%d", id) }
