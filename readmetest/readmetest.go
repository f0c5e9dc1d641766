// Package readmetest reads README.md for the tests that hold it to the
// code: its tables of commands, settings and metrics, and its sample
// configuration.
package readmetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Section returns the module's README.md's section titled title (a "## "
// heading), up to the next one.
func Section(t testing.TB, title string) string {
	t.Helper()
	readme := read(t)
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

// TableRows returns the lines of text's tables, headers included.
func TableRows(text string) string {
	var rows []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "| ") {
			rows = append(rows, line)
		}
	}
	return strings.Join(rows, "\n")
}

// read returns the module's README.md.
func read(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Root is the module's folder: the working directory or the first folder
// above it with a go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod in the working directory or above it")
		}
		dir = up
	}
}
