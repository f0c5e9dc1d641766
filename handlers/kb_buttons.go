package handlers

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// The knowledge base's buttons, under "kb:", each on question Q (0 for an
// article opened from another article, which has no question of its own):
// Helpful "kb:h:Q:1" / Not helpful "kb:h:Q:0", open an article
// "kb:a:Q:ARTICLE", none of the suggestions helped "kb:n:Q", report the
// question to the technical team "kb:t:Q" and its category "kb:c:Q:lms".
type (
	kbFeedbackButton struct {
		Q       uint64
		Helpful bool
	}
	kbArticleButton struct {
		Q       uint64
		Article string
	}
	kbNoneButton     struct{ Q uint64 }
	kbTeamButton     struct{ Q uint64 }
	kbCategoryButton struct {
		Q        uint64
		Category string
	}
)

func (b kbFeedbackButton) Encode() string {
	if b.Helpful {
		return button.Join("kb:h", qid(b.Q), "1")
	}
	return button.Join("kb:h", qid(b.Q), "0")
}
func (b kbArticleButton) Encode() string  { return button.Join("kb:a", qid(b.Q), b.Article) }
func (b kbNoneButton) Encode() string     { return button.Join("kb:n", qid(b.Q)) }
func (b kbTeamButton) Encode() string     { return button.Join("kb:t", qid(b.Q)) }
func (b kbCategoryButton) Encode() string { return button.Join("kb:c", qid(b.Q), b.Category) }

// The curation buttons of /gaps, under "gp:", each on the group of similar
// questions question Q belongs to: Link to an article "gp:l:Q", link it to
// one "gp:a:Q:ARTICLE", Out of scope "gp:o:Q", Dismiss "gp:d:Q", accept
// an asker's proposal "gp:p:Q", send the article linked to those who
// asked "gp:t:Q:ARTICLE", answer them in words "gp:w:Q" (gaps_answer.go),
// send the words "gp:ws:Q" and don't send them "gp:wx"; add the draft of
// version V they made to the base "gp:wa:Q:V", take it out "gp:wr:Q" and
// write the draft's text anew for the base alone "gp:we:Q", and turn the
// pages of the articles added "gp:ap:UNI:PAGE" (UNI "*": every
// university's, an admin's list) (gaps_add.go).
type (
	gapLinkButton    struct{ Q uint64 }
	gapArticleButton struct {
		Q       uint64
		Article string
	}
	gapOutButton      struct{ Q uint64 }
	gapDismissButton  struct{ Q uint64 }
	gapProposalButton struct{ Q uint64 }
	gapTellButton     struct {
		Q       uint64
		Article string
	}
	gapAnswerButton     struct{ Q uint64 }
	gapAnswerSendButton struct{ Q uint64 }
	gapAnswerDropButton struct{}
	gapAddButton        struct{ Q, V uint64 }
	gapRemoveButton     struct{ Q uint64 }
	gapEditButton       struct{ Q uint64 }
	gapAddedPageButton  struct {
		University string // "": every university
		Page       int
	}
	// gapPeriodButton is /gaps for the last Days (gapPeriods' 1, 7 or
	// 30): "gp:pd:UNI:DAYS" (UNI "*": every university, an admin's).
	gapPeriodButton struct {
		University string
		Days       int
	}
)

func (b gapLinkButton) Encode() string       { return button.Join("gp:l", qid(b.Q)) }
func (b gapArticleButton) Encode() string    { return button.Join("gp:a", qid(b.Q), b.Article) }
func (b gapOutButton) Encode() string        { return button.Join("gp:o", qid(b.Q)) }
func (b gapDismissButton) Encode() string    { return button.Join("gp:d", qid(b.Q)) }
func (b gapProposalButton) Encode() string   { return button.Join("gp:p", qid(b.Q)) }
func (b gapTellButton) Encode() string       { return button.Join("gp:t", qid(b.Q), b.Article) }
func (b gapAnswerButton) Encode() string     { return button.Join("gp:w", qid(b.Q)) }
func (b gapAnswerSendButton) Encode() string { return button.Join("gp:ws", qid(b.Q)) }
func (gapAnswerDropButton) Encode() string   { return button.Join("gp:wx") }
func (b gapAddButton) Encode() string        { return button.Join("gp:wa", qid(b.Q), qid(b.V)) }
func (b gapRemoveButton) Encode() string     { return button.Join("gp:wr", qid(b.Q)) }
func (b gapEditButton) Encode() string       { return button.Join("gp:we", qid(b.Q)) }
func (b gapAddedPageButton) Encode() string {
	uni := b.University
	if uni == "" {
		uni = everyUniversity
	}
	return button.Join("gp:ap", uni, strconv.Itoa(b.Page))
}

func (b gapPeriodButton) Encode() string {
	uni := b.University
	if uni == "" {
		uni = everyUniversity
	}
	return button.Join("gp:pd", uni, strconv.Itoa(b.Days))
}

// everyUniversity stands for "every university" in a button's data.
const everyUniversity = "*"

// maxButtonArticle is the longest article id a button can carry with any
// question id: 64 bytes less "kb:a:", 20 digits and ':'. An article with
// a longer id gets no button (its title is still shown).
const maxButtonArticle = button.MaxData - len("kb:a:") - 20 - 1

// articleFits reports whether id fits in an article button.
func articleFits(id string) bool {
	return id != "" && len(id) <= maxButtonArticle && !strings.Contains(id, ":")
}

// articleKind is the kind of a button on question and article.
func articleKind(prefix string, make func(q uint64, article string) button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Fields: 2, Longest: make(math.MaxUint64, strings.Repeat("a", maxButtonArticle)),
		Decode: func(f []string) (button.Data, bool) {
			q, ok := button.Uint(f[0])
			return make(q, f[1]), ok && articleFits(f[1])
		}}
}

// kbButtonKinds are the kinds above. A category decodes as any word: the
// handler refuses one that is not a category.
var kbButtonKinds = []button.Kind{
	{Prefix: "kb:h", Fields: 2, Longest: kbFeedbackButton{Q: math.MaxUint64, Helpful: true},
		Decode: func(f []string) (button.Data, bool) {
			q, ok := button.Uint(f[0])
			return kbFeedbackButton{Q: q, Helpful: f[1] == "1"}, ok && (f[1] == "1" || f[1] == "0")
		}},
	articleKind("kb:a", func(q uint64, a string) button.Data { return kbArticleButton{q, a} }),
	idKind("kb:n", func(q uint64) button.Data { return kbNoneButton{q} }),
	idKind("kb:t", func(q uint64) button.Data { return kbTeamButton{q} }),
	{Prefix: "kb:c", Fields: 2, Longest: kbCategoryButton{Q: math.MaxUint64, Category: longestCategory()},
		Decode: func(f []string) (button.Data, bool) {
			q, ok := button.Uint(f[0])
			return kbCategoryButton{Q: q, Category: f[1]}, ok
		}},
	idKind("gp:l", func(q uint64) button.Data { return gapLinkButton{q} }),
	articleKind("gp:a", func(q uint64, a string) button.Data { return gapArticleButton{q, a} }),
	idKind("gp:o", func(q uint64) button.Data { return gapOutButton{q} }),
	idKind("gp:d", func(q uint64) button.Data { return gapDismissButton{q} }),
	idKind("gp:p", func(q uint64) button.Data { return gapProposalButton{q} }),
	articleKind("gp:t", func(q uint64, a string) button.Data { return gapTellButton{q, a} }),
	idKind("gp:w", func(q uint64) button.Data { return gapAnswerButton{q} }),
	idKind("gp:ws", func(q uint64) button.Data { return gapAnswerSendButton{q} }),
	noFields("gp:wx", gapAnswerDropButton{}),
	bookingSlotKind("gp:wa", func(q, v uint64) button.Data { return gapAddButton{q, v} }),
	idKind("gp:wr", func(q uint64) button.Data { return gapRemoveButton{q} }),
	idKind("gp:we", func(q uint64) button.Data { return gapEditButton{q} }),
	{Prefix: "gp:pd", Fields: 2, Longest: gapPeriodButton{University: strings.Repeat("u", aulabot.MaxUniversityID), Days: gapWindowDays},
		Decode: func(f []string) (button.Data, bool) {
			days, ok := small(f[1])
			uni := f[0]
			if uni == everyUniversity {
				uni = ""
			}
			return gapPeriodButton{University: uni, Days: days}, ok && f[0] != "" && slices.Contains(gapPeriods, days)
		}},
	{Prefix: "gp:ap", Fields: 2, Longest: gapAddedPageButton{University: strings.Repeat("u", aulabot.MaxUniversityID), Page: math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) {
			page, ok := small(f[1])
			uni := f[0]
			if uni == everyUniversity {
				uni = ""
			}
			return gapAddedPageButton{University: uni, Page: page}, ok && f[0] != ""
		}},
}
