package survey_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/survey"
)

// Every catalogue key the survey rules name (here and in the store) has
// its Spanish and English text, and the withheld figure's label matches.
func TestCatalog_SurveyKeys(t *testing.T) {
	c := i18n.Builtin()
	uses := regexp.MustCompile(`Errorf\([^,()]+,\s*"([a-z_]+\.[a-z0-9_.]+)"`)
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob(filepath.Join("..", "store", "survey*.go"))
	n := 0
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(b), -1) {
			n++
			if !c.Has(m[1]) {
				t.Errorf("%s uses %q, which is not in the catalogue", f, m[1])
			}
		}
	}
	if n < 10 {
		t.Errorf("found only %d uses: the pattern is broken", n)
	}
	if got := c.T("en", "survey.fewer_than_5"); got != survey.FewerThan {
		t.Errorf("survey.fewer_than_5 = %q, want %q", got, survey.FewerThan)
	}
	if got := c.T("es", "survey.fewer_than_5"); got != "menos de 5" {
		t.Errorf("survey.fewer_than_5 (es) = %q", got)
	}
}
