package aulabot

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
	TeamOnly   bool       // the question describes a failure only the technical team can fix
	OutOfScope bool       // coordinators marked this phrasing out of scope (Confidence none)
}

// KBArticle is an article ready to show; HTML is Telegram-safe.
type KBArticle struct {
	ID, Title, Lang, HTML string
}

// KBDraft is an article to be written from a coordinator's answer to a
// gap (/gaps ✍️): reviewed and put in the base's folder, it answers the
// next person who asks at once.
type KBDraft struct {
	Title      string   // the question as it was asked
	Lang       string   // "es" or "en": the askers', when the body's cannot be told
	Audience   string   // RoleTeacher, RoleStudent, or "" for all
	University string   // the university whose coordination answered
	Questions  []string // the other ways it was asked
	Body       string   // the coordination's words
}
