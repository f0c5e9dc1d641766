package handlers

import (
	"math"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/service"
)

// The helpdesk's buttons, all under "tk:". A ticket field decodes any
// word: the service looks the ticket up and answers "not found" for one
// that is not there (or not the presser's to see).

// newReportButton starts a report (the knowledge base offers it): "tk:new".
type newReportButton struct{}

func (newReportButton) Encode() string { return button.Join("tk:new") }

// reportAboutButton starts a report from the answer to the person's
// question, whose words start it: "tk:nq:QID".
type reportAboutButton struct{ Question uint64 }

func (b reportAboutButton) Encode() string { return idData("tk:nq", b.Question) }

// reportProblem is the data of "Report a technical problem" under the
// answer to question (0: none known).
func reportProblem(question uint64) button.Data {
	if question == 0 {
		return newReportButton{}
	}
	return reportAboutButton{question}
}

// addFilesButton sends the files of a report that waits for its category
// to the person's open ticket instead: "tk:af:ID".
type addFilesButton struct{ Ticket string }

func (b addFilesButton) Encode() string { return button.Join("tk:af", b.Ticket) }

// askInsteadButton answers the words of a report that waits for its
// category as a question instead: "tk:aq".
type askInsteadButton struct{}

func (askInsteadButton) Encode() string { return button.Join("tk:aq") }

// kbFirstButton answers the knowledge base's answer to a description:
// "tk:kb:solved" or "tk:kb:still".
type kbFirstButton struct{ Solved bool }

func (b kbFirstButton) Encode() string {
	if b.Solved {
		return button.Join("tk:kb", "solved")
	}
	return button.Join("tk:kb", "still")
}

// sendSaidButton files a report with the words that started it as its
// description, at the description step: "tk:said".
type sendSaidButton struct{}

func (sendSaidButton) Encode() string { return button.Join("tk:said") }

// categoryButton picks a report's category, or cancels it
// (service.CategoryCancel): "tk:cat:lms".
type categoryButton struct{ Category string }

func (b categoryButton) Encode() string { return button.Join("tk:cat", b.Category) }

// The team's buttons on a ticket's post: Claim "tk:c:UNMA-1", Unclaim
// "tk:u:UNMA-1", Resolve "tk:v:UNMA-1".
type (
	claimButton   struct{ Ticket string }
	unclaimButton struct{ Ticket string }
	resolveButton struct{ Ticket string }
)

func (b claimButton) Encode() string   { return button.Join("tk:c", b.Ticket) }
func (b unclaimButton) Encode() string { return button.Join("tk:u", b.Ticket) }
func (b resolveButton) Encode() string { return button.Join("tk:v", b.Ticket) }

// The requester's buttons: Reply "tk:r:UNMA-1", Close "tk:x:UNMA-1" (it
// asks: "Yes, close it" "tk:xy:UNMA-1", "No, keep it open" "tk:xn:UNMA-1"),
// Reopen "tk:o:UNMA-1", a rating "tk:s:UNMA-1:5", Skip the reason for it
// "tk:k:UNMA-1", and That solved it under an answer of the team
// "tk:sv:UNMA-1".
type (
	replyButton    struct{ Ticket string }
	solvedButton   struct{ Ticket string }
	closeButton    struct{ Ticket string }
	closeYesButton struct{ Ticket string }
	keepOpenButton struct{ Ticket string }
	reopenButton   struct{ Ticket string }
	skipNoteButton struct{ Ticket string }
	rateButton     struct {
		Ticket string
		Stars  int
	}
)

func (b replyButton) Encode() string    { return button.Join("tk:r", b.Ticket) }
func (b closeButton) Encode() string    { return button.Join("tk:x", b.Ticket) }
func (b solvedButton) Encode() string   { return button.Join("tk:sv", b.Ticket) }
func (b closeYesButton) Encode() string { return button.Join("tk:xy", b.Ticket) }
func (b keepOpenButton) Encode() string { return button.Join("tk:xn", b.Ticket) }
func (b reopenButton) Encode() string   { return button.Join("tk:o", b.Ticket) }
func (b skipNoteButton) Encode() string { return button.Join("tk:k", b.Ticket) }
func (b rateButton) Encode() string {
	return button.Join("tk:s", b.Ticket, strconv.Itoa(b.Stars))
}

// A ticket's view from /queue "tk:vw:UNMA-1", and its Answer, privately,
// "tk:ta:UNMA-1"; the requester's view from /mytickets "tk:vm:UNMA-1".
type (
	viewTicketButton struct{ Ticket string }
	teamAnswerButton struct{ Ticket string }
	viewMineButton   struct{ Ticket string }
	// teamArticleButton offers articles to send to the requester
	// "tk:ar:UNMA-1"; sendArticleButton sends the one at its place among
	// those offered (service.FlowTeamArticle keeps them) "tk:as:2".
	teamArticleButton struct{ Ticket string }
	sendArticleButton struct{ Place int }
)

// A ticket's Pass to a colleague on its view "tk:p:UNMA-1", and the
// colleague picked "tk:pt:UNMA-1:3002".
type (
	passButton   struct{ Ticket string }
	passToButton struct {
		Ticket string
		To     int64
	}
)

func (b passButton) Encode() string { return button.Join("tk:p", b.Ticket) }
func (b passToButton) Encode() string {
	return button.Join("tk:pt", b.Ticket, strconv.FormatInt(b.To, 10))
}

func (b viewTicketButton) Encode() string  { return button.Join("tk:vw", b.Ticket) }
func (b teamAnswerButton) Encode() string  { return button.Join("tk:ta", b.Ticket) }
func (b viewMineButton) Encode() string    { return button.Join("tk:vm", b.Ticket) }
func (b teamArticleButton) Encode() string { return button.Join("tk:ar", b.Ticket) }
func (b sendArticleButton) Encode() string { return button.Join("tk:as", strconv.Itoa(b.Place)) }

// The pages of /mytickets "tk:mp:2", of /queue "tk:qp:2" and of its
// unclaimed tickets "tk:qo:2", and the tickets the presser claimed:
// "tk:qm" under /queue, "tk:qn:2" to turn their list's pages.
type (
	myTicketsPageButton struct{ Page int }
	queuePageButton     struct{ Page int }
	queueOpenButton     struct{ Page int }
	// queueMineButton: Turn is a page of the list itself, which is
	// edited in place; without it the list is opened from /queue.
	queueMineButton struct {
		Page int
		Turn bool
	}
)

func (b queueOpenButton) Encode() string { return button.Join("tk:qo", strconv.Itoa(b.Page)) }

// queueUniButton is a page of one university's queue, its unclaimed
// tickets alone if Unclaimed: "tk:qu:UNI:PAGE:o" (unclaimed) or ":a" (all),
// under a queue asked for in words that name the university.
type queueUniButton struct {
	University string
	Page       int
	Unclaimed  bool
}

func (b queueUniButton) Encode() string {
	which := "a"
	if b.Unclaimed {
		which = "o"
	}
	return button.Join("tk:qu", b.University, strconv.Itoa(b.Page), which)
}

// queueHeldButton is a page of the tickets a colleague holds, asked after
// by name: "tk:qh:MEMBER:PAGE".
type queueHeldButton struct {
	Member int64
	Page   int
}

func (b queueHeldButton) Encode() string {
	return button.Join("tk:qh", strconv.FormatInt(b.Member, 10), strconv.Itoa(b.Page))
}

func (b queueMineButton) Encode() string {
	if !b.Turn {
		return button.Join("tk:qm")
	}
	return button.Join("tk:qn", strconv.Itoa(b.Page))
}

func (b myTicketsPageButton) Encode() string { return button.Join("tk:mp", strconv.Itoa(b.Page)) }
func (b queuePageButton) Encode() string     { return button.Join("tk:qp", strconv.Itoa(b.Page)) }

// pageKind is the kind of a page button: a page from 0.
func pageKind(prefix string, make func(page int) button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Fields: 1, Longest: make(math.MaxInt32),
		Decode: func(f []string) (button.Data, bool) {
			n, ok := button.Int(f[0])
			return make(int(n)), ok && n >= 0 && n <= math.MaxInt32
		}}
}

// helpdeskButtons encodes the buttons the helpdesk service puts on its
// messages to other people (service.HelpdeskButtons); New gives it to the
// service.
type helpdeskButtons struct{}

func (helpdeskButtons) Claim(id string) string           { return claimButton{id}.Encode() }
func (helpdeskButtons) Unclaim(id string) string         { return unclaimButton{id}.Encode() }
func (helpdeskButtons) Resolve(id string) string         { return resolveButton{id}.Encode() }
func (helpdeskButtons) Reply(id string) string           { return replyButton{id}.Encode() }
func (helpdeskButtons) Rate(id string, stars int) string { return rateButton{id, stars}.Encode() }
func (helpdeskButtons) Reopen(id string) string          { return reopenButton{id}.Encode() }
func (helpdeskButtons) TeamAnswer(id string) string      { return teamAnswerButton{id}.Encode() }
func (helpdeskButtons) TeamArticle(id string) string     { return teamArticleButton{id}.Encode() }
func (helpdeskButtons) View(id string) string            { return viewTicketButton{id}.Encode() }
func (helpdeskButtons) Solved(id string) string          { return solvedButton{id}.Encode() }
func (helpdeskButtons) Pass(id string) string            { return passButton{id}.Encode() }

// longestTicket is the longest ticket id: the longest university id and
// the largest number.
var longestTicket = aulabot.TicketID(strings.Repeat("u", aulabot.MaxUniversityID), math.MaxInt)

// ticketKind is the kind of a button whose one field is a ticket.
func ticketKind(prefix string, make func(id string) button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Fields: 1, Longest: make(longestTicket),
		Decode: func(f []string) (button.Data, bool) { return make(f[0]), true }}
}

// longestCategory is the longest word of a category button.
func longestCategory() string {
	longest := service.CategoryCancel
	for _, c := range aulabot.Categories {
		if len(c) > len(longest) {
			longest = c
		}
	}
	return longest
}

// helpdeskButtonKinds are the kinds above. Stars decode as any number:
// the service refuses those outside 1-5 once it has checked the ticket.
var helpdeskButtonKinds = []button.Kind{
	{Prefix: "tk:new", Longest: newReportButton{},
		Decode: func([]string) (button.Data, bool) { return newReportButton{}, true }},
	idKind("tk:nq", func(n uint64) button.Data { return reportAboutButton{n} }),
	{Prefix: "tk:an", Fields: 1, Longest: answerTeamButton{Send: true},
		Decode: func(f []string) (button.Data, bool) {
			return answerTeamButton{Send: f[0] == "send"}, f[0] == "send" || f[0] == "ask"
		}},
	{Prefix: "tk:said", Longest: sendSaidButton{},
		Decode: func([]string) (button.Data, bool) { return sendSaidButton{}, true }},
	{Prefix: "tk:kb", Fields: 1, Longest: kbFirstButton{Solved: true},
		Decode: func(f []string) (button.Data, bool) {
			return kbFirstButton{Solved: f[0] == "solved"}, f[0] == "solved" || f[0] == "still"
		}},
	{Prefix: "tk:cat", Fields: 1, Longest: categoryButton{Category: longestCategory()},
		Decode: func(f []string) (button.Data, bool) { return categoryButton{Category: f[0]}, true }},
	ticketKind("tk:af", func(id string) button.Data { return addFilesButton{id} }),
	{Prefix: "tk:aq", Longest: askInsteadButton{},
		Decode: func([]string) (button.Data, bool) { return askInsteadButton{}, true }},
	ticketKind("tk:c", func(id string) button.Data { return claimButton{id} }),
	ticketKind("tk:u", func(id string) button.Data { return unclaimButton{id} }),
	ticketKind("tk:v", func(id string) button.Data { return resolveButton{id} }),
	ticketKind("tk:r", func(id string) button.Data { return replyButton{id} }),
	ticketKind("tk:x", func(id string) button.Data { return closeButton{id} }),
	ticketKind("tk:sv", func(id string) button.Data { return solvedButton{id} }),
	ticketKind("tk:xy", func(id string) button.Data { return closeYesButton{id} }),
	ticketKind("tk:xn", func(id string) button.Data { return keepOpenButton{id} }),
	ticketKind("tk:o", func(id string) button.Data { return reopenButton{id} }),
	ticketKind("tk:k", func(id string) button.Data { return skipNoteButton{id} }),
	ticketKind("tk:vw", func(id string) button.Data { return viewTicketButton{id} }),
	ticketKind("tk:p", func(id string) button.Data { return passButton{id} }),
	{Prefix: "tk:pt", Fields: 2, Longest: passToButton{Ticket: longestTicket, To: math.MaxInt64},
		Decode: func(f []string) (button.Data, bool) {
			n, ok := button.Uint(f[1])
			return passToButton{Ticket: f[0], To: int64(n)}, ok && n > 0 && n <= math.MaxInt64
		}},
	ticketKind("tk:ta", func(id string) button.Data { return teamAnswerButton{id} }),
	ticketKind("tk:vm", func(id string) button.Data { return viewMineButton{id} }),
	ticketKind("tk:ar", func(id string) button.Data { return teamArticleButton{id} }),
	{Prefix: "tk:as", Fields: 1, Longest: sendArticleButton{service.MaxOffered - 1},
		Decode: func(f []string) (button.Data, bool) {
			n, ok := button.Uint(f[0])
			return sendArticleButton{int(n)}, ok && n < service.MaxOffered
		}},
	pageKind("tk:mp", func(n int) button.Data { return myTicketsPageButton{n} }),
	pageKind("tk:qp", func(n int) button.Data { return queuePageButton{n} }),
	noFields("tk:qm", queueMineButton{}),
	pageKind("tk:qn", func(n int) button.Data { return queueMineButton{Page: n, Turn: true} }),
	pageKind("tk:qo", func(n int) button.Data { return queueOpenButton{n} }),
	{Prefix: "tk:qh", Fields: 2, Longest: queueHeldButton{Member: math.MaxInt64, Page: math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) {
			m, okm := button.Uint(f[0])
			n, ok := button.Int(f[1])
			return queueHeldButton{Member: int64(m), Page: int(n)}, okm && ok && m > 0 && m <= math.MaxInt64 && n >= 0 && n <= math.MaxInt32
		}},
	{Prefix: "tk:qu", Fields: 3, Longest: queueUniButton{University: strings.Repeat("u", aulabot.MaxUniversityID), Page: math.MaxInt32, Unclaimed: true},
		Decode: func(f []string) (button.Data, bool) {
			n, ok := button.Int(f[1])
			return queueUniButton{University: f[0], Page: int(n), Unclaimed: f[2] == "o"},
				ok && f[0] != "" && n >= 0 && n <= math.MaxInt32 && (f[2] == "o" || f[2] == "a")
		}},
	{Prefix: "tk:s", Fields: 2, Longest: rateButton{Ticket: longestTicket, Stars: 5},
		Decode: func(f []string) (button.Data, bool) {
			n, ok := button.Int(f[1])
			return rateButton{Ticket: f[0], Stars: int(n)}, ok && n >= math.MinInt32 && n <= math.MaxInt32
		}},
}
