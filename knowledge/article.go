package knowledge

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Article is one knowledge-base entry: a Markdown file with YAML front matter.
type Article struct {
	ID          string   // unique id; defaults to the file name without .md
	Title       string   // shown as the heading of the answer
	Lang        string   // "es" or "en"
	Audience    string   // "student", "teacher" or "all"
	University  string   // optional: only shown to users of this university
	Translation string   // optional: id of the same article in the other language
	Body        string   // Markdown
	File        string   // path of the file inside the loaded file system
	Line        int      // line where the body starts
	Tags        []string // free labels
	Questions   []string // other ways people ask this question
}

// Problem is one defect found while loading a knowledge base.
type Problem struct {
	File string
	Line int
	Msg  string
}

// String formats the problem as FILE:LINE: message, the format editors jump to.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

var (
	validLangs     = map[string]bool{"es": true, "en": true}
	validAudiences = map[string]bool{"student": true, "teacher": true, "all": true}
	yamlLineRe     = regexp.MustCompile(`line (\d+)`)
)

// parseArticle parses one file. It returns the article (nil when the file
// cannot be used at all) and every problem found in it. Checks that need the
// whole base (duplicate ids, translations) are done by Load.
func parseArticle(file string, data []byte) (*Article, []Problem) {
	prob := func(line int, format string, args ...any) Problem {
		return Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	text := strings.ReplaceAll(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t") != "---" {
		return nil, []Problem{prob(1, "missing front matter: the file must start with a line '---'")}
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t") == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, []Problem{prob(1, "front matter is not closed: add a line '---' after it")}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(strings.Join(lines[1:end], "\n")), &doc); err != nil {
		line := 2
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = n + 1
			msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
		}
		return nil, []Problem{prob(line, "invalid front matter: %s", msg)}
	}
	a := &Article{File: file, Line: end + 2}
	var probs []Problem
	keyLine := map[string]int{}
	at := func(key string) int {
		if l, ok := keyLine[key]; ok {
			return l
		}
		return 1
	}
	if len(doc.Content) > 0 {
		m := doc.Content[0]
		if m.Kind != yaml.MappingNode {
			return nil, []Problem{prob(m.Line+1, "invalid front matter: expected 'key: value' lines")}
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			line := k.Line + 1
			keyLine[k.Value] = line
			switch k.Value {
			case "id", "title", "lang", "audience", "university", "translation":
				if v.Kind != yaml.ScalarNode {
					probs = append(probs, prob(line, "%s must be a single value", k.Value))
					continue
				}
				s := strings.TrimSpace(v.Value)
				switch k.Value {
				case "id":
					a.ID = s
				case "title":
					a.Title = s
				case "lang":
					a.Lang = s
				case "audience":
					a.Audience = s
				case "university":
					a.University = s
				case "translation":
					a.Translation = s
				}
			case "tags", "questions":
				list, ok := stringList(v)
				if !ok {
					probs = append(probs, prob(line, "%s must be a list of texts", k.Value))
					continue
				}
				if k.Value == "tags" {
					a.Tags = list
				} else {
					a.Questions = list
				}
			default:
				probs = append(probs, prob(line, "unknown key %q (allowed: id, title, lang, audience, tags, questions, university, translation)", k.Value))
			}
		}
	}
	if a.ID == "" {
		a.ID = strings.TrimSuffix(path.Base(file), ".md")
	}
	if a.Title == "" {
		probs = append(probs, prob(at("title"), "empty title"))
	}
	if !validLangs[a.Lang] {
		probs = append(probs, prob(at("lang"), "bad lang %q: use es or en", a.Lang))
	}
	if a.Audience == "" {
		a.Audience = "all"
	} else if !validAudiences[a.Audience] {
		probs = append(probs, prob(at("audience"), "bad audience %q: use student, teacher or all", a.Audience))
	}
	a.Body = strings.TrimSpace(strings.Join(lines[end+1:], "\n"))
	if a.Body == "" {
		probs = append(probs, prob(end+1, "empty body"))
	}
	return a, probs
}

// stringList accepts a YAML sequence of scalars (or a single scalar).
func stringList(n *yaml.Node) ([]string, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if s := strings.TrimSpace(n.Value); s != "" {
			return []string{s}, true
		}
		return nil, true
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, false
			}
			if s := strings.TrimSpace(c.Value); s != "" {
				out = append(out, s)
			}
		}
		return out, true
	}
	return nil, false
}
