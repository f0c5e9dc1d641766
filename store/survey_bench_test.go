package store_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// BenchmarkSurveyResults computes the results of the built-in series
// (baseline and endline, 14 questions) from a database in which 3,000
// people of 6 universities, teachers and students, answered both waves:
// reading the 6,000 responses and the 3,000 people, then every group's
// figures with 2,000 bootstrap resamples per change. Under -short (the
// CI's run of every benchmark once) 300 people answer: the same code, a
// tenth of the filling, which took 10 s of that run.
func BenchmarkSurveyResults(b *testing.B) {
	s, _ := open(b)
	set, probs, err := survey.Load(survey.Builtin(), ".", nil)
	if err != nil || len(probs) > 0 {
		b.Fatal(err, probs)
	}
	waves := set.Series("percepciones")
	people := 3000
	if testing.Short() {
		people = 300
	}
	fillSeries(b, s, waves, people)
	unis := []string{"u1", "u2", "u3", "u4", "u5", "u6"}
	b.ResetTimer()
	for b.Loop() {
		res, err := survey.Compute(s, waves, survey.Options{Universities: unis})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Groups) != 21 || res.Groups[0].Headline == nil || !res.Groups[0].Headline.Paired {
			b.Fatalf("groups %d", len(res.Groups))
		}
	}
}

// fillSeries has n people answer every question shown to them in each
// wave, the endline a little more favourably.
func fillSeries(b *testing.B, s *store.Store, waves []*survey.Survey, n int) {
	rng := rand.New(rand.NewPCG(1, 2))
	for lo := 0; lo < n; lo += 250 {
		err := s.Update(func(tx *store.Tx) error {
			for i := lo; i < min(n, lo+250); i++ {
				id := int64(100000 + i)
				role := []string{"teacher", "student"}[(i/6)%2]
				if err := tx.PutUser(userOf(id, fmt.Sprintf("u%d", 1+i%6), role, tx.Now())); err != nil {
					return err
				}
				for w, sv := range waves {
					for {
						p, err := tx.SurveyProgress(sv, id)
						if err != nil {
							return err
						}
						if p.Done {
							break
						}
						a := answerFor(p.Next, w, rng)
						if _, err := tx.AnswerSurvey(sv, id, p.Next.ID, a, time.UTC); err != nil {
							return err
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func answerFor(q *survey.Question, wave int, rng *rand.Rand) survey.Answer {
	switch q.Type {
	case survey.Likert:
		return survey.Answer{Number: min(5, 1+rng.IntN(4)+wave*rng.IntN(2))}
	case survey.Scale:
		return survey.Answer{Number: min(q.Max, q.Min+rng.IntN(8)+wave*rng.IntN(3))}
	case survey.Single:
		return survey.Answer{Choices: []string{q.Options[rng.IntN(len(q.Options))].ID}}
	case survey.Multiple:
		return survey.Answer{Choices: []string{q.Options[0].ID}}
	}
	return survey.Answer{Text: "ok"}
}
