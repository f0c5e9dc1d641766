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
// Telegram HTML; placeholders {name} are filled with escaped values.
type Catalog struct {
	texts map[string]map[string]string // key -> lang -> text
}

// Load reads every *.yaml file at the top of fsys: a mapping of key to
// {es: ..., en: ...}. A key defined twice or lacking a language is an error.
func Load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{texts: map[string]map[string]string{}}
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
		var m map[string]map[string]string
		if err := yaml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k, v := range m {
			if _, dup := c.texts[k]; dup {
				return nil, fmt.Errorf("%s: key %s defined twice", f, k)
			}
			if v[aulabot.LangES] == "" || v[aulabot.LangEN] == "" {
				return nil, fmt.Errorf("%s: key %s needs both es and en", f, k)
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
// than crashes (a test keeps the catalogue complete).
func (c *Catalog) T(lang, key string, args ...any) string {
	v, ok := c.texts[key]
	if !ok {
		return key
	}
	s, ok := v[lang]
	if !ok {
		s = v[aulabot.LangES]
	}
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

// Lookup returns the raw text of key in lang.
func (c *Catalog) Lookup(key, lang string) (string, bool) {
	s, ok := c.texts[key][lang]
	return s, ok
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
			if t == s {
				return k, true
			}
		}
	}
	return "", false
}

// Escape escapes text a user or an article wrote for Telegram HTML.
func Escape(s string) string { return html.EscapeString(s) }
