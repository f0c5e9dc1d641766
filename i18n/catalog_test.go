package i18n_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/sandbox"
)

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// Every text exists in both languages with the same placeholders (form by
// form, for a plural), and is HTML that Telegram accepts.
func TestCatalog_Complete(t *testing.T) {
	c, err := i18n.Load(i18n.Locales)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Keys() {
		es, en := c.Forms(k, "es"), c.Forms(k, "en")
		if len(es) != len(en) {
			t.Errorf("%s: %d forms in es, %d in en", k, len(es), len(en))
			continue
		}
		for i := range es {
			pe, pn := placeholder.FindAllString(es[i], -1), placeholder.FindAllString(en[i], -1)
			sort.Strings(pe)
			sort.Strings(pn)
			if strings.Join(pe, ",") != strings.Join(pn, ",") {
				t.Errorf("%s: placeholders differ: es %v, en %v", k, pe, pn)
			}
			for lang, text := range map[string]string{"es": es[i], "en": en[i]} {
				filled := placeholder.ReplaceAllString(text, "x")
				if _, _, err := sandbox.ParseHTML(filled); err != nil {
					t.Errorf("%s (%s): Telegram would refuse it: %v", k, lang, err)
				}
			}
		}
	}
}

// Every key the code names is in the catalogue: the handlers' and the
// services' code.
func TestCatalog_KeysUsed(t *testing.T) {
	c := i18n.Builtin()
	uses := regexp.MustCompile(`(?:\.T\(|Errorf\([^,()]+,\s*|tr\()\s*"([a-z_]+\.[a-z0-9_.]+)"`)
	files, _ := filepath.Glob("../handlers/*.go")
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(b), -1) {
			n++
			if strings.HasSuffix(m[1], "_") { // a prefix completed at run time
				if !hasPrefix(c, m[1]) {
					t.Errorf("%s uses keys starting %q; the catalogue has none", f, m[1])
				}
				continue
			}
			if !c.Has(m[1]) {
				t.Errorf("%s uses %q, which is not in the catalogue", f, m[1])
			}
		}
	}
	if n < 20 {
		t.Errorf("found only %d uses: the pattern is broken", n)
	}
}

func TestCatalog_Escapes(t *testing.T) {
	c := i18n.Builtin()
	got := c.T("en", "start.hello", "name", `<script>&"`)
	if strings.Contains(got, "<script>") || !strings.Contains(got, "&lt;script&gt;&amp;") {
		t.Errorf("name not escaped: %q", got)
	}
	if got := c.T("en", "start.role", "university", i18n.HTML("<i>x</i>")); !strings.Contains(got, "<i>x</i>") {
		t.Errorf("HTML value escaped: %q", got)
	}
	if got := c.T("fr", "menu.help"); got != "❔ Ayuda" {
		t.Errorf("unknown language = %q, want Spanish", got)
	}
}

func hasPrefix(c *i18n.Catalog, p string) bool {
	for _, k := range c.Keys() {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}
