package store_test

import (
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// A campaign with a message per language sends each person the one in
// their language: the one they picked, else Telegram's if the bot speaks
// it, else the campaign's Message (the events service makes it the
// configuration's language).
func TestStore_CampaignLocalized(t *testing.T) {
	s, now := open(t)
	people := []aulabot.User{
		{ID: 1, Lang: "es"},
		{ID: 2, TGLang: "en-GB"},
		{ID: 3, TGLang: "de"}, // neither: the campaign's Message
	}
	err := s.Update(func(tx *store.Tx) error {
		for _, u := range people {
			u.Name, u.University, u.Role, u.ConsentAt = "P", "unma", aulabot.RoleTeacher, *now
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		c := aulabot.Campaign{University: "unma", Audience: aulabot.AudienceTeachers, State: aulabot.CampaignRunning, At: *now, Lang: "en",
			Owner: "event:1", Message: aulabot.Message{Text: "fallback"},
			Localized: map[string]aulabot.Message{"es": {Text: "hola"}, "en": {Text: "hello"}}}
		if _, err := tx.CreateCampaign(c); err != nil {
			return err
		}
		_, err := tx.FeedCampaigns(10)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := s.Pending()
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]string{}
	for _, m := range ms {
		got[m.ChatID] = m.Text
	}
	if want := map[int64]string{1: "hola", 2: "hello", 3: "fallback"}; len(got) != 3 || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Errorf("sent %v, want %v", got, want)
	}
}
