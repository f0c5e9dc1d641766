package config_test

import (
	"testing"

	"github.com/aulabot/aulabot/config"
)

// survey_reminders: unset is nil (the handlers use 2), 0 is none, and a
// number outside 0-10 stops start-up with a line naming the key.
func TestParse_SurveyReminders(t *testing.T) {
	c, err := config.Parse("aulabot.yaml", []byte(goodConfig))
	if err != nil {
		t.Fatal(err)
	}
	if c.SurveyReminders != nil {
		t.Fatalf("unset: %v", *c.SurveyReminders)
	}
	c, err = config.Parse("aulabot.yaml", []byte("survey_reminders: 0\n"+goodConfig))
	if err != nil {
		t.Fatal(err)
	}
	if c.SurveyReminders == nil || *c.SurveyReminders != 0 {
		t.Fatalf("0: %v", c.SurveyReminders)
	}
	for _, bad := range []string{"-1", "11"} {
		_, err := config.Parse("aulabot.yaml", []byte("survey_reminders: "+bad+"\n"+goodConfig))
		want := "aulabot.yaml:1: survey_reminders: must be from 0 to 10, not " + bad
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v\nwant %s", bad, err, want)
		}
	}
}
