package handlers

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// A mentor named in the words that ask for a session ("quiero una
// mentoría con Ana", "reservar con Mentor 2", "¿qué horarios tiene la
// profesora García?") opens that mentor's slots, not the kinds. Until 7
// December such words showed the kinds, the name dropped, or, the name
// being a word the intents do not know, the booking article or
// suggestions (seen in the sandbox).

// nameTitles are words of a name, or before it, that name nobody alone
// ("Mentor 2", "Dra. García", "la profesora Ruiz"); nameLinks join a
// name's words ("María de la Cruz"). Neither names a mentor alone.
var (
	nameTitles = typedSet("mentor", "mentora", "tutor", "tutora", "asesor", "asesora", "profesor", "profesora",
		"profe", "prof", "docente", "maestro", "maestra", "dr", "dra", "doctor", "doctora", "ing", "lic", "mg", "mag",
		"mtro", "mtra", "sr", "sra", "srta", "senor", "senora", "senorita", "don", "dona", "mr", "mrs", "ms", "miss", "teacher")
	nameLinks = typedSet("de", "del", "la", "las", "los", "el", "y", "e", "da", "do", "dos", "das", "di", "du", "van", "von", "der", "le")
)

// maxMentorAsk bounds the words of a request for a mentor's sessions
// that the intents read with the name as "mentor": a longer message is
// a question (the intents take no more).
const maxMentorAsk = 14

// namedMentors are those of names (a name by mentor id) that words (as
// TypedWords reads a message, split) name: where a word of the name
// names its bearer alone (three letters or more, not a number, not a
// title or a link, not skip: the university's id, which demo names
// carry) or two of its words stand in a row ("mentor 2"), but not the
// words that give the writer's own name (introduced). Of several,
// those with the most of their name's words said; in the order of
// their ids. rest is words with each name said, and the titles before
// it, as the one word "mentor", for the intents to read.
func namedMentors(words []string, names map[int64]string, skip string) (ids []int64, rest []string) {
	best := 0
	var said []bool // the words of the names of ids
	intro := introduced(words)
	for id, name := range names {
		own := strings.Fields(aulabot.TypedWords(name))
		hit, n := make([]bool, len(words)), 0
		for i, w := range words {
			if intro[i] {
				continue
			}
			if alone(w, skip) && slices.Contains(own, w) || inRow(words, i, own) {
				hit[i] = true
				n++
			}
		}
		switch {
		case n == 0 || n < best:
			continue
		case n > best:
			best, ids, said = n, nil, make([]bool, len(words))
		}
		ids = append(ids, id)
		for i := range hit {
			said[i] = said[i] || hit[i]
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	slices.Sort(ids)
	for i := len(words) - 1; i > 0; i-- {
		if said[i] && !said[i-1] && nameTitles[words[i-1]] {
			said[i-1] = true // "la profesora García": "la mentor"
		}
	}
	for i, w := range words {
		switch {
		case !said[i]:
			rest = append(rest, w)
		case i == 0 || !said[i-1]:
			rest = append(rest, "mentor")
		}
	}
	return ids, rest
}

// introduced marks the words that give the writer's own name ("soy Ana
// García, quiero una mentoría", "I'm Ana", "my name is Ana"): the two
// words after "soy", "llamo", "I'm", "I am", "name is". They name no
// mentor, even a mentor of that name.
func introduced(words []string) []bool {
	intro := make([]bool, len(words))
	for i, w := range words {
		before := ""
		if i > 0 {
			before = words[i-1]
		}
		if w == "soy" || w == "llamo" || w == "m" && before == "i" || w == "am" && before == "i" || w == "is" && before == "name" {
			for j := i + 1; j < min(i+3, len(words)); j++ {
				intro[j] = true
			}
		}
	}
	return intro
}

// alone reports whether w, a word of a name, names its bearer alone.
func alone(w, skip string) bool {
	return utf8.RuneCountInString(w) >= 3 && strings.Trim(w, "0123456789") != "" &&
		!nameTitles[w] && !nameLinks[w] && w != skip
}

// inRow reports whether words[i] and the word before or after it are two
// words of name, in that order, one of them no link ("mentor 2", "ana
// garcia"; not "de la").
func inRow(words []string, i int, name []string) bool {
	for j, w := range name {
		if w != words[i] {
			continue
		}
		if j+1 < len(name) && i+1 < len(words) && name[j+1] == words[i+1] && !(nameLinks[w] && nameLinks[name[j+1]]) {
			return true
		}
		if j > 0 && i > 0 && name[j-1] == words[i-1] && !(nameLinks[w] && nameLinks[name[j-1]]) {
			return true
		}
	}
	return false
}

// mentorStems start the words that ask for a session (as TypedWords
// reads them): a message without one names no mentor to book with, and
// the mentors' names are not read for it.
var mentorStems = []string{"ment", "tutor", "asesor", "reserv", "agend", "sesion", "session", "book", "horario",
	"cita", "disponib", "availab", "atiend", "schedul", "slot"}

// mentorAsked is the command that the words of an onboarded person's
// message, which the intents do not read as any request, ask for with a
// mentor of their university that they name: /mentoring, for a session
// with them ("quiero una mentoría con Ana": "ana" is a word the intents
// do not know), which then shows that mentor's slots (mentorNamed), or
// /mybookings, for one's booking with them ("no podré ir a la sesión
// con García"), which then picks it (askedBooking); "" for none.
func (h *Handlers) mentorAsked(c *Ctx, kb Knowledge) string {
	if !c.Private() || strings.Count(c.U.Text, " ") >= 2*maxMentorAsk {
		return ""
	}
	words := strings.Fields(aulabot.TypedWords(c.U.Text))
	stem := func(w string) bool {
		return slices.ContainsFunc(mentorStems, func(s string) bool { return strings.HasPrefix(w, s) })
	}
	if len(words) > maxMentorAsk || !slices.ContainsFunc(words, stem) {
		return ""
	}
	slots, seats, err := h.offeredAll(c)
	if err == nil {
		err = c.view(func(tx Tx) error {
			for id := range seats { // one's own sessions: a personal one is full
				s, ok, err := tx.Slot(id)
				if err != nil {
					return err
				}
				if ok {
					slots = append(slots, s)
				}
			}
			return nil
		})
	}
	var names map[int64]string
	if err == nil {
		names, err = h.mentorNames(c, slots)
	}
	if err != nil {
		return "" // read as a question, as before
	}
	if _, rest := namedMentors(words, names, aulabot.TypedWords(c.User.University)); len(rest) > 1 {
		if cmd := kb.Intent(strings.Join(rest, " ")); cmd == "mentoring" || cmd == "mybookings" {
			return cmd
		}
	}
	return ""
}

// mentorNames are the names of the mentors of the person's university,
// by id: as the bot knows them, or as slots (of that university) carry
// them, for a mentor who never pressed Start; one of those with no slot
// among slots (every one of theirs full) is named as their other sessions
// or tickets show them (seenAs): "reservar con García" then says she has
// nothing free, where until 7 December it showed the kinds, her name
// unknown.
func (h *Handlers) mentorNames(c *Ctx, slots []aulabot.Slot) (map[int64]string, error) {
	names := map[int64]string{}
	for _, s := range slots {
		if s.MentorName != "" {
			names[s.Mentor] = s.MentorName
		}
	}
	uni, ok := h.Config.University(c.User.University)
	if !ok {
		return names, nil
	}
	err := c.view(func(tx Tx) error {
		for _, id := range uni.Mentors {
			p, ok, err := tx.User(id)
			if err != nil {
				return err
			}
			switch _, named := names[id]; {
			case id == c.User.ID:
			case ok && p.Name != "":
				names[id] = p.Name
			case !named:
				name, err := h.seenAs(tx, p, id)
				if err != nil {
					return err
				}
				if name != "" {
					names[id] = name
				}
			}
		}
		return nil
	})
	return names, err
}

// mentorNamed shows the slots of the mentor whose name the words that
// asked for a session say (with the kind, if they name one, and the one
// slot or those of the day, if they name a day), or asks which of
// several mentors they name ("Ana": two of them). One named with no
// slot free is said above the kinds (false: the caller shows them).
func (h *Handlers) mentorNamed(c *Ctx) (bool, error) {
	if c.asked == "" {
		return false, nil
	}
	slots, seats, err := h.offeredAll(c)
	if err != nil {
		return false, err
	}
	names, err := h.mentorNames(c, slots)
	if err != nil {
		return false, err
	}
	ids, _ := namedMentors(strings.Fields(aulabot.TypedWords(c.asked)), names, aulabot.TypedWords(c.User.University))
	if len(ids) == 0 && ownMentorAsked(c.asked) {
		// "book me with the same mentor again", "con mi mentora": the
		// mentor of one's last booking (the booking article, seen in the
		// sandbox).
		if err := c.view(func(tx Tx) error {
			id, ok, err := h.svc.Mentoring.LastMentor(tx, c.U.From.ID)
			if _, named := names[id]; ok && named {
				ids = []int64{id}
			}
			return err
		}); err != nil {
			return false, err
		}
	}
	kind := ""
	if data, ok := namedChoice(c.asked, h.kindChoices()); ok {
		kind = aulabot.SlotPersonal
		if data == (slotListButton{aulabot.SlotGroup, 0}).Encode() {
			kind = aulabot.SlotGroup
		}
	}
	switch len(ids) {
	case 0:
		return false, nil
	case 1:
		return true, h.showMentorSlots(c, mentorList{ids[0], kind, slots, seats, names}, 0)
	}
	rows := make([][]aulabot.Button, len(ids))
	choices := make([]choice, len(ids))
	for i, id := range ids {
		// which: a word of one name alone, typed, picks it ("Ruiz").
		choices[i] = choice{Button: aulabot.Button{Text: "👤 " + h.personName(c.Lang, names[id]), Data: mentorSlotsButton{id, kind, 0}.Encode()}, which: true}
		rows[i] = []aulabot.Button{choices[i].Button}
	}
	c.offerTimed(choices)
	c.ReplyButtons(c.T("booking.which_mentor"), append(rows, h.menuRow(c)))
	return true, nil
}

// ownMentorAsked reports whether text names the mentor one had: "mi
// mentor", "the same mentor", "mi mentora de la otra vez".
func ownMentorAsked(text string) bool {
	typed := " " + aulabot.TypedWords(text) + " "
	words := strings.Fields(typed)
	if !slices.ContainsFunc(words, func(w string) bool { return mentorNouns[w] }) {
		return false
	}
	return slices.ContainsFunc(words, func(w string) bool { return ownMentorWords[w] }) ||
		slices.ContainsFunc([]string{" otra vez ", " vez pasada ", " de siempre ", " last time ", " as before "},
			func(p string) bool { return strings.Contains(typed, p) })
}

// mentorNouns and ownMentorWords, as TypedWords reads them.
var (
	mentorNouns    = typedSet("mentor", "mentora", "tutor", "tutora")
	ownMentorWords = typedSet("mi", "my", "mismo", "misma", "same")
)

// mentorList is what a list of a mentor's slots is made of: the mentor,
// the kind asked for ("": both), the slots offered to the person and
// their bookings (offeredAll), and the mentors' names (mentorNames).
type mentorList struct {
	mentor int64
	kind   string
	all    []aulabot.Slot
	seats  map[uint64]aulabot.Booking
	names  map[int64]string
}

// mentorSlots shows page of mentor's offered slots (of kind; "": both):
// a page's button.
func (h *Handlers) mentorSlots(c *Ctx, mentor int64, kind string, page int) error {
	all, seats, err := h.offeredAll(c)
	if err != nil {
		return err
	}
	names, err := h.mentorNames(c, all)
	if err != nil {
		return err
	}
	return h.showMentorSlots(c, mentorList{mentor, kind, all, seats, names}, page)
}

// showMentorSlots shows page of l's mentor's slots of its kind, the
// person's own marked so; words that asked for them and name a day (and
// time) show the one slot, or those of that day. None of the kind but
// some of the other: those, said so ("sesión grupal con Ana Ruiz", who
// has personal ones: she read as having none); none at all is said above
// the kinds.
func (h *Handlers) showMentorSlots(c *Ctx, l mentorList, page int) error {
	c.Answer("")
	name := h.personName(c.Lang, l.names[l.mentor])
	mentors := func(kind string) (slots []aulabot.Slot) {
		for _, s := range l.all {
			if s.Mentor == l.mentor && (kind == "" || s.Kind == kind) {
				slots = append(slots, s)
			}
		}
		return slots
	}
	slots := mentors(l.kind)
	if len(slots) == 0 && l.kind != "" {
		if slots = mentors(""); len(slots) > 0 {
			c.notice = c.T("booking.mentor_none_"+l.kind, "name", name)
			l.kind = ""
		}
	}
	if len(slots) == 0 {
		c.notice = c.T("booking.mentor_none", "name", name)
		c.EditPressed(c.T("booking.choose_kind"), h.mentoringMenu(c))
		return nil
	}
	choices := make([]choice, len(slots))
	for i, s := range slots {
		choices[i] = choice{Button: aulabot.Button{Text: kindMark(s) + h.slotButtonText(c, s, l.seats), Data: showSlotButton{s.ID}.Encode()}, at: s.Start}
	}
	if day, ok := c.namedDay(c.asked); ok {
		switch named := c.namedAt(c.asked, choices); len(named) {
		case 0:
			c.notice = c.T("booking.none_on_day", "day", h.day(c.Lang, c.User.University, day))
		case 1:
			return h.pressTyped(c, named[0].Data) // "con Ana el jueves a las 10": that slot's card
		default:
			choices = named[:min(len(named), slotsPerPage)] // that day's, on one page
		}
	}
	p := paged(len(choices), slotsPerPage, page)
	from, to := p.items()
	var rows [][]aulabot.Button
	for _, b := range choices[from:to] {
		rows = append(rows, []aulabot.Button{b.Button})
	}
	c.offerTimed(append(slices.Clone(choices[from:to]), kindsAsChoices(h.kindChoices())...))
	if nav := p.nav(c, func(n int) string { return mentorSlotsButton{l.mentor, l.kind, n}.Encode() }); nav != nil {
		rows = append(rows, nav)
	}
	rows = append(rows, h.menuRow(c))
	c.EditPressed(c.T("booking.mentor_list", "name", name, "page", p.page+1, "pages", p.pages()), rows)
	return nil
}
