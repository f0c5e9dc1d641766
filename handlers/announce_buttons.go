package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// The buttons of /announce, under "ann:": the university "ann:u:UNI", the
// audience "ann:a:teachers", no link "ann:nolink", Send now "ann:send",
// Schedule "ann:sched", a time offered for it "ann:at:UNIX" (seconds),
// Discard "ann:x", and, on a campaign's progress
// message, Stop "ann:stop:ID" and Correct the text "ann:fix:ID", whose
// text step has Keep the text "ann:fixsame", link step Keep the button
// "ann:fixkeep" (and No button) and preview Correct "ann:fixok".
type (
	annUniversityButton struct{ University string }
	annAudienceButton   struct{ Audience string }
	annNoLinkButton     struct{}
	annSendButton       struct{}
	annScheduleButton   struct{}
	annAtButton         struct{ Unix uint64 }
	annDiscardButton    struct{}
	annStopButton       struct{ Campaign uint64 }
	annFixButton        struct{ Campaign uint64 }
	annFixOKButton      struct{}
	annFixKeepButton    struct{}
	annFixSameButton    struct{}
)

func (b annUniversityButton) Encode() string { return button.Join("ann:u", b.University) }
func (b annAudienceButton) Encode() string   { return button.Join("ann:a", b.Audience) }
func (annNoLinkButton) Encode() string       { return button.Join("ann:nolink") }
func (annSendButton) Encode() string         { return button.Join("ann:send") }
func (annScheduleButton) Encode() string     { return button.Join("ann:sched") }
func (b annAtButton) Encode() string         { return button.Join("ann:at", qid(b.Unix)) }
func (annDiscardButton) Encode() string      { return button.Join("ann:x") }
func (b annStopButton) Encode() string       { return button.Join("ann:stop", qid(b.Campaign)) }
func (b annFixButton) Encode() string        { return button.Join("ann:fix", qid(b.Campaign)) }
func (annFixOKButton) Encode() string        { return button.Join("ann:fixok") }
func (annFixKeepButton) Encode() string      { return button.Join("ann:fixkeep") }
func (annFixSameButton) Encode() string      { return button.Join("ann:fixsame") }

// The buttons of the LMS watch, under "lms:": Tell me when it is back
// "lms:sub:UNI", and the team's Resolved on an incident's post
// "lms:res:ID".
type (
	lmsSubscribeButton struct{ University string }
	lmsResolvedButton  struct{ Incident uint64 }
)

func (b lmsSubscribeButton) Encode() string { return button.Join("lms:sub", b.University) }
func (b lmsResolvedButton) Encode() string  { return button.Join("lms:res", qid(b.Incident)) }

// wordKind is the kind of a button whose one field is a word (a
// university id, an audience): the handler checks it is one it offered.
func wordKind(prefix string, longest string, make func(string) button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Fields: 1, Longest: make(longest),
		Decode: func(f []string) (button.Data, bool) { return make(f[0]), f[0] != "" }}
}

// longestUniversity is the longest university id.
var longestUniversity = strings.Repeat("u", aulabot.MaxUniversityID)

var announceButtonKinds = []button.Kind{
	wordKind("ann:u", longestUniversity, func(w string) button.Data { return annUniversityButton{w} }),
	wordKind("ann:a", aulabot.AudienceTeachers, func(w string) button.Data { return annAudienceButton{w} }),
	noFields("ann:nolink", annNoLinkButton{}),
	noFields("ann:send", annSendButton{}),
	noFields("ann:sched", annScheduleButton{}),
	idKind("ann:at", func(n uint64) button.Data { return annAtButton{n} }),
	noFields("ann:x", annDiscardButton{}),
	idKind("ann:stop", func(n uint64) button.Data { return annStopButton{n} }),
	idKind("ann:fix", func(n uint64) button.Data { return annFixButton{n} }),
	noFields("ann:fixok", annFixOKButton{}),
	noFields("ann:fixkeep", annFixKeepButton{}),
	noFields("ann:fixsame", annFixSameButton{}),
	wordKind("lms:sub", longestUniversity, func(w string) button.Data { return lmsSubscribeButton{w} }),
	idKind("lms:res", func(n uint64) button.Data { return lmsResolvedButton{n} }),
}
