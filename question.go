package aulabot

import (
	"strconv"
	"time"
)

// Outcomes of a question to the knowledge base.
const (
	OutcomeAnswer  = "answer"
	OutcomeSuggest = "suggest"
	OutcomeNone    = "none"
)

// Feedback on an answer.
const (
	FeedbackHelpful    = "helpful"
	FeedbackNotHelpful = "not_helpful"
)

// Question is one question asked to the knowledge base, kept to measure
// answers and to show coordinators what the base lacks (gaps).
type Question struct {
	ID         uint64    `json:"id"`
	UserID     int64     `json:"user,omitempty"` // 0 once the asker deleted their data
	University string    `json:"uni"`
	Role       string    `json:"role,omitempty"`
	Lang       string    `json:"lang"`
	Text       string    `json:"text"`
	MessageID  int       `json:"msg,omitempty"` // the asker's message, to know an edit of it
	Outcome    string    `json:"outcome"`
	ArticleID  string    `json:"article,omitempty"` // the answer shown, or the one picked
	Feedback   string    `json:"feedback,omitempty"`
	At         time.Time `json:"at"`
	// FeedbackInferred is set when Feedback was read from the asker's
	// words ("it didn't work" right after the answer), not pressed: a
	// press on the answer's buttons may still replace it.
	FeedbackInferred bool `json:"fbinf,omitempty"`
	// Voice is set when the words were heard from a voice note (a
	// transcription's slip reads like a person's).
	Voice bool `json:"voice,omitempty"`
	// File is the file the words came with, as a caption (a screenshot
	// with "me sale este error"): a report started from the answer
	// carries it. Nil for words alone; gone with the person's data.
	File *File `json:"file,omitempty"`
	// AnswerSum is a fingerprint of the answer sent (its messages and
	// buttons' labels, not whose it is): the same words asked again a
	// moment later and answered alike get a short reply instead of the
	// answer twice. 0 when none was sent with the question (answered in
	// the background).
	AnswerSum uint64 `json:"sum,omitempty"`
	// Late is when an answer reached the asker after "I don't know" or
	// Not helpful: the article a coordinator linked the question to, or
	// their words (/gaps' 📬 and ✍️). Zero when none did.
	Late time.Time `json:"late,omitzero"`
	// Ticket is the ticket the asker made of the question with 🛠 Report
	// to the technical team: another press of it names that ticket
	// instead of making a second. "" when none was made.
	Ticket string `json:"ticket,omitempty"`
}

// Gap reports whether the question shows something the base lacks: it got
// no answer, or its answer was not helpful.
func (q Question) Gap() bool {
	return q.Outcome == OutcomeNone || q.Feedback == FeedbackNotHelpful
}

// Kinds of the knowledge base's background jobs (Job.Kind): work that
// calls a server or takes seconds, done away from the chat that asked.
const (
	JobAnswer = "kb.answer" // write the answer to a question (Data "question": its id)
	JobReload = "kb.reload" // reload the knowledge base and tell a chat (Data "chat", "lang")
	JobVoice  = "kb.voice"  // transcribe a voice note and handle its words (Data: VoiceNote.JobData)
)

// VoiceNote is a voice note the bot transcribes (JobVoice): who sent it
// in their private chat, which message, its file, the language to hear it
// in, and the flow and step the chat was at (its words go there only if
// the chat is still there). A note of a ticket's conversation names the
// ticket, the message N and its attachment I instead: its words go under
// the copy the other side got, not into a chat's flow.
type VoiceNote struct {
	From       Person
	MessageID  int
	File       File
	Lang       string
	Flow, Step string
	Ticket     string
	N, I       int
}

// JobData is v as a job's data.
func (v VoiceNote) JobData() map[string]string {
	return map[string]string{"user": strconv.FormatInt(v.From.ID, 10), "first": v.From.FirstName, "last": v.From.LastName,
		"username": v.From.Username, "code": v.From.LanguageCode, "msg": strconv.Itoa(v.MessageID), "file": v.File.ID,
		"name": v.File.Name, "mime": v.File.MIME, "size": strconv.Itoa(v.File.Size), "seconds": strconv.Itoa(v.File.Seconds), "lang": v.Lang,
		"flow": v.Flow, "step": v.Step, "ticket": v.Ticket, "n": strconv.Itoa(v.N), "i": strconv.Itoa(v.I)}
}

// VoiceNoteOf reads the voice note of a JobVoice job; false if its data
// names no person, message or file.
func VoiceNoteOf(j Job) (VoiceNote, bool) {
	d := j.Data
	user, err1 := strconv.ParseInt(d["user"], 10, 64)
	msg, err2 := strconv.Atoi(d["msg"])
	size, _ := strconv.Atoi(d["size"])
	secs, _ := strconv.Atoi(d["seconds"])
	n, _ := strconv.Atoi(d["n"])
	i, _ := strconv.Atoi(d["i"])
	v := VoiceNote{From: Person{ID: user, FirstName: d["first"], LastName: d["last"], Username: d["username"], LanguageCode: d["code"]},
		MessageID: msg, File: File{ID: d["file"], Kind: FileVoice, Name: d["name"], MIME: d["mime"], Size: size, Seconds: secs}, Lang: d["lang"],
		Flow: d["flow"], Step: d["step"], Ticket: d["ticket"], N: n, I: i}
	return v, err1 == nil && err2 == nil && user != 0 && v.File.ID != ""
}
