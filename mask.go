package aulabot

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Marks that MaskPersonal puts where it removed something. They have no
// letters, so a search ignores them, and they read the same in Spanish and
// English.
const (
	MaskedEmail    = "[…@…]"
	MaskedUsername = "[@…]"
	MaskedNumber   = "[###]"
)

var (
	emailRe    = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`)
	usernameRe = regexp.MustCompile(`(^|[^\p{L}\p{N}_])@[A-Za-z][A-Za-z0-9_]{3,31}\b`)
	dateRe     = regexp.MustCompile(`^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$`)
)

// Numbers of at least minDigitRun digits in a row, or of minDigits digits
// in groups separated by single spaces, dashes or dots (phone numbers,
// national ids, student codes, card numbers), are masked; years, times,
// dates and short numbers ("error 404", "curso 101") are not.
const (
	minDigitRun = 6
	minDigits   = 7
)

// MaskPersonal returns s with what could identify a person who typed it
// replaced by a mark: e-mail addresses, Telegram @usernames, and long
// numbers (phone numbers, national ids, student codes). A question is
// stored masked, so that the people who read the gap report see what was
// asked but not who asked it.
func MaskPersonal(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	if nothingToMask(s) {
		return s // most questions: no regular expression runs
	}
	s = emailRe.ReplaceAllString(s, MaskedEmail)
	s = maskNumbers(s)
	return usernameRe.ReplaceAllString(s, "${1}"+MaskedUsername)
}

// nothingToMask reports whether s has no '@' and too few digits to hold
// a number MaskPersonal masks.
func nothingToMask(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '@':
			return false
		case isDigit(s[i]):
			digits++
		}
	}
	return digits < minDigitRun
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// maskNumbers replaces runs of digit groups (see minDigits) by MaskedNumber.
func maskNumbers(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) {
			i++
			continue
		}
		// A number starts at i (a '+' or '(' just before it belongs to it).
		start := i
		if start > 0 && (s[start-1] == '+' || s[start-1] == '(') {
			start--
		}
		end, digits, longest, run := i, 0, 0, 0
		for j := i; j < len(s); j++ {
			c := s[j]
			switch {
			case isDigit(c):
				digits++
				run++
				longest = max(longest, run)
				end = j + 1
				continue
			case (c == ' ' || c == '-' || c == '.' || c == ')') && j+1 < len(s) && (isDigit(s[j+1]) || (c == ')' && s[j+1] == ' ' && j+2 < len(s) && isDigit(s[j+2]))):
				run = 0
				if c == ')' && s[j+1] == ' ' {
					j++
				}
				continue
			}
			break
		}
		if (longest >= minDigitRun || digits >= minDigits) && !dateRe.MatchString(s[i:end]) {
			b.WriteString(s[last:start])
			b.WriteString(MaskedNumber)
			last = end
		}
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
