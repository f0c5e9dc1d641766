package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
)

// An article that names the virtual classroom shows the asker's
// university and its configured address as a link, never an example
// address nor a placeholder; without an address, a neutral wording.
func TestAsk_ArticleNamesTheUniversitysClassroom(t *testing.T) {
	cfg := config.Demo()
	cfg.Universities[1].LMSURL = "" // unvs has none
	e := htest.New(t, cfg)
	ma := htest.Person(141, "es")
	vs := htest.Person(142, "en")
	e.Onboard(ma, "unma", "teacher")
	e.Onboard(vs, "unvs", "student")
	for _, c := range []struct {
		who      int64
		question string
		want     []string
	}{
		{ma.ID, "como uso la app de moodle en el celular", []string{
			"Universidad Nacional de Montealto (<a href=\"https://aulavirtual.montealto.example.edu.pe\">aulavirtual.montealto.example.edu.pe</a>)"}},
		{vs.ID, "how do i use the moodle mobile app", []string{"Universidad Nacional del Valle Sur (the one you were given)"}},
	} {
		p := ma
		if c.who == vs.ID {
			p = vs
		}
		all := texts(e.Text(p, 0, c.question))
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%q: answer lacks %q:\n%s", c.question, w, all)
			}
		}
		for _, bad := range []string{"{lms_url}", "{university}", "aulavirtual.example.edu.pe"} {
			if strings.Contains(all, bad) {
				t.Errorf("%q: answer shows %q", c.question, bad)
			}
		}
	}
}

// Reporting a virtual classroom problem names the classroom's address.
func TestTicket_LMSCategoryNamesTheAddress(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(143, "en")
	e.Onboard(p, "unma", "teacher")
	e.Text(p, 0, "/problem")
	all := texts(e.Press(p, 0, 0, "tk:cat:lms"))
	if !strings.Contains(all, `<a href="https://aulavirtual.montealto.example.edu.pe">`) || strings.Contains(all, "{lms_url}") {
		t.Errorf("lms category: %q", all)
	}
	e.Text(p, 0, "/cancel")
	e.Text(p, 0, "/problem")
	if all := texts(e.Press(p, 0, 0, "tk:cat:video")); strings.Contains(all, "aulavirtual") {
		t.Errorf("video category names the classroom: %q", all)
	}
}
