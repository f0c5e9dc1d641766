package main

import (
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aulabot/aulabot/readmetest"
)

// The README's settings tables name every flag and environment variable
// the bot reads, and none it does not: the Configuration table the
// commands' own, the Sandbox table those marked "sandbox only".
func TestREADME_SettingsTables(t *testing.T) {
	asked := map[string]bool{}
	_, fs, err := parseSettings("serve", nil, func(k string) string { asked[k] = true; return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	config := readmetest.TableRows(readmetest.Section(t, "Configuration"))
	sandbox := readmetest.TableRows(readmetest.Section(t, "Sandbox"))
	fs.VisitAll(func(f *flag.Flag) {
		table, where := config, "Configuration"
		if strings.HasPrefix(f.Usage, "sandbox only:") {
			table, where = sandbox, "Sandbox"
		}
		if !regexp.MustCompile("`--" + regexp.QuoteMeta(f.Name) + "[` ]").MatchString(table) {
			t.Errorf("the README's %s table does not list --%s (%s)", where, f.Name, f.Usage)
		}
	})
	for _, m := range regexp.MustCompile("`--([a-z-]+)").FindAllStringSubmatch(config+"\n"+sandbox, -1) {
		if fs.Lookup(m[1]) == nil {
			t.Errorf("the README's tables list --%s, which aulabot does not take", m[1])
		}
	}
	for k := range asked {
		if !strings.Contains(config, "`"+k) {
			t.Errorf("the README's Configuration table does not list %s", k)
		}
	}
	runtime := map[string]bool{"GOGC": true, "GOMEMLIMIT": true} // read by tuneMemory and Go itself
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Z_]+)").FindAllStringSubmatch(config, -1) {
		if !asked[m[1]] && !runtime[m[1]] {
			t.Errorf("the README's Configuration table lists %s, which aulabot does not read", m[1])
		}
	}
}

// The README's Operations section names every metric aulabot exports, and
// none it does not: the names are read from the source, where each
// collector is declared with its Name.
func TestREADME_Metrics(t *testing.T) {
	declared := map[string]bool{}
	nameRE := regexp.MustCompile(`Name: *"(aulabot_[a-z0-9_]+)"`)
	root := readmetest.Root(t)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range nameRE.FindAllStringSubmatch(string(b), -1) {
			declared[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(declared) < 10 {
		t.Fatalf("found %d metrics in the source, want the dozen or more the bot exports", len(declared))
	}
	ops := readmetest.Section(t, "Operations")
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("`(aulabot_[a-z0-9_]+)").FindAllStringSubmatch(ops, -1) {
		listed[m[1]] = true
	}
	for name := range declared {
		if !listed[name] {
			t.Errorf("the README's Operations section does not list the metric %s", name)
		}
	}
	for name := range listed {
		if !declared[name] {
			t.Errorf("the README's Operations section lists %s, which aulabot does not export", name)
		}
	}
}
