package knowledge

import (
	"strings"
	"unicode"
)

// Function words that mark a language. Words common to both ("no", "a",
// "me", "mi", "ya") and loan words ("moodle", "zoom", "online") are left
// out: they say nothing. Entries are folded (no accents).
var langWords = map[string]map[string]bool{
	"es": set(`el la los las un una unos unas de del al que en y o por para con sin como cual cuales donde cuando
		cuanto cuantos quien porque pero es son esta estan este esto estos esa ese eso fue ser hay tengo tiene tienen
		puedo puede pueden hago hacer se su sus tu tus mis nos le les lo mas muy ya tambien aun aqui alli
		yo usted ustedes mio mia debo necesito quiero sobre entre hasta desde segun otra otro
		hola gracias buenas buenos tardes dias noches pa xq q`),
	"en": set(`the an of to in on at for with without from by and or but is are was were be been do does did
		how what where when which who why can could should would will my your our their his her its it this that
		these those i you we they us them have has had not dont doesnt cant cannot wont isnt im ive get got
		there here about into after before if then than please need want
		thanks thank hello hi bye good morning night didnt`),
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// DetectLanguage says whether text is Spanish ("es") or English ("en"),
// or "" when it cannot tell (a word or two with no function word, a
// name, a tie). It counts each language's function words and, for
// Spanish, the letters and marks English never has (ñ, á…ú, ¿, ¡) and
// the endings "-ción"/"-cion"; English gets "-ing" and "-tion".
func DetectLanguage(text string) string {
	var es, en int
	if strings.ContainsAny(text, "¿¡ñÑáéíóúÁÉÍÓÚ") {
		es += 2
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		w = strings.ReplaceAll(fold(w), "'", "")
		switch {
		case langWords["es"][w] && !langWords["en"][w]:
			es++
		case langWords["en"][w] && !langWords["es"][w]:
			en++
		case strings.HasSuffix(w, "cion") || strings.HasSuffix(w, "ciones"):
			es++
		case strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "tion") || strings.HasSuffix(w, "tions"):
			en++
		}
	}
	switch {
	case es > en:
		return "es"
	case en > es:
		return "en"
	}
	return ""
}
