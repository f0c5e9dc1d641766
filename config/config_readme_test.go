package config_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/readmetest"
)

// The configuration sample in the README's Configuration section is a
// configuration aulabot accepts, and it shows every key there is.
func TestREADME_ConfigurationSample(t *testing.T) {
	section := readmetest.Section(t, "Configuration")
	start := strings.Index(section, "```yaml\n")
	if start < 0 {
		t.Fatal("the Configuration section has no YAML sample")
	}
	sample := section[start+len("```yaml\n"):]
	sample = sample[:strings.Index(sample, "```")]

	// Its folders, relative to the file, are there.
	dir := t.TempDir()
	for _, sub := range []string{"kb", "encuestas"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := config.Parse(filepath.Join(dir, "aulabot.yaml"), []byte(sample)); err != nil {
		t.Fatalf("the README's sample configuration is refused: %v", err)
	}
	var missing []string
	for _, key := range yamlKeys(reflect.TypeOf(aulabot.Config{}), map[reflect.Type]bool{}) {
		if !regexp.MustCompile(`(?m)(^\s*(- )?|[{,] *)` + regexp.QuoteMeta(key) + `:`).MatchString(sample) {
			missing = append(missing, key)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the README's sample configuration shows no %v", missing)
	}
}

// yamlKeys lists the YAML keys of t's fields, and of the structs they
// hold, each once.
func yamlKeys(t reflect.Type, seen map[reflect.Type]bool) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return nil
	}
	seen[t] = true
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		if !slices.Contains(keys, name) {
			keys = append(keys, name)
		}
		for _, k := range yamlKeys(f.Type, seen) {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}
