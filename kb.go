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
