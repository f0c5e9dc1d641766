package knowledge

import (
	"slices"
	"strings"
	"unicode"
)

// Kinds of small talk: messages that are not questions and get a friendly
// word from the conversation layer instead of an article.
const (
	SmallTalkGreeting = "greeting" // "hola", "buenas tardes", "hi there"
	SmallTalkThanks   = "thanks"   // "gracias profe", "thx so much"
	SmallTalkAck      = "ack"      // "ok", "dale", "got it", "👍"
	SmallTalkGoodbye  = "goodbye"  // "chau", "hasta mañana", "bye"
	// SmallTalkSolved: it works now, "ya funciona", "ya lo solucioné",
	// "it works now": an acknowledgement, which with a ticket of the
	// person's open is the offer to close it.
	SmallTalkSolved = "solved"
	// SmallTalkVague: a question announced but not asked, or a complaint
	// that names nothing: "tengo una duda", "ayuda", "no funciona", "qué
	// hago?", "i have a question", "it doesn't work". An article picked
	// for such words is a guess; the person is asked what they need.
	SmallTalkVague = "vague"
	// SmallTalkStuck: what was tried did not help: "sigue sin funcionar",
	// "ya lo intenté", "no me sirvió", "still not working", "same
	// problem", "no entiendo". The person is offered a mentor or the
	// technical team.
	SmallTalkStuck = "stuck"
	// SmallTalkPerson: a request for a person, or a question about who
	// answers: "quiero hablar con una persona", "¿eres un bot?", "can I
	// talk to a human?". The bot says what it is and how to reach people.
	SmallTalkPerson = "person"
	// SmallTalkQuiet: a request to stop getting the bot's messages: "deja
	// de escribirme", "ya no quiero recibir mensajes", "stop sending me
	// messages", "unsubscribe" (an article on the virtual classroom's
	// notifications, or suggestions, seen in the sandbox). The bot says
	// what it sends and how to silence it; nothing in the bot takes a
	// person out of their university's announcements.
	SmallTalkQuiet = "quiet"
)

// smallTalkWords are the words (folded, lowercase, repeated letters
// squeezed to one) that make up greetings, thanks, acknowledgements and
// goodbyes in either language, each with its kind. The list is general
// on purpose: what people type to a chat in Peru and in English, not the
// lines of any evaluation set. A message is small talk when every word is
// one of these or a filler (smallTalkFillers) and one at least has a kind.
var smallTalkWords = map[string]string{
	// Spanish
	"hola": SmallTalkGreeting, "ola": SmallTalkGreeting, "holi": SmallTalkGreeting, "buenas": SmallTalkGreeting,
	"buenos": SmallTalkGreeting, "saludos": SmallTalkGreeting, "alo": SmallTalkGreeting, "hey": SmallTalkGreeting,
	"oye": SmallTalkGreeting, "oe": SmallTalkGreeting, // "oe como subo mi tarea xfa": suggestions (seen in the sandbox)
	"gracias": SmallTalkThanks, "grax": SmallTalkThanks, "grasias": SmallTalkThanks, "agradecido": SmallTalkThanks,
	"agradecida": SmallTalkThanks, "agradezco": SmallTalkThanks, "mil": SmallTalkThanks,
	"ok": SmallTalkAck, "oka": SmallTalkAck, "okey": SmallTalkAck, "okay": SmallTalkAck, "ya": SmallTalkAck,
	"dale": SmallTalkAck, "listo": SmallTalkAck, "perfecto": SmallTalkAck, "genial": SmallTalkAck, "bien": SmallTalkAck,
	"entendido": SmallTalkAck, "vale": SmallTalkAck, "claro": SmallTalkAck, "si": SmallTalkAck, "sip": SmallTalkAck,
	"no": SmallTalkAck, "bacan": SmallTalkAck, "chevere": SmallTalkAck, "super": SmallTalkAck, "excelente": SmallTalkAck,
	"jaja": SmallTalkAck, "ja": SmallTalkAck, "entiendo": SmallTalkAck, "funciono": SmallTalkAck, "sirvio": SmallTalkAck,
	"buen": SmallTalkGreeting, "buena": SmallTalkGreeting,
	"disculpe": SmallTalkAck, "disculpa": SmallTalkAck, "disculpen": SmallTalkAck, "perdon": SmallTalkAck,
	"perdone": SmallTalkAck, "perdona": SmallTalkAck,
	"chau": SmallTalkGoodbye, "chao": SmallTalkGoodbye, "adios": SmallTalkGoodbye, "nos": SmallTalkGoodbye,
	"vemos": SmallTalkGoodbye, "hasta": SmallTalkGoodbye, "luego": SmallTalkGoodbye, "pronto": SmallTalkGoodbye,
	// English
	"hi": SmallTalkGreeting, "hello": SmallTalkGreeting, "hiya": SmallTalkGreeting, "howdy": SmallTalkGreeting,
	"morning": SmallTalkGreeting, "afternoon": SmallTalkGreeting, "evening": SmallTalkGreeting, "yo": SmallTalkGreeting,
	"thanks": SmallTalkThanks, "thank": SmallTalkThanks, "thx": SmallTalkThanks, "thnx": SmallTalkThanks,
	"tks": SmallTalkThanks, "ty": SmallTalkThanks, "tysm": SmallTalkThanks, "cheers": SmallTalkThanks,
	"appreciate": SmallTalkThanks, "appreciated": SmallTalkThanks,
	"k": SmallTalkAck, "kk": SmallTalkAck, "cool": SmallTalkAck, "great": SmallTalkAck, "nice": SmallTalkAck,
	"yes": SmallTalkAck, "yep": SmallTalkAck, "yeah": SmallTalkAck, "sure": SmallTalkAck, "alright": SmallTalkAck,
	"got": SmallTalkAck, "understood": SmallTalkAck, "awesome": SmallTalkAck, "perfect": SmallTalkAck,
	"sorry": SmallTalkAck, "pardon": SmallTalkAck,
	"lol": SmallTalkAck, "haha": SmallTalkAck, "nope": SmallTalkAck, "helped": SmallTalkAck, "worked": SmallTalkAck,
	"bye": SmallTalkGoodbye, "goodbye": SmallTalkGoodbye, "cya": SmallTalkGoodbye, "later": SmallTalkGoodbye,
	"night": SmallTalkGoodbye, "goodnight": SmallTalkGoodbye, "see": SmallTalkGoodbye, "ttyl": SmallTalkGoodbye,
}

// vagueWords name no topic: they announce a question, ask for help or
// complain in general. A message made only of them, of small talk and of
// fillers is vague (SmallTalkVague) when one of them at least is there.
// General on purpose, like smallTalkWords.
var vagueWords = map[string]bool{
	// Spanish
	"tengo": true, "tenia": true, "tiene": true, "tienen": true, "un": true, "una": true, "pregunta": true,
	"preguntita": true, "preguntas": true, "consulta": true, "consultita": true, "consultas": true, "duda": true,
	"dudita": true, "dudas": true, "problema": true, "problemas": true, "inconveniente": true, "otra": true,
	"otro": true, "mas": true, "necesito": true, "quiero": true, "queria": true, "puedo": true, "puede": true,
	"puedes": true, "pueden": true, "podria": true, "podrias": true, "hago": true, "hacer": true, "hacerlo": true,
	"hace": true,
	"como": true, "pasa": true, "ocurre": true, "algo": true, "esto": true, "mi": true, "se": true, "sale": true,
	"cual": true, "donde": true, "ayudar": true, "ayudame": true, "ayudeme": true, "ayudarme": true, "ayudan": true,
	"urgente": true, "rapida": true, "pequeña": true,
	// English
	"have": true, "question": true, "questions": true, "problem": true, "problems": true, "issue": true,
	"issues": true, "another": true, "one": true, "more": true, "need": true, "want": true, "can": true,
	"could": true, "would": true, "what": true, "how": true, "do": true, "does": true, "did": true,
	"should": true, "something": true, "wrong": true, "is": true, "some": true, "quick": true, "where": true,
	"cant": true, "doesnt": true, "dont": true, "isnt": true, "not": true, "my": true,
	"urgent": true, "anything": true,
}

// helpWords ask for help. They are fillers in thanks ("gracias por la
// ayuda") and goodbyes, and vague anywhere else ("ayuda", "hola, help").
var helpWords = map[string]bool{"ayuda": true, "help": true, "socorro": true, "auxilio": true}

// workWords say that something works: "ya funciona" and "it works now"
// are acknowledgements; with a negation ("no funciona", "it doesn't
// work") they are a vague complaint.
var workWords = map[string]bool{
	"funciona": true, "funcionan": true, "funcionar": true, "sirve": true, "anda": true, "carga": true,
	"cargar": true, "abre": true, "abrir": true, "work": true, "works": true, "working": true, "loads": true, "opens": true,
	"funcionando": true, // "¿está funcionando moodle?" ("I don't know", seen in the sandbox)
}

// doneWords say that something worked, helped or was understood: "ya
// funcionó", "it worked", "entiendo" are acknowledgements; with a
// negation ("no me sirvió", "no entiendo") the person is stuck.
var doneWords = map[string]bool{
	"funciono": true, "sirvio": true, "resolvio": true, "soluciono": true, "entiendo": true, "entendi": true,
	// one's own doing: "ya lo solucioné" got "I don't know" (seen in the
	// sandbox)
	"solucione": true, "arregle": true, "resolvi": true, "pude": true, "logre": true, "solucionado": true,
	"arreglado": true, "sorted": true,
	// it got fixed, or they fixed it: "ya se arregló, gracias" got "I
	// don't know" (seen in the sandbox)
	"arreglo": true, "arreglaron": true, "solucionaron": true, "resolvieron": true,
	"worked": true, "helped": true, "solved": true, "fixed": true, "understand": true, "understood": true,
}

// understood are doneWords of understanding, not of something fixed.
var understood = map[string]bool{"entiendo": true, "entendi": true, "understand": true, "understood": true}

// helpedWords are doneWords of an answer that helped: with thanks
// ("gracias, eso me sirvió") they thank, not say that something works
// now.
var helpedWords = map[string]bool{"sirvio": true, "helped": true}

// negations turn workWords into a complaint and doneWords into being
// stuck.
var negations = map[string]bool{
	"no": true, "nada": true, "not": true, "doesnt": true, "dont": true, "isnt": true, "wont": true,
	"cant": true, "didnt": true, "nope": true, "never": true, "nunca": true, "sin": true,
}

// stuckWords say that the person tried and is still stuck: "sigue igual",
// "ya lo intenté", "still not working", "same problem", "it didn't work".
var stuckWords = map[string]bool{
	"sigue": true, "sigo": true, "siguen": true, "todavia": true, "aun": true, "mismo": true, "misma": true,
	"intente": true, "intentado": true, "probe": true, "hice": true, "vez": true,
	"still": true, "same": true, "already": true, "tried": true, "didnt": true, "yet": true,
}

// tryWords and laterWords: one will try again later ("lo intento más
// tarde", "I'll try later": suggestions, seen in the sandbox), an
// acknowledgement.
var (
	tryWords   = map[string]bool{"intento": true, "intentare": true, "pruebo": true, "probare": true, "try": true, "reviso": true, "check": true}
	laterWords = map[string]bool{"luego": true, "despues": true, "tarde": true, "mas": true, "rato": true, "later": true,
		"will": true, "ill": true, "again": true, "in": true, "a": true, "bit": true, "un": true, "otra": true, "vez": true}
)

// simplerWords ask for an answer said more simply or otherwise:
// "explícame más sencillo", "no entiendo, explícalo de otra forma",
// "explain it in simpler words" got suggestions of unrelated articles
// (seen in the sandbox); the person is stuck with the answer.
var simplerWords = map[string]bool{
	"explicame": true, "explicalo": true, "explicamelo": true, "explica": true, "explicar": true, "explicas": true,
	"explicarme": true, "explain": true, "sencillo": true, "simple": true, "simplemente": true, "facil": true,
	"sencilla": true, "facilito": true, "simpler": true, "easier": true, "simply": true, "clearer": true,
	"mas": true, "more": true, "otra": true, "otras": true, "forma": true, "manera": true, "palabras": true,
	"another": true, "different": true, "way": true, "words": true, "in": true, "en": true, "puedes": true,
	"podrias": true, "can": true, "could": true, "get": true,
}

// explainWords are the simplerWords that ask for the explanation: "más
// sencillo" alone says nothing.
var explainWords = map[string]bool{"explicame": true, "explicalo": true, "explicamelo": true, "explica": true,
	"explicar": true, "explicas": true, "explicarme": true, "explain": true, "simpler": true, "easier": true,
	"clearer": true, "simply": true}

// personNouns name a person, or what the bot may be: with them, a message
// of small talk, vague words and talkVerbs asks for a person or who
// answers ("quiero hablar con una persona", "are you a bot?").
var personNouns = map[string]bool{
	"persona": true, "humano": true, "humana": true, "alguien": true, "agente": true, "asesor": true,
	"asesora": true, "operador": true, "operadora": true, "robot": true, "maquina": true,
	"human": true, "person": true, "someone": true, "somebody": true, "agent": true, "operator": true,
	"representative": true, "machine": true, "soporte": true, "support": true,
	// the technical team ("quiero hablar con un técnico": suggestions, seen
	// in the sandbox; the answer names the person's open ticket and 🛠)
	"tecnico": true, "tecnica": true, "tecnicos": true, "technician": true, "technicians": true,
	// a call ("¿me pueden llamar por teléfono?" got the phone app's
	// article, seen in the sandbox): the bot cannot call; the answer says
	// who answers and where
	"llamar": true, "llamarme": true, "llamen": true, "llamada": true, "telefono": true, "celular": true,
	"whatsapp": true, "numero": true, "call": true, "phone": true, "number": true,
}

// teamNamed name the technical team in words, as talkWords reads them:
// one of personNouns' (smallTalkOf).
var teamNamed = phrases("el equipo tecnico", "equipo tecnico", "el equipo de soporte", "equipo de soporte",
	"the technical team", "technical team", "the support team", "support team", "the tech team", "tech team",
	"the it team", "it team", "the it department", "it department", "the it desk", "it desk")

// whoWords ask who answers: "¿quién eres?", "who are you", "are you a
// bot?" ("bot" is a filler: "gracias bot").
var whoWords = map[string]bool{"eres": true, "quien": true, "who": true, "are": true}

// talkVerbs ask to talk to someone; without a personNoun the message is a
// question ("quiero hablar con mi tutor" may have an article).
var talkVerbs = map[string]bool{
	"hablar": true, "comunicarme": true, "comunicar": true, "contactar": true, "contactarme": true,
	"atienda": true, "atender": true, "talk": true, "speak": true, "contact": true, "chat": true, "reach": true,
}

// talkLinks join the words of a request for a person: "hablar con una
// persona", "talk to a human".
var talkLinks = map[string]bool{
	"con": true, "del": true, "alguna": true, "algun": true, "real": true, "with": true, "to": true,
	"an": true, "actual": true, "estas": true, "esta": true, "va": true,
	"from": true, // "I need to talk to someone from IT" (an article on mentoring, seen in the sandbox)
}

// howAreYou are the pairs of words that ask "how are you": a greeting,
// not a question about who answers.
var howAreYou = [][2]string{{"how", "are"}, {"como", "estas"}, {"como", "esta"}, {"como", "va"}}

// smallTalkFillers may appear in small talk but say nothing alone:
// "muchas gracias profe", "ok thanks that helped", "good morning everyone".
var smallTalkFillers = map[string]bool{
	// Spanish
	"muchas": true, "mucho": true, "muchisimas": true, "muy": true, "todo": true, "todos": true, "todas": true,
	"dias": true, "dia": true, "tardes": true, "noches": true, "profe": true, "profesor": true, "profesora": true,
	"amigo": true, "amiga": true, "bot": true, "por": true, "la": true, "el": true, "me": true, "ayuda": true,
	"eso": true, "es": true, "era": true, "de": true, "nuevo": true, "igual": true, "gente": true, "ah": true,
	"oh": true, "bueno": true, "pues": true, "que": true, "q": true, "tal": true, "mañana": true, "manana": true,
	"y": true, "tu": true, "te": true, "lo": true, "ahora": true, "entonces": true, "señor": true, "favor": true,
	"molestia": true, "molestar": true,
	// English
	"you": true, "so": true, "much": true, "very": true, "a": true, "lot": true, "lots": true, "good": true,
	"there": true, "all": true, "everyone": true, "that": true, "it": true, "this": true, "thats": true,
	"and": true, "for": true, "the": true, "help": true, "again": true, "then": true, "guys": true,
	"now": true, "soon": true, "tomorrow": true, "u": true, "ya": true, "im": true, "i": true,
	"excuse": true, "bother": true, "its": true, // "it's still not working" (suggestions, seen in the sandbox)
	"bro": true, "sir": true, "maam": true, "miss": true, "prof": true, "teacher": true, "really": true,
}

// maxSmallTalkWords: longer messages are questions even when they start
// with a greeting; but a vague, stuck or person's message may take up to
// maxVagueWords, all of them small talk, fillers or words that name
// nothing ("hola buenas tardes profesor, disculpe la molestia, tengo una
// consulta").
const (
	maxSmallTalkWords = 8
	maxVagueWords     = 12
)

// SmallTalk returns the kind of small talk text is ("" for a question):
// a greeting, thanks, an acknowledgement or a goodbye in either language,
// made only of the words people use for those (letters repeated for
// emphasis count once: "holaaa", "graciasss"), or a message of emoji only
// (an acknowledgement), or a request for a person (SmallTalkPerson), a
// follow-up of someone still stuck (SmallTalkStuck) or a vague message
// (SmallTalkVague), in that order. Thanks and goodbyes win over all three
// ("gracias, tengo otra pregunta" is thanks: its answer says the bot is
// there for the next question), except thanks for something that works
// now ("ya funciona, gracias" is SmallTalkSolved); the three win over
// greetings and acknowledgements ("hola, tengo una duda"). Punctuation alone ("???") is
// not small talk.
func SmallTalk(text string) string {
	return smallTalkOf(talkWords(text))
}

// smallTalkOf is SmallTalk on the words of a message as talkWords gives them.
func smallTalkOf(words []string, emoji bool) string {
	if len(words) == 0 {
		if emoji {
			return SmallTalkAck
		}
		return ""
	}
	if len(words) > maxVagueWords {
		return ""
	}
	// "quiero hablar con el equipo técnico", "i want to talk to the
	// technical team" (the booking article, seen in the sandbox): the
	// team is its technicians
	words = replacePhrases(words, teamNamed, func(int) string { return "tecnico" })
	if quietAsked(words) {
		return SmallTalkQuiet
	}
	if thanksFor(words) {
		return SmallTalkThanks // "gracias por la sesión de hoy"
	}
	kind := smallTalkKind(words)
	if len(words) > maxSmallTalkWords && kind != SmallTalkVague && kind != SmallTalkStuck && kind != SmallTalkPerson {
		return ""
	}
	return kind
}

// thanksObjects are what one thanks for ("gracias por la sesión de hoy",
// "thanks for the session today": one's bookings of that day, seen in the
// sandbox): words of small talk beside a word of thanks.
var thanksObjects = map[string]bool{
	"sesion": true, "sesiones": true, "mentoria": true, "mentorias": true, "tutoria": true, "asesoria": true,
	"clase": true, "reunion": true, "taller": true, "capacitacion": true, "formacion": true, "explicacion": true,
	"respuesta": true, "informacion": true, "info": true, "paciencia": true, "tiempo": true, "hoy": true,
	"ayer": true, "session": true, "sessions": true, "mentoring": true, "class": true, "meeting": true,
	"workshop": true, "training": true, "explanation": true, "answer": true, "information": true, "patience": true,
	"today": true, "yesterday": true, "your": true, "su": true, "tu": true, "great": true, "linda": true,
	"buena": true, "excelente": true,
}

// thanksFor reports whether words only thank, for something among
// thanksObjects: every word one of small talk's (thanks, a greeting, a
// goodbye), a filler or what one thanks for; read as thanks,
// never as a request for what they name ("gracias, quiero otra sesión"
// asks for one).
func thanksFor(words []string) bool {
	if len(words) > maxVagueWords {
		return false // a longer message is read as any, as small talk's are
	}
	thanked, object := false, false
	for _, w := range words {
		k, ok := smallTalkWords[w]
		thanked, object = thanked || k == SmallTalkThanks, object || thanksObjects[w]
		if !ok && !smallTalkFillers[w] && !thanksObjects[w] {
			return false
		}
	}
	return thanked && object
}

// smallTalkKind is smallTalkOf's kind of words, whatever their number.
func smallTalkKind(words []string) string {
	var kind string
	var vague, works, done, fixed, mended, negated, stuck, person, who, talk, simpler, trying bool
	for _, w := range words {
		negated = negated || negations[w]
		works, done = works || workWords[w], done || doneWords[w]
		fixed = fixed || doneWords[w] && !understood[w]
		mended = mended || doneWords[w] && !understood[w] && !helpedWords[w]
		stuck, person = stuck || stuckWords[w], person || personNouns[w]
		who, talk = who || whoWords[w], talk || talkVerbs[w]
		k, ok := smallTalkWords[w]
		switch {
		case ok && kind == "":
			kind = k
		case ok && kind == SmallTalkAck && k != SmallTalkAck:
			kind = k // "ok gracias" is thanks, "ya chau" a goodbye
		case ok, smallTalkFillers[w] && !helpWords[w]:
		case vagueWords[w], helpWords[w]:
			vague = true
		case workWords[w], doneWords[w], negations[w], politeWords[w], stuckWords[w],
			personNouns[w], whoWords[w], talkVerbs[w], talkLinks[w]:
		case simplerWords[w]:
			simpler = true
		case tryWords[w] || laterWords[w]:
			trying = trying || tryWords[w]
		default:
			return ""
		}
	}
	// Thanks for what works now or did not: "ya funciona, gracias" may be
	// the words a ticket waits for, "gracias, pero no me sirvió" is
	// someone still stuck.
	thanksFor := kind == SmallTalkThanks && (works || done)
	switch {
	case thanksFor && (mended || works && !vague) && !negated && !stuck:
		return SmallTalkSolved
	case (kind == SmallTalkThanks || kind == SmallTalkGoodbye) && !(thanksFor && negated):
		return kind
	case slices.ContainsFunc(howAreYou, func(p [2]string) bool { return adjacent(words, p) }):
		return SmallTalkGreeting
	case person || (who && !talk):
		return SmallTalkPerson
	case talk:
		return "" // "quiero hablar con mi tutor": a question
	case stuck || (done && negated) || simpler && hasAny(words, explainWords):
		return SmallTalkStuck
	case trying && !negated && slices.ContainsFunc(words, func(w string) bool { return laterWords[w] && w != "a" && w != "in" && w != "un" }):
		return SmallTalkAck // "lo intento más tarde"
	case fixed && !negated:
		return SmallTalkSolved // "ya se arregló": its "se" is not "no sé"
	case vague || (works && negated):
		return SmallTalkVague
	case works || fixed:
		return SmallTalkSolved // "ya funciona", "it works now"
	case done:
		return SmallTalkAck // "ya entendí"
	}
	return kind
}

// quietStop, quietAlone, quietSend, quietNouns and quietLinks are the
// words of a request to stop getting messages (quietAsked): a word of
// stopping, one that says so alone ("stop", "unsubscribe"), of sending or
// receiving, what is sent, and the words that join them.
var (
	quietStop = wordSet("deja", "dejar", "deje", "dejen", "dejes", "para", "pare", "paren", "parar", "basta",
		"stop", "quit", "unsubscribe", "desuscribir", "desuscribirme", "desuscribeme", "baja", "silenciar",
		"silencia", "mute")
	quietAlone = wordSet("stop", "unsubscribe", "desuscribir", "desuscribirme", "desuscribeme", "basta", "baja")
	quietSend  = wordSet("mandes", "envies", "escribas", "mandar", "mandarme", "enviar", "enviarme", "escribir",
		"escribirme", "recibir", "message", "text", "send", "sending", "texting", "messaging", "receive",
		"receiving", "get", "getting", "write", "writing", "contact", "contacting")
	quietNouns = wordSet("mensajes", "mensaje", "notificaciones", "notificacion", "avisos", "anuncios",
		"recordatorios", "spam", "messages", "notifications", "alerts", "announcements", "reminders", "texts")
	quietLinks = wordSet("de", "me", "mas", "ya", "no", "quiero", "want", "i", "dont", "do", "not", "tus", "your",
		"estos", "estas", "these", "tantos", "tantas", "so", "many", "anymore", "more", "any", "los", "las", "del",
		"bot", "darme", "dar", "out", "from", "of", "please", "deseo", "wish", "to", "tanto")
)

// quietAsked reports whether words (as talkWords reads them) ask the bot
// to stop writing: a word of stopping with what is sent or a word of
// sending ("deja de escribirme", "stop sending me messages"), or alone
// ("stop", "unsubscribe"); or a negation with a word of sending and what
// is sent or "me" ("no me mandes más mensajes", "ya no quiero recibir
// notificaciones", "don't message me"). Every word is one of theirs, a
// filler or a greeting's or thanks' word: "no me llegan los mensajes"
// and "quiero dejar de recibir correos del aula virtual" are not.
func quietAsked(words []string) bool {
	for _, w := range words {
		if !quietStop[w] && !quietSend[w] && !quietNouns[w] && !quietLinks[w] && !smallTalkFillers[w] &&
			smallTalkWords[w] != SmallTalkThanks && smallTalkWords[w] != SmallTalkGreeting {
			return false
		}
	}
	sent := hasAny(words, quietSend, quietNouns)
	return hasAny(words, quietStop) && (sent || hasAny(words, quietAlone)) ||
		hasAny(words, negations) && hasAny(words, quietSend) && (hasAny(words, quietNouns) || slices.Contains(words, "me"))
}

// adjacent reports whether words has p[0] right before p[1].
func adjacent(words []string, p [2]string) bool {
	for i := 1; i < len(words); i++ {
		if words[i-1] == p[0] && words[i] == p[1] {
			return true
		}
	}
	return false
}

// talkWords returns the words of text, lowercase, folded and squeezed
// (see squeeze), and whether it has an emoji. An English possessive is
// its noun ("this week's report": "week"; it was "weeks", a word no
// request knows, and an admin's "show me this week's unanswered
// questions" got suggestions, seen in the sandbox), but for the words
// that "'s" joins to "is" ("what's" stays "whats"); a phone's curly
// apostrophe is the straight one.
func talkWords(text string) (words []string, emoji bool) {
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		if isEmoji(r) {
			emoji = true
		}
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	}) {
		f = strings.ReplaceAll(f, "’", "'")
		if noun, ok := strings.CutSuffix(f, "'s"); ok && !isJoined[noun] {
			f = noun
		}
		if w := unclitic(squeeze(fold(strings.ReplaceAll(f, "'", "")))); w != "" {
			words = append(words, w)
		}
	}
	return words, emoji
}

// isJoined are the words whose "'s" is "is" or "us", not a possessive.
var isJoined = map[string]bool{"what": true, "that": true, "there": true, "here": true, "where": true, "who": true,
	"it": true, "he": true, "she": true, "let": true, "how": true, "when": true, "why": true}

// isEmoji reports whether r is a pictograph or symbol people send as a
// whole message (👍, 🙏, 😊, ❤, ✅).
func isEmoji(r rune) bool {
	return unicode.Is(unicode.So, r) || (r >= 0x1F000 && r <= 0x1FAFF)
}

// squeeze writes each run of one letter once ("holaaa" → "hola",
// "thxxx" → "thx"), and words that are a squeezed form of a small-talk
// word read as it: "jajaja" → "ja".
func squeeze(w string) string {
	var sb strings.Builder
	var last rune
	for _, r := range w {
		if r != last {
			sb.WriteRune(r)
		}
		last = r
	}
	s := sb.String()
	if _, ok := smallTalkWords[w]; ok {
		return w // "cool", "goodbye", "kk": the word as written
	}
	if _, ok := smallTalkWords[s]; ok || smallTalkFillers[s] || vagueWords[s] || helpWords[s] || workWords[s] || doneWords[s] {
		return s
	}
	for _, laugh := range []string{"ja", "ha"} {
		if len(s) >= 4 && strings.Trim(s, laugh) == "" && strings.HasPrefix(s, laugh) {
			return laugh
		}
	}
	return w
}

// politeWords ask nicely and say nothing about the question: "porfa",
// "x fa", "pls".
var politeWords = map[string]bool{
	"porfa": true, "porfis": true, "porfavor": true, "xfa": true, "plis": true, "please": true, "pls": true, "plz": true,
}

// courtesy reports whether a typed token (folded, lowercase) is only a
// greeting, thanks or "please" wrapped around a question ("hola, como
// entrego mi tarea", "pls help with zoom"): when the base does not have
// it, it is left out of the query rather than corrected into some other
// word ("hola" → "hora").
func courtesy(t string) bool {
	s := squeeze(t)
	k := smallTalkWords[s]
	return k == SmallTalkGreeting || k == SmallTalkThanks || politeWords[s]
}
