package knowledge

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/aulabot/aulabot"
)

// The bot's own features asked for in words: the command a message such
// as "quiero reservar una mentoría" or "cancel my booking" means. The
// word lists are general on purpose, like small talk's: what people type
// for these in Spanish and English, not the lines of any evaluation set.
// A message is such a request when every word is one of them, small talk,
// a filler or a vague word, at most maxSmallTalkWords words, with no
// negation ("no quiero borrar mis datos" is not a request to delete).
var (
	// intentBook: asking for a new booking ("reservar", "book").
	intentBook = wordSet("reservar", "reservo", "agendar", "agendo", "pedir", "pido", "solicitar", "solicito",
		"sacar", "saco", "separar", "separo", "programar", "book", "schedule", "reserve", "request", "get",
		"reservame", "agendame", "separame", "sacame") // said to the bot: "resérvame una mentoría"
	// intentMentor: what is booked.
	// ("tutor": in Peru's universities, the teacher who follows a student's
	// progress; someone asking for theirs is asking for a mentor.)
	intentMentor = wordSet("mentoria", "mentorias", "mentor", "mentora", "mentores", "tutoria", "tutorias",
		"tutor", "tutora", "tutores", "asesoria", "asesorias", "mentoring", "mentorship", "tutoring", "tutors", "mentors")
	// rateWords: a session rated ("quiero calificar mi mentoría", "I
	// want to rate my mentor": the booking article, seen in the
	// sandbox), its stars asked again (BookingAsk "rate"); not
	// "calificaciones", a student's grades.
	rateWords = wordSet("calificar", "califico", "calificarla", "calificarlo", "evaluar", "evaluo", "valorar", "valoro",
		"puntuar", "rate", "rating", "review", "estrellas", "stars")
	// ratedWhich: which session is rated ("quiero calificar la sesión de
	// ayer", "rate my last session"): the last one attended
	ratedWhich = wordSet("ultima", "ultimo", "pasada", "pasado", "ayer", "last", "yesterday", "previous")
	// remindWords: reminders of one's sessions asked for ("¿me puedes
	// recordar mi mentoría una hora antes?", "remind me of my session"):
	// the bot sends them by itself, which /mybookings says (BookingAsk:
	// "remind"); the question got the booking article (seen in the
	// sandbox).
	remindWords = wordSet("recordar", "recuerdame", "recordarme", "recuerdes", "recordatorio", "recordatorios",
		"avisame", "avisarme", "avises", "avisas", "avisan", "remind", "reminder", "reminders", "antes", "before")
	// slotsOpen: slots to come ("avísame cuando haya mentorías
	// disponibles"): /mentoring, where 🔔 tells of new ones, not one's
	// bookings' reminders.
	slotsOpen = wordSet("hay", "haya", "disponible", "disponibles", "available", "there", "nuevas", "nuevos", "new")
	// slotKinds are the kinds of session one books: "sesiones grupales"
	// asks for those open, not one's own.
	slotKinds = wordSet("grupal", "grupales", "group", "personal", "personales", "individual", "individuales",
		"privada", "privadas", "private") // "una sesión privada" (suggestions, seen in the sandbox)
	// mentorPerson: the mentor, a person told something ("dile a mi mentor
	// que llego tarde", "tell my mentor that I'm late": tellWords).
	mentorPerson = wordSet("mentor", "mentora", "mentores", "tutor", "tutora", "tutores", "tutors")
	// intentCancel: undoing a booking ("cancelar mi mentoría").
	intentCancel = wordSet("cancelar", "cancelo", "anular", "reprogramar", "cancel", "reschedule",
		"cancela", "cancele", "cancelame", "anula", "anule", // said to the bot: "cancela mi mentoría del martes"
		"suspende", "suspender", "suspendo", "cancelen", "anulen",
		"salir", "salirme", "retirarme") // "¿me puedo salir de la capacitación?" ("I don't know", seen in the sandbox)
	// intentChange: changing a booking one has to another time ("cambiar
	// mi mentoría", "move my session"): /mybookings, where each booking has
	// Change the time.
	intentChange = wordSet("cambiar", "cambio", "mover", "muevo", "modificar", "change", "move", "modify",
		"cambia", "cambien", "cambiame", "mueve", "mueva", "modifica", // "cambia mi mentoría del lunes al jueves"
		"pospone", "pospon", "posponer", "postpone", "reprograma")
	// copyWords: a mentor's session published again on another day
	// ("duplica mi sesión del lunes para la próxima semana", "copy my
	// thursday session to friday": suggestions, seen in the sandbox):
	// 📋 Copy to another day (BookingAsk: "copy").
	copyWords = wordSet("copia", "copiar", "copiala", "copialo", "duplica", "duplicar", "duplicala", "repite", "repetir",
		"repitela", "copy", "duplicate", "repeat", "clone")
	// intentBooking: a booking one has.
	// ("sesión" too: a session is what one books; "reservar una sesión",
	// "when is my session".)
	intentBooking = wordSet("reserva", "reservas", "cita", "citas", "booking", "bookings", "appointment",
		"appointments", "reservation", "reservations", "sesion", "sesiones", "session", "sessions")
	// intentSee, and intentWhen with intentMy: one's own bookings asked
	// after ("ver mis tutorías", "a qué hora es mi mentoría"), with a
	// mentor word: the list, not a new booking ("¿cuándo hay mentorías?"
	// is a new one).
	intentSee = wordSet("ver", "veo", "see", "check", "view")
	// intentShow: what one has, shown or listed ("muéstrame mis
	// reservas", "show my bookings", "¿cuáles son mis reservas?" got the
	// booking article or "I don't know", seen in the sandbox); apart from
	// intentSee, since "lista de espera" is not a place in it asked to be
	// seen.
	intentShow = wordSet("muestra", "muestrame", "mostrar", "mostrame", "mostrarme", "ensename", "ensenar", "ensenarme",
		"lista", "listado", "listar", "listame", "cuales", "son", "show", "display", "list")
	intentWhen = wordSet("hora", "cuando", "when", "time",
		// what else one asks of one's booking: "¿quién es mi mentor?",
		// "¿me mandas el enlace de mi mentoría?" (the booking's article,
		// seen in the sandbox)
		"quien", "who", "enlace", "link", "es", "is", "mandar", "manda", "mandas", "mandame", "enviame", "pasame",
		"send",
		// how long it lasts, which the list says: "¿cuánto dura la sesión?"
		// (suggestions, seen in the sandbox)
		"dura", "duracion", "duration", "cuanto")
	intentMy = wordSet("mi", "mis", "my")
	// courseWords with courseProgress and intentMy: one's course moved
	// online asked after ("¿en qué paso va mi curso?", "my course's
	// progress": the article on moving a course online, seen in the
	// sandbox): /mycourses, with each course's steps ticked.
	courseWords    = wordSet("curso", "cursos", "course", "courses")
	courseProgress = wordSet("pasos", "avance", "avances", "progreso", "checklist", "progress", "steps", "falta",
		"faltan", "left")
	// courseStep are words of "¿en qué paso va mi curso?" that ask only
	// in the pairs of coursePaso: "paso a paso" is a guide's.
	courseStep = wordSet("paso", "step", "va")
	coursePaso = [][2]string{{"que", "paso"}, {"what", "step"}, {"which", "step"}}
	// intentSendMe and linkNouns: a link asked for ("mándame el enlace de
	// la mentoría", and "no me llegó el enlace": notReceived), which is
	// one's booking's, with "mi" or without.
	// ("¿me pasas el enlace de mi mentoría?" got suggestions, seen in the
	// sandbox.)
	intentSendMe = wordSet("mandame", "enviame", "pasame", "send", "pasas", "pasan", "pasarme", "mandan", "mandarme",
		"envias", "envian", "enviarme", "share",
		// asked after: "¿el mentor ya envió el enlace?", "has the mentor
		// sent the link?" (the booking article, seen in the sandbox)
		"envio", "mando", "enviaron", "mandaron", "sent", "shared")
	linkNouns = wordSet("enlace", "enlaces", "link", "links")
	// meetWords name where a session is held ("¿la mentoría del martes es
	// por zoom o meet?": suggestions, seen in the sandbox): one's
	// booking's link, in the list.
	meetWords = wordSet("zoom", "meet", "teams", "videollamada", "jitsi", "bigbluebutton")
	// intentReport: telling the technical team about a failure.
	intentReport = wordSet("reportar", "reporto", "informar", "avisar", "notificar", "report", "raise")
	// intentFailure: what is reported; with "técnico" alone it is a
	// request too ("tengo un problema técnico").
	intentFailure = wordSet("problema", "problemas", "falla", "fallas", "error", "errores", "incidencia",
		"problem", "problems", "issue", "bug", "fault")
	intentTechnical = wordSet("tecnico", "tecnica", "tecnicos", "technical", "tech", "technician", "technicians", "equipo", "team")
	// intentTicket: one's tickets, followed up. ("reporte" and
	// "solicitud" are left out: "hacer un reporte" is a new one; "mi
	// reporte" is one's ticket: possessedReports.)
	intentTicket = wordSet("ticket", "tickets", "caso", "casos")
	// intentReplied: the team's answer asked after ("¿el equipo técnico
	// ya respondió?"), with a ticket or the team named.
	intentReplied = wordSet("respondio", "respondieron", "contesto", "contestaron", "answered", "replied", "responded")
	// intentLanguage: the bot's language, or a language named.
	intentLanguage = wordSet("idioma", "lenguaje", "language", "ingles", "español", "espanol", "castellano",
		"english", "spanish")
	// intentErase and intentData: deleting one's data.
	intentErase = wordSet("borrar", "borra", "borren", "eliminar", "elimina", "eliminen", "quitar", "delete",
		"erase", "remove")
	intentData = wordSet("datos", "data", "cuenta", "account", "informacion", "information", "info",
		"historial", "history",
		"mensajes", "messages", "conversaciones", "conversations") // "¿el bot guarda mis mensajes?" (suggestions, seen in the sandbox)
	// intentPrivacy: what is kept about one.
	intentPrivacy = wordSet("privacidad", "privacy")
	intentKeep    = wordSet("guardan", "guardas", "guarda", "almacenan", "saben", "keep", "store", "collect", "keeps", "stores")
	// intentHelp: what the bot does ("menú", "opciones", "what can you do").
	intentHelp = wordSet("menu", "opciones", "comandos", "funciones", "instrucciones", "options", "commands",
		"features", "instructions")
	// intentProfile: one's university or role in the bot ("cambiar mi
	// universidad", "me equivoqué de rol", "change my university"):
	// /profile. intentWrong: a wrong pick. ("perfil" is left out: "cómo
	// cambio mi perfil" is most often the virtual classroom's.)
	intentProfile = wordSet("universidad", "university", "rol", "role")
	// intentMoved: a move to another university ("me cambié de
	// universidad", "I moved to another university": suggestions, seen in
	// the sandbox), with intentProfile's words.
	intentMoved = wordSet("cambie", "cambiado", "mude", "moved", "changed", "switched", "transferred", "otra", "another",
		"ahora", "now", "estoy")
	intentWrong = wordSet("equivoque", "equivocado", "equivocada", "equivoco", "wrong", "mistake")
	// intentIAm and intentRole: the person says what they are ("soy
	// docente, no estudiante", "I'm a teacher not a student"): /profile,
	// where the role is changed. It used to be searched, and got the
	// article on asking one's teacher for help. intentArticle joins them.
	intentIAm     = wordSet("soy", "im", "i", "am")
	intentRole    = wordSet("docente", "profesor", "profesora", "profe", "estudiante", "alumno", "alumna", "teacher", "student", "lecturer")
	intentArticle = wordSet("un", "una", "a", "an", "y", "and", "sino", "but", "pero")
	// intentLinks join a request's words: "ver mis reservas", "cancel my
	// booking", "change the language".
	intentLinks = wordSet("mis", "ver", "veo", "poner", "hablas", "hablan",
		"para", "pa", "en", "los", "las", "estado", "seguimiento", "sobre", "todos", "todas", "usar",
		"see", "check", "view", "cancel", "switch", "set", "status", "of", "about", "the",
		"please", "in", "use", "track", "all", "whats", "app", "bot",
		"has", "already", // "has the mentor sent the link already?"
		// what is booked, and when: "reservar una sesión grupal", "hay
		// horarios de mentoría disponibles", "are there mentoring slots".
		"grupal", "grupales", "personal", "personales", "individual", "individuales", "group", "privada", "privadas", "private",
		"horario", "horarios", "disponible",
		"disponibles", "cupo", "cupos", "hay", "slot", "slots", "available", "are", "there", "any",
		// the day a booking is on: "cancelar mi mentoría del martes",
		// "book a mentor for tomorrow" (they were words of the person's
		// own, and the request was searched as a question).
		"lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "hoy", "semana",
		"sabados", "domingos", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", // "¿hay mentorías los sábados?"
		"proxima", "proximo", "siguiente", "monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "today", "tomorrow", "week", "next", "this", "on", "for",
		"como", "as", // the role one asks as (roleAs)
		"cuantas", "cuantos", "tengo", // "¿cuántas reservas tengo?" (the booking article, seen in the sandbox)
		"toca",               // "¿cuándo me toca la mentoría?" (suggestions, seen in the sandbox)
		"many", "do", "have", // "how many bookings do I have" (the booking article, seen in the sandbox)
		"otra", "otro", "fecha", "dia", "another", "other", "date", // "quiero otra hora", "another time"
		"booked",  // "I booked the wrong time"
		"o", "or") // "¿… por zoom o meet?" (meetWords)
	// wishWords say a request is wished: "quisiera reservar una mentoría",
	// "I'd like to book a session" (they were words of the person's own,
	// and the request was searched as a question, or held for the team;
	// seen in the sandbox). They do not count among a request's words.
	wishWords = wordSet("quisiera", "quisieramos", "gustaria", "desearia", "deseo", "id", "like", "wish", "wanna",
		"would", "want", "to",
		// "dame mis reservas", "give me a session": a wish said as a
		// command ("I don't know" or the booking article, seen in the
		// sandbox)
		"dame", "darme", "give")
	// roleAs are the roles one asks as: "¿qué puedo hacer como
	// administrador?" got suggestions of articles (seen in the sandbox).
	roleAs = wordSet("administrador", "administradora", "admin", "administrator", "coordinador", "coordinadora",
		"coordinator", "tecnico", "tecnica", "technician", "mentor", "mentora", "docente", "profesor", "profesora",
		"teacher", "estudiante", "alumno", "alumna", "student")
)

// The trainings and the virtual classroom's state are asked for with
// words of their own, read apart from the lists above so that a report's
// own words stay its own ("reportar un problema con el aula virtual"
// keeps "aula virtual" for the team: ReportNames).
var (
	// trainingWords: the live trainings of /trainings ("capacitaciones",
	// "¿hay talleres esta semana?", "upcoming workshops").
	trainingWords = wordSet("formacion", "formaciones", "capacitacion", "capacitaciones", "taller", "talleres",
		"seminario", "seminarios", "webinar", "webinars", "training", "trainings", "workshop", "workshops",
		"seminar", "seminars")
	// trainingLinks join them: "inscribirme en una capacitación", "las
	// próximas formaciones en vivo", "join a live training".
	trainingLinks = wordSet("inscribirme", "inscribir", "apuntarme", "asistir", "proximas", "proximos", "vivo",
		"docentes", "join", "attend", "upcoming", "live", "teachers", "sign", "up",
		"which", "coming", "cuales", "vienen", // "which trainings are coming up?" ("I don't know", seen in the sandbox)
		"calendario", "calendar", "cronograma", "fechas", "dates", // "quiero ver el calendario de formaciones" (suggestions, seen in the sandbox)
		"este", "mes", "month") // "¿hay talleres este mes?" ("I don't know", seen in the sandbox)
	// trainingAttend are the words of going to a training, which may be
	// named beside them by words of its title ("quiero ir a la
	// capacitación de cuestionarios", "inscríbeme en la formación del
	// miércoles"; they got "I don't know", seen in the sandbox), as may
	// those of not going ("no podré ir a la capacitación de
	// cuestionarios": comingNot's "cancelar").
	trainingAttend = wordSet("inscribirme", "inscribir", "inscribeme", "inscribanme", "anotarme", "anotame",
		"apuntarme", "apuntame", "asistir", "ir", "voy", "ire", "asistire", "join", "attend", "sign", "register",
		"going", "go",
		"inscribo", "anoto", "apunto") // "me inscribo a la capacitación" ("I don't know", seen in the sandbox)
	// trainingWhen ask when a training is ("¿cuándo es la capacitación de
	// cuestionarios?", "what time is the workshop?": "I don't know", seen
	// in the sandbox): the list says each one's day and time.
	// trainingHow ask how to use one of the virtual classroom's
	// activities, a workshop among them ("¿cuándo uso un taller en
	// moodle?"): a question for the base.
	trainingWhen = wordSet("cuando", "fecha", "hora", "horario", "when", "date", "time")
	trainingHow  = wordSet("como", "usar", "uso", "crear", "creo", "configurar", "how", "use", "create", "set",
		"actividad", "activity")
	// lmsWords name the virtual classroom; with downWords or workWords
	// and no negation they ask whether it is up: /status ("¿funciona el
	// aula virtual?", "¿se cayó moodle?", "is the platform down"). "El
	// aula virtual no funciona" is a complaint, searched as before.
	lmsWords = wordSet("aula", "virtual", "moodle", "plataforma", "campus", "classroom", "platform", "lms",
		"sistema", "system") // "¿el sistema está caído?" (an admin's "I don't know", seen in the sandbox)
	downWords = wordSet("caida", "caido", "cayo", "cae", "caen", "down", "up", "offline", "online", "estado", "status",
		"mantenimiento", "maintenance", "outage", "activa", "activo")
	// outWords are the downWords that say it is down.
	outWords = wordSet("caida", "caido", "cayo", "cae", "caen", "down", "offline", "mantenimiento", "maintenance", "outage")
	// statusLinks join them: "is it down", "¿sigue caída?".
	statusLinks = wordSet("is", "it", "does", "estan", "sigue", "still", "right", "ahorita")
	// backWords and tellBack ask to be told when it is back ("avísame
	// cuando vuelva el aula virtual", "let me know when moodle is back":
	// suggestions, seen in the sandbox): /status, which says whether it
	// is up and, when it is down, offers to tell.
	backWords = wordSet("vuelva", "vuelve", "regrese", "regresa", "funcione", "restablezca", "back", "returns",
		"restored", "works")
	tellBack = wordSet("avisame", "avisarme", "avisenme", "avises", "avisa", "dime", "decirme", "notify", "tell",
		"let", "know", "me", "cuando", "when", "el", "la", "de", "del", "que", "por", "favor", "please")
	// nowWords say it works now ("ya funciona el aula virtual"): an
	// acknowledgement, not a question.
	nowWords = wordSet("ya", "now", "again")
)

// askedApart is the command words ask for with the trainings' or the
// virtual classroom's own words, or "".
func askedApart(words []string) string {
	switch {
	case scheduleAsked(words):
		return "mybookings" // "¿qué tengo mañana?", "what's on my schedule?": one's sessions, of that day
	case waitlisted(words) && hasAny(words, waitlistLeave, intentMy, intentSee) && onlyOf(words, waitlistWords, waitlistLeave):
		return "mybookings" // "sácame de la lista de espera": one's place there, with ✖️ (suggestions, seen in the sandbox)
	case hasAny(words, seatNouns) && hasAny(words, seatAsks) && hasAny(words, intentBooking, intentMentor) && !hasAny(words, intentMy) &&
		onlyOf(words, seatNouns, seatAsks, countWords):
		// "¿cuántos lugares quedan en la sesión del viernes?": the
		// sessions with their free seats (suggestions, seen in the
		// sandbox); a mentor's own session's are /slots (StaffIntent).
		return "mentoring"
	case hasAny(words, botNouns) && hasAny(words, botUse) && !hasAny(words, nowWords, negations, intentData) && onlyOf(words, botNouns, botUse, botLinks):
		return "help" // "how do I use this bot?", "¿cómo funciona el bot?": suggestions or small talk (seen in the sandbox)
	case newcomer(words):
		return "help" // "hola soy nuevo": what the bot does
	case bookingGuest(words):
		return "mentoring" // "¿puedo llevar a un compañero a mi mentoría?": the group sessions, each their own seat
	case hasAny(words, courseWords) && hasAny(words, courseCount) && hasAny(words, courseMoved) &&
		onlyOf(words, courseWords, courseCount, courseMoved, courseCountLinks):
		// "¿cuántos cursos ya pasaron a virtual?": the courses and their
		// state (a coordinator's counts; the article on moving a course,
		// seen in the sandbox)
		return "mycourses"
	case hasAny(words, courseWords) && hasAny(words, courseAdd) && onlyOf(words, courseWords, courseAdd) && !hasAny(words, negations) &&
		!courseAddedTo(words):
		return "mycourses" // "quiero registrar un curso nuevo": its ➕ (an article on reusing a course, seen in the sandbox)
	case hasAny(words, courseWords) && hasAny(words, courseAddVerbs) && !hasAny(words, negations) && namedCourseAdd(words):
		return "mycourses" // "agrega mi curso de física": its ➕, the name given (suggestions, seen in the sandbox)
	case hasAny(words, intentReplied, replyingNow) && hasAny(words, intentTechnical, intentTicket) &&
		onlyOf(slices.DeleteFunc(slices.Clone(words), func(w string) bool { return negations[w] }), replyingNow, nobodyWords, hasWords):
		// "el técnico no me responde", "nobody answered my ticket": one's
		// tickets, with their state and 💬 (the help desk's article or
		// suggestions, seen in the sandbox); a negation is the complaint's.
		return "mytickets"
	case hasAny(words, intentTicket) && ticketAsk(words) != "" && len(words) <= maxTicketAsk:
		return "mytickets" // "quiero cerrar mi ticket", "adjunto una captura para mi ticket": "I don't know" (seen in the sandbox)
	case hasAny(words, intentTechnical) && hasAny(words, ticketFiles) && len(words) <= maxTicketAsk &&
		onlyOf(words, intentTechnical, ticketFiles, ticketAskedFor, ticketAttach, ticketSent, teamFileLinks):
		// "el técnico me pidió una captura" (its ticket's 📎), "ya le
		// mandé la captura al técnico" (its state): suggestions, seen in
		// the sandbox
		return "mytickets"
	case hasAny(words, intentBooking) && hasAny(words, bookingsLeft) && onlyOf(words, bookingsLeft, bookingsHow) && !hasAny(words, slotKinds),
		bookingsMost(words) && onlyOf(words, bookingsHow, intentBook) && !hasAny(words, slotKinds):
		// "¿cuántas reservas me quedan?", "how many bookings do I have
		// left?": the booking article (seen in the sandbox); the list
		// says how many more one may book. "¿cuántas mentorías puedo
		// reservar?" too (the kinds to book, seen in the sandbox).
		return "mybookings"
	case hasAny(words, trainingWords) && onlyOf(words, trainingWords, trainingLinks),
		hasAny(words, trainingWords) && hasAny(words, trainingAttend, intentCancel) && !hasAny(words, negations) &&
			ownWords(words, trainingWords, trainingLinks, trainingAttend) <= maxTitleWords,
		hasAny(words, trainingWords) && hasAny(words, trainingWhen) && !hasAny(words, negations, trainingHow, lmsWords) &&
			ownWords(words, trainingWords, trainingLinks, trainingWhen) <= maxTitleWords:
		return "trainings"
	// "ya funciona el aula virtual", "moodle is up again" are
	// acknowledgements; "is moodle down right now" a question
	// (suggestions, seen in the sandbox); a kind of session's word makes
	// "work" a noun ("virtual group work" is an article's title: it was
	// /status)
	case hasAny(words, lmsWords) && hasAny(words, downWords, workWords) && !hasAny(words, courseWords, slotKinds) &&
		(!hasAny(words, nowWords) || hasAny(words, outWords)) && onlyOf(words, lmsWords, downWords, workWords, statusLinks),
		hasAny(words, lmsWords) && hasAny(words, backWords) && hasAny(words, tellBack) && !hasAny(words, negations) &&
			onlyOf(words, lmsWords, backWords, tellBack, statusLinks):
		return "status"
	}
	return ""
}

// scheduleAsked reports whether words (as talkWords reads them) ask what
// one has on a day, a week or at all: "¿qué tengo mañana?", "¿tengo algo
// esta semana?", "mi agenda de la semana", "what do I have tomorrow?",
// "what's on my schedule?" (small talk, an article on slow connections
// or "I don't know", seen in the sandbox). Every word is one of such a
// question's or of a day or a time; a negation or a word of one's own
// is something else ("tengo que reportar un problema mañana").
func scheduleAsked(words []string) bool {
	if !slices.ContainsFunc(words, func(w string) bool { return scheduleNouns[w] || scheduleHave[w] }) {
		return false // most messages
	}
	for _, w := range words {
		if !scheduleNouns[w] && !scheduleHave[w] && !scheduleThing[w] && !schedulePeriod[w] && !scheduleLinks[w] &&
			!intentMy[w] && !whenDays[w] && !whenWord(w) {
			return false
		}
	}
	period := periodNamed(words)
	return hasAny(words, scheduleNouns) && (hasAny(words, intentMy) || period) ||
		hasAny(words, scheduleHave) && hasAny(words, scheduleThing) && period
}

// ScheduleAsked reports whether text asks only what one has (on a day, a
// week or at all): "¿qué tengo mañana?", "what's on my schedule?"; not a
// request for a session ("quiero la sesión del jueves").
func ScheduleAsked(text string) bool {
	words, _ := talkWords(text)
	return scheduleAsked(words)
}

// periodNamed reports whether words name a day, a time or a week.
func periodNamed(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return whenDays[w] || schedulePeriod[w] || whenWord(w) })
}

// The words of asking what one has (scheduleAsked): its nouns, its verbs,
// what is had, the periods beside the days, and the links between them;
// as talkWords reads them.
var (
	scheduleNouns  = talkSet("agenda", "calendario", "schedule", "calendar", "planner")
	scheduleHave   = talkSet("tengo", "toca", "have", "got")
	scheduleThing  = talkSet("que", "algo", "what", "whats", "anything", "something", "planned", "pendiente", "pendientes")
	schedulePeriod = talkSet("semana", "week", "esta", "este", "this", "next", "proxima", "siguiente", "viene", "weekend", "finde")
	scheduleLinks  = talkSet("de", "del", "la", "el", "para", "en", "me", "do", "i", "for", "on", "is", "the", "any", "a", "hay")
)

// bookingsLeft ask how many more bookings one may hold, with
// bookingsHow (BookingsLeft).
var (
	bookingsLeft = talkSet("quedan", "queda", "restan", "left", "remaining", "more", "mas")
	bookingsHow  = talkSet("cuantas", "cuantos", "how", "many", "puedo", "can", "i", "hacer", "make", "do", "have", "tengo")
	// bookingsCount and bookingsMay: how many one may book
	bookingsCount = talkSet("cuantas", "cuantos", "many")
	bookingsMay   = talkSet("puedo", "can")
)

// BookingsLeft reports whether text asks how many more bookings one may
// hold ("¿cuántas reservas me quedan?"), which /mybookings says above
// the list.
func BookingsLeft(text string) bool {
	words, _ := talkWords(text)
	return hasAny(words, intentBooking) && hasAny(words, bookingsLeft) || bookingsMost(words)
}

// bookingsMost reports whether words ask how many sessions one may book
// ("¿cuántas mentorías puedo reservar?", "how many sessions can I book?").
func bookingsMost(words []string) bool {
	return hasAny(words, intentBooking, intentMentor) && hasAny(words, bookingsCount) && hasAny(words, bookingsMay) &&
		hasAny(words, intentBook)
}

// guestBring and guestWho are the words of bringing someone else to
// one's session ("¿puedo llevar a un compañero a mi mentoría?", "can my
// friend join my session?": suggestions, seen in the sandbox).
var (
	guestBring = talkSet("llevar", "llevo", "traer", "traigo", "invitar", "invito", "incluir", "agregar", "anadir",
		"sumar", "venir", "acompanar", "acompane", "unirse", "unir", "bring", "invite", "include", "add", "come", "join")
	guestWho = talkSet("companero", "companera", "companeros", "companeras", "amigo", "amiga", "amigos", "amigas",
		"colega", "colegas", "alguien", "classmate", "classmates", "friend", "friends", "colleague", "colleagues",
		"someone", "somebody", "partner")
)

// BookingGuest reports whether text asks to bring someone else to a
// session, to book one for them or with them ("¿puedo llevar a un
// compañero a mi mentoría?", "can I book a session for my friend?",
// "quiero una mentoría con mis compañeros"): each person books their own
// seat, which /mentoring says above the group sessions.
func BookingGuest(text string) bool {
	words, _ := talkWords(text)
	words = asMeant(words)
	together := slices.Contains(replacePhrases(words, withOthers, func(int) string { return "\x00" }), "\x00")
	return bookingGuest(words) || together && hasAny(words, intentBooking, intentMentor)
}

func bookingGuest(words []string) bool {
	return hasAny(words, guestWho) && hasAny(words, guestBring, intentBook) && hasAny(words, intentBooking, intentMentor) &&
		!hasAny(words, negations)
}

// MentorAbsent reports whether text says the mentor has not come to a
// session: "mi mentor no llegó a la sesión", "el tutor no se conecta",
// "sigo esperando a mi mentor", "nadie se conectó a la mentoría", "my
// mentor hasn't shown up", "the mentor didn't join" (the booking
// article, seen in the sandbox). A mentor's word, or nobody and a
// session's, with a negation just before a word of coming or with a word
// of waiting; a link's words are a link not received ("el enlace del
// mentor no llegó").
func MentorAbsent(text string) bool {
	lower := strings.ToLower(text)
	if !mentorStems(text) && !strings.Contains(lower, "nadie") && !strings.Contains(lower, "nobody") {
		return false // most messages
	}
	words, _ := talkWords(text)
	if len(words) > maxAbsentWords || hasAny(words, linkNouns) ||
		!hasAny(words, mentorPerson) && !(hasAny(words, absentNobody) && hasAny(words, intentMentor, lateSessions)) {
		return false
	}
	if hasAny(words, tellWords) {
		return false // "dile a mi mentor que no llego a la sesión": words for the mentor
	}
	if hasAny(words, absentWaiting) || hasAny(words, absentNobody) && hasAny(words, absentComing) {
		return true // "sigo esperando a mi mentor", "nadie se conectó a la mentoría"
	}
	absent := func(w string) bool { return mentorPerson[w] || absentNobody[w] }
	for i, w := range words {
		j := slices.IndexFunc(words[max(0, i-3):i], func(n string) bool { return negations[n] || absentNots[n] })
		if !absentComing[w] || j < 0 {
			continue
		}
		j += max(0, i-3)
		// The mentor the one who has not come: before the negation ("mi
		// mentor no llegó"), or just after the verb ("no ha llegado mi
		// mentor"), not "no llego a la sesión con mi mentor".
		after := words[i+1 : min(len(words), i+4)]
		if slices.ContainsFunc(words[max(0, j-4):j], absent) ||
			slices.ContainsFunc(after, absent) && !slices.ContainsFunc(after, func(n string) bool { return absentWith[n] }) {
			return true
		}
	}
	return false
}

// The words of a mentor who has not come (MentorAbsent): of coming, of
// waiting, of nobody, the negations talkWords leaves beside negations,
// and the most words such a message has.
var (
	absentComing = talkSet("llego", "llega", "llegado", "vino", "viene", "venido", "aparece", "aparecio", "aparecido",
		"conecta", "conecto", "conectado", "entra", "entro", "entrado", "presenta", "presento", "asistio",
		"shown", "show", "showed", "come", "came", "arrived", "joined", "join", "here", "there", "turned")
	absentWaiting = talkSet("esperando", "espero", "waiting")
	absentNobody  = talkSet("nadie", "nobody")
	absentNots    = talkSet("hasnt", "havent", "aun", "todavia", "yet")
	absentWith    = talkSet("con", "with", "para", "for")
)

const maxAbsentWords = 16

// AttendanceTold is whether text, a mentor's, tells that someone "came" to
// a session ("Rosa asistió", "marca que Rosa vino", "mark Emma as
// attended") or "missed" it ("Diego faltó", "Diego no vino a la sesión de
// ayer", "Emma didn't come", "mark Emma as absent"); "" for anything else:
// a question ("¿Rosa vino?"), words to tell someone, a longer message.
// The caller finds who among those booked.
func AttendanceTold(text string) string {
	if strings.ContainsAny(text, "?¿") {
		return ""
	}
	words, _ := talkWords(text)
	if len(words) == 0 || len(words) > maxAttendanceWords || hasAny(words, tellWords) {
		return ""
	}
	if hasAny(words, attendedNot) {
		return "missed"
	}
	for i, w := range words {
		not := slices.ContainsFunc(words[max(0, i-2):i], func(n string) bool { return negations[n] })
		switch {
		case (attended[w] || attendedIfNot[w]) && not:
			return "missed"
		case attended[w]:
			return "came"
		}
	}
	return ""
}

// attended and attendedNot are the words of coming to a session and of
// missing it, as talkWords reads them; maxAttendanceWords bounds such a
// message.
var (
	attended    = talkSet("asistio", "vino", "llego", "estuvo", "participo", "conecto", "came", "attended", "showed", "joined")
	attendedNot = talkSet("falto", "ausente", "missed", "absent")
	// attendedIfNot say it only after a negation: "Emma didn't come", not
	// "Emma will come".
	attendedIfNot = talkSet("come", "show", "join", "attend", "asistir", "venir")
)

const maxAttendanceWords = 10

// CourseAdd reports whether text, which asks for /mycourses in words,
// asks to register a course ("quiero registrar un curso nuevo").
func CourseAdd(text string) bool {
	words, _ := talkWords(text)
	return hasAny(words, courseWords) && hasAny(words, courseAdd, courseAddVerbs) && !courseAddedTo(words)
}

// courseAddedTo reports whether words add something to a course rather
// than the course: its noun after "to", "al", "en" ("how to add a link
// to my course" is an article's question; it started a course's
// registration) or after one of courseInto and a possessive or an
// article ("agrega material a mi curso").
func courseAddedTo(words []string) bool {
	for i, w := range words {
		switch {
		case !courseWords[w] || i == 0:
		case courseIntoNow[words[i-1]]:
			return true
		case i > 1 && courseOwners[words[i-1]] && courseInto[words[i-2]]:
			return true
		}
	}
	return false
}

// courseInto are the words that lead to where something is added
// ("a mi curso", "to my course"), courseIntoNow the ones that do so
// alone ("al curso", "into the course" has its article), and
// courseOwners the possessives and articles between them and the
// course. "a" alone is English's article ("add a course").
var (
	courseInto    = talkSet("to", "into", "in", "en", "a", "para", "for")
	courseIntoNow = talkSet("al", "to", "into", "in", "en")
	courseOwners  = talkSet("my", "mi", "mis", "the", "el", "la", "this", "este", "esta", "our", "nuestro")
)

// courseNameLeads are the words after a course's noun that lead to its
// name ("agrega mi curso de física", "register my course called Physics").
var courseNameLeads = talkSet("de", "del", "of", "called", "llamado", "llamada", "named")

// CourseAddName is the name of the course that text, which asks to
// register one (CourseAdd), gives after its noun and a word that leads to
// a name, as typed ("agrega mi curso de física": "física"; "add a new
// course called Physics I": "Physics I"; "agrega mi curso nuevo: Química
// general"); "" for none ("quiero registrar un curso nuevo").
func CourseAddName(text string) string {
	fields := strings.Fields(text)
	for i, f := range fields {
		w, _ := talkWords(f)
		if len(w) != 1 || !courseWords[w[0]] {
			continue
		}
		colon := strings.HasSuffix(f, ":")
		j := i + 1
		for ; j < len(fields) && !colon; j++ {
			w, _ := talkWords(fields[j])
			if len(w) != 1 || !courseAdd[w[0]] {
				break
			}
			colon = strings.HasSuffix(fields[j], ":")
		}
		if !colon {
			if j >= len(fields) {
				return ""
			}
			if w, _ := talkWords(fields[j]); len(w) != 1 || !courseNameLeads[w[0]] {
				return ""
			}
			j++
		}
		return strings.TrimRight(strings.TrimSpace(strings.Join(fields[min(j, len(fields)):], " ")), "?!.¿¡")
	}
	return ""
}

// LooksAsked reports whether text, typed where a name is asked for, is a
// question instead: it has a question mark, or begins as one does ("how
// do I…", "cómo puedo…", "where can I…"). "Cómo aprender a aprender",
// "Qué es la filosofía" and "How to write a thesis" are names.
func LooksAsked(text string) bool {
	if strings.ContainsAny(text, "?¿") {
		return true
	}
	words, _ := talkWords(text)
	return len(words) > 2 && askedFirst[words[0]] && askedSecond[words[1]]
}

// askedFirst and askedSecond are a question's first two words
// (LooksAsked).
var (
	askedFirst  = talkSet("como", "donde", "cuando", "por", "porque", "que", "how", "where", "when", "why", "what", "can")
	askedSecond = talkSet("do", "does", "did", "can", "could", "should", "i", "you", "se", "puedo", "hago", "debo",
		"tengo", "me", "le", "lo", "la", "hay")
)

// waitlisted reports whether words name the waiting list ("lista de
// espera", "waitlist", "waiting list"); waitlistLeave are the words of
// leaving it.
func waitlisted(words []string) bool {
	return slices.Contains(words, "waitlist") || hasAny(words, waitlistLists) && hasAny(words, waitlistWait)
}

var (
	waitlistLists = talkSet("lista", "list")
	waitlistWait  = talkSet("espera", "waiting")
	waitlistWords = union(waitlistLists, waitlistWait, talkSet("waitlist"))
	waitlistLeave = talkSet("sacame", "saca", "sacar", "quitame", "quita", "quitar", "salir", "salirme", "borrame",
		"remove", "leave", "off", "take", "estoy", "am", "lugar", "puesto", "place", "position")
)

// replyingNow, nobodyWords and hasWords: an answer awaited from the team
// (askedApart).
var (
	replyingNow = talkSet("responde", "responden", "contesta", "contestan", "respondido", "contestado", "answer",
		"answers", "answering", "reply", "replies", "replying", "respond", "responds",
		// "what did the technician say?", "¿qué dijo el técnico?" ("I
		// don't know", seen in the sandbox)
		"dijo", "dijeron", "escribio", "escribieron", "say", "said", "wrote", "write")
	nobodyWords = talkSet("nadie", "nobody", "anyone", "one")
	hasWords    = talkSet("han", "ha", "hasnt", "havent", "has", "have", "hasn't", "haven't", "yet", "aun", "todavia", "hace",
		"dias", "days")
)

// botNouns, botUse and botLinks: how the bot is used (askedApart).
var (
	botNouns = talkSet("bot", "aulabot", "chatbot", "asistente", "assistant")
	botUse   = talkSet("uso", "usar", "usa", "utilizo", "utilizar", "funciona", "funcionas", "use", "using", "work", "works",
		// what it does ("¿qué hace este bot?", "what does this bot do?":
		// suggestions, seen in the sandbox)
		"hace", "haces", "sirve", "sirves", "do", "does", "for")
	botLinks = talkSet("este", "esta", "this")
	// newcomerSays, newcomerNew and newcomerWords: someone new saying so
	// ("hola soy nuevo", "I'm new here", "es mi primera vez usando el
	// bot": "I don't know", seen in the sandbox): what the bot does
	newcomerSays  = talkSet("soy", "im", "i'm", "am")
	newcomerNew   = talkSet("nuevo", "nueva", "new")
	newcomerWords = talkSet("es", "its", "it's", "is", "primera", "first", "hola", "buenas", "buenos", "dias", "tardes",
		"noches", "hi", "hello", "hey", "aqui", "aca", "here", "en", "el", "la", "este", "esta", "bot", "chat",
		"universidad", "university", "usando", "using", "vez", "time", "mi", "my", "the", "this", "i", "y", "and", "a",
		"al", "de", "del", "to", "at", "with", "con")
)

// newcomer reports whether words only say the person is new ("hola soy
// nuevo", "es mi primera vez usando el bot"), not new to a tool ("soy
// nuevo en moodle" is a question).
func newcomer(words []string) bool {
	firstTime := slices.Contains(words, "primera") && slices.Contains(words, "vez") ||
		slices.Contains(words, "first") && slices.Contains(words, "time")
	return (hasAny(words, newcomerSays) && hasAny(words, newcomerNew) || firstTime) &&
		!slices.ContainsFunc(words, func(w string) bool { return !newcomerSays[w] && !newcomerNew[w] && !newcomerWords[w] })
}

// courseCount and courseMoved: courses counted by their move online
// (askedApart).
var (
	courseCount = talkSet("cuantos", "cuantas", "many", "numero", "number")
	courseMoved = talkSet("pasaron", "pasado", "pasados", "pasamos", "movido", "movidos", "virtual", "virtuales",
		"online", "moved", "migrated", "migrados")
	courseCountLinks = talkSet("ya", "han", "have", "has", "been", "are", "were", "hay", "there")
)

// courseAdd are the words of registering a course: "quiero registrar un
// curso nuevo", "add a new course"; courseAddVerbs those that say it
// alone (not "nuevo"), and courseAddLinks the words before the course's
// noun besides them ("agrega mi curso de física").
var (
	courseAdd      = talkSet("registrar", "registro", "agregar", "anadir", "crear", "nuevo", "otro", "register", "add", "new", "another")
	courseAddVerbs = talkSet("registrar", "registra", "registro", "agregar", "agrega", "agrego", "anadir", "anade", "crear",
		"crea", "register", "add")
	courseAddLinks = talkSet("quiero", "mi", "un", "el", "my", "a", "the", "i", "want", "to", "please", "por", "favor")
)

// namedCourseAdd reports whether words ask to register a course and give
// its name after it ("agrega mi curso de física"): before the course's
// noun only words of registering and courseAddLinks, then a word that
// leads to a name, then the name (at most maxTitleWords+2 words).
func namedCourseAdd(words []string) bool {
	i := slices.IndexFunc(words, func(w string) bool { return courseWords[w] })
	if i <= 0 || askWords[words[0]] || !onlyOf(words[:i], courseAdd, courseAddVerbs, courseAddLinks) {
		return false // "¿cómo agrego un curso de moodle?" is a question
	}
	j := i + 1
	for j < len(words) && courseAdd[words[j]] {
		j++
	}
	// a course of the virtual classroom's ("crea un curso de zoom en
	// moodle") is a question about it, not one's course registered
	return j < len(words)-1 && courseNameLeads[words[j]] && len(words)-j-1 <= maxTitleWords+2 && !hasAny(words[j:], lmsWords)
}

// ticketSent and teamFileLinks: a file already sent to the team, and the
// words that join a file and the team (askedApart).
var (
	ticketSent    = talkSet("mande", "envie", "subi", "adjunte", "pase", "sent", "uploaded", "attached")
	teamFileLinks = talkSet("el", "la", "los", "las", "al", "a", "le", "les", "me", "una", "un", "ya", "the", "an",
		"i", "for", "to", "de", "del", "mi", "my", "already", "pantalla", "screen", "of", "con", "with")
)

// RepliedAlone reports whether text only asks whether someone answered
// ("¿ya respondieron?", "¿todavía no me contestan?", "did they reply
// yet?": an article on forums, seen in the sandbox), naming neither a
// ticket nor who: read so by the caller only when one's ticket is open.
func RepliedAlone(text string) bool {
	words, _ := talkWords(text)
	return len(words) > 0 && len(words) <= maxSmallTalkWords && hasAny(words, intentReplied, replyingNow) &&
		!slices.ContainsFunc(words, func(w string) bool { return !intentReplied[w] && !replyingNow[w] && !repliedLinks[w] })
}

// repliedLinks are the words beside a word of answering that name
// nothing (RepliedAlone).
var repliedLinks = talkSet("ya", "me", "aun", "todavia", "no", "nadie", "alguien", "did", "they", "has", "have",
	"anyone", "someone", "yet", "already", "still", "not", "nobody", "les", "nos", "hay", "any", "is", "there",
	"an", "answer", "respuesta", "algo", "alguna", "anything")

// TicketAsk is what text, which asks for /mytickets in words, asks to do
// with one's ticket: "close" ("quiero cerrar mi ticket", "ya no necesito
// ayuda con el ticket"), "attach" ("adjunto una captura para mi ticket",
// "I want to add a screenshot to my ticket"), "when" ("¿cuándo van a
// resolver mi ticket?", "how long until my ticket is fixed?"), or "".
func TicketAsk(text string) string {
	words, _ := talkWords(text)
	return ticketAsk(words)
}

// ticketAsk is TicketAsk on words as talkWords reads them.
func ticketAsk(words []string) string {
	needless := slices.ContainsFunc(words, func(w string) bool { return ticketNeed[w] }) &&
		slices.ContainsFunc(words, func(w string) bool { return negations[w] })
	switch {
	case endedFailing(words):
		return "" // "my ticket was closed but it still doesn't work": its state, with 🔁 Reopen
	case slices.Contains(words, "why") || adjacent(words, [2]string{"por", "que"}):
		// "why was my ticket closed?", "¿por qué lo cerraron?" ask after
		// it: its state and history ("porque", because, gives a reason)
		return ""
	case hasAny(words, ticketReopen):
		return "reopen"
	case hasAny(words, ticketClose), needless:
		return "close"
	case hasAny(words, ticketAttach) && (hasAny(words, ticketFiles) || hasAny(words, ticketThis)),
		hasAny(words, ticketAskedFor) && hasAny(words, ticketFiles):
		return "attach" // "agrega esto a mi ticket: …" too; "el técnico me pidió una captura"
	case hasAny(words, ticketWhen) && hasAny(words, ticketDone):
		return "when"
	}
	return ""
}

// The words of what one asks of one's ticket (ticketAsk): closing it,
// not needing it, attaching a file to it, and when it is done; as
// talkWords reads them. maxTicketAsk bounds such a request.
var (
	ticketClose = talkSet("cerrar", "cierra", "cierre", "cerrarlo", "cierralo", "cierrenlo", "close", "closed",
		"cancela", "cancelar", "cancelalo", "cancel", "anula", "anular") // "cancela mi ticket" (the list, seen in the sandbox)
	// ticketReopen: "quiero reabrir mi ticket", "reopen my ticket" ("I
	// don't know", seen in the sandbox): the newest that may be reopened.
	ticketReopen = talkSet("reabrir", "reabre", "reabrelo", "reabran", "reopen", "reopened")
	ticketNeed   = talkSet("necesito", "need", "hace", "falta")
	ticketAttach = talkSet("adjuntar", "adjunto", "adjunta", "agregar", "agrego", "agrega", "agregale", "anadir", "anado", "anade", "enviar", "envio",
		"mandar", "mando", "subir", "subo", "add", "attach", "send", "upload", "include")
	// ticketAskedFor: the team asked for a file ("el técnico me pidió una
	// captura", "the technician asked me for a screenshot": suggestions,
	// seen in the sandbox): it is sent on the ticket.
	ticketAskedFor = talkSet("pidio", "pidieron", "pide", "piden", "solicito", "solicitaron", "asked", "asks", "wants",
		"quiere", "quieren", "necesita", "necesitan", "needs")
	ticketFiles = talkSet("foto", "fotos", "captura", "capturas", "imagen", "imagenes", "archivo", "archivos", "pantallazo",
		"pantallazos", "screenshot", "screenshots", "photo", "photos", "picture", "pictures", "image", "images", "file",
		"files", "attachment", "adjunto", "video")
	// ticketThis: what is added without a file named ("agrega esto a mi
	// ticket: ya probé en otro navegador": suggestions, seen in the
	// sandbox).
	ticketThis = talkSet("esto", "this", "algo", "something")
	ticketWhen = talkSet("cuando", "cuanto", "when", "long", "soon", "pronto")
	ticketDone = talkSet("resolver", "resuelven", "resuelto", "responder", "responden", "atender", "atienden", "solucionar",
		"solucionan", "arreglar", "arreglan", "tarda", "tardan", "demora", "demoran", "resolve", "resolved", "answer",
		"answered", "fix", "fixed", "reply", "take", "takes")
)

const maxTicketAsk = 14

// maxTitleWords bounds the words of a training's title a request to go to
// it may name.
const maxTitleWords = 4

// ownWords counts the words of words that neither the intents nor sets
// know.
func ownWords(words []string, sets ...map[string]bool) int {
	n := 0
	for _, w := range words {
		if !intentKnown(w) && !inSets(w, sets) {
			n++
		}
	}
	return n
}

// TrainingAsk is what text, which asks for /trainings in words, asks to
// do with a training: "attend" ("inscríbeme en la formación del
// miércoles"), "decline" (the words of not going: "no podré ir a la
// capacitación del jueves"), or "" (to see them).
func TrainingAsk(text string) string {
	words, _ := talkWords(text)
	words = comingNot(words)
	switch {
	case !hasAny(words, trainingWords):
		return ""
	case hasAny(words, intentCancel):
		return "decline"
	case hasAny(words, trainingAttend):
		return "attend"
	}
	return ""
}

// hasAny reports whether one of words is in one of sets.
func hasAny(words []string, sets ...map[string]bool) bool {
	return slices.ContainsFunc(words, func(w string) bool { return inSets(w, sets) })
}

// onlyOf reports whether every one of words is one the intents know or
// is in one of sets, none of them a negation.
func onlyOf(words []string, sets ...map[string]bool) bool {
	return !slices.ContainsFunc(words, func(w string) bool { return negations[w] || !intentKnown(w) && !inSets(w, sets) })
}

// inSets reports whether w is in one of sets.
func inSets(w string, sets []map[string]bool) bool {
	return slices.ContainsFunc(sets, func(set map[string]bool) bool { return set[w] })
}

// Staff ask for their own commands in words too: a coordinator's "crear
// una formación" or "informe de esta semana", a mentor's "publicar un
// horario", a technician's "tickets sin tomar". StaffIntent reads them;
// the caller keeps each to those whose role has the command.
var (
	// staffCreate: making something new.
	staffCreate = wordSet("crear", "creo", "nueva", "nuevo", "nuevas", "nuevos", "organizar", "organizo",
		"programar", "programo", "programa", "agendar", "armar", "publicar", "publico", "abrir", "abro", "agregar",
		"anadir", "ofrecer", "hacer", "create", "new", "organize", "schedule", "set", "add", "publish", "open",
		"dar", "impartir", "dictar", "give", // "quiero dar una sesión cada martes a las 10" (suggestions, seen in the sandbox)
		"make", "offer", "post",
		// said to the bot: "publica un comunicado para los docentes",
		// "haz un anuncio para todos" (the virtual classroom's article on
		// announcements, seen in the sandbox)
		"crea", "organiza", "arma", "publica", "abre", "agrega", "anade", "ofrece", "haz")
	// announceWords: a message to a university's people (/announce).
	announceWords = wordSet("anuncio", "anuncios", "comunicado", "comunicados", "aviso", "avisos",
		"announcement", "announcements", "announce", "broadcast")
	// announceStop: one stopped, or asked after ("cancela el anuncio
	// programado", "stop the announcement": "I don't know", seen in the
	// sandbox); /announce shows its progress, with ⛔ Cancel sending.
	announceStop = wordSet("cancela", "cancelar", "cancel", "deten", "detener", "stop", "anula", "anular", "suspende",
		"suspender", "programado", "programada", "scheduled", "enviando", "sending")
	// staffLinks join a staff request's words: whom an announcement is
	// for, a report's period.
	staffLinks = wordSet("enviar", "envio", "mandar", "mando", "send",
		"envia", "enviale", "enviales", "manda", "mandale", "mandales", // "envía un aviso a todos los docentes" (suggestions, seen in the sandbox)
		"docentes", "profesores", "estudiantes",
		"alumnos", "teachers", "students", "everyone", "universidad", "university", "universidades", "universities",
		"semanal", "mes", "mensual",
		"ciclo", "semestre", "pasada", "pasado", "weekly", "month", "monthly", "term", "last",
		"cuantos", "cuantas", "hay", "tengo", "many", "there", // "¿cuántos tickets hay abiertos?"
		"cuanta", "cuanto", // "¿cuánta gente se inscribió a mi sesión del martes?"
		"cada", "every", // "quiero dar una sesión cada martes a las 10"
		"se", "esta", "este", "this", // "¿cuántos tickets se resolvieron esta semana?"
		"resultados", "results", // "resultados de la encuesta"
		"tienen", "tiene", "have", "has", // "¿qué mentores tienen más sesiones?"
		"which", "cual", "cuales", "show", "muestra", "muestrame", "mostrar", "mostrame", "me") // "show me the unanswered questions"
	// reportWords: the figures of /report.
	reportWords = wordSet("informe", "informes", "estadisticas", "metricas", "cifras", "indicadores", "resumen",
		"stats", "statistics", "metrics", "figures", "dashboard", "summary",
		"satisfaccion", "satisfaction") // "show me the satisfaction ratings": "I don't know" (seen in the sandbox)
	// gapWords: the questions nobody answered (/gaps); "preguntas sin
	// respuesta" is its menu button's words.
	gapWords = wordSet("gaps", "vacios", "unanswered", "pendientes")
	// slotWords: what a mentor offers (/newslot).
	slotWords = wordSet("horario", "horarios", "slot", "slots", "sesion", "sesiones", "session", "sessions",
		"mentoria", "mentorias", "tutoria", "tutorias", "asesoria", "asesorias", "mentoring", "disponibilidad",
		"availability", "cupo", "cupos")
	// slotLength: how long a new session lasts ("quiero abrir un horario
	// el viernes a las 10 de 45 minutos", "… for 45 minutes": suggestions
	// of articles, seen in the sandbox; "una hora" was read already).
	slotLength = wordSet("minutos", "minuto", "min", "mins", "minutes", "minute", "horas", "hours", "hour", "durante",
		"dure", "duracion", "lasting", "long", "for")
	// agendaWords and todayWords: a mentor's day (/today).
	agendaWords = wordSet("agenda")
	todayWords  = wordSet("hoy", "today")
	// slotPeople: who booked a mentor's sessions ("¿quién reservó
	// conmigo?", "¿cuántas personas vienen el lunes?"): /slots; slotDays:
	// the days and the link a mentor names the sessions by.
	slotPeople = wordSet("quien", "quienes", "who", "inscritos", "inscritas", "reservaron", "vienen", "vendran",
		"inscribio", "inscribieron", "anoto", "anotaron", // "¿cuánta gente se inscribió…?" (suggestions, seen in the sandbox)
		"viene", "vendra", "asiste", "asisten", "asistira", "asistiran", "comes",
		"personas", "gente", "conmigo", "enrolled", "booked", "coming", "people",
		// who came ("¿quién vino a mi sesión de ayer?": "I don't know",
		// seen in the sandbox): the last week's sessions
		"vino", "vinieron", "asistio", "asistieron", "came", "attended",
		// who attends, by its noun ("pásame la lista de asistentes de mi
		// sesión del martes": suggestions, seen in the sandbox)
		"asistentes", "participantes", "attendees", "attendee", "participants")
	// participantNouns name a mentor's attendees and also the virtual
	// classroom's page of a course's people (classroomParticipants).
	participantNouns = wordSet("participantes", "participants")
	// askWho: "¿quién reservó mi sesión del martes?" asks who
	// booked it, not for a booking (a mentor got the booking's first
	// step, seen in the sandbox).
	askWho   = wordSet("quien", "quienes", "who")
	slotDays = wordSet("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "manana", "semana",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow", "week", "enlace",
		"enlaces", "link", "links", "ayer", "yesterday")
	// noteWords: a session's private note ("agrega una nota privada a la
	// sesión del lunes: revisar rúbrica"), and placeWords the words that
	// put a note or a link on one ("pon el enlace … en la sesión del
	// martes"); they got suggestions or "I don't know" (seen in the
	// sandbox).
	noteWords  = wordSet("nota", "notas", "note", "notes", "apunte", "apuntes")
	placeWords = wordSet("pon", "ponle", "poner", "agrega", "agregar", "agregale", "anade", "anadir", "put", "add",
		"privada", "privado", "private", "guarda", "guardar", "save")
	// queueWords: the tickets waiting on the team (/queue), without "mis"
	// ("mis tickets pendientes" is one's own).
	queueWords = wordSet("cola", "queue", "pendientes", "abiertos", "open", "pending", "unclaimed", "unassigned", "waiting",
		"asignados", "asignadas", "assigned", "tomados", "claimed",
		// late or urgent ones, which /queue shows by age ("¿qué tickets
		// están vencidos?" got "I don't know", seen in the sandbox)
		"vencidos", "vencidas", "atrasados", "atrasadas", "urgentes", "escalados", "escalated", "overdue", "late",
		"urgent", "unresolved", "estan",
		// the oldest, which /queue lists first ("¿cuál es el ticket más
		// antiguo?" got suggestions, seen in the sandbox)
		"antiguo", "antiguos", "viejo", "viejos", "oldest",
		// "¿cuál es el ticket más urgente?" showed the ones held (seen in
		// the sandbox)
		"urgente", "prioritario", "prioritarios", "prioridad", "priority", "important", "importante")
	// ticketAge: how long tickets wait ("¿qué tickets llevan más de un
	// día?": suggestions, seen in the sandbox), which /queue says of each.
	ticketAge = wordSet("llevan", "dia", "dias", "days", "day", "older", "than", "waiting", "esperando")
	// tellWords: a mentor's words to those booked in a session ("avisa a
	// los inscritos de mi sesión del lunes que llego 10 minutos tarde",
	// "tell the people in my session today that I'm running late"), which
	// got suggestions of articles (seen in the sandbox): /slots, the
	// session named, and what follows "que" or "that" its message.
	tellWords = wordSet("avisa", "avisale", "avisales", "avisarles", "dile", "diles", "decirles", "digale",
		"digales", "escribe", "escribeles", "escribirles", "mandales", "enviales", "notifica", "notificales",
		"informa", "informales", "comunica", "comunicales", "tell", "notify", "inform", "message", "let", "know",
		"write",
		// to one person: "escríbele a Rosa que…" (a mentor's words to
		// one booked, bookedTold; "I don't know", seen in the sandbox)
		"escribele", "mandale", "enviale", "informale", "comunicale", "notificale",
		// a reminder: "recuérdales a los inscritos de la formación" ("I
		// don't know", seen in the sandbox)
		"recuerdales", "recordarles",
		// what is sent them: "envíales el material a los de la sesión del
		// martes" ("I don't know", seen in the sandbox)
		"material", "materiales", "diapositivas", "presentacion", "slides", "materials", "comparteles", "pasales")
	// reportPast and reportNouns: a period's figures a coordinator asks
	// for ("¿cuántos tickets se resolvieron esta semana?", "¿cómo
	// calificaron las mentorías?"): /report. Both got "I don't know", and
	// the first reached /gaps (seen in the sandbox).
	reportPast = wordSet("resolvieron", "resolvio", "resueltos", "resueltas", "cerraron", "cerrados", "cerradas", "respondio",
		"respondidas", "respondidos", "contesto", "hubo", "tuvimos", "atendimos", "atendieron", "calificaron",
		"usan", "usaron", "usa", "usando", "use", "used", "using", "uses",
		"tiene", "does", // "¿cuántos usuarios tiene el bot?" (suggestions, seen in the sandbox)
		"calificacion", "calificaciones", "valoraron", "satisfaccion", "resolved", "closed", "answered", "were",
		"was", "had", "rated", "rating", "ratings", "satisfaction",
		// the people who joined ("¿cuántas personas se registraron esta
		// semana?" got the attendance article, seen in the sandbox)
		"registraron", "registrados", "registradas", "registered", "joined", "signed",
		// the tickets or questions that came in ("¿cuántos tickets se
		// abrieron este mes?" got "I don't know" and reached /gaps, seen
		// in the sandbox)
		"abrieron", "abrio", "creados", "creadas", "crearon", "reportaron", "reportados", "reportadas", "llegaron",
		"recibimos", "recibieron", "hicieron", "hizo", "preguntaron", "opened", "created", "reported", "received",
		"asked",
		// what is asked most ("¿qué temas preguntan más?", "most asked
		// topics": suggestions, seen in the sandbox)
		"preguntan", "consultan", "preguntados", "preguntadas", "consultados", "consultadas", "ask")
	statsNouns = wordSet("tickets", "preguntas", "consultas", "mentorias", "sesiones", "reservas", "formaciones",
		"questions", "sessions", "bookings", "trainings",
		"horas", "hours", // "¿cuántas horas de mentoría di este mes?" (the booking article, seen in the sandbox)
		// the people who use the bot ("¿cuántos docentes usan el bot?" got
		// an article on asking one's teacher for help, seen in the
		// sandbox): the report's active people
		"docentes", "estudiantes", "usuarios", "personas", "gente", "profesores", "alumnos", "users", "people", "teachers",
		"students",
		"temas", "topics") // "¿qué temas preguntan más?": the report's most frequent
	// rankWords compare the people or things counted ("¿qué mentores
	// tienen más sesiones?", which opened the booking of a session for a
	// coordinator, seen in the sandbox): /report, whose figures name them.
	// ownES and ownEN are the words of one's own work done: "¿cuántas
	// sesiones di este mes?", "¿cuántos tickets resolví esta semana?",
	// "how many tickets did I resolve?" (the first two got "I don't know",
	// the third suggestions; seen in the sandbox): /mystats; the English
	// ones are read with "i".
	// ownDone are every word such a request may have.
	ownES   = wordSet("di", "dado", "dicte", "dictado", "resolvi", "atendi", "tome", "cerre", "hice")
	ownEN   = wordSet("did", "gave", "given", "held", "resolved", "handled", "claimed", "took", "closed", "done")
	ownDone = union(ownES, ownEN, wordSet("i", "have", "he", "llevo", "resolve", "give", "hold"))
	// slotClose: a session closed, which a mentor's panel cancels or
	// fills ("cierra la sesión del martes").
	slotClose = wordSet("cierra", "cerrar", "cierro", "cierren", "close")
	// seatNouns name a session's seats: "cambia el cupo de mi sesión del
	// viernes a 8", "set the seats of my wednesday session to 12" (the
	// first asked where to move it, the second got suggestions; seen in
	// the sandbox): /slots, which sets them; seatVerbs set them.
	seatNouns = wordSet("cupo", "cupos", "capacidad", "lugares", "plazas", "vacantes", "seats", "capacity", "places",
		"spots")
	seatVerbs = wordSet("pon", "poner", "set", "to", "quedan", "left", "aumenta", "reduce", "sube", "baja", "increase",
		"decrease", "raise", "lower")
	// seatMore with seatNouns are seats added to a session that is
	// there, seatAnother a new one ("crea otra sesión con más cupos").
	seatMore    = wordSet("mas", "more", "extra")
	seatAnother = wordSet("otra", "otro", "another")
	// seatAsks ask after a session's seats, which BookingAsk leaves as
	// they are: "¿cuántos lugares quedan en la sesión del 12?".
	seatAsks = wordSet("cuantos", "cuantas", "quedan", "hay", "how", "left")
	// ownStats are one's figures named: "mis cifras", "my stats".
	ownStats = wordSet("cifras", "estadisticas", "numeros", "figures", "stats", "statistics", "numbers",
		"califican", "calificaron", "valoran", "valoraron", "rate", // "¿cómo califican mis sesiones?" (suggestions, seen in the sandbox)
		// one's ratings: "¿cuál es mi calificación promedio?" (suggestions
		// on the gradebook, seen in the sandbox)
		"calificacion", "calificaciones", "promedio", "valoracion", "puntuacion", "estrellas", "rating", "ratings",
		"average", "stars")
	// staffRatings are the words of how the staff were rated: with
	// staffNouns, the report, whose figures give each one's.
	staffRatings = wordSet("calificacion", "calificaciones", "califican", "calificaron", "valoracion", "valoran",
		"valoraron", "satisfaccion", "estrellas", "rating", "ratings", "rated", "rate", "satisfaction", "stars")
	rankWords = wordSet("mas", "menos", "most", "least", "fewest", "top", "ranking", "mejor", "mejores", "peor",
		"peores", "best", "worst",
		// the most asked ("¿cuáles son las preguntas más frecuentes?" got
		// suggestions, seen in the sandbox): the report's most frequent
		"frecuentes", "frecuente", "comunes", "populares", "frequent", "common", "popular", "asked")
	// exportWords, and exportVerbs with the figures or the data named: the
	// figures as a file ("quiero descargar los datos en excel" got
	// suggestions of articles, seen in the sandbox): /report sends its
	// spreadsheet.
	exportWords = wordSet("excel", "csv", "xlsx", "hoja", "calculo", "spreadsheet", "sheet", "planilla")
	exportVerbs = wordSet("descargar", "exportar", "bajar", "export", "download")
	// gradeNouns: a course's grades, which the report has none of.
	gradeNouns = wordSet("notas", "nota", "grades", "grade", "gradebook", "marks")
	// bookedNouns and countWords: the bookings of a mentor's sessions
	// counted ("¿cuántas reservas tengo esta semana?", which got the
	// booking article, seen in the sandbox): /slots, which names them.
	bookedNouns = wordSet("reservas", "reserva", "reservaciones", "bookings", "booking", "reservations", "inscritos",
		"inscritas")
	// queueAll and queueAllLinks: the tickets as a whole, not one's own
	// ("los tickets", "all the tickets"), and the words that join them.
	queueAll      = wordSet("los", "las", "the", "todos", "todas", "all", "every")
	queueAllLinks = wordSet("de", "la", "del", "of", "me", "quiero", "dame", "give", "please", "por", "favor")
	// assignedWords are queueWords of tickets someone holds.
	assignedWords = wordSet("asignados", "asignadas", "assigned", "tomados", "claimed")
	countWords    = wordSet("cuantos", "cuantas", "cuanta", "cuanto", "many", "tengo", "have")
	// staffNouns and staffAsk: who the programme's staff are ("who are the
	// mentors of unvs?", "¿cuántas universidades hay?": "I don't know" or
	// the help desk's article, seen in the sandbox): /staff.
	staffNouns = wordSet("mentores", "mentoras", "mentors", "tecnicos", "tecnicas", "technicians", "coordinadores",
		"coordinadoras", "coordinators", "staff", "universidades", "universities",
		// one of them ("¿quién es el coordinador de la unvs?": "I don't
		// know", seen in the sandbox; "¿qué mentor tiene mejor
		// calificación?", a ranking's: /report)
		"coordinador", "coordinadora", "coordinator", "mentor", "mentora", "tecnico", "tecnica", "technician")
	// staffVerbs: a member of staff added or taken off ("agrega a un
	// nuevo mentor" got the booking article, seen in the sandbox): /staff,
	// which says how (the configuration names them).
	staffVerbs = wordSet("agrega", "agregar", "agrego", "agregue", "anade", "anadir", "suma", "sumar", "incorporar",
		"add", "quita", "quitar", "quito", "saca", "sacar", "remove")
	// staffAs and staffTeam: the role a member of staff is added as ("agrega
	// a Ana como mentora", "add Luis as a technician", "quita a Luis del
	// equipo técnico").
	staffAs   = wordSet("como", "as", "al", "del", "to", "from")
	staffTeam = wordSet("equipo", "team", "soporte", "support")
	staffAsk  = wordSet("quienes", "quien", "who", "cuales", "which", "cuantas", "cuantos", "many", "lista", "list", "son",
		"are", "hay", "there",
		// "¿qué mentores tenemos?", "who are our mentors?" ("I don't
		// know", seen in the sandbox)
		"tenemos", "nuestros", "nuestras", "our", "have")
	// reloadWords and kbNouns: the knowledge base read again from its
	// files (/reload: an admin's "recarga la base de conocimiento" got "I
	// don't know", seen in the sandbox).
	reloadWords = wordSet("recarga", "recargar", "recargue", "reload", "actualiza", "actualizar", "actualice", "refresh",
		"update")
	kbNouns = wordSet("base", "conocimiento", "conocimientos", "articulos", "articulo", "knowledge", "articles", "article",
		"kb")
	// kbAnswer: an answer added to the knowledge base ("agrega una
	// respuesta a la base de conocimiento": "I don't know", seen in the
	// sandbox), which /gaps does for a question asked
	kbAnswer = wordSet("respuesta", "respuestas", "answer", "answers")
	// kbMissing ask which: the topics the base lacks (/gaps).
	kbMissing = wordSet("que", "cuales", "which", "what", "temas", "topics", "falta", "faltan", "missing", "should",
		"we", "deberiamos", "debemos")
	// rankSpeed: who works fastest ("¿quién es el técnico más rápido?"
	// got an article on study techniques, seen in the sandbox): the
	// report's figures by person
	rankSpeed = wordSet("rapido", "rapida", "rapidos", "rapidas", "lento", "lenta", "lentos", "lentas", "fast", "faster",
		"fastest", "quick", "quicker", "quickest", "slow", "slower", "slowest")
	// surveyWords: the surveys a coordinator runs (/surveys: "quiero ver
	// las encuestas" opened an article on forums, seen in the sandbox);
	// surveyAnswer, answering one, is a respondent's (/survey).
	surveyWords = wordSet("encuesta", "encuestas", "survey", "surveys", "sondeo", "sondeos")
	// surveyClose: one closed ("cierra la encuesta" got an article on
	// video calls, answered directly, seen in the sandbox): /surveys,
	// whose campaign's progress has ⏹ Close.
	surveyClose = wordSet("cierra", "cerrar", "cierro", "cierrala", "close", "termina", "terminar", "finaliza",
		"finalizar", "end", "stop")
	// surveyState: the campaigns running ("¿cuántas encuestas están
	// abiertas?", "which surveys are running?": "I don't know", seen in
	// the sandbox).
	surveyState = wordSet("abierta", "abiertas", "activa", "activas", "lanzada", "lanzadas", "curso", "open",
		"active", "running", "launched")
	// howGoing: how something of the staff's goes ("¿cómo van las
	// encuestas?", "how is the survey going?": "I don't know", seen in
	// the sandbox), words that ask nothing themselves.
	howGoing = wordSet("como", "van", "va", "going", "goes", "how", "is", "are", "estan", "esta", "marchan",
		"marcha", "avanzan")
	// goingWords are howGoing's verbs, which ask how a staff's list goes
	// ("¿cómo van los tickets?": the queue; "… las reservas?": a mentor's
	// sessions; "… las formaciones?": an organiser's trainings).
	goingWords = wordSet("van", "va", "going", "goes", "marchan", "marcha", "avanzan", "doing")
	// wentPast ask how one's own went: "how did my sessions go this
	// month?", "¿cómo me fue con mis sesiones este mes?"; wentWords are
	// the words of such a question.
	wentPast  = wordSet("went", "did", "fue", "fueron", "salieron")
	wentWords = union(wentPast, wordSet("go"))
	// helpdeskWords name the technical team's work as a whole: how it goes
	// is the report's ("how is the help desk doing this week?" got the
	// help desk's article, seen in the sandbox).
	helpdeskWords = wordSet("helpdesk", "desk", "soporte", "support", "mesa")
	// programWords name the programme as a whole: how it goes is the
	// report's too ("how is the program going this month?": "I don't
	// know", seen in the sandbox).
	programWords = wordSet("programa", "program", "programme")
	surveyAnswer = wordSet("responder", "respondo", "contestar", "contesto", "llenar", "lleno", "completar",
		"answer", "fill", "take", "complete")
	// messageNouns and audienceWords: a message to a university's people
	// ("send a message to all teachers", "enviar un mensaje a todos los
	// docentes": suggestions, seen in the sandbox): /announce.
	messageNouns  = wordSet("mensaje", "mensajes", "message", "messages")
	audienceWords = wordSet("docentes", "profesores", "estudiantes", "alumnos", "teachers", "students", "everyone",
		"todos", "todas", "all")
	// reportNouns: "report" and "reporte", which with a failure are a
	// report of it ("reportar un problema" is /problem).
	reportNouns = wordSet("report", "reports", "reporte", "reportes")
	// withoutWords read "sin" and its word as one: "tickets sin tomar",
	// "preguntas sin respuesta".
	withoutWords = map[string]string{"sin tomar": "unclaimed", "sin asignar": "unclaimed", "sin resolver": "unresolved",
		"sin respuesta": "unanswered",
		"sin responder": "unanswered", "no supo responder": "unanswered", "no pudo responder": "unanswered",
		"no sabe responder": "unanswered", "no supo contestar": "unanswered", "no pudo contestar": "unanswered",
		"no respondio": "unanswered", "no respondiste": "unanswered", "could not answer": "unanswered",
		// the bot between ("which questions could the bot not answer?":
		// an article answered directly, seen in the sandbox)
		"could the bot not answer": "unanswered", "did the bot not answer": "unanswered",
		"could it not answer": "unanswered", "did it not answer": "unanswered",
		"couldnt answer": "unanswered", "did not answer": "unanswered", "didnt answer": "unanswered",
		// contracted, the bot between ("what questions couldn't the bot
		// answer?": an article answered directly, seen in the sandbox)
		"couldnt the bot answer": "unanswered", "didnt the bot answer": "unanswered", "cant the bot answer": "unanswered",
		"couldnt it answer": "unanswered", "didnt it answer": "unanswered", "couldnt you answer": "unanswered",
		"didnt you answer": "unanswered", "could you not answer": "unanswered", "did you not answer": "unanswered",
		// "¿quién no ha respondido la encuesta?" (its figures: "I don't
		// know", seen in the sandbox)
		"no ha respondido": "unanswered", "no han respondido": "unanswered", "no respondieron": "unanswered",
		"no ha contestado": "unanswered", "no han contestado": "unanswered", "no contestaron": "unanswered",
		"havent answered": "unanswered", "have not answered": "unanswered", "hasnt answered": "unanswered",
		// "what did the bot not know this week?"
		"did not know": "unanswered", "didnt know": "unanswered", "did the bot not know": "unanswered",
		"no supo": "unanswered", "no sabia": "unanswered",
		// "which questions did the bot fail this month?" (suggestions,
		// seen in the sandbox)
		"did the bot fail": "unanswered", "the bot failed": "unanswered", "bot fail": "unanswered",
		// "¿qué preguntas no se respondieron?" (an article on forums, seen
		// in the sandbox)
		"no se respondieron": "unanswered", "no se han respondido": "unanswered", "no se respondio": "unanswered",
		"no se contestaron": "unanswered", "no respondidas": "unanswered", "no contestadas": "unanswered",
		"sin contestar": "unanswered", "were not answered": "unanswered", "werent answered": "unanswered",
		"not answered": "unanswered"}
	// withoutKeys are withoutWords' phrases, the longest first ("no supo
	// responder" before any pair within it), and withoutPhrases their
	// words.
	withoutKeys = slices.SortedFunc(maps.Keys(withoutWords), func(a, b string) int {
		return cmp.Or(strings.Count(b, " ")-strings.Count(a, " "), strings.Compare(a, b))
	})
	withoutPhrases = phrases(withoutKeys...)
)

// trainingManage and trainingCount begin an organiser's request about one
// of their trainings: to call it off or move it, or how many come
// ("¿quiénes vienen a la formación?" stays everyone's /trainings).
var (
	trainingManage = wordSet("cancela", "cancelar", "cancelo", "anula", "anular", "suspende", "suspender", "suspendo",
		"cambia", "cambiar", "cambio", "mueve", "mover", "muevo", "reprograma", "reprogramar", "pospone", "posponer",
		"postpone", "cancel", "move", "change", "reschedule", "pospon")
	trainingCount = wordSet("cuantas", "cuantos", "how")
)

// cliticForms are the verbs of undoing, moving, copying, booking and
// erasing with a pronoun written onto them ("cancélala", "muévela al
// jueves", "suspéndela", "quiero cancelarla", "bórrame mis datos"), as
// talkWords reads them, each to its verb: unclitic reads the verb alone
// (a mentor's "no voy a poder dar mi sesión del martes, cancélala" got
// suggestions, seen in the sandbox). One map, so that a word costs one
// lookup.
var cliticForms = func() map[string]string {
	forms := map[string]string{}
	verbs := union(intentCancel, intentChange, trainingManage, copyWords, intentBook, intentErase)
	for v := range verbs {
		for _, c := range []string{"la", "lo", "las", "los", "le", "les", "me", "nos", "mela", "melo", "melas", "melos",
			"sela", "selo", "selas", "selos"} {
			if f := v + c; !verbs[f] && len(f) >= 5 && (forms[f] == "" || v < forms[f]) {
				forms[f] = v // two verbs with one form: the same one every start
			}
		}
	}
	return forms
}()

// unclitic is w, one of talkWords' words, without the pronoun written
// onto it when it is one of cliticForms ("cancelala" → "cancela"); w
// itself otherwise.
func unclitic(w string) string {
	if v, ok := cliticForms[w]; ok {
		return v
	}
	return w
}

// maxTellWords bounds the words of a request to tell those coming to a
// training something, its title's among them (StaffIntent).
const maxTellWords = 14

// classroomParticipants reports whether words name people only by
// participantNouns, with neither a session's nor a day's word: the
// virtual classroom's list ("¿cómo veo la lista de participantes?", a
// line of its article, showed a mentor's sessions), not a session's.
func classroomParticipants(words []string) bool {
	return hasAny(words, participantNouns) && !hasAny(words, slotWords, slotDays) &&
		!slices.ContainsFunc(words, func(w string) bool { return slotPeople[w] && !participantNouns[w] })
}

// StaffIntent returns the staff command text asks for in words, without
// the slash ("newevent", "announce", "report", "gaps", "newslot",
// "today", "slots", "queue", "staff", "mystats"), or "" for none: every word one of the staff's or
// the intents', at most maxSmallTalkWords, no negation. Whether the
// person may use the command is the caller's to check.
func StaffIntent(text string) string {
	words, _ := talkWords(text)
	words = asMeant(words)
	if thanksFor(words) {
		return "" // "gracias por la sesión de hoy": thanks (SmallTalk)
	}
	// "sin tomar", "sin respuesta", "no supo responder": no negation of
	// the request, a state of what it asks for, and one word of it (the
	// three of "no supo responder" made "¿qué preguntas no supo responder
	// el bot esta semana?" too long a request, seen in the sandbox).
	words = replacePhrases(words, withoutPhrases, func(k int) string { return withoutWords[withoutKeys[k]] })
	words = replacePhrases(words, notHolding, func(int) string { return "cancelar" })      // "no puedo dar la sesión del martes"
	words = replacePhrases(words, reminderSent, func(int) string { return "recuerdales" }) // "manda un recordatorio a los inscritos de…"
	if len(words) > 1 && words[0] == "remind" && words[1] != "me" && hasAny(words, trainingWords) {
		// "remind the training attendees" ("I don't know", seen in the
		// sandbox): to those coming, as "recuérdales a los inscritos…";
		// "remind me of the training" is one's own
		words = slices.Concat([]string{"recuerdales"}, words[1:])
	}
	if hasAny(words, askWho) {
		words = replacePhrases(words, notCame, func(int) string { return "vino" }) // "¿quién no vino a mi sesión del domingo?"
	}
	if away := replacePhrases(words, notAvailable, func(int) string { return "cancelar" }); len(away) < len(words) &&
		len(away) <= maxTellWords && (periodNamed(away) || hasAny(away, slotDays)) {
		// "no estaré disponible el viernes", "bloquea mi agenda la próxima
		// semana": a mentor's sessions of that day or week, to cancel
		// ("I don't know" or suggestions, seen in the sandbox).
		return "slots"
	}
	if len(words) > 0 && len(words) <= maxTellWords && tellWords[words[0]] && hasAny(words, trainingWords) && !hasAny(words, negations) {
		// "avisa a los inscritos de la formación de quizzes": told, with
		// the training's title in words of the organiser's own (it got
		// suggestions of articles, seen in the sandbox).
		return "events"
	}
	if len(words) > 0 && len(words) <= maxTellWords && (trainingManage[words[0]] || trainingCount[words[0]]) &&
		hasAny(words, trainingWords) && !hasAny(words, negations) && !hasAny(words, staffCreate) {
		// "cancela la formación de cuestionarios", "¿cuántos se
		// inscribieron a la formación del jueves?": an organiser's
		// training, named by words of its title (they got "I don't know"
		// or suggestions, seen in the sandbox).
		return "events"
	}
	if len(words) > 1 && len(words) <= maxTellWords && staffVerbs[words[0]] && !hasAny(words, negations) &&
		slices.ContainsFunc(words[1:], func(w string) bool { return staffNouns[w] || staffTeam[w] }) &&
		slices.ContainsFunc(words[:len(words)-1], func(w string) bool { return staffAs[w] }) {
		// "agrega a Ana como mentora", "quita a Luis del equipo técnico":
		// a name of one's own, then the role (the booking article, seen
		// in the sandbox): /staff, which says how.
		return "staff"
	}
	if waitlisted(words) && hasAny(words, countWords, slotPeople) && !hasAny(words, waitlistLeave, negations) &&
		onlyOf(words, waitlistWords, countWords, slotPeople, slotWords, slotDays, intentMy) {
		// "¿cuántas personas hay en la lista de espera?", "who is on the
		// waitlist?": a mentor's sessions, with those waiting in each
		// (suggestions, seen in the sandbox).
		return "slots"
	}
	if scheduleAsked(words) {
		// "¿qué tengo mañana?", "mi agenda del viernes": a mentor's
		// sessions of that day (the agenda showed today's, seen in the
		// sandbox); "¿qué tengo hoy?", "mi agenda": /today.
		if hasAny(words, todayWords) || !periodNamed(words) {
			return "today"
		}
		return "slots"
	}
	if len(words) == 0 || requestWords(words) > maxSmallTalkWords || hasAny(words, courseWords) {
		// A course's words are the requests' (a teacher's "¿en qué paso
		// va mi curso?"), not the staff's: "sacar las notas del curso en
		// excel" is the virtual classroom's gradebook, not /report.
		return ""
	}
	if !onlyOf(words, staffSets...) {
		return ""
	}
	has := func(set map[string]bool) bool { return hasAny(words, set) }
	switch {
	case has(intentTicket) && has(ticketAge) && !has(intentMy) && !has(staffCreate):
		return "queue" // oldest first, each with its age: a ranking's "más" is not the report's here
	case has(wentPast) && has(howGoing) && has(intentMy) && (has(slotWords) || has(statsNouns)) && !has(staffCreate):
		return "mystats" // "how did my sessions go this month?": one's figures ("I don't know", seen in the sandbox)
	case has(statsNouns) && (has(ownES) || slices.Contains(words, "i") && has(ownEN)) && !has(intentBook) &&
		(!has(staffCreate) || slices.Contains(words, "did") && slices.Contains(words, "many")),
		has(intentMy) && has(ownStats):
		// one's own work: sessions given, tickets resolved; "how many
		// sessions did I give this month?" too (its "give" began a new
		// session, seen in the sandbox)
		return "mystats"
	case has(seatNouns) && has(slotWords) && !has(trainingWords) && (!has(staffCreate) || has(intentMy) || has(seatMore) && !has(seatAnother)):
		// a session's seats: its panel sets them ("abre más cupos en la
		// sesión del martes" began a new session, seen in the sandbox)
		return "slots"
	case has(kbNouns) && has(kbAnswer) && has(staffCreate) && !has(negations):
		return "gaps" // an answer added: to a question asked, there
	case has(kbNouns) && has(staffCreate) && hasAny(words, kbMissing) && !has(negations) && !has(intentMy):
		// what the base lacks: "which topics should we add to the
		// knowledge base?" (suggestions, seen in the sandbox) is what
		// people asked that it could not answer
		return "gaps"
	case has(reloadWords) && has(kbNouns):
		return "reload"
	case has(surveyWords):
		if has(surveyAnswer) {
			return "" // "quiero responder la encuesta": the respondent's /survey
		}
		return "surveys" // "create a survey" too: its campaigns open there ("I don't know", seen in the sandbox)
	case has(tellWords) && has(trainingWords) && !has(announceWords) && !has(staffCreate):
		return "events" // those coming to a training, told (BookingAsk: "tell")
	case has(tellWords) && (has(slotPeople) || has(slotWords)) && !has(announceWords) && !has(trainingWords):
		return "slots" // those booked in a session, told (BookingAsk: "tell")
	case has(trainingWords) && has(staffCreate):
		return "newevent"
	case has(announceWords), has(messageNouns) && has(audienceWords) && !has(slotWords) && !has(slotPeople) && !has(trainingWords):
		return "announce"
	case has(reportWords), has(reportNouns) && !has(intentFailure) && !has(intentTechnical):
		return "report"
	case has(gapWords) && slices.Contains(words, "preguntas"), slices.Contains(words, "gaps"),
		slices.Contains(words, "unanswered") && !has(intentTicket) && !has(intentTechnical):
		return "gaps" // not "¿mi ticket no se respondió?", "the technician hasn't answered": one's tickets
	case has(noteWords) && (has(slotWords) || has(slotDays)) && !has(trainingWords),
		has(linkNouns) && has(placeWords) && has(slotWords) && (has(intentMy) || has(whenDays)) && !has(trainingWords):
		return "slots" // a note or a link for one of them, not a new one ("add a note to my monday session")
	case has(slotWords) && has(copyWords) && !has(trainingWords):
		return "slots" // one of them published again on another day: its 📋 Copy to another day
	case has(slotWords) && has(slotClose) && has(whenDays) && !has(trainingWords) && !has(intentTicket):
		// "cierra la sesión del martes" (suggestions, seen in the
		// sandbox): that day's sessions, each with its panel; nothing
		// closes before a press. Without a day, "cerrar sesión" is
		// logging out.
		return "slots"
	case has(slotWords) && has(staffCreate):
		return "newslot"
	case has(agendaWords), has(todayWords) && has(slotWords):
		return "today"
	case has(slotWords) && (has(intentCancel) || has(intentErase) && !has(intentData) || has(intentChange) || has(intentSee) || has(intentMy)) &&
		(!has(intentBook) || has(askWho)):
		return "slots" // a mentor's sessions, to cancel, move or look at; "¿quién reservó mi sesión del martes?" too
	case has(statsNouns) && (has(reportPast) || has(rankWords)) && !has(intentMy) && !has(intentBook) && !has(staffCreate),
		has(staffNouns) && has(rankWords) && has(reportPast) && !has(intentMy),
		// "calificaciones de los mentores", "¿cómo califican a los
		// mentores?" (suggestions, seen in the sandbox): their ratings
		has(staffNouns) && has(staffRatings) && !has(intentMy),
		has(staffNouns) && has(rankSpeed) && has(staffAsk) && !has(intentMy):
		return "report" // "¿quién tiene más tickets?", "¿qué mentor tiene mejor calificación?": who, of the figures
	case (has(staffNouns) || has(staffTeam) && has(intentTechnical)) && has(staffAsk) && !has(statsNouns) && !has(intentMy) && !has(trainingWords):
		return "staff" // who they are ("who is on the technical team?" got suggestions, seen in the sandbox)
	case has(staffNouns) && has(staffVerbs) && !has(statsNouns) && !has(intentMy) &&
		!has(trainingWords) && !has(slotWords):
		return "staff" // who they are, and how one is added or taken off
	case has(slotPeople) && len(words) > 1 && !has(intentMy) && !has(trainingWords) && !classroomParticipants(words):
		return "slots" // who comes to them
	case has(queueWords) && (has(intentTicket) || slices.Contains(words, "cola") || slices.Contains(words, "queue")) &&
		!has(intentMy),
		has(intentTicket) && has(assignedWords):
		return "queue" // "my assigned tickets" too: the ones held ("I don't know", seen in the sandbox)
	case has(exportWords) && !has(gradeNouns), has(exportVerbs) && (has(reportWords) || has(statsNouns) || has(intentData)) && !has(intentMy):
		return "report" // its spreadsheet; "exportar notas a excel" is the virtual classroom's gradebook (an article's line)
	case has(bookedNouns) && has(countWords) && !has(intentBook),
		has(slotWords) && has(countWords) && !has(intentBook) && !has(staffCreate) && !has(trainingWords) && !has(slotLength):
		return "slots" // a mentor's sessions, with those booked ("¿cuántas sesiones tengo?" showed their own bookings, seen in the sandbox)
	case has(intentTicket) && (has(countWords) || slices.Contains(words, "hay")) && !has(intentMy):
		return "queue" // "¿cuántos tickets hay?": the queue counts them
	case has(intentTicket) && has(queueAll) && !has(intentMy) &&
		onlyOf(words, intentTicket, queueAll, intentSee, intentShow, needWords, queueAllLinks):
		// "quiero ver los tickets de la unma" (the university's name
		// taken out), "show me all the tickets": the team's, where one's
		// own were read ("You have no tickets", or suggestions with the
		// name, seen in the sandbox)
		return "queue"
	case has(goingWords) && has(programWords) && !has(intentMy) && !has(slotWords) && !has(trainingWords):
		return "report" // "¿cómo va el programa este mes?": its figures ("programa" is also a session's scheduling)
	case has(goingWords) && !has(intentMy) && !has(staffCreate):
		switch {
		case has(helpdeskWords):
			return "report" // "how is the help desk doing this week?": its figures
		case has(intentTicket):
			return "queue" // "¿cómo van los tickets?"
		case has(bookedNouns), has(slotWords) && !has(trainingWords):
			return "slots" // "¿cómo van las reservas?"
		case has(trainingWords):
			return "events" // "¿cómo van las formaciones?"
		}
	}
	return ""
}

// staffSets are the word lists of the staff's requests (StaffIntent):
// every word of one is among them or the intents' own; staffKnown is
// their words in one map.
var (
	staffSets = []map[string]bool{staffCreate, announceWords, announceStop, staffLinks, reportWords, reportNouns, gapWords, slotWords,
		agendaWords, todayWords, queueWords, trainingWords, trainingLinks, slotPeople, slotDays, reportPast, statsNouns,
		tellWords, surveyWords, surveyClose, surveyAnswer, reloadWords, kbNouns, rankWords, exportWords, exportVerbs, bookedNouns,
		messageNouns, audienceWords, noteWords, placeWords, linkNouns, staffNouns, staffAsk, copyWords, staffVerbs,
		ownDone, slotClose, kbAnswer, rankSpeed, ownStats, intentMy, seatNouns, seatVerbs, slotLength, howGoing, surveyState, helpdeskWords, goingWords, wentWords, ticketAge, staffRatings, topicNouns, topicVerbs, programWords, kbMissing}
	staffKnown = union(staffSets...)
)

// canDo are the pairs that ask what the bot does: "¿qué puedes hacer?",
// "what can you do".
var canDo = [][2]string{{"puedes", "hacer"}, {"sabes", "hacer"}, {"you", "do"}}

// canDoAs are the pairs that ask what one may do, which ask what the bot
// does for one's role only when it is named ("¿qué puedo hacer como
// administrador?", "what can I do as a coordinator?"): alone, "¿qué puedo
// hacer?" follows a problem told.
var canDoAs = [][2]string{{"puedo", "hacer"}, {"i", "do"}}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Intent returns the command text asks for in words, without the slash
// ("mentoring", "mybookings", "problem", "mytickets", "language",
// "deletemydata", "privacy", "help", "profile", "trainings", "status",
// "mycourses"),
// or "" when it asks for none of them.
func Intent(text string) string {
	words, _ := talkWords(text)
	return intentOf(words)
}

// ticketAskWords ask after a ticket beside the intents' words: "¿hay
// novedades del UNMA-4?", "any news on UNMA-4?", "¿está resuelto el
// UNMA-4?" (its state's words: TicketAction reads them first, and without
// a question "UNMA-4 resuelto" resolves it).
var ticketAskWords = wordSet("cerrados", "cerradas", "resueltos", "resueltas", "abiertos", "abiertas", "anteriores",
	"viejos", "antiguos", "old", "previous", "past", // "quiero ver mis tickets cerrados" (suggestions, seen in the sandbox)
	"novedades", "noticias", "avance", "avances", "respuesta", "news", "update",
	"updates", "progress", "answer", "anything", "yet", "whats", "happening", "going", "hows", "hay", "any",
	"esta", "ya", "sigue", "resuelto", "cerrado", "abierto", "tomado", "is", "still", "solved", "resolved", "closed",
	"open", "taken", "claimed",
	// how long it has been open ("¿cuánto llevo con el UNMA-3?": the help
	// desk's article, seen in the sandbox): its view says
	"cuanto", "llevo", "lleva", "llevamos", "tiempo", "how", "long", "has", "been",
	// what is wrong or what was said ("¿qué le pasa al UNMA-4?", "¿qué
	// dijo el UNMA-4?": suggestions, seen in the sandbox)
	"le", "pasa", "paso", "dijo", "dice", "escribio", "en", "su", "say", "said", "says", "wrote", "wrong", "matter",
	// whether someone saw it ("¿ya vieron mi ticket?": "I don't know",
	// seen in the sandbox): its state says
	"vieron", "visto", "viendo", "revisaron", "revisado", "revisando", "quien", "seen", "looked", "looking", "checked",
	"who",
	// who works it, how long it takes, why it was closed, that it is not
	// solved yet ("¿quién atiende mi ticket?", "¿cuánto demora en
	// resolverse mi ticket?", "¿por qué cerraron mi ticket?", "mi ticket
	// sigue sin resolver": "I don't know", seen in the sandbox): its state
	// and its history say
	"atiende", "atienden", "atendiendo", "atendido", "demora", "demoran", "tarda", "tardan", "resolverse",
	"resuelven", "resolvieron", "cerraron", "cerro", "porque", "avanza", "handling", "handles", "take", "takes", "will",
	"why", "was", "fixed", "moving")

// ticketEnded are the words of a ticket closed or resolved, said of it
// by its requester (intentOf).
var ticketEnded = wordSet("cerraron", "cerro", "cerrado", "cerrada", "resolvieron", "resuelto", "resuelta",
	"closed", "resolved", "solved")

// endedFailing reports whether words say a ticket ended and what it was
// about still fails ("cerraron mi ticket pero sigue sin funcionar").
func endedFailing(words []string) bool {
	return hasAny(words, ticketEnded) && hasAny(words, negations) && hasAny(words, workWords)
}

// ticketUnsolved are the words of a ticket not solved yet after a
// negation ("sin resolver", "not fixed"): said of the ticket, not of a
// failure of the person's own (ticketNotSolved).
var ticketUnsolved = wordSet("resolver", "resuelto", "resuelta", "solucionado", "solucionar", "atender", "atendido",
	"respuesta", "avanza", "resolvio", "soluciono", "resolvieron", "solucionaron", "fixed", "solved", "resolved",
	"answered", "moving")

// ticketNotSolved takes out the words that say a ticket is not solved
// yet ("mi ticket sigue sin resolver", "no se resolvió"): a negation, an
// optional "se" and the word of solving.
func ticketNotSolved(words []string) []string {
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		j := i + 1
		if j+1 < len(words) && words[j] == "se" { // "no se resolvió"
			j++
		}
		if negations[words[i]] && j < len(words) && ticketUnsolved[words[j]] {
			i = j
			continue
		}
		out = append(out, words[i])
	}
	return out
}

// heldAskWords are the words that ask after the tickets a member of the
// team holds, the member's name taken out (HeldAsked).
var heldAskWords = wordSet("que", "cuales", "cuantos", "cuantas", "which", "what", "how", "many", "tiene", "tienen",
	"lleva", "has", "have", "does", "holds", "hold", "holding", "atiende", "atendiendo", "working", "on", "de", "del",
	"of", "los", "las", "the", "el", "la", "ver", "see", "show", "me", "muestrame", "lista", "list", "asignados",
	"asignadas", "assigned", "to", "a", "tomados", "tomo", "claimed", "son", "are", "quiero", "dame", "tecnico",
	"tecnica", "technician")

// HeldAsked reports whether text, the name of a member of a technical
// team taken out, asks after the tickets they hold: "¿qué tickets tiene
// Tec 2?", "what tickets does Luis have?", "tickets de Tec 2" (suggestions,
// seen in the sandbox), read as "¿qué tickets tiene?"; one's own ("mis
// tickets") are not.
func HeldAsked(text string) bool {
	words, _ := talkWords(text)
	return len(words) <= maxTicketAsk && hasAny(words, intentTicket) && !hasAny(words, intentMy, negations) &&
		onlyOf(words, intentTicket, heldAskWords)
}

// maxTicketNamed bounds the bytes of a message that only asks after a
// ticket: maxSmallTalkWords words and an id, well within it.
const maxTicketNamed = 200

// TicketNamed returns the id ("UNMA-4") of the ticket text names when it
// only asks after it: the id alone, as pasted from one of the bot's
// messages, or with words the intents know ("¿cómo va el UNMA-4?",
// "estado del ticket unma-4", "any news on UNMA-4?"), at most
// maxSmallTalkWords words, no negation and no other id; "" otherwise
// ("UNMA-4 sigue sin funcionar" says something of it, read as any
// message). The university is not checked: the caller finds the ticket.
func TicketNamed(text string) string {
	id, words, n := ticketWords(text)
	if id == "" || !onlyOf(words, ticketAskWords) || n > maxSmallTalkWords {
		return ""
	}
	return id
}

// TicketAction returns the id of the ticket text names and what its
// other words ask done with it, when they ask only that: "claim" ("tomo
// el UNMA-4", "I'll take UNMA-4"), "release" ("soltar unma-3"),
// "resolve" ("UNMA-3 resuelto", "resolver UNMA-3"), "reply" ("responder
// al UNMA-4"), "close" ("cerrar mi ticket UNMA-4"); never a question
// ("¿está resuelto el UNMA-3?", "ya está resuelto el UNMA-3"), a
// negation, nor two of them. "", "" otherwise. A technician typed "tomo
// el UNMA-4" and got the article on the help desk's hours (seen in the
// sandbox).
func TicketAction(text string) (id, action string) {
	id, words, n := ticketWords(text)
	if id == "" || n > maxSmallTalkWords {
		return "", ""
	}
	if action = actionOf(text, words); action == "" {
		return "", ""
	}
	return id, action
}

// TicketAsked is TicketAction's reading of text, or else TicketNamed's
// (action ""), from one split of its words: a private message is read
// for both before anything else.
func TicketAsked(text string) (id, action string) {
	id, words, n := ticketWords(text)
	if id == "" || n > maxSmallTalkWords {
		return "", ""
	}
	if action := actionOf(text, words); action != "" {
		return id, action
	}
	if onlyOf(words, ticketAskWords) {
		return id, ""
	}
	return "", ""
}

// actionOf is what words, those of text beside a ticket's id, ask done
// with it (TicketAction), or "" for none, two, or a question. With the
// words of passing it ("pásale el UNMA-3 a Tec 2"), what follows their
// "a" or "to" names the colleague, words of the person's own.
func actionOf(text string, words []string) string {
	if strings.ContainsAny(text, "?¿") {
		return ""
	}
	if at := slices.IndexFunc(words, func(w string) bool { return ticketActions["pass"][w] }); at >= 0 {
		if to := slices.IndexFunc(words[at+1:], func(w string) bool { return passTo[w] }); to >= 0 {
			words = words[:at+1+to]
		}
	}
	if len(words) > 1 && askFor[words[0]] {
		// "pide una captura al UNMA-4", "ask UNMA-4 for a screenshot":
		// what is asked for are the person's own words (the help desk's
		// article, seen in the sandbox); 💬 Answer, to type them
		return "reply"
	}
	if slices.Contains(words, "back") {
		// "give UNVS-3 back", "hand it back": its release, not a pass ("I
		// don't know", seen in the sandbox)
		words = slices.DeleteFunc(slices.Clone(words), func(w string) bool { return w == "give" || w == "hand" })
	}
	action := ""
	for _, w := range words {
		if ticketActionFill[w] {
			continue
		}
		named := ""
		for a, set := range ticketActions {
			if set[w] {
				named = a
			}
		}
		if closing[named] && closing[action] && named != action {
			named, action = "resolve", "resolve" // "cierra el UNMA-3, ya quedó": closed as solved
		}
		if named == "" || action != "" && named != action {
			return ""
		}
		action = named
	}
	return action
}

// closing are the actions that end a ticket: words of both are its
// resolution.
var closing = map[string]bool{"resolve": true, "close": true}

// ticketActions are the words that ask for something done with a ticket
// named beside them, by what they ask (TicketAction), and
// ticketActionFill the little words around them ("me encargo del
// UNMA-4", "mark UNMA-3 as resolved"), as talkWords reads them.
var (
	ticketActions = map[string]map[string]bool{
		// "toma el UNMA-3", "asígnamelo" (to the bot, as to a colleague:
		// the first got the article on the help desk, seen in the sandbox)
		"claim": talkSet("tomo", "tomar", "tomaré", "tomado", "agarro", "encargo", "claim", "take", "taking", "toma",
			"tomalo", "tómalo", "agarra", "agarralo", "asígname", "asígnamelo"),
		"release": talkSet("soltar", "suelto", "liberar", "libero", "release", "unclaim", "suelta", "sueltalo", "libera",
			// "devuelve el UNMA-3 a la cola", "put UNMA-3 back in the
			// queue" ("I don't know", seen in the sandbox)
			"devuelve", "devuelvo", "devolver", "devuélvelo", "regresa", "regreso", "regresar", "regrésalo", "desasigna",
			"desasignar", "desasígnamelo", "unassign", "drop", "back"),
		"resolve": talkSet("resolver", "resuelto", "resolví", "solucionado", "resolve", "resolved", "solved", "resuelve",
			"resuélvelo", "soluciona",
			// "cierra el 3, ya quedó", "UNMA-3 arreglado", "UNMA-3 fixed"
			// (the first got an article on videoconferences, seen in the
			// sandbox)
			"quedó", "arreglado", "arreglé", "arreglada", "fixed", "listo", "lista"),
		"reply": talkSet("responder", "respondo", "contestar", "contesto", "reply", "responde", "contesta",
			// a request to the requester: "pide una captura al UNMA-4",
			// "ask UNMA-4 for a screenshot" (the help desk's article,
			// seen in the sandbox): 💬 Answer, the words to type
			"pide", "pidele", "pedir", "pregunta", "preguntale", "ask", "solicita", "solicitale",
			// words to the requester: "escríbele a Rosa que…" (the name
			// is the ticket's id: requesterNamed in handlers)
			"escribele", "escribe", "dile", "avisale", "tell", "write"),
		"close": talkSet("cerrar", "cierro", "close", "cierra", "ciérralo"),
		// "pásale el UNMA-3 a Tec 2", "assign UNMA-3 to Ana": a colleague
		// named after "a" or "to" (passTo), which the list of the team's
		// members asks again ("I don't know", seen in the sandbox)
		"pass": talkSet("pasar", "pasa", "pásale", "pásaselo", "pasarle", "paso", "asigna", "asignar", "asígnale",
			"asígnaselo", "reasigna", "reasignar", "transfiere", "transferir", "deriva", "derivar", "derivo", "pass",
			"assign", "reassign", "transfer", "hand", "give"),
	}
	// askFor begins a request to the requester for something, said to the
	// bot: the words after it are what is asked for (actionOf).
	askFor = talkSet("pide", "pidele", "pedir", "pregunta", "preguntale", "ask", "solicita", "solicitale")
	// passTo begins the name of the colleague a ticket is passed to.
	passTo           = talkSet("a", "al", "to")
	ticketActionFill = talkSet("el", "la", "lo", "del", "de", "al", "a", "mi", "ticket", "yo", "me", "i'll", "i", "the",
		"my", "it", "please", "por", "favor", "ahora", "now", "marcar", "marco", "mark", "como", "as", "este", "this",
		"ya", "y", "and", "is", "to", "cola", "queue", "en", "in", "put",
		"porfa", "porfavor", "pls", "plz", // "tomo el UNMA-4 porfa" (the help desk's article, seen in the sandbox)
		// "close UNVS-3, it's fixed", "tell the requester of UNVS-3 to…"
		// ("I don't know" or suggestions, seen in the sandbox)
		"its", "requester", "solicitante", "of")
)

// talkSet is the set of words as talkWords reads them.
func talkSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		ws, _ := talkWords(w)
		for _, t := range ws {
			set[t] = true
		}
	}
	return set
}

// ticketWords splits text into the one ticket id it names ("" for none
// or two) and its other words, as talkWords reads them, and counts the
// words and ids; a text longer than maxTicketNamed names none, and a text
// without an id is not read word by word (most messages).
func ticketWords(text string) (id string, words []string, n int) {
	if len(text) > maxTicketNamed || !strings.Contains(text, "-") {
		return "", nil, 0 // a question or a description: not split word by word for this
	}
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '#' && r != '\''
	})
	ids := make([]bool, len(fields))
	for i, f := range fields {
		if uni, num, ok := aulabot.ParseTicketID(f); ok && strings.Contains(f, "-") {
			named := aulabot.TicketID(uni, num)
			if id != "" && named != id {
				return "", nil, 0 // two tickets: not one to open
			}
			id, ids[i] = named, true
			n++
		}
	}
	if id == "" {
		return "", nil, 0
	}
	for i, f := range fields {
		if !ids[i] {
			ws, _ := talkWords(f)
			words = append(words, ws...)
			n += len(ws)
		}
	}
	return id, words, n
}

// ReportNames reports whether text, which asks for /problem in words,
// names more than the request: words of the person's own ("quiero
// reportar un problema con zoom"; not "quiero reportar un problema"),
// which the report keeps.
func ReportNames(text string) bool {
	words, _ := talkWords(text)
	return intentOf(words) == "problem" && slices.ContainsFunc(words, func(w string) bool { return !intentKnown(w) })
}

// intentKnown reports whether word w is one the intents know: a request's
// word, a link between them, small talk or a filler.
func intentKnown(w string) bool {
	if knownWords[w] {
		return true
	}
	if _, ok := smallTalkWords[w]; ok && !negations[w] {
		return true
	}
	return whenWord(w)
}

// knownWords are the words of the lists intentKnown reads, in one map: a
// word is looked up once, not in each list (twenty lookups for a word of
// the person's own).
var knownWords = union(append([]map[string]bool{smallTalkFillers, vagueWords, helpWords, politeWords, talkLinks, talkVerbs,
	intentLinks}, intentSets...)...)

// union is the words of sets.
func union(sets ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, set := range sets {
		for w, ok := range set {
			if ok {
				out[w] = true
			}
		}
	}
	return out
}

// requestWords counts the words of a request but those of a day or a
// time it names (whenWord, whenDays) and of wishing it (wishWords):
// "mover la sesión del martes al jueves a las 4" asks as much as "mover
// la sesión", "I'd like to book a session" as "book a session".
func requestWords(words []string) int {
	n := 0
	for _, w := range words {
		if !whenWord(w) && !whenDays[w] && !wishWords[w] && !requestFillers[w] {
			n++
		}
	}
	return n
}

// requestFillers are the words a request asked politely wraps itself in,
// which do not count among its words: "can you send me the link of my
// mentoring session again?" asks as much as "send me the link of my
// mentoring session" (eleven words: a question, held for the team that
// waited on the person, seen in the sandbox).
var requestFillers = talkSet("can", "could", "you", "please", "again", "the", "of", "a", "an", "me",
	"puedes", "puede", "podrias", "podria", "por", "favor", "otra", "vez", "de", "nuevo", "el", "la", "los", "las")

// whenDays are the days a request names, as talkWords reads them.
var whenDays = talkSet("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "hoy", "mañana",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow")

// whenWord reports whether w, as talkWords reads it, is a word of a time
// or a date that a request ends with: "cancelar mi mentoría del martes a
// las 3", "cancel my session at 3pm", "… del 8 de diciembre", "… a las
// tres y media de la tarde" (a number, an hour, a month, a part of the
// day). Such requests were questions: the numbers were words of the
// person's own (seen in the sandbox).
func whenWord(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return whenWords[w]
	}
	digits := strings.TrimRightFunc(w, unicode.IsLetter)
	return len(digits) <= 4 && strings.Trim(digits, "0123456789") == "" && (digits == w || whenSuffix[w[len(digits):]])
}

// whenWords are the words of a time or a date but the numbers in digits,
// and whenSuffix what follows an hour's digits ("3pm", "10h"), as
// talkWords reads them.
var (
	whenWords = talkSet("una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
		"doce", "media", "cuarto", "menos", "y", "tarde", "noche", "manana", "mediodia", "madrugada", "am", "pm",
		"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "half",
		"quarter", "past", "oclock", "noon", "morning", "afternoon", "evening", "at", "from", "al",
		"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
		"octubre", "noviembre", "diciembre", "january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december")
	whenSuffix = talkSet("am", "pm", "h", "hs", "hrs", "st", "nd", "rd", "th")
)

// intentSets are the word lists of the requests.
var intentSets = []map[string]bool{intentBook, intentMentor, intentCancel, intentChange, intentBooking, intentReport, intentFailure,
	intentTechnical, intentTicket, intentLanguage, intentErase, intentData, intentPrivacy, intentKeep, intentHelp,
	intentSee, intentShow, intentWhen, intentProfile, intentMoved, intentWrong, intentReplied, roleAs, wishWords, remindWords, rateWords, ratedWhich, intentSendMe,
	courseWords, courseProgress, courseStep}

// possessedReports is words with a report named as one's own ("mi
// reporte", "my reports") read as a ticket: until 6 December "¿cómo va
// mi reporte?" got "I don't know" and reached /gaps (seen in the
// sandbox). "hacer un reporte" is a new one, and stays as it is.
func possessedReports(words []string) []string {
	var out []string
	for i, w := range words {
		if i > 0 && reportNouns[w] && intentMy[words[i-1]] {
			if out == nil {
				out = slices.Clone(words)
			}
			out[i] = "ticket"
		}
	}
	if out == nil {
		return words
	}
	return out
}

// reportWith is the intent of a message with words the lists do not know,
// or with a negation: /problem when it says it reports a failure
// ("quiero reportar un problema con zoom": what fails is the person's own
// word) with no negation before its verb ("problema con zoom, no lo
// quiero reportar" is no report; "reportar que zoom no funciona" is one);
// nothing otherwise.
func reportWith(words []string) string {
	verb := slices.IndexFunc(words, func(w string) bool { return intentReport[w] })
	if verb < 0 || !slices.ContainsFunc(words, func(w string) bool { return intentFailure[w] }) ||
		slices.ContainsFunc(words[:verb], func(w string) bool { return negations[w] }) {
		return ""
	}
	return "problem"
}

// roleStatement reports whether words only say what the person is ("soy
// docente, no estudiante"): "soy" or "I am", a role, and nothing but
// articles, negations and links.
func roleStatement(words []string) bool {
	if !slices.ContainsFunc(words, func(w string) bool { return intentIAm[w] }) ||
		!slices.ContainsFunc(words, func(w string) bool { return intentRole[w] }) {
		return false
	}
	return !slices.ContainsFunc(words, func(w string) bool {
		return !intentIAm[w] && !intentRole[w] && !intentArticle[w] && !negations[w] && !intentWrong[w]
	})
}

// notComing are the words of not going to a session ("no podré ir a mi
// mentoría", "I can't make my session") or of no longer wanting it ("ya
// no quiero la mentoría del martes", which got the booking article until
// 6 December, seen in the sandbox), as talkWords reads them: a
// cancellation, not a negation of one.
var notComing = phrases(append([]string{"no podre ir", "no puedo ir", "no voy a poder ir", "no voy a poder asistir", "no podre asistir",
	"no puedo asistir", "no voy a ir", "no voy a poder", "cant make", "cannot make", "wont make", "cant come", "cannot come",
	"cant attend", "cannot attend", "wont be able to come", "wont be able to attend",
	"ya no quiero", "ya no necesito", "no longer want", "no longer need", "dont want anymore", "dont need anymore"},
	notHoldingWords...)...)

// notHoldingWords are a mentor's words of not holding a session ("no
// puedo dar la sesión del martes", "I can't hold my session on friday"),
// as talkWords reads them: its cancellation, as StaffIntent reads them
// too (the words were taken for a date by the guided /newslot left open,
// or got articles; seen in the sandbox).
var notHoldingWords = []string{"no puedo dar", "no podre dar", "no voy a poder dar", "no puedo dictar", "no podre dictar",
	"no voy a poder dictar", "cant hold", "cannot hold", "wont be able to hold", "cant give", "cannot give", "cant run",
	"cannot run",
	// "I can't make it to my session on thursday, cancel it" (a mentor's;
	// suggestions, seen in the sandbox)
	"cant make it", "cannot make it", "wont make it", "wont be able to make it"}

// notHolding is notHoldingWords, each split into its words.
var notHolding = phrases(notHoldingWords...)

// reminderSent are the words of a reminder sent to those coming, as
// talkWords reads them: read as "recuérdales" ("manda un recordatorio a
// los inscritos de la capacitación" got suggestions, seen in the
// sandbox).
var reminderSent = phrases("manda un recordatorio", "envia un recordatorio", "mandales un recordatorio",
	"enviales un recordatorio", "send a reminder", "send them a reminder")

// notCame are the words of those who did not come to a session, as
// talkWords reads them: read as "vino" when who is asked ("¿quién no
// vino a mi sesión del domingo?" got suggestions, seen in the sandbox);
// the session's panel shows who came and who did not.
var notCame = phrases("no vino", "no vinieron", "no asistio", "no asistieron", "no llego", "no llegaron",
	"no se conecto", "no se conectaron", "didnt come", "did not come", "didnt show up", "did not show up",
	"didnt attend", "did not attend")

// notAvailable are a mentor's words of being away, as talkWords reads
// them: with a day or a week named, their sessions then (StaffIntent).
var notAvailable = phrases("no estare disponible", "no voy a estar disponible", "no estoy disponible", "no estare",
	"no voy a estar", "bloquea mi agenda", "bloquear mi agenda", "estare de vacaciones", "me voy de vacaciones",
	"wont be available", "will not be available", "im not available", "i am not available", "ill be away",
	"i will be away", "block my calendar", "block my schedule", "im on vacation", "ill be on vacation")

// notReceived are the words of something not received ("no me llegó el
// enlace de la mentoría", "I didn't get the link for my session"), as
// talkWords reads them: a request to be sent it, read as "mándame" (the
// negation kept it a question, and it got the booking article until 6
// December, seen in the sandbox). What is not received is still named by
// words the requests know: "no me llegó la nota" stays a question.
var notReceived = phrases("no me llego", "no me llegaron", "no me ha llegado", "no me han llegado", "no recibi",
	"no me llega", "no me llegan", // "xq no me llega el link" (suggestions, seen in the sandbox)
	"no he recibido", "nunca me llego", "nunca recibi", "didnt get", "did not get", "never got", "havent received",
	"have not received", "havent got", "didnt receive", "did not receive", "never received")

// oneOnOne are the words of a personal session that are no kind's word
// alone: "I'd like a one-on-one session", "una sesión uno a uno" showed
// one's bookings or got suggestions (seen in the sandbox).
var oneOnOne = phrases("one on one", "uno a uno", "1 a 1", "1 on 1", "a solas")

// withOthers are the words of a session with one's classmates ("quiero
// una mentoría grupal con mis compañeros", "a group session with my
// classmates": the booking article or suggestions, seen in the sandbox),
// read as a group session's word: those sessions are booked together,
// each person their own seat (BookingGuest).
var withOthers = phrases("con mis companeros", "con mis companeras", "con mi companero", "con mi companera",
	"con mis amigos", "con mis amigas", "con mis colegas", "con mi grupo", "con otros companeros", "en equipo",
	"with my classmates", "with my friends", "with my colleagues", "with my group", "with classmates",
	"with friends", "with my classmate", "with my friend")

// inGroup are the words of a group session that are no kind's word alone
// ("quiero una mentoría en grupo": suggestions, seen in the sandbox).
var inGroup = phrases("en grupo", "in a group", "as a group")

// sameMentor are the words of the mentor one had ("book me with the same
// mentor again", "con mi mentora de la otra vez": the booking article or
// suggestions, seen in the sandbox), read as the mentor; which one is the
// handlers' to find (the mentor of one's last booking).
var sameMentor = phrases("mismo mentor", "misma mentora", "mismo tutor", "misma tutora", "same mentor", "same tutor",
	"de la otra vez", "de la vez pasada", "de siempre", "as last time", "as before")

// noLink are the words of not having what linkNouns name: with them, a
// link asked for.
var noLink = phrases("no tengo", "no encuentro", "dont have", "do not have", "cant find", "cannot find")

// phraseSet is phrases split into their words, and which of them begin
// with each word, the longest first: a message's words are looked up
// once each (replacePhrases), not compared with every phrase at every
// place (the phrases' lists grew, and reading a message for a request
// cost 25 % more, Measured).
type phraseSet struct {
	ps    [][]string
	first map[string][]int
}

// phrases are ps, each split into its words.
func phrases(ps ...string) phraseSet {
	set := phraseSet{ps: make([][]string, len(ps)), first: map[string][]int{}}
	for i, p := range ps {
		set.ps[i] = strings.Fields(p)
		w := set.ps[i][0]
		set.first[w] = append(set.first[w], i)
	}
	for _, ks := range set.first {
		slices.SortStableFunc(ks, func(a, b int) int { return len(set.ps[b]) - len(set.ps[a]) })
	}
	return set
}

// comingNot is words with the words of not going read as "cancelar"; a
// message without them is words itself, not copied.
func comingNot(words []string) []string {
	return replacePhrases(words, notComing, func(int) string { return "cancelar" })
}

// replacePhrases is words with each phrase of set found among them (the
// longest of those that begin at a word) replaced by the word as gives
// for its index in set, copied only when one is found.
func replacePhrases(words []string, set phraseSet, as func(int) string) []string {
	copied := false
	for i := 0; i < len(words); i++ {
		for _, k := range set.first[words[i]] {
			p := set.ps[k]
			if i+len(p) > len(words) || !slices.Equal(words[i:i+len(p)], p) {
				continue
			}
			if !copied {
				words, copied = slices.Clone(words), true
			}
			words = slices.Replace(words, i, i+len(p), as(k))
			break
		}
	}
	return words
}

// needWords begin a request for a mentor with a topic of its own
// (MentorTopic): "quiero que un mentor revise mi sílabo", "necesito una
// tutoría para armar mi rúbrica", "I need a mentor to check my quiz".
var needWords = talkSet("quiero", "necesito", "quisiera", "busco", "requiero", "ocupo", "want", "need", "wanna",
	"like", "looking")

// oneNew are the words of one thing not yet had: with a booking's word
// and needWords, a new booking ("quiero una sesión").
var oneNew = talkSet("una", "un", "a", "an")

// askWords begin a question about a mentor rather than a request for one
// ("¿cómo pido un mentor para revisar mi sílabo?": the booking article).
var askWords = talkSet("como", "cómo", "donde", "dónde", "que", "qué", "cuando", "cuándo", "puedo", "puede", "hay",
	"how", "where", "what", "when", "can", "could", "is", "are", "do", "does")

// roleBe are the words of being a role ("quiero ser mentor", "dejar de
// ser mentor", "become a mentor"): no topic for a session.
var roleBe = talkSet("ser", "be", "become")

// maxTopicWords bounds the words of a request for a mentor with a topic.
const maxTopicWords = 30

// MentorTopic reports whether text asks for a mentor, or a mentoring
// session, for something of its own ("quiero que un mentor revise mi
// sílabo", "I need a mentor to help me with my rubric"): a wish or a need
// among its first three words, a mentor's word, at least two words the
// requests do not know, no question and no negation. Such a request got
// suggestions of articles (seen in the sandbox); the caller books with
// the words as the session's topic, as 🧑‍🏫 Ask a mentor does.
func MentorTopic(text string) bool {
	if !mentorStems(text) {
		return false // most messages: not split into words for this
	}
	words, _ := talkWords(text)
	if len(words) == 0 || len(words) > maxTopicWords || !hasAny(words, intentMentor) || hasAny(words, negations, roleBe) {
		return false
	}
	if strings.ContainsAny(text, "?¿") || askWords[words[0]] {
		return mentorCanHelp(words)
	}
	if !hasAny(words[:min(3, len(words))], needWords) {
		return false
	}
	own, linked := 0, false
	for i, w := range words {
		if !intentKnown(w) && !needWords[w] {
			own++
			linked = linked || slices.ContainsFunc(words[:i], func(l string) bool { return topicLinks[l] })
		}
	}
	return own >= 2 || own == 1 && linked
}

// canWords and helpVerbs ask whether a mentor can help with something of
// one's own (mentorCanHelp).
var (
	canWords  = talkSet("puede", "pueden", "podria", "podrian", "can", "could")
	helpVerbs = talkSet("ayudar", "ayudarme", "ayude", "apoyar", "apoyarme", "revisar", "revisarme", "revise",
		"explicar", "explicarme", "asesorar", "asesorarme", "orientar", "orientarme", "help", "review", "check",
		"explain", "guide")
)

// mentorCanHelp reports whether words (a mentor's among them, no
// negation) ask whether a mentor can help with something of one's own:
// "¿mi mentora me puede ayudar con el sílabo?", "can a mentor review my
// rubric?" (suggestions, seen in the sandbox): a word of being able, one
// of helping, and at least one word the requests do not know, the
// topic; or whether there is a mentor for such a topic. The caller books
// with the question as the session's topic.
func mentorCanHelp(words []string) bool {
	own := slices.ContainsFunc(words, func(w string) bool { return !intentKnown(w) && !canWords[w] && !helpVerbs[w] })
	if hasAny(words, canWords) && hasAny(words, helpVerbs) {
		return own
	}
	// "¿hay mentores de matemáticas?", "is there a mentor for statistics?"
	// ("I don't know", seen in the sandbox): whether there is one for a
	// topic of one's own, after a word that names one.
	there := slices.Contains(words, "hay") || slices.Contains(words, "there") || slices.Contains(words, "any")
	for i, w := range words {
		if there && i > 0 && topicLinks[words[i-1]] && !intentKnown(w) && !canWords[w] && !helpVerbs[w] {
			return true
		}
	}
	return false
}

// topicLinks name what a session is about: one word of one's own after
// them is a topic ("quiero hablar con un mentor sobre mi tesis", "I need
// a mentor for my thesis": the booking article, seen in the sandbox),
// where alone it may be anything ("necesito un mentor ya"). Not "con" nor
// "with": "una mentoría con García" names the mentor, not a topic.
var topicLinks = wordSet("sobre", "acerca", "para", "de", "about", "for", "regarding", "on")

// mentorStems reports whether text has the start of a mentor's word
// (intentMentor's: "ment", "tutor", "asesor"), in any case: a message
// without one asks for no mentor.
func mentorStems(text string) bool {
	lower := strings.ToLower(text)
	return strings.Contains(lower, "ment") || strings.Contains(lower, "tutor") || strings.Contains(lower, "asesor")
}

// BookingAsk is what text, which asks for /mybookings in words, asks to
// do with a booking: "change" ("cambiar mi mentoría del jueves",
// "reschedule my session"), "cancel" (the words of cancelling or of not
// going: "no podré ir a mi mentoría del lunes"), "tell" (a mentor's words
// to those booked: "avisa a los inscritos de mi sesión del lunes"),
// "note" (a mentor's private note on a session: "agrega una nota a la
// sesión del lunes"), "copy" (a mentor's session published again on
// another day: "duplica mi sesión del lunes para la próxima semana"),
// "seats" (a mentor's session's seats set: "cambia el cupo de mi sesión
// del viernes a 8"; not a question about them), "late" (one will be late
// to a session: "llegaré 10 minutos tarde a la sesión de mañana", words
// for its mentor or, a mentor's, for those booked), "remind", "rate" (the
// last session attended rated: "quiero calificar mi mentoría"), "topic" (a
// mentor's session's topic changed: "cambia el tema de mi sesión del
// martes"), or "" (to see them).
func BookingAsk(text string) string {
	words, _ := talkWords(text)
	words = comingNot(asMeant(words)) // "kiero cancelr mi mentoria del miercoles": as Intent read it
	switch {
	case hasAny(words, seatNouns) && !strings.ContainsAny(text, "?¿") && !hasAny(words, seatAsks):
		return "seats" // "cambia el cupo de mi sesión del viernes a 8"; not "¿cuántos lugares quedan…?"
	case hasAny(words, copyWords):
		return "copy"
	case hasAny(words, topicNouns) && hasAny(words, intentChange, placeWords, topicVerbs) && !strings.ContainsAny(text, "?¿"):
		return "topic" // "cambia el tema de mi sesión del martes": its topic, not its time
	case hasAny(words, intentChange), hasAny(words, intentReschedule), hasAny(words, intentWrong) && hasAny(words, slotTimes):
		return "change"
	case hasAny(words, intentCancel), hasAny(words, intentErase) && !hasAny(words, intentData):
		return "cancel" // "bórrame la sesión del martes" too (a mentor's: it was read as one's bookings, seen in the sandbox)
	case hasAny(words, rateWords):
		return "rate"
	case hasAny(words, noteWords):
		return "note"
	case hasAny(words, tellWords):
		return "tell"
	case late(words) && hasAny(words, lateSessions) && !strings.ContainsAny(text, "?¿") && len(words) <= maxLateWords:
		return "late"
	case hasAny(words, remindWords):
		return "remind"
	}
	return ""
}

// topicNouns name a session's topic, topicVerbs the words that set one
// besides intentChange's and placeWords' ("cambia el tema de mi sesión
// del martes", "edit the topic of my friday session": suggestions, seen
// in the sandbox).
var (
	topicNouns = wordSet("tema", "topic", "titulo", "title", "asunto", "subject")
	topicVerbs = wordSet("edita", "editar", "edit", "renombra", "renombrar", "rename", "corrige", "corregir", "fix")
)

// late reports whether words (as talkWords reads them) say someone will be
// late: "llegaré 10 minutos tarde", "voy con retraso", "I'm running late";
// "tarde" after "la", "por", "en" or "de" is the afternoon.
func late(words []string) bool {
	for i, w := range words {
		switch {
		case lateWords[w]:
			return true
		case w == "tarde" && (i == 0 || !afternoonLeads[words[i-1]]):
			return true
		}
	}
	return false
}

// lateWords say someone will be late, lateSessions what they will be late
// to, and maxLateWords bounds such a message: "llegaré 10 minutos tarde a
// la sesión de mañana" (a note for the session's mentor, to confirm; it
// got suggestions of articles, seen in the sandbox).
var (
	lateWords      = wordSet("retraso", "retrasado", "retrasada", "atrasado", "atrasada", "demoro", "demorare", "late", "delayed")
	afternoonLeads = wordSet("la", "por", "en", "de", "esta", "this")
	lateSessions   = wordSet("sesion", "mentoria", "tutoria", "asesoria", "session", "mentoring", "reunion", "meeting", "cita")
)

const maxLateWords = 16

// lateAlone are the words beside a word of being late that name no
// session: "voy a llegar tarde", "llego 10 minutos tarde, disculpe",
// "I'm running a bit late" (LateAlone).
var lateAlone = talkSet("voy", "a", "llegar", "llego", "llegare", "llegando", "estoy", "ire", "entrar", "entro",
	"entrare", "conectar", "conectarme", "conecto", "conectare", "un", "poco", "unos", "minutos", "minuto", "min",
	"mins", "me", "hoy", "ya", "disculpe", "disculpa", "perdon", "perdone", "lo", "siento", "sorry", "im", "i",
	"will", "ill", "be", "running", "bit", "little", "few", "minutes", "minute", "am", "going", "to", "get",
	"there", "arrive", "join", "so", "unas", "rato", "tarde", "late", "por", "favor", "please")

// LateAlone reports whether text only says that one will be late, naming
// no session ("voy a llegar tarde", "I'm running late": suggestions, seen
// in the sandbox): read so by the caller only when one's session is near.
func LateAlone(text string) bool {
	if strings.ContainsAny(text, "?¿") {
		return false
	}
	words, _ := talkWords(text)
	if len(words) == 0 || len(words) > maxLateWords || !late(words) || hasAny(words, negations) {
		return false
	}
	for _, w := range words {
		if !lateAlone[w] && !lateWords[w] && strings.Trim(w, "0123456789") != "" {
			return false
		}
	}
	return true
}

// intentReschedule are the words of intentCancel that move a booking
// rather than cancel it, and slotTimes a booking's time named as such
// ("me equivoqué de horario": with intentWrong, a change).
var (
	intentReschedule = wordSet("reprogramar", "reschedule")
	slotTimes        = wordSet("horario", "hora", "dia", "fecha", "time", "day", "date", "slot")
)

// intentOf is Intent on the words of a message as talkWords gives them.
func intentOf(words []string) string {
	words = asMeant(words) // "kiero reservar", "mis resevas"
	// notReceived's three words are one
	words = replacePhrases(words, notReceived, func(int) string { return "mandame" })
	words = replacePhrases(words, oneOnOne, func(int) string { return "individual" })
	words = replacePhrases(words, withOthers, func(int) string { return "grupal" })
	words = replacePhrases(words, inGroup, func(int) string { return "grupal" })
	words = replacePhrases(words, sameMentor, func(int) string { return "mentor" })
	if hasAny(words, linkNouns) {
		// "no tengo el link de mi mentoría": a link asked for, as "no me
		// llegó" is (suggestions, seen in the sandbox); "no tengo mentor"
		// keeps its negation.
		words = replacePhrases(words, noLink, func(int) string { return "mandame" })
	}
	if hasAny(words, intentTicket) && endedFailing(words) && len(words) <= maxTicketAsk {
		// "my ticket is closed but it still doesn't work", "cerraron mi
		// ticket pero sigue sin funcionar" (suggestions, seen in the
		// sandbox): one's tickets, with 🔁 Reopen; longer than a request
		// of small talk's words may be
		return "mytickets"
	}
	if len(words) == 0 || requestWords(words) > maxSmallTalkWords || thanksFor(words) {
		return "" // "gracias por la sesión de hoy": thanks (SmallTalk)
	}
	words = possessedReports(comingNot(words))
	if len(words) > 1 && words[0] == "reserva" && words[1] != "de" && words[1] != "del" {
		// "reserva la sesión grupal del jueves": the verb, said to the
		// bot (it showed the person's bookings, seen in the sandbox); "la
		// reserva del lunes" and "reserva de mentoría" stay a booking.
		words = slices.Concat([]string{"reservar"}, words[1:])
	}
	if hasAny(words, intentTicket) {
		// "how is my ticket going", "¿hay novedades de mi ticket?": asked
		// after, as TicketNamed reads a ticket's id.
		words = slices.DeleteFunc(ticketNotSolved(words), func(w string) bool { return ticketAskWords[w] })
	}
	has := func(set map[string]bool) bool { return hasAny(words, set) }
	if roleStatement(words) {
		return "profile"
	}
	if cmd := askedApart(words); cmd != "" {
		return cmd
	}
	// "dile a mi mentor", "dile al equipo técnico": the words of telling
	// are a request's with the mentor or the team only.
	told := has(mentorPerson) || has(intentTechnical)
	for _, w := range words {
		if !intentKnown(w) && !(told && tellWords[w]) && !meetWords[w] || negations[w] {
			return reportWith(words) // only a report may have words of its own, or a "no" after its verb
		}
	}
	switch {
	case has(courseWords) && has(intentMy) && !has(intentBook) && !has(intentCancel) &&
		(has(courseProgress) || slices.ContainsFunc(coursePaso, func(p [2]string) bool { return adjacent(words, p) })):
		return "mycourses" // the steps of one's course moved online
	case has(intentErase) && has(intentData):
		return "deletemydata"
	case has(intentPrivacy), has(intentKeep) && has(intentData):
		return "privacy"
	case has(intentTicket), has(intentReplied) && has(intentTechnical):
		return "mytickets"
	case has(tellWords) && has(intentTechnical) && !has(intentFailure) && !has(intentReport):
		return "mytickets" // "dile al equipo técnico": 💬 under each ticket (BookingAsk: "tell")
	case has(intentLanguage):
		return "language"
	case has(intentFailure) && (has(intentReport) || has(intentTechnical)), has(intentReport):
		return "problem"
	case (has(intentCancel) || has(intentChange)) && (has(intentBooking) || has(intentMentor)),
		has(intentCancel) && has(whenDays) && !has(intentBook):
		return "mybookings" // "I can't come on friday": that day's booking
	case (has(intentSee) || has(intentShow) || has(intentWhen) && has(intentMy) || has(intentSendMe) && has(linkNouns) ||
		slices.Contains(words, "tengo") || slices.Contains(words, "toca") ||
		has(meetWords)) && (has(intentMentor) || has(meetWords) && has(intentBooking)) && !has(intentBook):
		return "mybookings" // "mándame el enlace de la mentoría": a link is one's booking's
	case has(remindWords) && (has(intentMentor) || has(intentBooking)) && !has(intentBook) && !has(slotsOpen):
		return "mybookings" // the reminders of one's sessions, said above them
	case has(rateWords) && (has(intentMentor) || has(intentBooking)) && !has(intentBook):
		return "mybookings" // the last session attended, its stars (BookingAsk: "rate")
	case has(tellWords) && has(mentorPerson) && !has(intentBook):
		return "mybookings" // "dile a mi mentor": ✉️ under each booking (BookingAsk: "tell")
	case has(intentWrong) && (has(intentBooking) || has(intentMentor) || has(slotTimes)):
		return "mybookings" // "me equivoqué de horario, quiero otra hora": 🔁 under each booking (BookingAsk: "change")
	case has(intentMentor), has(intentBook) && has(intentBooking),
		has(intentBooking) && (has(slotKinds) || has(slotsOpen) || has(seatAnother)) && !has(intentMy) && !has(intentWhen) &&
			!slices.Contains(words, "tengo") && !slices.Contains(words, "toca"),
		// "quiero una sesión a las 4", "i need an appointment": a new one
		// (they showed one's bookings, seen in the sandbox)
		has(intentBooking) && has(needWords) && has(oneNew) && !has(intentMy) && !has(intentCancel) && !has(intentChange) &&
			!has(intentSee) && !has(intentShow) && !has(intentErase):
		// "sesiones grupales", "¿hay sesiones disponibles?": those open
		// to book (they showed one's bookings, or said there were none,
		// seen in the sandbox); "mis sesiones grupales" and "¿a qué hora
		// es la sesión grupal?" stay one's own.
		return "mentoring"
	case has(intentBooking):
		return "mybookings"
	case has(intentHelp), slices.ContainsFunc(canDo, func(p [2]string) bool { return adjacent(words, p) }),
		has(roleAs) && slices.ContainsFunc(canDoAs, func(p [2]string) bool { return adjacent(words, p) }):
		return "help"
	case has(intentProfile):
		return "profile"
	}
	return ""
}
