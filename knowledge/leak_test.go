package knowledge

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// An evaluation question leaks into the knowledge base when the article it
// expects (or that article's translation) has a title or a `questions:`
// line that is a near copy of it: the search then finds the question's own
// words and the figures measure a lookup, not retrieval. Questions that
// expect no article (unknown topics, small talk) are checked against every
// article. A near copy elsewhere cannot help a question find its article,
// so other articles are not checked for answerable questions.
//
// Both texts are normalised: lower case, accents folded, split at every
// character that is not a letter or a digit (punctuation and spaces go);
// "content words" are the words left when stop words are dropped. Two
// similarities are measured:
//
//   - J, the Jaccard similarity of the two sets of content words;
//   - E, the word-level edit similarity of the whole texts, stop words
//     kept: 1 - (words inserted, deleted or substituted) / (words of the
//     longer text).
//
// A line is a near copy when J >= 0.8 (the question's content words with
// function words added, dropped or reordered: "cant hear the professor in
// the zoom class" / "i cant hear the professor on zoom", J 0.80), or when
// E >= 0.62 and J >= 0.5 (the question's sentence with a word or two
// swapped or cut: "how do i show my slides in meet" / "how do i present my
// slides in meet", E 0.88; "se me cuelga el zoom cada 5 minutos" / "se me
// cuelga el zoom", E 0.62). E alone is not enough: short questions share
// their frame ("how do i ... my ...") without sharing a topic, hence the
// condition on J. Token Jaccard alone (even at 0.5) misses sentences
// copied with one word swapped, and character-trigram similarity scored
// short honest paraphrases as high as such copies.
//
// The thresholds were calibrated on the first built-in sets (82 lines per
// language, now spread over the dev and test sets; each question against
// its own article): no line written before those sets existed (titles and
// the first questions: lines) reaches them (at most J 0.75 and, with
// J >= 0.5, E 0.60, both "How do I use the Moodle app on my phone?" / "can
// i use moodle on my phone"), and every line removed for copying a set
// does; TestNearCopy lists both sides. The messages added later were
// written from the titles alone; those that came out as near copies of an
// existing line (46 of 212) were dropped from the sets, not the lines from
// the articles.
const (
	nearCopyJaccard     = 0.8
	nearCopyEdit        = 0.62
	nearCopyEditJaccard = 0.5
)

// leakStopWords are function words of Spanish and English as people type
// them (accents folded, "q" for "que", "x" for "por", "pa" for "para").
var leakStopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		a al ante cada con como cual cuales cuando cuanto de del donde e el en
		es esa ese eso esta este esto hay la las le les lo los me mi mis o pa
		pal para pero por porque q que quien se si su sus te tu tus u un una
		unas unos x y ya yo
		am an and are at be can do does each every for from how i im in is it
		its me my of on or r so the their them they this to u what whats when
		where which who why with you your`) {
		m[w] = true
	}
	return m
}()

// leakWords returns s lower-cased, accent-folded and split into words.
func leakWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(fold(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// leakText is a text as nearCopy compares it: its words (leakWords) and
// the set of its content words. The tests compare each text with hundreds
// of others, so each is split once (leakTexts).
type leakText struct {
	words   []string
	content map[string]bool
}

func newLeakText(s string) leakText {
	t := leakText{words: leakWords(s), content: map[string]bool{}}
	for _, w := range t.words {
		if !leakStopWords[w] {
			t.content[w] = true
		}
	}
	return t
}

// leakTexts prepares each text once.
type leakTexts map[string]leakText

func (c leakTexts) of(s string) leakText {
	t, ok := c[s]
	if !ok {
		t = newLeakText(s)
		c[s] = t
	}
	return t
}

// leakJaccard is the Jaccard similarity of two sets of content words (0
// when both are empty).
func leakJaccard(sa, sb map[string]bool) float64 {
	both := 0
	for w := range sa {
		if sb[w] {
			both++
		}
	}
	if all := len(sa) + len(sb) - both; all > 0 {
		return float64(both) / float64(all)
	}
	return 0
}

// leakEditSimilarity is 1 - the word-level Levenshtein distance / the length
// of the longer text (0 when both are empty).
func leakEditSimilarity(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			sub := diag
			if a[i-1] != b[j-1] {
				sub++
			}
			diag = row[j]
			row[j] = min(row[j]+1, row[j-1]+1, sub)
		}
	}
	return 1 - float64(row[len(b)])/float64(max(len(a), len(b)))
}

// nearCopy reports whether line is a near copy of question, and the two
// similarities.
func nearCopy(question, line string) (bool, float64, float64) {
	return newLeakText(question).nearCopy(newLeakText(line))
}

// nearCopy is the package's nearCopy on prepared texts. The edit
// similarity is measured only where it can decide (J >= 0.5): else it is
// returned as 0, and only a near copy's figures are ever reported.
func (q leakText) nearCopy(l leakText) (bool, float64, float64) {
	j := leakJaccard(q.content, l.content)
	if j < nearCopyEditJaccard {
		return false, j, 0
	}
	e := leakEditSimilarity(q.words, l.words)
	return j >= nearCopyJaccard || e >= nearCopyEdit, j, e
}

// Each line removed from the articles for copying a built-in set is a near
// copy of its set line; lines written before the sets existed, the closest
// to a set line, are not.
func TestNearCopy(t *testing.T) {
	for _, c := range []struct {
		line, question string
		near           bool
	}{
		// removed from the articles: copies of lines of the first built-in sets
		{"what sections should my course have on the platform", "what sections should my course have on the platform", true},
		{"que secciones debe tener mi curso en la plataforma", "que secciones debe tener mi curso en la plataforma", true},
		{"como hago resumenes de las lecturas", "como hago resumenes de las lecturas", true},
		{"how to summarize the readings", "how to summarize my readings", true},
		{"i cant hear the professor on zoom", "cant hear the professor in the zoom class", true},
		{"how do i present my slides in meet", "how do i show my slides in meet", true},
		{"como subo mi tarea al aula virtual", "como subo mi trabajo al aula virtual", true},
		{"how do i upload my assignment to the virtual classroom", "how to upload my homework to the virtual classroom", true},
		{"how much zoom time vs independent work", "how much live class time vs independent work", true},
		{"cuanto tiempo de zoom y cuanto de trabajo autonomo", "cuanto tiempo de clase en vivo y cuanto de trabajo autonomo", true},
		{"como agrego un pdf en moodle", "como agrego un pdf para mis alumnos en moodle", true},
		{"how do i add a pdf in moodle", "how do i add a pdf for my students", true},
		{"puse mal la clave varias veces y me bloqueo", "puse mal la clave varias veces y ahora no entra nada", true},
		{"se me cuelga el zoom", "se me cuelga el zoom cada 5 minutos", true},
		{"how do i install moodle on my phone", "can i use moodle on my phone", true},
		// kept: written before the sets, the closest to a set line
		{"How do I use the Moodle app on my phone?", "can i use moodle on my phone", false},
		{"how to ask the professor a question", "how to ask the professor for more time", false},
		{"No me aparece un curso en el aula virtual", "no aparece el curso de matematica en mi aula", false},
		{"como le escribo al profesor", "como pido prorroga al profesor", false},
		{"que debe tener un curso en moodle", "que secciones debe tener mi curso en la plataforma", false},
		// a shared frame is not a copy
		{"how do i reset my password", "how do i renew my passport", false},
		// normalisation: case, accents, punctuation
		{"¿Cómo hago RESÚMENES de las lecturas?", "como hago resumenes de las lecturas", true},
	} {
		near, j, e := nearCopy(c.question, c.line)
		if near != c.near {
			t.Errorf("%q / %q: near copy %v (jaccard %.2f, edit %.2f), want %v", c.line, c.question, near, j, e, c.near)
		}
	}
}

// TestNoEvalQuestionInArticles fails when an article's title or
// `questions:` line is a near copy of a question of any evaluation set in
// knowledge/eval (dev or test): the article line goes.
func TestNoEvalQuestionInArticles(t *testing.T) {
	b := builtinBase(t)
	checked, texts := 0, leakTexts{}
	for _, set := range leakSets(t, "dev", "test") {
		for i, q := range readQuestions(t, set) {
			checked += articleNearCopies(t, b, texts, q, func(a *Article, line string, j, e float64) {
				// The message itself is not printed: whoever fixes the
				// article must not read a held-out question.
				t.Errorf("%s: %q is a near copy of %s question %d (jaccard %.2f, edit %.2f): remove it from the article",
					leakArticleLine(a, line), line, set, i+1, j, e)
			})
		}
	}
	if checked == 0 {
		t.Fatal("no article line was compared")
	}
}

// TestTrainSets_NoLeak: the training sets (knowledge/eval/*-train.jsonl)
// hold paraphrases that neither the evaluation sets nor the articles
// contain. A train line fails when it is a near copy of a dev or test
// message of its language (whatever article that message expects), or of
// the title or a `questions:` line of the article it expects (any article
// for an unknown topic). A copy of a dev or test message: the train line
// goes. A copy of an article line: either goes (a train line the article
// already has measures a lookup, not the rules). The failure names the
// train line and the set, never the dev or test message, so that fixing
// it does not mean reading the held-out set.
func TestTrainSets_NoLeak(t *testing.T) {
	b := builtinBase(t)
	held := map[string][]string{} // language -> dev and test messages
	for _, set := range leakSets(t, "dev", "test") {
		for _, q := range readQuestions(t, set) {
			held[q.Lang] = append(held[q.Lang], q.Q)
		}
	}
	trains := leakSets(t, "train")
	for _, lang := range []string{"es", "en"} {
		path := builtinSetPath(lang, "train")
		if !slices.Contains(trains, path) {
			t.Errorf("no training set %s", path)
		} else if h := firstLineHeader(t, path); !strings.Contains(h, "never from the dev or test sets") {
			t.Errorf("%s: header %q does not say it was written apart from the dev and test sets", path, h)
		}
	}
	compared, texts := 0, leakTexts{}
	for _, set := range trains {
		for i, q := range readQuestions(t, set) {
			for _, other := range held[q.Lang] {
				compared++
				if near, j, e := texts.of(q.Q).nearCopy(texts.of(other)); near {
					t.Errorf("%s line %d %q is a near copy of a dev or test message (jaccard %.2f, edit %.2f): drop the train line",
						set, i+2, q.Q, j, e)
					break
				}
			}
			articleNearCopies(t, b, texts, q, func(a *Article, line string, j, e float64) {
				t.Errorf("%s line %d %q is a near copy of %s %q (jaccard %.2f, edit %.2f): drop the train line or the article line",
					set, i+2, q.Q, leakArticleLine(a, line), line, j, e)
			})
		}
	}
	if compared == 0 {
		t.Fatal("no train line was compared with a dev or test message")
	}
}

// leakSets lists the question sets of the given splits: the built-in
// ones and, for dev and test, the long and in-domain ones.
func leakSets(t *testing.T, splits ...string) []string {
	t.Helper()
	var sets []string
	for _, split := range splits {
		got, err := filepath.Glob("eval/*-" + split + ".jsonl")
		if err != nil || len(got) == 0 {
			t.Fatalf("no %s sets in eval/: %v", split, err)
		}
		sets = append(sets, got...)
	}
	return sets
}

// articleNearCopies calls near for each title or `questions:` line that
// is a near copy of q, among the lines of the article q expects and its
// translation (every article when q expects none), and returns how many
// lines it compared; texts holds the texts prepared so far.
func articleNearCopies(t *testing.T, b *Base, texts leakTexts, q EvalQuestion, near func(a *Article, line string, j, e float64)) int {
	t.Helper()
	arts := b.Articles()
	if q.Expect != "" {
		a, ok := b.Article(q.Expect)
		if !ok {
			t.Errorf("%q expects %q, which is not an article", q.Q, q.Expect)
			return 0
		}
		arts = []*Article{a}
		if tr, ok := b.Article(a.Translation); ok {
			arts = append(arts, tr)
		}
	}
	checked := 0
	for _, a := range arts {
		for _, line := range slices.Concat([]string{a.Title}, a.Questions) {
			checked++
			if copied, j, e := texts.of(q.Q).nearCopy(texts.of(line)); copied {
				near(a, line, j, e)
			}
		}
	}
	return checked
}

// leakArticleLine names the file and line of text in a built-in article.
func leakArticleLine(a *Article, text string) string {
	data, err := fs.ReadFile(Builtin(), a.File)
	if err != nil {
		return a.File
	}
	for n, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, text) {
			return fmt.Sprintf("%s:%d", a.File, n+1)
		}
	}
	return a.File
}
