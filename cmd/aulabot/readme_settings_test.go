package main

import (
	"flag"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// readmeSection is the text of README.md's section titled title (a "## "
// heading), up to the next one.
func readmeSection(t *testing.T, title string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "\n## "+title+"\n")
	if start < 0 {
		t.Fatalf("README.md has no %q section", title)
	}
	section := readme[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	return section
}

// tableRows are the lines of text's tables, headers included.
func tableRows(text string) string {
	var rows []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "| ") {
			rows = append(rows, line)
		}
	}
	return strings.Join(rows, "\n")
}

// The README's settings tables name every flag and environment variable
// the bot reads, and none it does not: the Configuration table the
// commands' own, the Sandbox table those marked "sandbox only".
func TestREADME_SettingsTables(t *testing.T) {
	asked := map[string]bool{}
	_, fs, err := parseSettings("serve", nil, func(k string) string { asked[k] = true; return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	config := tableRows(readmeSection(t, "Configuration"))
	sandbox := tableRows(readmeSection(t, "Sandbox"))
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
