package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
)

// topicAsked is a request for a session that names the topic of one or
// more of the sessions offered ("¿me puedo inscribir en la sesión de
// rúbricas?", "quiero la sesión sobre foros", "book the rubrics session"):
// those sessions, one's card at once (they got suggestions, seen in the
// sandbox). A word of a topic names it when it has five letters or more
// and is no word of every session's ("grupal", "virtual"); nil for
// anyone else, words with no session's word, or that, the topic's taken
// off, ask for something else (one's own session of that topic is
// /mybookings').
func (h *Handlers) topicAsked(c *Ctx, kb Knowledge) Handler {
	if !c.Private() || c.U.File != nil {
		return nil
	}
	words := strings.Fields(aulabot.TypedWords(c.U.Text))
	if len(words) == 0 || len(words) > maxMentorAsk || !slices.ContainsFunc(words, func(w string) bool { return sessionNouns[w] }) {
		return nil // most messages: no read
	}
	slots, seats, err := h.offeredAll(c)
	if err != nil {
		return nil // read as a question, as before
	}
	var named []aulabot.Slot
	said := map[string]bool{} // the topics' words said
	for _, s := range slots {
		for _, w := range strings.Fields(aulabot.TypedWords(s.Topic)) {
			if len(w) >= 5 && !topicCommon[w] && slices.Contains(words, w) {
				named, said[w] = append(named, s), true
			}
		}
	}
	if len(named) == 0 {
		return nil
	}
	named = slices.CompactFunc(named, func(a, b aulabot.Slot) bool { return a.ID == b.ID })
	var rest []string
	for _, w := range words {
		switch {
		case said[w]:
		case enrolWords[w]:
			rest = append(rest, "reservar") // "¿me puedo inscribir en la sesión de …?"
		default:
			rest = append(rest, w)
		}
	}
	if cmd := kb.Intent(strings.Join(rest, " ")); cmd != "mentoring" && (cmd != "mybookings" || slices.ContainsFunc(rest, func(w string) bool { return ownWords[w] })) {
		return nil
	}
	return func(c *Ctx) error {
		return h.replySlots(c, h.slotChoices(c, named, seats), func(n int) string { return c.N("booking.on_topic", n) })
	}
}

// sessionNouns, enrolWords, ownWords and topicCommon are words of a
// request for a session, of signing up for one, of one's own, and of
// every session's topic alike, as aulabot.TypedWords reads them.
var (
	sessionNouns = typedSet("sesion", "sesiones", "session", "sessions", "mentoria", "mentorias", "tutoria", "tutorias",
		"mentoring", "taller", "workshop")
	enrolWords  = typedSet("inscribir", "inscribirme", "anotarme", "apuntarme", "unirme", "join", "enroll", "enrol")
	ownWords    = typedSet("mi", "mis", "my")
	topicCommon = typedSet("sesion", "sesiones", "session", "grupal", "group", "personal", "virtual", "online", "linea",
		"curso", "cursos", "course", "clase", "clases", "class", "mentoria", "tutoria", "sobre", "about", "taller", "workshop")
)
