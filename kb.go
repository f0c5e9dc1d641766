package aulabot

import "time"

// KBQuery is a question to the knowledge base, with who asks it. Lookup:
// Text is words typed to find an article (a coordinator linking a
// question in /gaps), never small talk ("ayuda del profesor").
type KBQuery struct {
	Text, Lang, Audience, University string
	Lookup                           bool
}

// KBResult is what the knowledge base found: Confidence is answer,
// suggest or none; Articles are what to show (one, two or three, or none).
type KBResult struct {
	Confidence string
	Articles   []KBArticle
	HelpDesk   *KBArticle // with none: the asker's help desk article, if the base has one
	TeamOnly   bool       // the question describes a failure only the technical team can fix, or a trouble that cannot wait
	LMS        bool       // the question speaks of the virtual classroom: an outage known at the asker's university goes first
	OutOfScope bool       // coordinators marked this phrasing out of scope (Confidence none)
}

// KBArticle is an article ready to show; HTML is Telegram-safe.
type KBArticle struct {
	ID, Title, Lang, HTML string
}

// KBDraft is an article to be written from a coordinator's answer to a
// gap (/gaps ✍️): added to the base (➕, or its file put in the base's
// folder), it answers the next person who asks at once.
type KBDraft struct {
	Title      string   `json:"title"`        // the question as it was asked
	Lang       string   `json:"lang"`         // "es" or "en": the askers', when the body's cannot be told
	Audience   string   `json:"audience"`     // RoleTeacher, RoleStudent, or "" for all
	University string   `json:"uni"`          // the university whose coordination answered
	Questions  []string `json:"questions"`    // the other ways it was asked
	Body       string   `json:"body"`         // the coordination's words
	ID         string   `json:"id,omitempty"` // the id to keep (an added article written again); "": one made from the title
	// From is the gap question the words were sent for: ➕ links its
	// group's phrasings to the article.
	From uint64 `json:"from,omitempty"`
}

// KBAdded is a coordinator's answer to a gap kept for the base: the
// latest words sent with ✍️ as a draft, and once a coordinator pressed ➕,
// the article file they were added as. The base loads the added files
// with its folder's (a folder article of the same id wins: the file was
// put there), so the next person who asks is answered without anyone
// editing the folder.
type KBAdded struct {
	Q       uint64    `json:"q"`              // the gap question whose group the words answered
	Version int       `json:"v"`              // the draft's number for Q: ➕ adds the draft it was sent with
	Draft   KBDraft   `json:"draft"`          // the latest words sent
	ID      string    `json:"id,omitempty"`   // the article's id, once added
	Name    string    `json:"name,omitempty"` // its file's name
	Data    []byte    `json:"data,omitempty"` // its file ("" while not added)
	At      time.Time `json:"at"`             // when it was last sent, added or removed
	// Linked are the group's phrasings ➕ linked to the article (as 🔗
	// does); removing it unlinks those still linked to it.
	Linked []KBPhrasing `json:"linked,omitempty"`
}

// KBPhrasing names a phrasing among a university's aliases: its language
// and normalised key (AliasKey).
type KBPhrasing struct {
	Lang string `json:"lang"`
	Key  string `json:"key"`
}
