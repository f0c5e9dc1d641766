package knowledge

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
)

// TestIntent: the bot's own features asked for in words map to their
// commands in both languages; questions, negations, small talk and long
// messages do not.
func TestIntent(t *testing.T) {
	for text, want := range map[string]string{
		// a session with one's classmates, someone else brought to one's
		// session: the booking article or suggestions (seen in the
		// sandbox; read so since the night of 7 to 8 December)
		"quiero una mentoría grupal con mis compañeros": "mentoring",
		"i want a group session with my classmates":     "mentoring",
		"quiero una mentoria en grupo":                  "mentoring",
		"¿puedo llevar a un compañero a mi mentoría?":   "mentoring",
		"can my friend join my session?":                "mentoring",
		"quiero reservar una mentoría para mi amiga":    "mentoring",
		"mi compañero no puede entrar a la mentoría":    "",
		"¿cómo hago un trabajo en grupo?":               "",
		"gracias por la sesión de hoy":                  "",          // thanks: one's bookings of the day (seen in the sandbox)
		"el técnico me pidió una captura":               "mytickets", // its 📎 (suggestions, seen in the sandbox)
		"ya le mandé la captura al técnico":             "mytickets",
		"¿cómo tomo una captura para el técnico?":       "",
		"¿qué hace este bot?":                           "help", // suggestions (seen in the sandbox)
		"what is this bot for?":                         "help",
		"¿qué hace el bot con mis datos?":               "",
		"agrega mi curso de física":                     "mycourses", // its ➕, the name given (suggestions, seen in the sandbox)
		"add a new course called Physics I":             "mycourses",
		"¿cómo agrego un curso de moodle?":              "",
		"crea un curso de zoom en moodle":               "",
		"gracias, quiero otra sesión":                   "mentoring",

		"¿la mentoría del martes es por zoom o meet?": "mybookings",
		"is my session on zoom or meet?":              "mybookings",
		"zoom o meet":                                 "",
		"how many bookings do I have":                 "mybookings", // the booking article (seen in the sandbox)
		"how do I have to book?":                      "",

		"¿ya vieron mi ticket?":                                   "mytickets", // "I don't know" (seen in the sandbox)
		"¿quién atiende mi ticket?":                               "mytickets", // this and the next five, later that night: "I don't know" (seen in the sandbox)
		"mi ticket sigue sin resolver":                            "mytickets",
		"mi ticket no se resolvió":                                "mytickets",
		"¿por qué cerraron mi ticket?":                            "mytickets",
		"why was my ticket closed?":                               "mytickets",
		"how long will my ticket take?":                           "mytickets",
		"quiero calificar mi mentoría":                            "mybookings", // the booking article (seen in the sandbox)
		"I want to rate my mentor":                                "mybookings",
		"quiero calificar la sesión de ayer":                      "mybookings",
		"¿cuántas mentorías puedo reservar?":                      "mybookings", // the kinds to book (seen in the sandbox)
		"hola soy nuevo":                                          "help",       // "I don't know" (seen in the sandbox)
		"my ticket was closed but it still doesn't work":          "mytickets",  // suggestions (seen in the sandbox)
		"cerraron mi ticket pero sigue sin funcionar":             "mytickets",
		"es mi primera vez usando el bot":                         "help",
		"I'm new here":                                            "help",
		"soy nuevo en moodle":                                     "",
		"es nuevo":                                                "",
		"how many sessions can I book?":                           "mybookings",
		"¿cuántas mentorías grupales puedo reservar?":             "mentoring",
		"¿cómo califico una tarea?":                               "",
		"¿dónde veo mis calificaciones?":                          "",
		"¿cuánto demora en resolverse mi ticket?":                 "mytickets",
		"¿por qué no puedo cerrar mi ticket?":                     "",
		"quiero reabrir mi ticket":                                "mytickets",
		"¿el sistema está caído?":                                 "status", // an admin's "I don't know" (seen in the sandbox)
		"¿está funcionando moodle?":                               "status",
		"¿cómo funciona el sistema de calificaciones?":            "",
		"¿el bot guarda mis mensajes?":                            "privacy", // suggestions (seen in the sandbox)
		"do you keep my messages?":                                "privacy",
		"borra mis mensajes":                                      "deletemydata",
		"no me llegan los mensajes":                               "",
		"¿cuándo me toca la mentoría?":                            "mybookings", // suggestions (seen in the sandbox)
		"¿me puedo salir de la capacitación?":                     "trainings",  // "I don't know" (seen in the sandbox)
		"quiero salirme de la mentoría del martes":                "mybookings",
		"no puedo salir del aula virtual":                         "",
		"me inscribo a la capacitación":                           "trainings", // "I don't know" (seen in the sandbox)
		"me apunto al taller":                                     "trainings",
		"¿hay talleres este mes?":                                 "trainings",
		"any workshops this month?":                               "trainings",
		"I can't come on friday":                                  "mybookings",
		"no podré ir el viernes":                                  "mybookings",
		"which trainings are coming up?":                          "trainings",
		"reserva la sesión grupal del jueves":                     "mentoring",
		"la reserva del lunes":                                    "mybookings",
		"me equivoqué de horario, quiero otra hora":               "mybookings",
		"I booked the wrong time":                                 "mybookings",
		"¿hay mentorías los sábados?":                             "mentoring",
		"quiero ver mis tickets cerrados":                         "mytickets",
		"my old tickets":                                          "mytickets",
		"cancela mi mentoría del martes":                          "mybookings",
		"tengo una mentoría el martes, cancélala":                 "mybookings",
		"bórrame mis datos":                                       "deletemydata", // "I don't know" (seen in the sandbox)
		"la sesión del jueves, resérvamela":                       "mentoring",
		"sesiones grupales":                                       "mentoring", // one's bookings (seen in the sandbox)
		"avísame cuando vuelva el aula virtual":                   "status",    // suggestions (seen in the sandbox)
		"let me know when moodle is back":                         "status",
		"el aula virtual no vuelve":                               "",
		"ver sesiones grupales disponibles":                       "mentoring",
		"¿hay sesiones esta semana?":                              "mentoring",
		"are there any sessions available?":                       "mentoring",
		"mis sesiones grupales":                                   "mybookings",
		"¿tengo sesiones grupales?":                               "mybookings",
		"¿a qué hora es la sesión grupal?":                        "mybookings",
		"mi sesión del viernes, cámbiamela al lunes":              "mybookings",
		"la escuela":                                              "",
		"¿cuántas reservas me quedan?":                            "mybookings", // the booking article (seen in the sandbox)
		"¿el mentor ya envió el enlace?":                          "mybookings", // the booking article (seen in the sandbox)
		"quiero cerrar mi ticket":                                 "mytickets",  // "I don't know" (seen in the sandbox)
		"quiero registrar un curso nuevo":                         "mycourses",  // an article on reusing a course (seen in the sandbox)
		"sácame de la lista de espera":                            "mybookings", // suggestions (seen in the sandbox)
		"take me off the waitlist":                                "mybookings",
		"¿en qué lugar estoy en la lista de espera?":              "mybookings",
		"¿cuántos lugares quedan en la sesión del viernes?":       "mentoring", // suggestions (seen in the sandbox)
		"how many seats are left in the group session?":           "mentoring",
		"add a new course":                                        "mycourses",
		"¿cómo creo un curso nuevo en moodle?":                    "",
		"adjunto una captura para mi ticket":                      "mytickets", // "I don't know" (seen in the sandbox)
		"I want to add a screenshot to my ticket":                 "mytickets", // suggestions (seen in the sandbox)
		"¿cuándo van a resolver mi ticket?":                       "mytickets", // "I don't know" (seen in the sandbox)
		"ya no necesito ayuda con el ticket":                      "mytickets",
		"has the mentor sent the link?":                           "mybookings",
		"how many bookings do I have left?":                       "mybookings",
		"¿cuántas reservas más puedo hacer?":                      "mybookings",
		"¿qué tengo mañana?":                                      "mybookings", // small talk (seen in the sandbox)
		"¿tengo algo esta semana?":                                "mybookings", // an article on slow connections (seen in the sandbox)
		"mi agenda de la semana":                                  "mybookings", // "I don't know" (seen in the sandbox)
		"¿qué me toca el jueves?":                                 "mybookings",
		"what do I have tomorrow?":                                "mybookings",
		"do I have anything this week?":                           "mybookings",
		"what's on my schedule?":                                  "mybookings",
		"my schedule for next week":                               "mybookings",
		"tengo que reportar un problema mañana":                   "problem",
		"no tengo nada mañana":                                    "",
		"tengo algo que preguntar":                                "",
		"¿qué tengo que hacer para subir una tarea mañana?":       "",
		"el calendario académico":                                 "",
		"anula mi reserva":                                        "mybookings",
		"resérvame una mentoría":                                  "mentoring",
		"¿cuántas reservas tengo?":                                "mybookings",
		"¿cuántas mentorías tengo esta semana?":                   "mybookings",
		"quiero reservar una mentoría":                            "mentoring",
		"¿quién es mi mentor?":                                    "mybookings",
		"¿me puedes mandar el enlace de mi mentoría?":             "mybookings",
		"send me the link of my mentoring session":                "mybookings",
		"cambia mi mentoría del lunes al jueves":                  "mybookings",
		"quiero ser mentor":                                       "",
		"I'd like to book a group session next week":              "mentoring",
		"quisiera reservar una mentoría grupal la próxima semana": "mentoring",
		"me gustaría reservar una mentoría":                       "mentoring",
		"what does moodle look like":                              "",
		"cancelar mi mentoría del martes a las 3":                 "mybookings",
		"cancelar mi mentoría del martes a las tres":              "mybookings",
		"cancel my session at 3pm":                                "mybookings",
		"cancelar mi mentoría del 8 de diciembre":                 "mybookings",
		"quiero reservar una mentoría para el jueves a las 4":     "mentoring",
		"tengo 3 cursos":                                          "",
		"no puedo entrar desde las 3":                             "",
		"necesito un mentor":                                      "mentoring",
		"cómo reservo una cita con un mentor":                     "mentoring",
		"quiero hablar con mi tutor":                              "mentoring",
		"como saco cita con una mentora":                          "mentoring",
		"i need a tutor":                                          "mentoring",
		"how do i book a mentoring session":                       "mentoring",
		"quiero cancelar mi reserva":                              "mybookings",
		"cancelar mi mentoría":                                    "mybookings",
		"mis reservas":                                            "mybookings",
		"cancel my booking":                                       "mybookings",
		"quiero reservar una sesión":                              "mentoring",
		"reservar sesión grupal":                                  "mentoring",
		"book a session":                                          "mentoring",
		"hay mentorías disponibles":                               "mentoring",
		"are there mentoring slots":                               "mentoring",
		"ver mis tutorías":                                        "mybookings",
		"muéstrame mis reservas":                                  "mybookings",
		"quiero ver el calendario de formaciones":                 "trainings",
		"book me with the same mentor again":                      "mentoring",
		"el técnico no me responde":                               "mytickets",
		"how do I use this bot?":                                  "help",
		"¿cómo funciona el bot?":                                  "help",
		"el bot no funciona":                                      "",
		"this bot":                                                "",
		"me cambié de universidad":                                "profile",
		"I moved to another university":                           "profile",
		"quiero otra sesión":                                      "mentoring",
		"quiero una sesión a las 4":                               "mentoring",
		"i need an appointment":                                   "mentoring",
		"quiero cancelar una sesión":                              "mybookings",
		"¿cuánto dura la sesión?":                                 "mybookings",
		"what did the technician say?":                            "mytickets",
		"¿qué dijo el técnico?":                                   "mytickets",
		"¿cuántos cursos ya pasaron a virtual?":                   "mycourses",
		"¿cuántos cursos hay?":                                    "",
		"no me han respondido del ticket":                         "mytickets",
		"nadie me responde":                                       "",
		"no sé responder el ticket":                               "",
		"I'd like a one-on-one session":                           "mentoring",
		"una sesión privada":                                      "mentoring",
		"¿cómo envío un mensaje privado?":                         "",
		"calendario académico":                                    "",
		"show my bookings":                                        "mybookings",
		"lista de mis reservas":                                   "mybookings",
		"¿cuáles son mis reservas?":                               "mybookings",
		"dame mis reservas":                                       "mybookings",
		"show me the tickets":                                     "mytickets",
		"list my tickets":                                         "mytickets",
		"show me available sessions":                              "mentoring",
		"dame una mentoría":                                       "mentoring",
		"lista de espera":                                         "",
		"muéstrame cómo subir un video":                           "",
		"a qué hora es mi mentoría":                               "mybookings",
		"when is my session":                                      "mybookings",
		"cuándo hay mentorías":                                    "mentoring",
		"cancel my session":                                       "mybookings",
		"quiero cambiar mi mentoría":                              "mybookings",
		"cambiar mi reserva para otro día":                        "mybookings",
		"mover mi cita":                                           "mybookings",
		"change my mentoring session":                             "mybookings",
		"i want to move my booking":                               "mybookings",
		"cambiar de mentor":                                       "mybookings",
		"change the language":                                     "language",
		"tengo un problema técnico":                               "problem",
		"quiero reportar un problema":                             "problem",
		"i want to report a problem":                              "problem",
		"quiero reportar un problema con zoom":                    "problem",
		"report an issue with the moodle app":                     "problem",
		"cómo veo mis tickets":                                    "mytickets",
		"cómo va mi caso":                                         "mytickets",
		"¿cómo va mi reporte?":                                    "mytickets",
		"mis reportes":                                            "mytickets",
		"my reports":                                              "mytickets",
		"¿el equipo técnico ya respondió?":                        "mytickets",
		"¿ya respondieron mi ticket?":                             "mytickets",
		"quiero hacer un reporte":                                 "",
		"I can't make my mentoring session tomorrow":              "mybookings",
		"no podré ir a mi mentoría del martes":                    "mybookings",
		"ya no quiero la mentoría del martes":                     "mybookings",
		"hola, no me llegó el enlace de la mentoría":              "mybookings",
		"¿en qué paso va mi curso?":                               "mycourses",
		"avance de mi curso":                                      "mycourses",
		"what steps are left for my course?":                      "mycourses",
		"paso a paso para mi curso":                               "",
		"¿cómo va mi curso?":                                      "",
		"mi curso era en aula y ahora es online":                  "",
		"¿me pasas el enlace de mi mentoría?":                     "mybookings",
		"can you please send me the link of my mentoring again?":  "mybookings",
		"no tengo el link de mi mentoría":                         "mybookings",
		"i dont have the link for my mentoring session":           "mybookings",
		"no tengo mentor":                                         "",
		"no encuentro el enlace de mi curso":                      "",
		"¿me pasas el link de zoom para mi clase?":                "",
		"dile a mi mentor":                                        "mybookings",
		"¿me puedes recordar mi mentoría una hora antes?":         "mybookings",
		"remind me of my session":                                 "mybookings",
		"¿me avisas antes de mi mentoría?":                        "mybookings",
		"¿qué debo hacer antes de mi mentoría?":                   "",
		"recuérdame la tarea":                                     "",
		"avísame cuando hay mentorías disponibles":                "mentoring",
		"dile al equipo técnico":                                  "mytickets",
		"tell the technical team":                                 "mytickets",
		"avisa al equipo técnico de un problema":                  "problem",
		"tell my mentor":                                          "mybookings",
		"escribe a mi mentora":                                    "mybookings",
		"tell me about mentoring":                                 "",
		"I didn't get the link for my session":                    "mybookings",
		"no me llegó el correo de confirmación":                   "",
		"no me llegó la nota":                                     "",
		"mándame los horarios de mentoría":                        "mentoring",
		"I no longer need my mentoring session":                   "mybookings",
		"ya no quiero recibir avisos":                             "",
		"no puedo ir a clases":                                    "",
		"how is my ticket going?":                                 "mytickets",
		"¿hay novedades de mi reporte?":                           "mytickets",
		"any news?":                                               "",
		"quiero cambiar el idioma":                                "language",
		"en inglés por favor":                                     "language",
		"do you speak english":                                    "language",
		"borrar mis datos":                                        "deletemydata",
		"delete my account":                                       "deletemydata",
		"qué datos guardan de mí":                                 "privacy",
		"privacy":                                                 "privacy",
		"qué puedes hacer":                                        "help",
		"what can you do":                                         "help",
		"menú":                                                    "help",
		"quiero cambiar mi universidad":                           "profile",
		"me equivoqué de universidad":                             "profile",
		"cambiar mi rol":                                          "profile",
		"cómo cambio mi perfil":                                   "",
		"change my university":                                    "profile",
		"wrong university":                                        "profile",
		"soy docente, no estudiante":                              "profile",
		"Soy profesora":                                           "profile",
		"I'm a teacher, not a student":                            "profile",
		"i am a student":                                          "profile",
		"soy docente y quiero subir mis notas":                    "",
		"gracias profe":                                           "",
		// Not requests for a feature.
		"no quiero borrar mis datos":                                       "",
		"tengo un problema":                                                "",
		"mi cuenta está bloqueada":                                         "",
		"how do i create a quiz":                                           "",
		"quiero hablar con una persona":                                    "",
		"hola":                                                             "",
		"error 404":                                                        "",
		"how do i report plagiarism":                                       "",
		"no quiero reportar un problema con zoom":                          "",
		"problema con zoom, no lo quiero reportar":                         "",
		"reportar que zoom no funciona, es un problema":                    "problem",
		"quiero reportar que no funciona, es un problema":                  "problem",
		"qué puedo hacer":                                                  "",
		"¿qué puedo hacer como administrador?":                             "help",
		"what can I do as a coordinator?":                                  "help",
		"¿qué puedo hacer si no me deja entrar?":                           "",
		"hay mentorías en mi universidad":                                  "mentoring",
		"cómo me inscribo en la universidad":                               "",
		"quiero reservar una mentoría para hablar de mis clases de mañana": "",
		// The day the booking is on.
		"quiero cancelar mi mentoría del martes":      "mybookings",
		"cambiar mi cita de hoy":                      "mybookings",
		"cancel my session on tuesday":                "mybookings",
		"quiero reservar una mentoría para el jueves": "mentoring",
		"book a mentor for tomorrow":                  "mentoring",
		"mentoría la próxima semana":                  "mentoring",
		"hay clases el martes":                        "",
		"cancelaron la clase de hoy":                  "",
		"next week":                                   "",
		// The trainings and the virtual classroom's state.
		"capacitaciones": "trainings",
		"inscríbeme en la formación del miércoles":        "trainings",
		"quiero ir a la capacitación de cuestionarios":    "trainings",
		"sign me up for the quizzes workshop":             "trainings",
		"no podré ir a la capacitación de cuestionarios":  "trainings",
		"no quiero ir a la capacitación de cuestionarios": "",
		"la capacitación de cuestionarios no funciona":    "",
		"¿hay talleres esta semana?":                      "trainings",
		"quiero inscribirme en una capacitación":          "trainings",
		"upcoming trainings":                              "trainings",
		"how do i create a workshop in moodle":            "",
		"cómo creo un taller en moodle":                   "",
		"no quiero más capacitaciones":                    "",
		"cuando es la capacitacion de cuestionarios?":     "trainings",
		"¿a qué hora es el taller del miércoles?":         "trainings",
		"what time is the quizzes workshop?":              "trainings",
		"¿cuándo uso un taller en moodle?":                "",
		"when should i use a workshop activity":           "",
		"¿cuándo no hay capacitación?":                    "",
		"¿funciona el aula virtual?":                      "status",
		"el aula virtual está caída?":                     "status",
		"¿se cayó moodle?":                                "status",
		"is the platform down":                            "status",
		"estado del aula virtual":                         "status",
		"el aula virtual no funciona":                     "",
		"ya funciona el aula virtual":                     "",
		"is moodle down right now":                        "status", // suggestions (seen in the sandbox)
		"is the platform down now?":                       "status",
		"moodle is up again":                              "", // an acknowledgement
		"el aula virtual ya está activa":                  "",
		"aula virtual":                                    "",
		"quiero reportar un problema con moodle":          "problem",
		"el campus virtual no carga desde la mañana":      "",
		"virtual group work":                              "", // an article's title: "work" is a noun
		"how to add a link to my course":                  "", // something added to the course, not the course
		"agrega material a mi curso":                      "",
		"add a video to the course":                       "",
		"add a course":                                    "mycourses",
	} {
		if got := Intent(text); got != want {
			t.Errorf("Intent(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestReportNames: a report asked for in words names what fails when it
// has words of the person's own; the request alone, or anything that is
// not a report, names nothing. FuzzIntent checks the same for any text.
func TestReportNames(t *testing.T) {
	for text, want := range map[string]bool{
		"quiero reportar un problema con zoom":            true,
		"reportar que el aula virtual no carga":           false, // no failure word: not a report in words
		"reportar que zoom no funciona, es un problema":   true,
		"report a bug in the quiz":                        true,
		"quiero reportar un problema":                     false,
		"quiero reportar un problema con el aula virtual": true, // the classroom's words stay the report's
		"tengo un problema técnico":                       false,
		"i want to report a problem please":               false,
		"problema con zoom, no lo quiero reportar":        false,
		"quiero reservar una mentoría":                    false,
	} {
		if got := ReportNames(text); got != want {
			t.Errorf("ReportNames(%q) = %v, want %v", text, got, want)
		}
	}
}

// FuzzIntent: any text asks for one of the known commands or none, and
// never in more than maxSmallTalkWords words of a request (asked); only a
// report names what fails.
func FuzzIntent(f *testing.F) {
	for _, s := range []string{"quiero reservar una mentoría", "cancel my booking", "menú", "\xff", "no", "",
		"hola, no me llegó el enlace de la mentoría"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ReportNames(s) && Intent(s) != "problem" {
			t.Errorf("%q names a report's failure but asks for %q", s, Intent(s))
		}
		switch c := Intent(s); c {
		case "":
		case "mentoring", "mybookings", "problem", "mytickets", "language", "deletemydata", "privacy", "help", "profile",
			"trainings", "status":
			if n := asked(s, notReceived); n > maxSmallTalkWords {
				t.Errorf("%q: %d words ask for %q", s, n, c)
			}
		default:
			t.Errorf("%q: unknown command %q", s, c)
		}
	})
}

// TestTicketNamed: a ticket's id alone, or asked after in the intents'
// words, names it; words that say something of it, a negation, two
// tickets or a hyphenated word without digits after it do not.
func TestTicketNamed(t *testing.T) {
	for text, want := range map[string]string{
		"UNMA-4":                              "UNMA-4",
		"unma-4":                              "UNMA-4",
		"#UNMA-4":                             "UNMA-4",
		"¿cómo va el UNMA-4?":                 "UNMA-4",
		"estado del ticket unma-4":            "UNMA-4",
		"any news on UNMA-4?":                 "UNMA-4",
		"¿está resuelto el UNMA-4?":           "UNMA-4",
		"is UNMA-4 still open?":               "UNMA-4",
		"¿cuánto llevo con el UNMA-4?":        "UNMA-4",
		"how long has UNMA-4 been open?":      "UNMA-4",
		"hola, qué pasa con mi ticket UNMA-4": "UNMA-4",
		"UNMA-4 UNMA-4":                       "UNMA-4",
		"¿qué le pasa al UNMA-4?":             "UNMA-4", // suggestions (seen in the sandbox)
		"¿qué dijo UNMA-4 en su ticket?":      "UNMA-4",
		"what did UNMA-4 say?":                "UNMA-4",
		"¿quién atiende el UNMA-4?":           "UNMA-4", // later that night
		"¿por qué cerraron el UNMA-4?":        "UNMA-4",
		"¿cuánto tarda el UNMA-4?":            "UNMA-4",
		"UNMA-4 dice que no puede entrar":     "",
		"UNMA-4 en su casa":                   "",
		"UNMA-4 sigue sin funcionar":          "",
		"UNMA-4 no funciona":                  "",
		"UNMA-4 y UNMA-5":                     "",
		"cómo subo un video UNMA-4":           "",
		"e-learning":                          "",
		"mi-ticket":                           "",
		"UNMA 4":                              "",
		"":                                    "",
	} {
		if got := TicketNamed(text); got != want {
			t.Errorf("TicketNamed(%q) = %q, want %q", text, got, want)
		}
	}
}

// FuzzTicketNamed: whatever the text, what TicketNamed names is a
// ticket's id written in it, and more than maxSmallTalkWords words
// beside it name nothing.
func FuzzTicketNamed(f *testing.F) {
	for _, s := range []string{"UNMA-4", "¿cómo va el unma-4?", "UNMA-4 y UNMA-5", "#a-1", "\xff-1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id := TicketNamed(s)
		if id == "" {
			return
		}
		if uni, n, ok := aulabot.ParseTicketID(id); !ok || aulabot.TicketID(uni, n) != id {
			t.Fatalf("%q names %q, not a ticket's id", s, id)
		}
		if !strings.Contains(strings.ToUpper(s), id[:strings.LastIndexByte(id, '-')+1]) {
			t.Errorf("%q names %q, which it does not write", s, id)
		}
		if TicketNamed(s+" "+strings.Repeat("hola ", maxSmallTalkWords)) != "" {
			t.Errorf("%q names %q with %d more words", s, id, maxSmallTalkWords)
		}
	})
}

// TestTrainingAsk: what the words that ask for /trainings ask of a
// training: to go, not to go, or nothing but the list.
func TestTrainingAsk(t *testing.T) {
	for text, want := range map[string]string{
		"inscríbeme en la formación del miércoles":       "attend",
		"sign me up for the quizzes workshop":            "attend",
		"no podré ir a la capacitación de cuestionarios": "decline",
		"I can't make the training on friday":            "decline",
		"próximas capacitaciones":                        "",
		"quiero reservar una mentoría":                   "",
	} {
		if got := TrainingAsk(text); got != want {
			t.Errorf("TrainingAsk(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestTicketAction: a ticket named with the words of something to do
// with it, in both languages, asks for that; questions, negations, words
// of one's own, two actions or two tickets ask for nothing.
func TestTicketAction(t *testing.T) {
	for text, want := range map[string]string{
		"tomo el UNMA-4":                            "UNMA-4 claim",
		"tomo el UNMA-4 porfa":                      "UNMA-4 claim",   // the help desk's article (seen in the sandbox)
		"close UNMA-4, it's fixed":                  "UNMA-4 resolve", // "I don't know" (seen in the sandbox)
		"give UNMA-4 back":                          "UNMA-4 release",
		"give UNMA-4 to Ana":                        "UNMA-4 pass",
		"tell the requester of UNMA-4":              "UNMA-4 reply",
		"reply to UNMA-4":                           "UNMA-4 reply",
		"pide una captura al UNMA-4":                "UNMA-4 reply", // later that night: the help desk's article (seen in the sandbox)
		"ask UNMA-4 for a screenshot":               "UNMA-4 reply",
		"el técnico del UNMA-4 me pide una captura": " ",
		"yo tomo el unma-4":                         "UNMA-4 claim",
		"me encargo del UNMA-4":                     "UNMA-4 claim",
		"I'll take UNMA-4":                          "UNMA-4 claim",
		"claim UNMA-4":                              "UNMA-4 claim",
		"soltar UNMA-3":                             "UNMA-3 release",
		"release unma-3":                            "UNMA-3 release",
		"UNMA-3 resuelto":                           "UNMA-3 resolve",
		"resolver el UNMA-3":                        "UNMA-3 resolve",
		"marcar UNMA-3 como resuelto":               "UNMA-3 resolve",
		"mark UNMA-3 as resolved":                   "UNMA-3 resolve",
		"responder al UNMA-4":                       "UNMA-4 reply",
		"reply UNMA-4":                              "UNMA-4 reply",
		"cerrar mi ticket UNMA-4":                   "UNMA-4 close",
		"close UNMA-4 please":                       "UNMA-4 close",
		"cierra el UNMA-3, ya quedó":                "UNMA-3 resolve",
		"UNMA-3 arreglado":                          "UNMA-3 resolve",
		"UNMA-3 is fixed":                           "UNMA-3 resolve",
		"UNMA-3 ya quedó":                           "UNMA-3 resolve",
		"toma el UNMA-3":                            "UNMA-3 claim",
		"asígnamelo UNMA-3":                         "UNMA-3 claim",
		"suelta el UNMA-3":                          "UNMA-3 release",
		"devuelve el UNMA-3 a la cola":              "UNMA-3 release",
		"pídele al UNMA-3":                          "UNMA-3 reply",
		"ask UNMA-3":                                "UNMA-3 reply",
		"escríbele al UNMA-3":                       "UNMA-3 reply",
		"tell UNMA-3":                               "UNMA-3 reply",
		"put UNMA-3 back in the queue":              "UNMA-3 release",
		"UNMA-3 en la cola":                         " ",
		"resuelve el UNMA-3":                        "UNMA-3 resolve",
		"cierra el UNMA-3":                          "UNMA-3 close",
		"pásale el ticket UNMA-3 a Tec 2":           "UNMA-3 pass",
		"pasa el UNMA-3 al de turno":                "UNMA-3 pass",
		"asigna UNMA-3":                             "UNMA-3 pass",
		"give UNMA-3 to Ana please":                 "UNMA-3 pass",
		"qué pasa con el UNMA-3":                    " ",
		"pasa el UNMA-3 y lo resuelvo":              " ",
		"¿está resuelto el UNMA-3?":                 " ",
		"ya está resuelto el UNMA-3":                " ",
		"resuelto?":                                 " ",
		"no tomo el UNMA-4":                         " ",
		"UNMA-4":                                    " ",
		"¿cómo va el UNMA-4?":                       " ",
		"tomo el UNMA-4 y lo resuelvo":              " ",
		"tomar UNMA-4 y resolver":                   " ",
		"tomo UNMA-4 y UNMA-5":                      " ",
		"tomar la tarea":                            " ",
		"resolver ecuaciones UNMA-4":                " ",
		"":                                          " ",
	} {
		if id, action := TicketAction(text); id+" "+action != want {
			t.Errorf("TicketAction(%q) = %q, %q, want %q", text, id, action, want)
		}
	}
}

// FuzzTicketAction: whatever the text, what TicketAction names is a
// ticket's id written in it with one of the actions, never for a
// question, and more than maxSmallTalkWords words beside it name nothing.
func FuzzTicketAction(f *testing.F) {
	for _, s := range []string{"tomo el UNMA-4", "UNMA-3 resuelto", "¿está resuelto el UNMA-3?", "tomar UNMA-4 y resolver", "\xff-1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, action := TicketAction(s)
		if id == "" {
			if action != "" {
				t.Fatalf("%q: action %q without a ticket", s, action)
			}
			return
		}
		if uni, n, ok := aulabot.ParseTicketID(id); !ok || aulabot.TicketID(uni, n) != id {
			t.Fatalf("%q names %q, not a ticket's id", s, id)
		}
		if ticketActions[action] == nil {
			t.Errorf("%q asks %q, not an action", s, action)
		}
		if strings.ContainsAny(s, "?¿") {
			t.Errorf("%q, a question, asks %q of %s", s, action, id)
		}
		if id, _ := TicketAction(s + " " + strings.Repeat("el ", maxSmallTalkWords)); id != "" {
			t.Errorf("%q names %q with %d more words", s, id, maxSmallTalkWords)
		}
	})
}

// FuzzTicketAsked: whatever the text, TicketAsked's one reading is
// TicketAction's when that names an action, else TicketNamed's.
func FuzzTicketAsked(f *testing.F) {
	for _, s := range []string{"tomo el UNMA-4", "¿cómo va el UNMA-4?", "UNMA-3 resuelto", "¿está resuelto el UNMA-3?",
		"UNMA-4 sigue sin funcionar", "UNMA-4 y UNMA-5", "sin guion", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, action := TicketAsked(s)
		wantID, wantAction := TicketAction(s)
		if wantID == "" {
			wantID = TicketNamed(s)
		}
		if id != wantID || action != wantAction {
			t.Errorf("TicketAsked(%q) = %q, %q; want %q, %q", s, id, action, wantID, wantAction)
		}
	})
}

// TestStaffIntent: staff's commands asked for in words map to them in
// both languages; a report of a failure, questions with words of their
// own, one's own tickets and negations do not.
func TestStaffIntent(t *testing.T) {
	for text, want := range map[string]string{
		// who attends by its noun, since the night of 7 to 8 December
		// (suggestions, seen in the sandbox); a course's participants
		// stay a question
		"pásame la lista de asistentes de mi sesión del martes": "slots",
		"who are the attendees of my session tomorrow?":         "slots",
		"lista de participantes del curso en moodle":            "",
		// the virtual classroom's list and grades, lines of its articles
		// (a mentor's sessions and a coordinator's report until 8
		// December): a session's participants stay a mentor's
		"¿cómo veo la lista de participantes?": "",
		"where is the participants list":       "",
		"lista de participantes de la sesión":  "slots",
		"exportar notas a excel":               "",
		"export grades to excel":               "",
		"exportar el reporte a excel":          "report",
		// the programme as a whole, its satisfaction, what the base
		// lacks ("I don't know" or suggestions, seen in the sandbox on 8
		// December)
		"how is the program going this month":                      "report",
		"¿cómo va el programa este mes?":                           "report",
		"programa una sesión para el martes":                       "newslot",
		"show me the satisfaction ratings":                         "report",
		"which topics should we add to the knowledge base":         "gaps",
		"¿qué temas deberíamos agregar a la base de conocimiento?": "gaps",
		"thanks for the session today":                             "", // thanks, not /today
		// what is asked most, the staff's ratings: the report, since
		// the night of 7 to 8 December (suggestions, seen in the sandbox)
		"¿qué temas preguntan más?":               "report",
		"most asked topics":                       "report",
		"calificaciones de los mentores":          "report",
		"¿cómo califican a los mentores?":         "report",
		"¿cómo califico a mi mentor?":             "",
		"cambia el tema de mi sesión del martes":  "slots", // its ✏️ (suggestions, seen in the sandbox)
		"what questions couldn't the bot answer?": "gaps",  // an article answered directly (seen in the sandbox)
		"what couldn't you answer?":               "gaps",
		// the tickets as a whole (the university's name taken out):
		// the queue, since the night of 7 to 8 December
		"quiero ver los tickets de la": "queue",
		"show me all the tickets":      "queue",
		"todos los tickets":            "queue",
		"ver mis tickets":              "",
		"los tickets de Rosa":          "",

		"¿qué mentores tienen más sesiones?":                                 "report",
		"¿quién tiene más tickets?":                                          "report",
		"¿qué técnico resolvió más tickets?":                                 "report",
		"quiero descargar los datos en excel":                                "report",
		"exportar el informe":                                                "report",
		"download the figures":                                               "report",
		"descargar mis datos":                                                "",
		"¿qué datos guardan?":                                                "",
		"¿cuántas reservas tengo esta semana?":                               "slots",
		"quiero abrir un horario el viernes a las 10 de 45 minutos":          "newslot",
		"¿cómo van las encuestas?":                                           "surveys",
		"programa un aviso para los estudiantes":                             "announce",
		"no estaré disponible la próxima semana":                             "slots", // "I don't know" or suggestions (seen in the sandbox)
		"I'm on vacation next week":                                          "slots",
		"bloquea mi agenda el viernes":                                       "slots",
		"no estaré disponible":                                               "",
		"¿cuántos usuarios tiene el bot?":                                    "report", // suggestions (seen in the sandbox)
		"how many users does the bot have?":                                  "report",
		"how did my sessions go this month?":                                 "mystats", // "I don't know" (seen in the sandbox)
		"¿cómo me fue en mis sesiones este mes?":                             "mystats",
		"how do I go to my session?":                                         "slots",
		"¿qué tickets llevan más de un día?":                                 "queue", // suggestions (seen in the sandbox)
		"tickets older than a day":                                           "queue",
		"cierra la encuesta":                                                 "surveys", // an article on video calls, answered directly (seen in the sandbox)
		"close the survey":                                                   "surveys",
		"recuérdales a los inscritos de la formación":                        "events", // "I don't know" (seen in the sandbox)
		"remind the training attendees":                                      "events", // later that night: "I don't know" (seen in the sandbox)
		"remind me of the training":                                          "",
		"which questions could the bot not answer?":                          "gaps",  // an article answered directly (seen in the sandbox)
		"who is on the technical team?":                                      "staff", // suggestions (seen in the sandbox)
		"how many technical problems were reported?":                         "",
		"which tickets are unassigned?":                                      "queue",  // "I don't know" (seen in the sandbox)
		"manda un recordatorio a los inscritos de la capacitación":           "events", // suggestions (seen in the sandbox)
		"manda un recordatorio a los inscritos de mi sesión del martes":      "slots",
		"cancela el anuncio programado":                                      "announce", // "I don't know" (seen in the sandbox): its progress, with ⛔
		"stop the announcement":                                              "announce",
		"stop sending me messages":                                           "",
		"¿qué es el programa?":                                               "",
		"¿cómo van los tickets?":                                             "queue",
		"how are the tickets going?":                                         "queue",
		"¿cómo van las reservas?":                                            "slots",
		"¿cómo van las formaciones?":                                         "events",
		"¿cómo van mis tickets?":                                             "",
		"how is the survey going?":                                           "surveys",
		"¿cómo está el aula virtual?":                                        "",
		"¿cómo va mi curso?":                                                 "",
		"publish a slot on friday at 10 for 45 minutes":                      "newslot",
		"¿cuántos minutos dura una mentoría?":                                "",
		"how long is a mentoring session":                                    "",
		"how many bookings do I have":                                        "slots",
		"¿cuántos tickets hay?":                                              "queue",
		"¿cuál es el ticket más antiguo?":                                    "queue",
		"¿cuáles son las preguntas más frecuentes?":                          "report",
		"which mentor has the best ratings?":                                 "report",
		"¿cuántas personas se registraron esta semana?":                      "report",
		"preguntas frecuentes sobre moodle":                                  "",
		"¿cuál es el mejor navegador para moodle?":                           "",
		"agrega a un nuevo mentor":                                           "staff",
		"¿quién es el coordinador?":                                          "staff",
		"exportar las notas del curso a excel":                               "",
		"who is the technician?":                                             "staff",
		"how do I add a mentor?":                                             "staff",
		"remove a technician":                                                "staff",
		"quiero agregar un mentor a mi curso":                                "",
		"what is the oldest ticket?":                                         "queue",
		"mis tickets viejos":                                                 "",
		"cancela la formación de cuestionarios":                              "events",
		"cambia la formación de rúbricas al viernes a las 5":                 "events",
		"¿cuántas personas se inscribieron a la formación de cuestionarios?": "events",
		"no cambies la formación de cuestionarios":                           "",
		"¿quién no ha respondido la encuesta?":                               "surveys",
		"which mentors have the most sessions?":                              "report",
		"show me the unanswered questions":                                   "gaps",
		"send a message to all teachers":                                     "announce",
		"enviar un mensaje a todos los docentes":                             "announce",
		"what did the bot not know this week?":                               "gaps",
		"cancel the quiz training":                                           "events",
		"¿quién vino a mi sesión de ayer?":                                   "slots",
		"who came to my session yesterday?":                                  "slots",
		"duplica mi sesión del lunes para la próxima semana":                 "slots",
		"copia mi sesión del jueves al viernes a las 9":                      "slots",
		"copy my thursday session to next week":                              "slots",
		"repite mi sesión grupal del martes la próxima semana":               "slots",
		"repite la formación de cuestionarios":                               "",
		"agrega una nota privada a la sesión del lunes":                      "slots",
		"add a note to my monday session":                                    "slots",
		"pon el enlace en la sesión del martes":                              "slots",
		"publicar un horario con enlace":                                     "newslot",
		"who are the mentors?":                                               "staff",
		"¿quiénes son los técnicos de la?":                                   "staff",
		"¿cuántas universidades hay?":                                        "staff",
		"lista de mentores":                                                  "staff",
		"create a survey":                                                    "surveys",
		"crear una formación":                                                "newevent",
		"nueva capacitación":                                                 "newevent",
		"new training":                                                       "newevent",
		"enviar un anuncio a los docentes":                                   "announce",
		"send an announcement":                                               "announce",
		"informe de esta semana":                                             "report",
		"reporte de la semana pasada":                                        "report",
		"weekly report":                                                      "report",
		"preguntas pendientes":                                               "gaps",
		"preguntas sin respuesta":                                            "gaps",
		"¿qué preguntas no supo responder el bot?":                           "gaps",
		"questions the bot didn't answer":                                    "gaps",
		"publicar un horario":                                                "newslot",
		"abrir horarios de mentoría":                                         "newslot",
		"mi agenda de hoy":                                                   "today",
		"¿qué tengo mañana?":                                                 "slots", // small talk (seen in the sandbox)
		"mi agenda de mañana":                                                "slots", // today's agenda (seen in the sandbox)
		"what do I have on friday?":                                          "slots",
		"¿qué tengo hoy?":                                                    "today",
		"mi agenda":                                                          "today",
		"¿tengo algo esta semana?":                                           "slots",
		"cancelar una sesión":                                                "slots",
		"ver mis horarios":                                                   "slots",
		"move my session":                                                    "slots",
		"my sessions today":                                                  "today",
		"tickets sin tomar":                                                  "queue",
		"my assigned tickets":                                                "queue",   // "I don't know" (seen in the sandbox)
		"show me this week's unanswered questions":                           "gaps",    // suggestions (seen in the sandbox)
		"¿cuál es mi calificación promedio?":                                 "mystats", // suggestions (seen in the sandbox)
		"¿cuántas horas de mentoría di este mes?":                            "mystats", // the booking article (seen in the sandbox)
		"bórrame la sesión del martes a las 10":                              "slots",   // one's bookings (seen in the sandbox)
		"¿qué mentor tiene mejor calificación?":                              "report",
		"this week’s report":                                                 "report",
		"agrega a Ana como mentora":                                          "staff", // the booking article (seen in the sandbox)
		"add Luis Ruiz as a technician":                                      "staff",
		"quita a Luis del equipo técnico":                                    "staff",
		"agrega una nota a la sesión del lunes":                              "slots",
		"tickets asignados a mí":                                             "queue",
		"¿cuáles tickets tengo asignados?":                                   "queue",
		"avisa a los inscritos de mi sesión del lunes":                       "slots",
		"avisa a los inscritos de la formación del miércoles":                "events",
		"tell the people coming to the training":                             "events",
		"recarga la base de conocimiento":                                    "reload",
		"reload the knowledge base":                                          "reload",
		"actualiza los artículos":                                            "reload",
		"avisa a los inscritos de la formación de quizzes en moodle":         "events",
		"mensaje de la formación de quizzes":                                 "",
		"no puedo dar la sesión del martes":                                  "slots",
		"no voy a poder dar mi sesión del martes, cancélala":                 "slots", // suggestions (seen in the sandbox)
		"quiero cancelarla, la sesión del jueves":                            "slots",
		"envía un aviso a todos los docentes":                                "announce", // suggestions (seen in the sandbox)
		"¿cuántas sesiones di este mes?":                                     "mystats",  // "I don't know" (seen in the sandbox)
		"cambia el cupo de mi sesión del viernes a 8":                        "slots",
		"set the seats of my wednesday session to 12":                        "slots", // suggestions (seen in the sandbox)
		"crear una sesión grupal de 10 cupos":                                "newslot",
		"abre más cupos en la sesión del martes":                             "slots",
		"crea otra sesión con más cupos":                                     "newslot",
		"¿cuántos tickets resolví esta semana?":                              "mystats",
		"¿cuántas mentorías he dado?":                                        "mystats",
		"how many tickets did I resolve?":                                    "mystats",
		"how many sessions have I given this month":                          "mystats",
		"how many sessions did I give this month?":                           "mystats", // later that night: a new session (seen in the sandbox)
		"I want to give a session on friday":                                 "newslot",
		"cierra la sesión del martes":                                        "slots", // suggestions (seen in the sandbox)
		"close my tuesday session":                                           "slots",
		"cierra sesión":                                                      "",      // logging out
		"¿quién no vino a mi sesión del domingo?":                            "slots", // suggestions (seen in the sandbox)
		"who didn't come to my session on sunday?":                           "slots",
		"el mentor no llegó":                                                 "",
		"¿qué mentores tenemos?":                                             "staff", // later that night: "I don't know" (seen in the sandbox)
		"who are our mentors?":                                               "staff",
		"¿quién es el técnico más rápido?":                                   "report", // an article on study techniques (seen in the sandbox)
		"which technician is the slowest?":                                   "report",
		"agrega una respuesta a la base de conocimiento":                     "gaps", // "I don't know" (seen in the sandbox)
		"add an answer to the knowledge base":                                "gaps",
		"no agregues respuestas":                                             "",
		"quiero cerrar mi sesión del aula":                                   "",
		"mis cifras":                                                         "mystats",
		"my stats":                                                           "mystats",
		"publica un comunicado para los docentes":                            "announce",
		"haz un anuncio para todos":                                          "announce",
		"crea una formación":                                                 "newevent",
		"abre una sesión grupal el viernes":                                  "newslot",
		"publica un horario":                                                 "newslot",
		"la escuela de verano":                                               "",
		"I can't hold my session on friday":                                  "slots",
		"I can't make it to my session on friday, cancel it":                 "slots",
		"no podré ir a mi mentoría del lunes":                                "",
		"¿qué preguntas no supo responder el bot esta semana?":               "gaps",
		"¿cuántos docentes usan el bot?":                                     "report",
		"how many students used the bot last month?":                         "report",
		"quiero ver las encuestas":                                           "surveys",
		"survey results":                                                     "surveys",
		"quiero responder la encuesta":                                       "",
		"tell the people in my session today":                                "slots",
		"escribe a los inscritos":                                            "slots",
		"avisa a los estudiantes":                                            "",
		"¿qué tickets están vencidos?":                                       "queue",
		"tickets urgentes":                                                   "queue",
		"tickets sin resolver":                                               "queue",
		"overdue tickets":                                                    "queue",
		"open tickets":                                                       "queue",
		"cola":                                                               "queue",
		"¿cuántos tickets hay abiertos?":                                     "queue",
		"¿cuántos tickets se resolvieron esta semana?":                       "report",
		"¿cuántos tickets se abrieron este mes?":                             "report",
		"¿cuántas encuestas están abiertas?":                                 "surveys",
		"¿qué preguntas no se respondieron?":                                 "gaps",
		"¿cuál es el ticket más urgente?":                                    "queue",
		"how is the help desk doing this week?":                              "report",
		"which questions did the bot fail this month?":                       "gaps",
		"how are the tickets doing?":                                         "queue",
		"¿mi ticket no se respondió?":                                        "",
		"the technician hasn't answered":                                     "",
		"¿quién está en la lista de espera?":                                 "slots",
		"¿cuántas sesiones tengo esta semana?":                               "slots",
		"¿cuánta gente se inscribió a mi sesión del martes?":                 "slots",
		"quiero dar una sesión cada martes a las 10":                         "newslot",
		"¿cómo califican mis sesiones?":                                      "mystats",
		"envíales el material a los de la sesión del martes":                 "slots",
		"sácame de la lista de espera":                                       "",
		"which surveys are running?":                                         "surveys",
		"how many tickets were opened this month?":                           "report",
		"¿cuántas preguntas hizo la gente esta semana?":                      "report",
		"¿ya abrieron mi ticket?":                                            "",
		"informe de todas las universidades":                                 "report",
		"mover la sesión del martes al jueves a las 4":                       "slots",
		"cancelar la sesión del lunes a las 10":                              "slots",
		"¿quién viene mañana?":                                               "slots",
		"¿cómo calificaron las mentorías?":                                   "report",
		"¿cuántas preguntas respondió el bot este mes?":                      "report",
		"how many tickets were resolved this week?":                          "report",
		"how were the sessions rated?":                                       "report",
		"¿cuántas mentorías tengo esta semana?":                              "slots", // no report: a mentor's sessions (others: their bookings, Intent)
		"¿se resolvió mi ticket?":                                            "",
		"las preguntas se responden solas":                                   "",
		"¿cómo califico una sesión?":                                         "",
		"¿qué tickets tengo asignados?":                                      "queue",
		"how many open tickets are there?":                                   "queue",
		"¿quién reservó conmigo?":                                            "slots",
		"quién reservó mi sesión del martes":                                 "slots",
		"quiero ver quién reservó mi sesión del lunes":                       "slots",
		"who booked my session on monday?":                                   "slots",
		"reservo una sesión para el lunes":                                   "",
		"¿cuántas personas vienen el lunes?":                                 "slots",
		"cambiar el enlace de la sesión del lunes":                           "slots",
		"who is coming tomorrow?":                                            "slots",
		// Not staff's requests.
		"report a problem":                "",
		"quiero reportar un problema":     "",
		"mis tickets pendientes":          "",
		"hay mentorías disponibles":       "",
		"cómo hago un anuncio en moodle":  "",
		"crear un curso":                  "",
		"no quiero informes":              "",
		"sin tomar":                       "",
		"hola":                            "",
		"quien":                           "",
		"¿quiénes vienen a la formación?": "",
		"¿cuántos docentes hay?":          "",
	} {
		if got := StaffIntent(text); got != want {
			t.Errorf("StaffIntent(%q) = %q, want %q", text, got, want)
		}
	}
}

// asked is how many words of a request s has, as Intent and StaffIntent
// count them: the phrases of sets read as one word each, the words of a
// day, a time and a wish not counted (requestWords).
func asked(s string, sets ...phraseSet) int {
	words, _ := talkWords(s)
	for _, set := range sets {
		words = replacePhrases(words, set, func(int) string { return "x" })
	}
	return requestWords(words)
}

// FuzzStaffIntent: any text asks for one of the staff's commands or none,
// and never in more than maxSmallTalkWords words of a request (asked; a
// training's people told, its title's words among them: maxTellWords).
func FuzzStaffIntent(f *testing.F) {
	for _, s := range []string{"crear una formación", "tickets sin tomar", "sin", "\xff", "", "avisa a los inscritos de la formación de quizzes",
		"recarga la base de conocimiento", "quiero ver las encuestas", "¿qué preguntas no supo responder el bot esta semana?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		switch c := StaffIntent(s); c {
		case "":
		case "newevent", "announce", "report", "gaps", "newslot", "today", "slots", "queue", "surveys", "reload":
			if n := asked(s, withoutPhrases, notHolding); n > maxSmallTalkWords {
				t.Errorf("%q: %d words ask for %q", s, n, c)
			}
		case "events":
			if wordCount(s) > maxTellWords {
				t.Errorf("%q: %d words ask for %q", s, wordCount(s), c)
			}
		default:
			t.Errorf("%q: unknown command %q", s, c)
		}
	})
}

// BenchmarkIntent reads four messages of the kinds people send most
// (three questions and a request) for a request, as every message from
// an onboarded person is read before its search.
func BenchmarkIntent(b *testing.B) {
	qs := []string{"¿cómo subo un archivo pdf a la tarea del curso?", "quiero reservar una mentoría",
		"no puedo entrar al aula virtual", "how do I share my screen in zoom"}
	b.ReportAllocs()
	for b.Loop() {
		for _, q := range qs {
			Intent(q)
		}
	}
}

// TestBookingGuest: someone else brought to a session, booked for, or
// booked with, asked in words; a session alone, a classmate's failure,
// and words of the group kind alone are not.
func TestBookingGuest(t *testing.T) {
	for text, want := range map[string]bool{
		"¿puedo llevar a un compañero a mi mentoría?":   true,
		"can my friend join my session?":                true,
		"can I book a session for my classmate?":        true,
		"¿mi amiga puede venir a la mentoría?":          true,
		"quiero una mentoría grupal con mis compañeros": true,
		"I want a session with my classmates":           true,
		"quiero una mentoria en grupo":                  false,
		"quiero una mentoría":                           false,
		"mi compañero no puede entrar a la mentoría":    false,
		"¿puedo llevar a un compañero?":                 false,
		"mi amigo me ayuda con la tarea":                false,
	} {
		if got := BookingGuest(text); got != want {
			t.Errorf("BookingGuest(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestHeldAsked: the tickets someone holds asked after, their name taken
// out; one's own, a negation and other words are not.
func TestHeldAsked(t *testing.T) {
	for text, want := range map[string]bool{
		"¿qué tickets tiene?":                true,
		"what tickets does have?":            true,
		"tickets de":                         true,
		"¿cuántos tickets tiene el técnico?": true,
		"tickets asignados a":                true,
		"mis tickets":                        false,
		"no tiene tickets":                   false,
		"tickets":                            true,
		"¿qué tickets tiene resueltos?":      false,
		"¿qué hora tiene?":                   false,
	} {
		if got := HeldAsked(text); got != want {
			t.Errorf("HeldAsked(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestLateAlone: being late said with no session named; a session named,
// a class, a negation, a question and the afternoon are not.
func TestLateAlone(t *testing.T) {
	for text, want := range map[string]bool{
		"voy a llegar tarde":               true,
		"llego 10 minutos tarde, disculpe": true,
		"I'm running a bit late":           true,
		"estoy retrasado":                  true,
		"voy a llegar tarde a la sesión":   false, // a session named: BookingAsk's "late"
		"llego tarde a clase":              false,
		"no voy a llegar tarde":            false,
		"¿puedo llegar tarde?":             false,
		"buenas tardes":                    false,
		"dile a mi mentor que llego tarde": false, // words for the mentor: BookingAsk's "tell"
	} {
		if got := LateAlone(text); got != want {
			t.Errorf("LateAlone(%q) = %v, want %v", text, got, want)
		}
	}
}

// FuzzLateAlone: whatever the text, being late said alone asks nothing,
// says it is late and is short.
func FuzzLateAlone(f *testing.F) {
	for _, s := range []string{"voy a llegar tarde", "llego 10 min tarde", "¿tarde?", "\xff late", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !LateAlone(s) {
			return
		}
		words, _ := talkWords(s)
		if strings.ContainsAny(s, "?¿") || !late(words) || len(words) > maxLateWords {
			t.Errorf("LateAlone(%q): a question, no lateness, or %d words", s, len(words))
		}
	})
}

// TestRepliedAlone: whether someone answered, asked with nothing named;
// a booking named, a question about answering and a request are not.
func TestRepliedAlone(t *testing.T) {
	for text, want := range map[string]bool{
		"¿ya respondieron?":              true,
		"¿todavía no me contestan?":      true,
		"did they reply yet?":            true,
		"nadie me responde":              true,
		"¿ya respondieron a mi reserva?": false,
		"¿cómo respondo en el foro?":     false,
		"¿alguien me puede responder?":   false,
	} {
		if got := RepliedAlone(text); got != want {
			t.Errorf("RepliedAlone(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestCourseAddName: the name a request to register a course gives, as
// typed; none where it gives none.
// TestLooksAsked: a question typed where a name is asked for is told
// from a name that begins with a question's word.
func TestLooksAsked(t *testing.T) {
	for text, want := range map[string]bool{
		"how do I share my screen with sound in zoom": true,
		"¿dónde subo el sílabo?":                      true,
		"cómo puedo subir un video":                   true,
		"where can i find the class link":             true,
		"what is a rubric?":                           true,
		"Cómo aprender a aprender":                    false,
		"How to write a thesis":                       false,
		"Qué es la filosofía":                         false,
		"Estadística aplicada":                        false,
		"Physics I":                                   false,
		"":                                            false,
	} {
		if got := LooksAsked(text); got != want {
			t.Errorf("LooksAsked(%q) = %v, want %v", text, got, want)
		}
	}
}

// FuzzLooksAsked: a question mark always makes a question.
func FuzzLooksAsked(f *testing.F) {
	for _, s := range []string{"how do I share my screen", "Cómo aprender a aprender", "¿qué?", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got := LooksAsked(text); strings.ContainsAny(text, "?¿") && !got {
			t.Errorf("LooksAsked(%q) = false with a question mark", text)
		}
	})
}

func TestCourseAddName(t *testing.T) {
	for text, want := range map[string]string{
		"agrega mi curso de física":                    "física",
		"add a new course called Physics I":            "Physics I",
		"agrega mi curso nuevo: Química general":       "Química general",
		"registra el curso de Física General (FIS101)": "Física General (FIS101)",
		"quiero registrar un curso nuevo":              "",
		"quiero agregar un curso":                      "",
	} {
		if got := CourseAddName(text); got != want {
			t.Errorf("CourseAddName(%q) = %q, want %q", text, got, want)
		}
	}
}

// FuzzCourseAddName: whatever the text, the name read is some of its own
// words as typed, and none without a course's word.
func FuzzCourseAddName(f *testing.F) {
	for _, s := range []string{"agrega mi curso de física", "curso:", "curso de", "add course called \xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name := CourseAddName(s)
		if name == "" {
			return
		}
		words, _ := talkWords(s)
		if !strings.Contains(strings.Join(strings.Fields(s), " "), name) || !hasAny(words, courseWords) {
			t.Errorf("CourseAddName(%q) = %q: not its words, or no course named", s, name)
		}
	})
}

// BookingAsk says whether a request for one's bookings asks to cancel
// one (the words of not going among them) or to change one.
func TestBookingAsk(t *testing.T) {
	for text, want := range map[string]string{
		// a session's topic, since the night of 7 to 8 December
		// (suggestions, seen in the sandbox); its time stays a change
		"cambia el tema de mi sesión del martes":    "topic",
		"edit the topic of my friday session":       "topic",
		"¿cuál es el tema de la sesión del martes?": "",
		"cambia mi sesión del martes al jueves":     "change",

		"agrega una nota a la sesión del lunes":              "note",
		"quiero calificar mi mentoría":                       "rate", // later that night: the booking article (seen in the sandbox)
		"I want to rate my mentor":                           "rate",
		"bórrame la sesión del martes a las 10":              "cancel",
		"bórrame mis datos":                                  "",
		"llegaré 10 minutos tarde a la sesión de mañana":     "late",
		"voy con retraso a la mentoría":                      "late",
		"I'm running late for my session":                    "late",
		"la sesión de la tarde":                              "",
		"¿llegaré tarde a la sesión?":                        "",
		"llegaré tarde":                                      "",
		"no podré ir a la sesión, llegaré tarde":             "cancel",
		"me equivoqué de horario del martes":                 "change",
		"no podré ir a mi mentoría del lunes":                "cancel",
		"I can't make my mentoring session on friday":        "cancel",
		"cancel my session on friday":                        "cancel",
		"ya no quiero la mentoría del martes":                "cancel",
		"avisa a los inscritos de mi sesión del lunes":       "tell",
		"dile a mi mentor":                                   "tell",
		"remind me of my session":                            "remind",
		"no puedo dar la sesión del martes":                  "cancel",
		"I no longer need my mentoring session":              "cancel",
		"cambiar mi mentoría del jueves":                     "change",
		"duplica mi sesión del lunes para la próxima semana": "copy",
		"copy my thursday session to friday at 4":            "copy",
		"reschedule my session":                              "change",
		"cambia mi mentoría del lunes al jueves":             "change",
		// A pronoun written onto the verb (seen in the sandbox).
		"no voy a poder dar mi sesión del martes, cancélala": "cancel",
		"la mentoría del lunes, anúlala":                     "cancel",
		"mi mentoría del martes, muévela al jueves":          "change",
		"cambia el cupo de mi sesión del viernes a 8":        "seats",
		"set the seats of my friday session to 12":           "seats",
		"¿cuántos lugares quedan en la sesión del 12?":       "",
		"cuantos lugares quedan en la sesion del 12":         "",
		"mis reservas": "",
	} {
		if got := BookingAsk(text); got != want {
			t.Errorf("BookingAsk(%q) = %q, want %q", text, got, want)
		}
	}
}

// replacePhrases replaces each phrase found, the longest of those that
// begin at a word ("no supo responder" before "no supo"), every time it
// is found, and copies the words only when it replaces one.
func TestReplacePhrases(t *testing.T) {
	set := phrases("no supo", "no supo responder", "sin tomar")
	as := func(k int) string { return []string{"A", "B", "C"}[k] }
	for _, c := range []struct{ in, want string }{
		{"que no supo responder el bot", "que B el bot"},
		{"no supo nada", "A nada"},
		{"sin tomar y sin tomar", "C y C"},
		{"no sin", "no sin"},
		{"", ""},
	} {
		if got := strings.Join(replacePhrases(strings.Fields(c.in), set, as), " "); got != c.want {
			t.Errorf("replacePhrases(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	words := []string{"hola", "no", "supo"}
	if got := replacePhrases(words[:1], set, as); &got[0] != &words[0] {
		t.Error("copied words without a phrase")
	}
	if replacePhrases(words[1:], set, as); words[1] != "no" {
		t.Error("changed the words given")
	}
}

// TestMentorTopic: a request for a mentor for something of one's own is
// read so; a question about mentors, a request with nothing of its own,
// and a negation are not.
func TestMentorTopic(t *testing.T) {
	for text, want := range map[string]bool{
		"quiero que un mentor revise mi sílabo":                             true,
		"quiero dejar de ser mentor":                                        false, // a session was booked with it as its topic (seen in the sandbox)
		"I want to become a mentor":                                         false,
		"necesito una tutoría para armar mi rúbrica de proyectos":           true,
		"Hola, necesito un mentor que me ayude con mi curso de estadística": true,
		"I need a mentor to check my quiz settings":                         true,
		"quisiera una asesoría sobre foros calificados":                     true,
		"quiero hablar con un mentor sobre mi tesis":                        true, // the booking article (seen in the sandbox)
		"I need a mentor for my thesis":                                     true,
		"quiero un mentor de estadística":                                   true,
		"necesito un mentor ya":                                             false,
		"quiero un mentor para el lunes":                                    false,
		"quiero una mentoría con García":                                    false, // a mentor named, not a topic
		"quiero reservar una mentoría":                                      false,
		"necesito un mentor":                                                false,
		"¿cómo pido un mentor para revisar mi sílabo?":                      false,
		"como pido un mentor para revisar mi silabo":                        false,
		"no quiero que un mentor revise mi sílabo":                          false,
		"quiero cambiar mi contraseña del aula virtual":                     false,
		"": false,
		// whether a mentor can help with something of one's own, since
		// the night of 7 to 8 December (suggestions, seen in the sandbox)
		"¿mi mentora me puede ayudar con el sílabo?": true,
		"can a mentor review my rubric?":             true,
		"can a mentor help me?":                      false, // nothing of one's own: /mentoring
		"¿mi mentor no puede ayudarme con zoom?":     false,
		"¿hay mentores de matemáticas?":              true, // "I don't know" (seen in the sandbox)
		"is there a mentor for statistics?":          true,
		"¿hay mentores disponibles?":                 false, // /mentoring
		"¿hay mentores?":                             false,
	} {
		if got := MentorTopic(text); got != want {
			t.Errorf("MentorTopic(%q) = %v, want %v", text, got, want)
		}
	}
}

// FuzzMentorTopic: whatever the text, a request for a mentor with a
// topic names a mentor and is not too long; a question asks whether a
// mentor can help.
func FuzzMentorTopic(f *testing.F) {
	for _, s := range []string{"quiero que un mentor revise mi sílabo", "¿cómo pido un mentor?", "\xff mentor", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !MentorTopic(s) {
			return
		}
		words, _ := talkWords(s)
		if strings.ContainsAny(s, "?¿") && !hasAny(words, canWords) || !hasAny(words, intentMentor) || len(words) > maxTopicWords {
			t.Errorf("MentorTopic(%q): a question of no help asked, no mentor, or %d words", s, len(words))
		}
	})
}

// TestMentorAbsent: the words of a mentor who has not come to a session,
// and words like them that say something else.
func TestMentorAbsent(t *testing.T) {
	readsAs(t, "MentorAbsent", MentorAbsent, map[string]bool{
		"mi mentor no llegó a la sesión":                  true, // the booking article (seen in the sandbox)
		"el tutor no se conecta":                          true,
		"sigo esperando a mi mentor":                      true,
		"nadie se conectó a la mentoría":                  true,
		"my mentor hasn't shown up":                       true,
		"the mentor didn't join the session":              true,
		"el mentor todavía no entra":                      true,
		"el enlace del mentor no llegó":                   false,
		"quiero una mentoría":                             false,
		"mi mentor llegó tarde pero fue muy buena sesión": false,
		"no puedo entrar al aula virtual":                 false,
		"nadie me responde en el foro":                    false,
		"mi mentor no me respondió":                       false,
		"no ha llegado mi mentor":                         true,
		"dile a mi mentor que no llego a la sesión":       false,
		"no llego a la sesión con mi mentor":              false,
		"hoy no llego a tiempo a la mentoría":             false,
	})
}

// FuzzMentorAbsent: whatever is typed, a mentor who has not come needs a
// mentor's word or nobody's, and no link's.
func FuzzMentorAbsent(f *testing.F) {
	for _, s := range []string{"mi mentor no llegó", "nobody joined the session", "", "¿¿NO VINO EL TUTOR??"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !MentorAbsent(text) {
			return
		}
		words, _ := talkWords(text)
		if hasAny(words, linkNouns, tellWords) || !hasAny(words, mentorPerson, absentNobody) || len(words) > maxAbsentWords {
			t.Fatalf("%q read as a mentor who has not come", text)
		}
	})
}

// TestTicketAsk: what one asks of one's ticket in words.
func TestTicketAsk(t *testing.T) {
	readsAs(t, "TicketAsk", TicketAsk, map[string]string{
		"quiero cerrar mi ticket":                        "close",
		"cancela mi ticket":                              "close",  // the list (seen in the sandbox)
		"quiero reabrir mi ticket":                       "reopen", // "I don't know" (seen in the sandbox)
		"reopen my ticket":                               "reopen",
		"agrega esto a mi ticket":                        "attach", // suggestions (seen in the sandbox)
		"add this to my ticket":                          "attach",
		"ya no necesito ayuda con el ticket":             "close",
		"close my ticket please":                         "close",
		"adjunto una captura para mi ticket":             "attach",
		"I want to add a screenshot to my ticket":        "attach",
		"quiero enviar una foto del error":               "attach",
		"¿cuándo van a resolver mi ticket?":              "when",
		"how long until my ticket is fixed?":             "when",
		"why was my ticket closed?":                      "", // its state and history, not its closing asked
		"¿por qué cerraron mi ticket?":                   "",
		"cierra mi ticket porque ya funciona":            "close",
		"my ticket was closed but it still doesn't work": "",
		"¿por qué no puedo cerrar mi ticket?":            "",
		"¿cuánto tarda mi ticket?":                       "when",
		"¿cómo va mi ticket?":                            "",
		"mis tickets":                                    "",
		"necesito ayuda con mi ticket":                   "",
	})
}

// FuzzTicketAsk: whatever is typed, what is asked of a ticket comes from
// its own words.
func FuzzTicketAsk(f *testing.F) {
	for _, s := range []string{"quiero cerrar mi ticket", "adjunto una captura", "¿cuándo lo resuelven?", "", "NO NECESITO"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		words, _ := talkWords(text)
		switch TicketAsk(text) {
		case "close":
			if !hasAny(words, ticketClose) && !hasAny(words, ticketNeed) {
				t.Fatalf("%q read as closing", text)
			}
		case "attach":
			if !hasAny(words, ticketAttach) || !hasAny(words, ticketFiles) {
				t.Fatalf("%q read as attaching", text)
			}
		case "when":
			if !hasAny(words, ticketWhen) || !hasAny(words, ticketDone) {
				t.Fatalf("%q read as asking when", text)
			}
		}
	})
}

// TestAttendanceTold: a mentor's words that someone came or missed a
// session, and words like them that say something else.
func TestAttendanceTold(t *testing.T) {
	readsAs(t, "AttendanceTold", AttendanceTold, map[string]string{
		"Rosa asistió":                      "came",
		"marca que Rosa vino":               "came",
		"mark Emma as attended":             "came",
		"Diego faltó":                       "missed",
		"Diego no vino a la sesión de ayer": "missed",
		"Emma didn't come":                  "missed",
		"mark Emma as absent":               "missed",
		"¿Rosa vino?":                       "",
		"dile a Rosa que no vino nadie":     "",
		"Rosa":                              "",
		"quiero una mentoría el jueves":     "",
		"Rosa no vino porque tenía clase y luego me escribió que quiere otra sesión": "",
	})
}

// FuzzAttendanceTold: whatever is typed, a mark told is short, no
// question, and holds a word of coming or of missing.
func FuzzAttendanceTold(f *testing.F) {
	for _, s := range []string{"Rosa asistió", "Diego no vino", "", "¿vino?", "MARK EMMA AS ABSENT"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if AttendanceTold(text) == "" {
			return
		}
		words, _ := talkWords(text)
		if strings.ContainsAny(text, "?¿") || len(words) > maxAttendanceWords || !hasAny(words, attended, attendedNot, attendedIfNot) {
			t.Fatalf("%q read as attendance told", text)
		}
	})
}

// TestTalkWords_Possessive: an English possessive is its noun, "'s" for
// "is" stays joined, and a phone's curly apostrophe reads as the straight
// one.
func TestTalkWords_Possessive(t *testing.T) {
	readsAs(t, "talkWords", func(text string) string { words, _ := talkWords(text); return strings.Join(words, " ") }, map[string]string{
		"this week's report":     "this week report",
		"this week’s report":     "this week report",
		"what's on my schedule?": "whats on my schedule",
		"what’s on my schedule?": "whats on my schedule",
		"it's down":              "its down",
		"the mentor's link":      "the mentor link",
	})
}

// readsAs checks that read, named name, reads each text of cases as its
// value.
func readsAs[T comparable](t *testing.T, name string, read func(string) T, cases map[string]T) {
	t.Helper()
	for text, want := range cases {
		if got := read(text); got != want {
			t.Errorf("%s(%q) = %v, want %v", name, text, got, want)
		}
	}
}
