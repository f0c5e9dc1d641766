package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/knowledge"
)

const kbUsage = `usage:
  aulabot kb check  [--kb DIR] [--data FILE]
  aulabot kb aliases export --kb DIR [--data FILE]
  aulabot kb search [--kb DIR] [--lang es|en] [--as teacher|student] [--university ID] [--data FILE] [--json] "question"
  aulabot kb eval   [--kb DIR] --questions FILE.jsonl
Without --kb the built-in knowledge base is used; search --as searches as a
teacher or a student does (without it, every article is seen), and
--university as a person of that university does (without it, only the
articles for every university are seen). Question
files are JSON Lines {"q","expect","lang"} ("expect": "" when the base has no
answer), with optional "kind": "smalltalk" (measured apart), "university" and
"audience" ("teacher" or "student"); a first line
{"header": "..."} describes the set and is skipped. --data reads what
coordinators curated in /gaps from the bot's database (stop the bot
first), the aliases and the articles added with ➕: check lists them,
search searches the added articles too, aliases export writes each added
article the folder lacks as a file under DIR/added/ and adds each phrasing
linked to an article to that article's questions: in DIR.
`

// runKB runs "aulabot kb ..." with args after "kb" and returns the exit
// code: 0 ok, 1 problems found (check), 2 bad usage or failure.
func runKB(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, kbUsage)
		return 2
	}
	switch args[0] {
	case "check":
		return kbCheck(args[1:], stdout, stderr)
	case "search":
		return kbSearch(args[1:], stdout, stderr)
	case "eval":
		return kbEval(args[1:], stdout, stderr)
	case "aliases":
		if len(args) < 2 || args[1] != "export" {
			fmt.Fprintf(stderr, "aulabot kb aliases: give export\n%s", kbUsage)
			return 2
		}
		return kbAliasesExport(args[2:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, kbUsage)
		return 0
	}
	fmt.Fprintf(stderr, "aulabot kb: unknown command %q\n%s", args[0], kbUsage)
	return 2
}

// kbFlags makes a FlagSet with --kb; parse errors print the usage.
func kbFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	set := flag.NewFlagSet("aulabot kb "+name, flag.ContinueOnError)
	set.SetOutput(stderr)
	set.Usage = func() { fmt.Fprint(stderr, kbUsage) }
	dir := set.String("kb", "", "folder of Markdown articles (default: built-in)")
	return set, dir
}

// parseInterspersed parses flags that may come before or after the
// positional arguments ("search --json question" and "search question
// --json").
func parseInterspersed(set *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := set.Parse(args); err != nil {
			return nil, err
		}
		args = set.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// loadKB loads dir, or the built-in base when dir is "", with the
// articles added in /gaps among added. Problem files are shown with the
// dir prefix so that editors can open them.
func loadKB(dir string, added ...aulabot.KBAdded) (*knowledge.Base, []knowledge.Problem, error) {
	var fsys fs.FS = knowledge.Builtin()
	if dir != "" {
		fi, err := os.Stat(dir)
		if err != nil {
			return nil, nil, err
		}
		if !fi.IsDir() {
			return nil, nil, fmt.Errorf("%s is not a folder", dir)
		}
		fsys = os.DirFS(dir)
	}
	b, probs, err := knowledge.Load(fsys, ".", added...)
	for i := range probs {
		if dir != "" {
			probs[i].File = filepath.Join(dir, filepath.FromSlash(probs[i].File))
		}
	}
	return b, probs, err
}

func kbCheck(args []string, stdout, stderr io.Writer) int {
	set, dir := kbFlags("check", stderr)
	data := set.String("data", "", "bbolt database file: also list the aliases curated in /gaps")
	pos, err := parseInterspersed(set, args)
	if err != nil {
		return 2
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "aulabot kb check: unexpected argument %q\n%s", pos[0], kbUsage)
		return 2
	}
	b, probs, err := loadKB(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "aulabot kb check: %v\n", err)
		return 2
	}
	defer b.Close()
	for _, p := range probs {
		fmt.Fprintln(stdout, p.String())
	}
	if len(probs) > 0 {
		fmt.Fprintf(stderr, "%d problem(s)\n", len(probs))
		return 1
	}
	fmt.Fprintf(stdout, "ok: %d articles\n", len(b.Articles()))
	if *data != "" {
		return printAliases(b, *data, stdout, stderr)
	}
	return 0
}

type searchJSON struct {
	Confidence knowledge.Confidence `json:"confidence"`
	SmallTalk  string               `json:"small_talk,omitempty"`
	Results    []searchJSONHit      `json:"results"`
}

type searchJSONHit struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

func kbSearch(args []string, stdout, stderr io.Writer) int {
	set, dir := kbFlags("search", stderr)
	lang := set.String("lang", "es", "language of the question: es or en")
	as := set.String("as", "", "search as a teacher or a student does: teacher or student")
	uni := set.String("university", "", "search as a person of this university (id) does: its own articles too")
	data := set.String("data", "", "bbolt database file: also search the articles added in /gaps")
	asJSON := set.Bool("json", false, "print JSON")
	pos, err := parseInterspersed(set, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "aulabot kb search: give one question (quote it)\n%s", kbUsage)
		return 2
	}
	if *lang != "es" && *lang != "en" {
		fmt.Fprintf(stderr, "aulabot kb search: bad --lang %q: use es or en\n%s", *lang, kbUsage)
		return 2
	}
	if *as != "" && *as != "teacher" && *as != "student" {
		fmt.Fprintf(stderr, "aulabot kb search: bad --as %q: use teacher or student\n%s", *as, kbUsage)
		return 2
	}
	var added []aulabot.KBAdded
	if *data != "" {
		if _, added, err = readCurated(*data); err != nil {
			fmt.Fprintf(stderr, "aulabot kb search: %v\n", err)
			return 2
		}
	}
	b, probs, err := loadKB(*dir, added...)
	if err != nil {
		fmt.Fprintf(stderr, "aulabot kb search: %v\n", err)
		return 2
	}
	defer b.Close()
	if len(probs) > 0 {
		fmt.Fprintf(stderr, "warning: %d problem(s) in the knowledge base; run aulabot kb check\n", len(probs))
	}
	res := b.Search(knowledge.Query{Text: pos[0], Lang: *lang, Audience: *as, University: *uni})
	if *asJSON {
		out := searchJSON{Confidence: res.Confidence, SmallTalk: res.SmallTalk, Results: []searchJSONHit{}}
		for _, h := range res.Hits {
			out.Results = append(out.Results, searchJSONHit{ID: h.Article.ID, Title: h.Article.Title, Score: h.Score})
		}
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "aulabot kb search: %v\n", err)
			return 2
		}
		return 0
	}
	fmt.Fprintf(stdout, "confidence: %s\n", res.Confidence)
	if res.SmallTalk != "" {
		fmt.Fprintf(stdout, "small talk: %s\n", res.SmallTalk)
	}
	for i, h := range res.Hits {
		fmt.Fprintf(stdout, "%d. %-40s %7.3f  %s\n", i+1, h.Article.ID, h.Score, h.Article.Title)
	}
	return 0
}

func kbEval(args []string, stdout, stderr io.Writer) int {
	set, dir := kbFlags("eval", stderr)
	questions := set.String("questions", "", "JSON Lines file of {\"q\",\"expect\",\"lang\"[,\"kind\",\"university\",\"audience\"]}")
	pos, err := parseInterspersed(set, args)
	if err != nil {
		return 2
	}
	if *questions == "" || len(pos) > 0 {
		fmt.Fprintf(stderr, "aulabot kb eval: --questions FILE.jsonl is required\n%s", kbUsage)
		return 2
	}
	f, err := os.Open(*questions)
	if err != nil {
		fmt.Fprintf(stderr, "aulabot kb eval: %v\n", err)
		return 2
	}
	qs, err := knowledge.ReadEvalQuestions(f)
	f.Close()
	if err != nil {
		fmt.Fprintf(stderr, "aulabot kb eval: %s: %v\n", *questions, err)
		return 2
	}
	b, probs, err := loadKB(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "aulabot kb eval: %v\n", err)
		return 2
	}
	defer b.Close()
	if len(probs) > 0 {
		fmt.Fprintf(stderr, "warning: %d problem(s) in the knowledge base; run aulabot kb check\n", len(probs))
	}
	if len(qs) == 0 {
		fmt.Fprintln(stderr, "aulabot kb eval: no questions in", *questions)
		return 2
	}
	fmt.Fprint(stdout, knowledge.Evaluate(b, qs).String())
	return 0
}
