package knowledge

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
)

// AddQuestions adds each phrasing of qs that the article in src does not
// already have (by aulabot.AliasKey) to the `questions:` list of its front
// matter, keeping the rest of the file as it is. It returns the new file
// and how many phrasings it added.
func AddQuestions(src []byte, qs []string) ([]byte, int, error) {
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], "\r\n") != "---" {
		return nil, 0, fmt.Errorf("missing front matter")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], "\r\n") == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, 0, fmt.Errorf("front matter not closed")
	}
	a, probs := parseArticle("x.md", src)
	if len(probs) > 0 {
		return nil, 0, fmt.Errorf("%s", probs[0].Msg)
	}
	have := map[string]bool{}
	for _, q := range a.Questions {
		have[aulabot.AliasKey(q)] = true
	}
	var add []string
	for _, q := range qs {
		k := aulabot.AliasKey(q)
		if k == "" || have[k] {
			continue
		}
		have[k] = true
		add = append(add, "  - "+strconv.Quote(strings.TrimSpace(q))+"\n")
	}
	if len(add) == 0 {
		return src, 0, nil
	}
	at, header := end, []string{"questions:\n"}
	for i := 1; i < end; i++ {
		l := strings.TrimRight(lines[i], "\r\n")
		if strings.HasPrefix(l, "questions:") && strings.TrimSpace(l) != "questions:" {
			return nil, 0, fmt.Errorf("questions: is not a block list (one \"  - \" line per phrasing)")
		}
		if l != "questions:" {
			continue
		}
		at, header = i+1, nil
		for at < end && strings.HasPrefix(strings.TrimLeft(lines[at], " "), "- ") {
			at++
		}
		break
	}
	var out bytes.Buffer
	for _, l := range lines[:at] {
		out.WriteString(l)
	}
	for _, l := range append(header, add...) {
		out.WriteString(l)
	}
	for _, l := range lines[at:] {
		out.WriteString(l)
	}
	return out.Bytes(), len(add), nil
}
