package i18n_test

import (
	"testing"

	"github.com/aulabot/aulabot/i18n"
)

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"<b>Booked!</b> &lt;3 &amp; more": "Booked! <3 & more",
		"Rubrics &#39;22 <i>(group)</i>":  "Rubrics '22 (group)",
		"":                                "",
	} {
		if got := i18n.Plain(in); got != want {
			t.Errorf("Plain(%q) = %q, want %q", in, got, want)
		}
	}
}
