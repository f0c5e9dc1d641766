package config_test

import (
	"testing"

	"github.com/aulabot/aulabot/config"
)

// digest: false switches a university's weekly digest off; without the
// key it is on; anything but a boolean stops start-up with the line.
func TestParse_Digest(t *testing.T) {
	const cfg = "universities:\n  - id: unsa\n    team_chat: -1\n  - id: unap\n    team_chat: -2\n    digest: false\n  - id: unca\n    team_chat: -3\n    digest: true\n"
	c, err := config.Parse("aulabot.yaml", []byte(cfg))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"unsa": true, "unap": false, "unca": true} {
		if u, _ := c.University(id); u.DigestOn() != want {
			t.Errorf("%s: DigestOn = %v, want %v", id, u.DigestOn(), want)
		}
	}
	_, err = config.Parse("aulabot.yaml", []byte("universities:\n  - id: unsa\n    team_chat: -1\n    digest: sometimes\n"))
	if err == nil || err.Error() != "aulabot.yaml:4: cannot unmarshal !!str `sometimes` into bool" {
		t.Errorf("digest: sometimes: %v", err)
	}
}
