// Package config reads aulabot's YAML configuration. Load and Parse check
// every key against the schema, decode the file into an aulabot.Config and
// validate it (aulabot.Config.Validate): the first problem is one line,
// "FILE:LINE: KEY: problem". Demo is the built-in demo configuration.
// YAML is read here only; the domain keeps the types and the rules.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/aulabot/aulabot"
)

//go:embed demo.yaml
var demoYAML []byte

// DemoFile names the built-in demo configuration in messages.
const DemoFile = aulabot.DemoFile

// Demo returns the built-in demo configuration.
func Demo() *aulabot.Config {
	c, err := Parse(DemoFile, demoYAML)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return c
}

// Load reads and validates the configuration at path. Its errors name
// the file, the key and the problem in one line.
func Load(path string) (*aulabot.Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("configuration %s: %w", path, err)
	}
	return Parse(path, b)
}

// Parse parses and validates a configuration; file names it in errors,
// which are *aulabot.ConfigError.
func Parse(file string, b []byte) (*aulabot.Config, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&root); err != nil {
		ce := typeError(file, strings.TrimPrefix(err.Error(), "yaml: ")).(*aulabot.ConfigError)
		ce.Msg = "not valid YAML: " + ce.Msg
		return nil, ce
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, &aulabot.ConfigError{File: file, Line: root.Line, Msg: "must be a mapping of keys (language, timezone, universities, ...)"}
	}
	doc := root.Content[0]
	if err := checkKeys(file, "", doc, configSchema); err != nil {
		return nil, err
	}
	if err := checkDurations(file, doc, configSchema); err != nil {
		return nil, err
	}
	var c aulabot.Config
	if err := doc.Decode(&c); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			return nil, typeError(file, te.Errors[0])
		}
		return nil, typeError(file, err.Error())
	}
	c.File = file
	if err := c.Validate(); err != nil {
		var ce *aulabot.ConfigError
		if errors.As(err, &ce) && ce.Line == 0 {
			ce.Line = lineOf(doc, ce.Key)
		}
		return nil, err
	}
	return &c, nil
}

// checklistSchema is a university's own checklist of moving a course
// online (aulabot.ChecklistItem).
var checklistSchema = schema{"id": nil, "title": nil, "article": nil, "article_en": nil, "optional": nil}

var lineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

func typeError(file, msg string) error {
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &aulabot.ConfigError{File: file, Line: line, Msg: m[2]}
	}
	return &aulabot.ConfigError{File: file, Msg: msg}
}

// schema lists the keys allowed at each level; a nested schema for mappings,
// "[]" for a list of mappings, and duration for an aulabot.Duration.
type schema map[string]any

// durationKey marks a key whose value is an aulabot.Duration.
type durationKey struct{}

var duration durationKey

var (
	serviceSchema    = schema{"claim_reminder": duration, "escalate": duration, "reply_reminder": duration, "days": nil, "start": nil, "end": nil}
	universitySchema = schema{"id": nil, "name": nil, "team_chat": nil, "tech": nil, "mentors": nil,
		"coordinators": nil, "lms_url": nil, "timezone": nil, "sign_with_name": nil, "service": serviceSchema,
		"digest": nil, "checklist": []schema{checklistSchema}}
	bookingSchema = schema{"min_notice": duration, "horizon": duration, "cancel_cutoff": duration, "max_active": nil}
	limitsSchema  = schema{"updates_per_minute": nil, "questions_per_minute": nil, "questions_per_day": nil,
		"open_tickets": nil, "ticket_messages_per_hour": nil, "max_text": nil}
	configSchema = schema{"language": nil, "timezone": nil, "knowledge": nil, "surveys": nil, "survey_reminders": nil, "admins": nil,
		"universities": []schema{universitySchema}, "booking": bookingSchema, "limits": limitsSchema,
		"lms_watch": lmsWatchSchema}
	lmsWatchSchema = schema{"interval": duration, "timeout": duration, "failures": nil, "recovery": nil, "reports": nil, "window": duration}
)

func checkKeys(file, prefix string, n *yaml.Node, s schema) error {
	if n.Kind != yaml.MappingNode {
		return &aulabot.ConfigError{File: file, Line: n.Line, Key: strings.TrimSuffix(prefix, "."), Msg: "must be a mapping"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		sub, ok := s[k.Value]
		if !ok {
			return &aulabot.ConfigError{File: file, Line: k.Line, Key: prefix + k.Value, Msg: "unknown key"}
		}
		switch sub := sub.(type) {
		case schema:
			if err := checkKeys(file, prefix+k.Value+".", v, sub); err != nil {
				return err
			}
		case []schema:
			if v.Kind != yaml.SequenceNode {
				return &aulabot.ConfigError{File: file, Line: v.Line, Key: prefix + k.Value, Msg: "must be a list"}
			}
			for j, item := range v.Content {
				if err := checkKeys(file, fmt.Sprintf("%s%s[%d].", prefix, k.Value, j), item, sub[0]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// checkDurations reads every duration in mapping n (of schema s, checked
// by checkKeys) that the decoder will read, in the decoder's order, so
// that a bad one is reported at its own line: the decoder's errors from a
// value's UnmarshalText have none. An empty value is left to the default,
// and a mapping with a key given twice is not read (the decoder reports
// the key instead), as the decoder does.
func checkDurations(file string, n *yaml.Node, s schema) error {
	if duplicateKeys(n) {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var err error
		switch sub := s[k.Value].(type) {
		case schema:
			err = checkDurations(file, v, sub)
		case []schema:
			for _, item := range v.Content {
				if err = checkDurations(file, item, sub[0]); err != nil {
					break
				}
			}
		case durationKey:
			if v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			var d aulabot.Duration
			if v.ShortTag() != "!!null" {
				if perr := d.UnmarshalText([]byte(v.Value)); perr != nil {
					err = &aulabot.ConfigError{File: file, Line: v.Line, Msg: perr.Error() + " (use 30m, 2h or 21d)"}
				}
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// duplicateKeys reports whether mapping n has a key twice.
func duplicateKeys(n *yaml.Node) bool {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if seen[k.Value] {
			return true
		}
		seen[k.Value] = true
	}
	return false
}

// lineOf finds the line of the node at key path (universities[1].team_chat,
// as aulabot.Config.Validate names it), or of its nearest ancestor.
func lineOf(n *yaml.Node, path string) int {
	line := n.Line
	for _, p := range pathParts(path) {
		switch p := p.(type) {
		case string:
			if n.Kind != yaml.MappingNode {
				return line
			}
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					line, n, found = n.Content[i].Line, n.Content[i+1], true
					break
				}
			}
			if !found {
				return line
			}
		case int:
			if n.Kind != yaml.SequenceNode || p >= len(n.Content) {
				return line
			}
			n = n.Content[p]
			line = n.Line
		}
	}
	return line
}

// pathParts splits a key path like universities[1].tech[0] into its keys
// (strings) and indexes (ints).
func pathParts(path string) []any {
	var parts []any
	for _, seg := range strings.Split(path, ".") {
		key, rest, _ := strings.Cut(seg, "[")
		if key != "" {
			parts = append(parts, key)
		}
		for rest != "" {
			num, after, _ := strings.Cut(rest, "]")
			if i, err := strconv.Atoi(num); err == nil {
				parts = append(parts, i)
			}
			_, rest, _ = strings.Cut(after, "[")
		}
	}
	return parts
}
