package aulabot_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestDocs_LinksResolve: every relative link in the project's documents
// (README.md, docs/, the knowledge base's README and the other Markdown
// files outside the articles) names a file of the repository and, when it
// has an anchor, a heading of that file, as GitHub writes the heading's
// anchor. A section renamed or moved breaks the test, not the reader.
func TestDocs_LinksResolve(t *testing.T) {
	var docs []string
	err := filepath.WalkDir(".", func(f string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && f != "."):
			return filepath.SkipDir
		case !d.IsDir() && strings.HasSuffix(f, ".md") && !isArticle(filepath.ToSlash(f)):
			docs = append(docs, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 5 {
		t.Fatalf("found only %v", docs)
	}
	anchors := map[string]map[string]bool{}
	anchorsOf := func(file string) map[string]bool {
		if a, ok := anchors[file]; ok {
			return a
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return nil
		}
		a := headingAnchors(string(b))
		anchors[file] = a
		return a
	}
	links := 0
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range relativeLinks(string(b)) {
			links++
			path, anchor, _ := strings.Cut(target, "#")
			file := doc
			if path != "" {
				file = filepath.Join(filepath.Dir(doc), path)
			}
			if _, err := os.Stat(file); err != nil {
				t.Errorf("%s links to %q: no such file in the repository", doc, target)
				continue
			}
			if anchor != "" && strings.HasSuffix(file, ".md") && !anchorsOf(file)[anchor] {
				t.Errorf("%s links to %q: %s has no heading with that anchor", doc, target, file)
			}
		}
	}
	if links < 20 {
		t.Errorf("only %d relative links found: the link reader is broken", links)
	}
}

// isArticle reports whether f is a knowledge base article (each is read
// by the bot, not by people browsing the repository).
func isArticle(f string) bool {
	return strings.HasPrefix(f, "knowledge/kb/") && strings.Count(f, "/") > 2
}

var (
	mdLink   = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	mdFence  = regexp.MustCompile("(?s)```.*?```")
	mdInline = regexp.MustCompile("`[^`\n]*`")
)

// relativeLinks are the targets of the Markdown links in text that point
// into the repository (not to a web address), outside code.
func relativeLinks(text string) []string {
	text = mdFence.ReplaceAllString(text, "")
	text = mdInline.ReplaceAllString(text, "")
	var out []string
	for _, m := range mdLink.FindAllStringSubmatch(text, -1) {
		t := m[1]
		if strings.Contains(t, "://") || strings.HasPrefix(t, "mailto:") {
			continue
		}
		out = append(out, t)
	}
	return out
}

// headingAnchors are the anchors GitHub gives the headings of a Markdown
// text: lower case, code marks and punctuation dropped, spaces as hyphens,
// and -1, -2 … after a repeated one.
func headingAnchors(text string) map[string]bool {
	text = mdFence.ReplaceAllString(text, "")
	out := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(h) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			}
		}
		a := b.String()
		for n := 1; out[a]; n++ {
			a = b.String() + "-" + strconv.Itoa(n)
		}
		out[a] = true
	}
	return out
}
