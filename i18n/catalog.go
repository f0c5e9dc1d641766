// Package i18n is aulabot's message catalogue: every text a user sees, in
// Spanish and English, read from the YAML files in locales/. Handlers
// render replies with it and services render the messages they send to
// other people; both import it, and it imports only the domain.
package i18n

import (
	"embed"
	"fmt"
	"html"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/aulabot/aulabot"
)

//go:embed locales/*.yaml
var localeFS embed.FS

// Locales are the built-in catalogue files: every locales/*.yaml.
var Locales = func() fs.FS {
	sub, err := fs.Sub(localeFS, "locales")
	if err != nil {
		panic(err) // the directory is embedded
	}
	return sub
}()

// HTML is text that is already Telegram HTML and is not escaped again.
type HTML string

// Catalog holds every text a user sees, in Spanish and English. Texts are
// Telegram HTML; placeholders {name} are filled with escaped values. A
// text that counts something has plural forms (see N).
type Catalog struct {
	texts map[string]map[string]text // key -> lang -> text
}

// text is one language's text of a key: a string, or the plural forms
// one and other, and optionally zero.
type text struct {
	other string // the text; of a plural, the form for every count but 1 (and 0, without zero)
	one   string // of a plural, the form for a count of 1; "" otherwise
	zero  string // of a plural, the form for a count of 0, if it has one ("nobody" rather than "0 people")
}

// UnmarshalYAML reads a string, or a mapping {one: ..., other: ...} with
// an optional zero.
func (t *text) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return n.Decode(&t.other)
	}
	var forms map[string]string
	if err := n.Decode(&forms); err != nil {
		return err
	}
	for form := range forms {
		if form != "one" && form != "other" && form != "zero" {
			return fmt.Errorf("line %d: plural form %q: the forms are one and other, and zero if 0 reads differently", n.Line, form)
		}
	}
	t.one, t.other, t.zero = forms["one"], forms["other"], forms["zero"]
	if t.one == "" || t.other == "" {
		return fmt.Errorf("line %d: a plural needs both forms, one and other", n.Line)
	}
	return nil
}

func (t text) plural() bool { return t.one != "" }

// Load reads every *.yaml file at the top of fsys: a mapping of key to
// {es: ..., en: ...}, each a string or, for a text that counts, the plural
// forms {one: ..., other: ...} in both languages. A key defined twice or
// lacking a language or a form is an error.
func Load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{texts: map[string]map[string]text{}}
	files, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var m map[string]map[string]text
		if err := yaml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k, v := range m {
			if _, dup := c.texts[k]; dup {
				return nil, fmt.Errorf("%s: key %s defined twice", f, k)
			}
			es, en := v[aulabot.LangES], v[aulabot.LangEN]
			if es.other == "" || en.other == "" {
				return nil, fmt.Errorf("%s: key %s needs both es and en", f, k)
			}
			if es.plural() != en.plural() || (es.zero == "") != (en.zero == "") {
				return nil, fmt.Errorf("%s: key %s has plural forms in one language only", f, k)
			}
			c.texts[k] = v
		}
	}
	return c, nil
}

// Builtin returns the catalogue of the built-in files (Locales), loaded
// once; a catalogue is never changed after it is loaded, so it is shared.
// The files are checked by the tests, so a failure to load them panics.
func Builtin() *Catalog { return builtin() }

var builtin = sync.OnceValue(func() *Catalog {
	c, err := Load(Locales)
	if err != nil {
		panic(err)
	}
	return c
})

var placeholderRE = regexp.MustCompile(`\{[a-z_]+\}`)

// T returns the text for key in lang, with placeholders filled from args,
// given as name, value pairs. Values are HTML-escaped unless they are HTML.
// An unknown key returns the key itself, so a missing text shows rather
// than crashes (a test keeps the catalogue complete). Of a plural it
// returns the form "other"; N picks the form for a count.
func (c *Catalog) T(lang, key string, args ...any) string {
	t, ok := c.text(lang, key)
	if !ok {
		return key
	}
	return fill(t.other, args)
}

// N returns the text for key in lang for a count of n: the plural form
// "one" for exactly 1 and "other" for any other count, 0 included (the
// rule of both Spanish and English), or "zero" for 0 if the key has it
// (where "0 people" would read worse than "nobody"), with {n} filled with
// n and the other placeholders from args as in T. For a key without
// plural forms it is T with n given.
func (c *Catalog) N(lang, key string, n int, args ...any) string {
	t, ok := c.text(lang, key)
	if !ok {
		return key
	}
	s := t.other
	switch {
	case t.plural() && n == 1:
		s = t.one
	case n == 0 && t.zero != "":
		s = t.zero
	}
	return fill(s, append([]any{"n", n}, args...))
}

// text finds key in lang, or in Spanish for a language it lacks.
func (c *Catalog) text(lang, key string) (text, bool) {
	v, ok := c.texts[key]
	if !ok {
		return text{}, false
	}
	t, ok := v[lang]
	if !ok {
		t = v[aulabot.LangES]
	}
	return t, true
}

// fill replaces the placeholders of s named in args (name, value pairs).
func fill(s string, args []any) string {
	if len(args) == 0 {
		return s
	}
	vals := make(map[string]string, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		name, _ := args[i].(string)
		switch a := args[i+1].(type) {
		case HTML:
			vals[name] = string(a)
		default:
			vals[name] = html.EscapeString(fmt.Sprint(a))
		}
	}
	return placeholderRE.ReplaceAllStringFunc(s, func(p string) string {
		if v, ok := vals[p[1:len(p)-1]]; ok {
			return v
		}
		return p
	})
}

// Has reports whether key exists.
func (c *Catalog) Has(key string) bool { _, ok := c.texts[key]; return ok }

// Keys lists every key.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.texts))
	for k := range c.texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Lookup returns the raw text of key in lang (of a plural, the form
// "other").
func (c *Catalog) Lookup(key, lang string) (string, bool) {
	t, ok := c.texts[key][lang]
	return t.other, ok
}

// Forms returns every raw form of key in lang: the text, or the plural
// forms one and other, and zero if it has one.
func (c *Catalog) Forms(key, lang string) []string {
	t, ok := c.texts[key][lang]
	switch {
	case !ok:
		return nil
	case t.plural() && t.zero != "":
		return []string{t.one, t.other, t.zero}
	case t.plural():
		return []string{t.one, t.other}
	}
	return []string{t.other}
}

// Match returns the key whose text, in either language, equals s with
// surrounding space ignored (a tapped reply-keyboard button), among keys
// with prefix.
func (c *Catalog) Match(prefix, s string) (string, bool) {
	s = strings.TrimSpace(s)
	for k, v := range c.texts {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		for _, t := range v {
			if t.other == s {
				return k, true
			}
		}
	}
	return "", false
}

// Escape escapes text a user or an article wrote for Telegram HTML.
func Escape(s string) string { return html.EscapeString(s) }
