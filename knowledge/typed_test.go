package knowledge

import (
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
)

// TestAsMeant: the chat's spellings and a slip of one letter in a
// request's word are read as the word meant; words the requests know, a
// word two slips off, or one slip from two words stay as typed. They got
// small talk, "I don't know" or the booking article (seen in the
// sandbox).
func TestAsMeant(t *testing.T) {
	readsAs(t, "asMeant", func(s string) string {
		words, _ := talkWords(s)
		return strings.Join(asMeant(words), " ")
	}, map[string]string{
		"mis resevas":                 "mis reservas",
		"cancelr mi reserva":          "cancelar mi reserva",
		"quiero reservr una mentoria": "quiero reservar una mentoria",
		"mentroia":                    "mentoria",
		"mis tikets":                  "mis tickets",
		"q tengo mañana":              "que tengo manana",
		"kiero ver mis reservas":      "quiero ver mis reservas",
		"xq no funciona":              "porque no funciona",
		"mi agenda":                   "mi agenda", // a staff request's word
		"mi ajenda":                   "mi agenda",
		"mis cusos":                   "mis cursos", // suggestions (seen in the sandbox)
		"nueva capacitación":          "nueva capacitacion",
		"mntria":                      "mntria",      // two slips
		"moodle zoom":                 "moodle zoom", // no request's word near
		"hola":                        "hola",
	})
}

// The intents read the words meant.
func TestIntent_AsMeant(t *testing.T) {
	readsAs(t, "Intent", Intent, map[string]string{
		"mis resevas":                         "mybookings",
		"kiero reservar una mentoria":         "mentoring",
		"cancelr mi reserva":                  "mybookings",
		"mentroia":                            "mentoring",
		"q tengo mañana":                      "mybookings",
		"no me llega el link de la mentoría":  "mybookings",
		"¿cómo reservo una sala en zoom?":     "",
		"quiero incribirme a la capacitacion": "trainings", // "I don't know" (seen in the sandbox)
	})
	readsAs(t, "BookingAsk", BookingAsk, map[string]string{
		"kiero cancelr mi mentoria del miercoles": "cancel",
	})
	readsAs(t, "StaffIntent", StaffIntent, map[string]string{
		"mi agenda":          "today",
		"nueva capacitación": "newevent",
		"tikets sin tomar":   "queue",
		"mi ajenda":          "today",
	})
}

// FuzzAsMeant: asMeant keeps the number of words, changes only words no
// request knows (into a request's word) or the chat's spellings, and
// reads its own output as it is.
func FuzzAsMeant(f *testing.F) {
	for _, s := range []string{"mis resevas", "q tengo mañana", "cancelr", "", "\xff", "reservasr reserva"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, _ := talkWords(s)
		got := asMeant(words)
		if len(got) != len(words) {
			t.Fatalf("%q: %d words read as %d", s, len(words), len(got))
		}
		for i, w := range got {
			if w == words[i] {
				continue
			}
			if _, chat := chatSpellings[words[i]]; !chat && (intentKnown(words[i]) || staffKnown[words[i]] || !intentKnown(w)) {
				t.Errorf("%q: %q read as %q", s, words[i], w)
			}
		}
		if again := asMeant(got); !slices.Equal(again, got) {
			t.Errorf("%q: %q read again as %q", s, got, again)
		}
		if typed, meant := strings.Fields(aulabot.TypedWords(s)), strings.Fields(Meant(s)); len(meant) != len(typed) {
			t.Errorf("%q: Meant has %d words for %d typed (the handlers read them side by side)", s, len(meant), len(typed))
		}
	})
}

// TestMeant: the words as aulabot.TypedWords reads them, read as meant,
// one for each typed, for the readers beside the intents.
func TestMeant(t *testing.T) {
	readsAs(t, "Meant", Meant, map[string]string{
		"Kiero ver mis cusos!": "quiero ver mis cursos",
		"I've finished":        "i ve finished",
		"¿Qué me falta?":       "que me falta",
		"":                     "",
	})
}
