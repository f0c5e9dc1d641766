package knowledge

import (
	"testing"
	"unicode/utf8"
)

func TestSmallTalk(t *testing.T) {
	for text, want := range map[string]string{
		// a request to stop getting messages, since the night of 7 to 8
		// December; what is not received, and another service's mail,
		// are not
		"stop sending me messages":                       SmallTalkQuiet,
		"ya no quiero recibir mensajes":                  SmallTalkQuiet,
		"deja de escribirme":                             SmallTalkQuiet,
		"no me mandes más mensajes":                      SmallTalkQuiet,
		"don't message me anymore":                       SmallTalkQuiet,
		"quiero dejar de recibir notificaciones del bot": SmallTalkQuiet,
		"stop":                      SmallTalkQuiet,
		"darme de baja":             SmallTalkQuiet,
		"no me llegan los mensajes": "",
		"quiero dejar de recibir correos del aula virtual": "",
		"no quiero recibir el enlace":                      "",
		"para":                                             "",
		// thanks for a session, since the night of 7 to 8 December (one's
		// bookings of that day, seen in the sandbox); with a request, the
		// request
		"gracias por la sesión de hoy":                        SmallTalkThanks,
		"thanks for the session today":                        SmallTalkThanks,
		"chau gracias por la mentoría":                        SmallTalkThanks,
		"gracias, quiero otra sesión":                         "",
		"gracias por la sesión de mañana":                     SmallTalkThanks,
		"muchas gracias por la sesión de hoy profe muy buena": SmallTalkThanks, // nine words, every one of thanks

		"Hola":                                  SmallTalkGreeting,
		"holaaa buenas noches":                  SmallTalkGreeting,
		"Buenos días profe":                     SmallTalkGreeting,
		"hi!":                                   SmallTalkGreeting,
		"Good evening everyone":                 SmallTalkGreeting,
		"muchísimas gracias!!!":                 SmallTalkThanks,
		"ok, gracias":                           SmallTalkThanks,
		"thx a lot":                             SmallTalkThanks,
		"Thank you so much 🙏":                   SmallTalkThanks,
		"ok":                                    SmallTalkAck,
		"listo, ya funcionó":                    SmallTalkSolved,
		"got it":                                SmallTalkAck,
		"jajaja":                                SmallTalkAck,
		"👍":                                     SmallTalkAck,
		"❤️🙏 😊":                                 SmallTalkAck,
		"chau, nos vemos":                       SmallTalkGoodbye,
		"hasta mañana":                          SmallTalkGoodbye,
		"see you tomorrow":                      SmallTalkGoodbye,
		"ok bye":                                SmallTalkGoodbye,
		"":                                      "",
		"???":                                   "",
		"!!! ...":                               "",
		"123":                                   "",
		"hola no puedo entrar al aula virtual":  "",
		"hi how do i submit my homework":        "",
		"gracias, pero no me sale el video":     "",
		"ayuda":                                 SmallTalkVague,
		"help":                                  SmallTalkVague,
		"hola, tengo una pregunta":              SmallTalkVague,
		"ok tengo otra duda":                    SmallTalkVague,
		"¿qué hago?":                            SmallTalkVague,
		"no me sirvió":                          SmallTalkStuck,
		"no funcionaaa":                         SmallTalkVague,
		"i have a question":                     SmallTalkVague,
		"it doesn't work":                       SmallTalkVague,
		"can you help me please":                SmallTalkVague,
		"ya funciona":                           SmallTalkSolved,
		"ya lo solucioné":                       SmallTalkSolved, // "I don't know" (seen in the sandbox)
		"ya pude":                               SmallTalkSolved,
		"ya entendí":                            SmallTalkAck,
		"no pude":                               SmallTalkStuck,
		"it works now":                          SmallTalkSolved,
		"ya se arregló, gracias":                SmallTalkSolved, // "I don't know" (seen in the sandbox)
		"ya funciona, gracias":                  SmallTalkSolved,
		"it works now, thanks!":                 SmallTalkSolved,
		"ya lo arreglaron":                      SmallTalkSolved,
		"ya se arregló":                         SmallTalkSolved,
		"ya está funcionando":                   SmallTalkSolved,
		"gracias, no me sirvió":                 SmallTalkStuck,
		"no sé, gracias":                        SmallTalkThanks,
		"gracias, eso me sirvió":                SmallTalkThanks,
		"gracias, entendí":                      SmallTalkThanks,
		"gracias, no funciona":                  SmallTalkVague,
		"gracias por la ayuda":                  SmallTalkThanks,
		"thanks, i have another question":       SmallTalkThanks,
		"quiero hablar con una persona":         SmallTalkPerson,
		"quiero hablar con un técnico":          SmallTalkPerson,
		"quiero hablar con el equipo técnico":   SmallTalkPerson, // the booking article (seen in the sandbox)
		"i want to talk to the technical team":  SmallTalkPerson,
		"I need to talk to someone from IT":     SmallTalkPerson, // the mentoring article (seen in the sandbox)
		"I need to talk to the IT team":         SmallTalkPerson,
		"¿qué equipo necesito?":                 "",
		"I want to talk to a technician":        SmallTalkPerson,
		"¿eres un bot?":                         SmallTalkPerson,
		"can i talk to a human":                 SmallTalkPerson,
		"who are you":                           SmallTalkPerson,
		"¿me pueden llamar por teléfono?":       SmallTalkPerson,
		"¿tienen un número de whatsapp?":        SmallTalkPerson,
		"can you call me":                       SmallTalkPerson,
		"¿cómo hago una llamada en zoom?":       "",
		"what is the help desk phone number":    "",
		"no puedo llamar a mi docente":          "",
		"sigue sin funcionar":                   SmallTalkStuck,
		"ya lo intenté":                         SmallTalkStuck,
		"no entiendo":                           SmallTalkStuck,
		"still not working":                     SmallTalkStuck,
		"it didn't work":                        SmallTalkStuck,
		"same problem":                          SmallTalkStuck,
		"explícame más sencillo":                SmallTalkStuck,
		"it's still not working":                SmallTalkStuck,
		"lo intento más tarde":                  SmallTalkAck,
		"no lo intento más":                     SmallTalkVague,
		"¿me lo puedes explicar de otra forma?": SmallTalkStuck,
		"can you explain it more simply?":       SmallTalkStuck,
		"explícame cómo subir un video":         "",
		"ya funcionó":                           SmallTalkSolved,
		"hola, ¿cómo está?":                     SmallTalkGreeting,
		"oe profe":                              SmallTalkGreeting, // Peru's "oye" (seen in the sandbox)
		"how are you":                           SmallTalkGreeting,
		"necesito hablar con mi tutor":          "",
		"tengo una pregunta sobre zoom":         "",
		"no funciona mi cámara":                 "",
		"no puedo entrar":                       "",
		"what is moodle":                        "",
		"perdón":                                SmallTalkAck,
		"sorry":                                 SmallTalkAck,
		"buen día":                              SmallTalkGreeting,
		"hola buenas tardes profesor, disculpe la molestia, tengo una consulta":               SmallTalkVague,
		"hola buenas tardes profesor, disculpe la molestia, tengo una consulta sobre el foro": "",
		"buenas, ¿hay clases mañana?":                                             "",
		"ok but my camera still doesnt work":                                      "",
		"gracias gracias gracias gracias gracias gracias gracias gracias gracias": "",
	} {
		if got := SmallTalk(text); got != want {
			t.Errorf("SmallTalk(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestSmallTalk_SearchNone: small talk never gets an article, in either
// language, and says which kind it is.
func TestSmallTalk_SearchNone(t *testing.T) {
	b := builtinBase(t)
	for _, q := range []Query{{Text: "muchas gracias profe", Lang: "es"}, {Text: "thanks so much", Lang: "en"}, {Text: "👍👍", Lang: "en"}, {Text: "hola", Lang: "en"}} {
		r := b.Search(q)
		if r.Confidence != ConfidenceNone || len(r.Shown()) != 0 || r.SmallTalk == "" {
			t.Errorf("%q: %s %d shown, small talk %q; want none, nothing shown, a kind", q.Text, r.Confidence, len(r.Shown()), r.SmallTalk)
		}
	}
	if r := b.Search(Query{Text: "gracias, como entrego mi tarea", Lang: "es"}); r.SmallTalk != "" || r.Confidence == ConfidenceNone {
		t.Errorf("a question with thanks: %s, small talk %q", r.Confidence, r.SmallTalk)
	}
}

// FuzzSmallTalk: any text gets a known kind or none, and small talk is
// never longer than maxSmallTalkWords words.
func FuzzSmallTalk(f *testing.F) {
	for _, s := range []string{"hola", "👍", "ok gracias", "holaaaa", "jajaja", "???", "thank you", "\xff", "ok ok ok ok ok ok ok ok ok"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		switch k := SmallTalk(s); k {
		case "", SmallTalkGreeting, SmallTalkThanks, SmallTalkAck, SmallTalkGoodbye, SmallTalkVague, SmallTalkStuck, SmallTalkPerson,
			SmallTalkSolved, SmallTalkQuiet:
			most := maxSmallTalkWords
			if w, _ := talkWords(s); k == SmallTalkVague || k == SmallTalkStuck || k == SmallTalkPerson || k == SmallTalkQuiet ||
				k == SmallTalkThanks && thanksFor(w) {
				most = maxVagueWords
			}
			if k != "" && utf8.ValidString(s) && wordCount(s) > most {
				t.Errorf("%q: %d words is small talk %q", s, wordCount(s), k)
			}
		default:
			t.Errorf("%q: unknown kind %q", s, k)
		}
	})
}

func wordCount(s string) int {
	w, _ := talkWords(s)
	return len(w)
}
