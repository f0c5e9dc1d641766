package survey

import (
	"strconv"

	"github.com/aulabot/aulabot"
)

// TypedOption returns the id of the option of q, a Single question, whose
// text in either language reads as s does (aulabot.TypedWords): a person
// who typed "celular" at "How do you connect?" meant the option Celular;
// or, of a Likert question, the point ("4") whose label reads so: "de
// acuerdo" is 4 · De acuerdo (it got "I don't know" and reached /gaps,
// seen in the sandbox). False when q is another kind of question, when no
// option reads so, when s has no words, or when two options do.
func (q *Question) TypedOption(s string) (string, bool) {
	key := aulabot.TypedWords(s)
	if q.Type == Likert && key != "" {
		for i, l := range q.LikertLabels() {
			if aulabot.TypedWords(l.ES) == key || aulabot.TypedWords(l.EN) == key {
				return strconv.Itoa(i + 1), true
			}
		}
		return "", false
	}
	if q.Type != Single || key == "" {
		return "", false
	}
	id := ""
	for _, o := range q.Options {
		if aulabot.TypedWords(o.Text.ES) != key && aulabot.TypedWords(o.Text.EN) != key {
			continue
		}
		if id != "" && id != o.ID {
			return "", false
		}
		id = o.ID
	}
	return id, id != ""
}

// MayBeOption reports whether words, a message as aulabot.TypedWords
// reads it, are an option of a Single question of some survey in the set
// (TypedOption): a test in memory, before reading what a person's surveys
// wait on.
func (s *Set) MayBeOption(words string) bool {
	s.keysOnce.Do(func() {
		s.keys = map[string]bool{}
		for _, sv := range s.surveys {
			for _, q := range sv.Questions {
				if q.Type == Likert {
					for _, l := range q.LikertLabels() {
						s.keys[aulabot.TypedWords(l.ES)], s.keys[aulabot.TypedWords(l.EN)] = true, true
					}
				}
				if q.Type != Single {
					continue
				}
				for _, o := range q.Options {
					s.keys[aulabot.TypedWords(o.Text.ES)], s.keys[aulabot.TypedWords(o.Text.EN)] = true, true
				}
			}
		}
		delete(s.keys, "")
	})
	return s.keys[words]
}

// LikertLabels are the five points' labels of a Likert question: its own,
// or DefaultLabels.
func (q *Question) LikertLabels() []Tr {
	if len(q.Labels) == 5 {
		return q.Labels
	}
	return DefaultLabels
}
