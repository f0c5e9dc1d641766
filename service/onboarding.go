package service

import (
	"strings"
	"time"

	"github.com/aulabot/aulabot"
)

// Onboarding is how a person starts and leaves: /start (language,
// university, role; a deep link "/start unma" names the university),
// /language, and the deletion of their data (/deletemydata).
type Onboarding struct {
	Config *aulabot.Config
	// Erasers are the other domains' parts of a deletion, run in this
	// order before the store's (DeleteMyData); New wires them.
	Erasers []Eraser
}

// OnboardingTx is what onboarding needs of the update's transaction.
type OnboardingTx interface {
	Now() time.Time
	User(id int64) (aulabot.User, bool, error)
	PutUser(u aulabot.User) error
	Count(name string, n int64) error
	DeleteUserData(id int64) error
}

// Eraser is one domain's part of a person's deletion, in the deletion's
// transaction: what the bot showed of the person elsewhere (team posts,
// relays) is edited away before the store removes their records.
type Eraser func(tx Tx, user int64) error

// FlowOnboard is /start's flow: the language, then the university
// (skipped when a deep link named it), then the role.
var FlowOnboard = aulabot.Flow[Onboard]{Name: aulabot.OnboardFlow}

// The steps of FlowOnboard: the button each waits for.
const (
	OnboardLanguage   = "lang"
	OnboardUniversity = "uni"
	OnboardRole       = "role"
)

// Onboard is what FlowOnboard keeps.
type Onboard struct {
	Lang       string `json:"lang,omitempty"` // from OnboardLanguage on
	University string `json:"uni,omitempty"`  // the deep link's, or from OnboardUniversity on
	// Read: University was read from the person's words (Named).
	Read bool `json:"read,omitempty"`
	// Question is what the person wrote before or during onboarding: it
	// is answered right after the last step. Voice is the voice note they
	// sent instead (VoiceMsg its message), kept where the bot hears
	// voice notes: it is heard right after the last step.
	Question string        `json:"q,omitempty"`
	Voice    *aulabot.File `json:"voice,omitempty"`
	VoiceMsg int           `json:"vmsg,omitempty"`
}

// Hold keeps question, written by a person who has not finished
// onboarding (st is their state), to answer it once they have: it starts
// FlowOnboard at its first step, or keeps the step they are at. The
// returned state is the conversation's from now; the latest question
// wins.
func (s *Onboarding) Hold(st aulabot.State, question string) aulabot.State {
	return hold(st, Onboard{Question: question})
}

// HoldVoice keeps voice note f, message msg, as Hold keeps a question:
// the latest of the two wins.
func (s *Onboarding) HoldVoice(st aulabot.State, f aulabot.File, msg int) aulabot.State {
	return hold(st, Onboard{Voice: &f, VoiceMsg: msg})
}

// Carry is state st, where onboarding starts again (/start), keeping the
// question or voice note held in old, the state before.
func (s *Onboarding) Carry(old, st aulabot.State) aulabot.State {
	d, _ := FlowOnboard.Data(old)
	if d.Question == "" && d.Voice == nil {
		return st
	}
	return hold(st, Onboard{Question: d.Question, Voice: d.Voice, VoiceMsg: d.VoiceMsg})
}

// hold is st with the question or voice note of held, at the step st is
// at, or at the first step when st is not onboarding.
func hold(st aulabot.State, held Onboard) aulabot.State {
	d, ok := FlowOnboard.Data(st)
	if !ok {
		return FlowOnboard.At(OnboardLanguage, held)
	}
	d.Question, d.Voice, d.VoiceMsg = held.Question, held.Voice, held.VoiceMsg
	return FlowOnboard.At(st.Step, d)
}

// Held is the question onboarding keeps for after its last step (st is
// the person's state), or "".
func Held(st aulabot.State) string {
	d, _ := FlowOnboard.Data(st)
	return d.Question
}

// HeldVoice is the voice note onboarding keeps for after its last step,
// and its message; nil if none.
func HeldVoice(st aulabot.State) (*aulabot.File, int) {
	d, _ := FlowOnboard.Data(st)
	return d.Voice, d.VoiceMsg
}

// The anonymous counters of onboarding, by university and role.
// OnboardedCounter counts the people who finished onboarding (the demo
// data in cmd/aulabot counts its people with it); deletedCounter the
// people who deleted their data.
func OnboardedCounter(university, role string) string {
	return "onboarded:" + university + ":" + role
}

func deletedCounter(university, role string) string {
	return "deleted:" + university + ":" + role
}

// Started is the result of Start.
type Started struct {
	// Back: the person had finished onboarding and gets the main menu;
	// University is theirs (nil if it is no longer configured).
	Back       bool
	University *aulabot.University
	// State is the conversation's from now: FlowOnboard at its first
	// step, or none when Back.
	State aulabot.State
}

// Start is /start by user u (as loaded for the update), with the deep
// link's text, if any: a person who finished onboarding is welcomed back;
// anyone else starts FlowOnboard, with the university preselected when
// the deep link names one.
func (s *Onboarding) Start(u aulabot.User, known bool, deepLink string) Started {
	if known && u.Onboarded() {
		uni, _ := s.Config.University(u.University)
		return Started{Back: true, University: uni}
	}
	var d Onboard
	if id := strings.ToLower(strings.TrimSpace(deepLink)); id != "" {
		if _, ok := s.Config.University(id); ok {
			d.University = id
		}
	}
	return Started{State: FlowOnboard.At(OnboardLanguage, d)}
}

// Step is where onboarding goes next.
type Step struct {
	// State is FlowOnboard at the step asked next.
	State aulabot.State
	// University is the university picked, or preselected by the deep
	// link, when the step is OnboardRole; nil if it is no longer
	// configured.
	University *aulabot.University
}

// PickLanguage is the language button during onboarding (st is the
// person's state): next comes the university, or the role when the deep
// link named the university. A language the bot does not speak, or a
// person not onboarding, is a stale button.
func (s *Onboarding) PickLanguage(st aulabot.State, lang string) (Step, error) {
	d, ok := FlowOnboard.Data(st)
	if !ok || !spoken(lang) {
		return Step{}, stale()
	}
	d.Lang = lang
	if d.University == "" {
		return Step{State: FlowOnboard.At(OnboardUniversity, d)}, nil
	}
	uni, _ := s.Config.University(d.University)
	return Step{State: FlowOnboard.At(OnboardRole, d), University: uni}, nil
}

// PickUniversity is a university button during onboarding: next comes
// the role; OtherUniversity (at the role step, after a university read
// from the person's words) asks the university. A university not
// configured, or a person not onboarding, is a stale button.
func (s *Onboarding) PickUniversity(st aulabot.State, id string) (Step, error) {
	d, inFlow := FlowOnboard.Data(st)
	if inFlow && id == OtherUniversity {
		d.University, d.Read = "", false
		return Step{State: FlowOnboard.At(OnboardUniversity, d)}, nil
	}
	uni, ok := s.Config.University(id)
	if !ok || !inFlow {
		return Step{}, stale()
	}
	d.University, d.Read = id, false
	return Step{State: FlowOnboard.At(OnboardRole, d), University: uni}, nil
}

// Onboarded is the result of Finish.
type Onboarded struct {
	User       aulabot.User // as stored
	University *aulabot.University
	State      aulabot.State // none: the flow is over
}

// Finish is the role button, onboarding's last step: the person's record
// is stored with what they picked, what Telegram says of them (from) and
// the time of their consent, and counted anonymously by university and
// role. u is the person as loaded for the update. A role other than
// teacher or student, a university no longer configured, or a person not
// onboarding, is a stale button.
func (s *Onboarding) Finish(tx OnboardingTx, u aulabot.User, from aulabot.Person, st aulabot.State, role string) (Onboarded, error) {
	if role != aulabot.RoleTeacher && role != aulabot.RoleStudent {
		return Onboarded{}, stale()
	}
	d, inFlow := FlowOnboard.Data(st)
	uni, ok := s.Config.University(d.University)
	if !inFlow || !ok {
		return Onboarded{}, stale()
	}
	u.Name, u.Username, u.TGLang = aulabot.CleanText(from.Name()), from.Username, from.LanguageCode
	u.Lang = d.Lang
	u.University, u.Role = uni.ID, role
	u.ConsentAt = tx.Now()
	if err := tx.PutUser(u); err != nil {
		return Onboarded{}, err
	}
	if err := tx.Count(OnboardedCounter(uni.ID, role), 1); err != nil {
		return Onboarded{}, err
	}
	return Onboarded{User: u, University: uni}, nil
}

// ChangeLanguage is the language button of a person who finished
// onboarding (/language): their record keeps lang from now on. changed is
// false if the record is gone (deleted meanwhile); an unknown person is
// asked to /start first, and a language the bot does not speak is a stale
// button.
func (s *Onboarding) ChangeLanguage(tx OnboardingTx, user int64, known bool, lang string) (changed bool, err error) {
	if !spoken(lang) {
		return false, stale()
	}
	if !known {
		return false, aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
	}
	u, ok, err := tx.User(user)
	if err != nil || !ok {
		return false, err
	}
	u.Lang = lang
	if err := tx.PutUser(u); err != nil {
		return false, err
	}
	return true, nil
}

// DeleteMyData removes a person's personal data: each domain's eraser
// (Erasers), then the store's part (their record, conversation states,
// bookings, tickets, questions, every ref naming their chat and every
// message still waiting for it). Only anonymous counts stay, and the
// deletion itself is counted by university and role. Messages queued
// after it in the same transaction (the confirmation) are sent.
func (s *Onboarding) DeleteMyData(tx Tx, user int64) error {
	for _, erase := range s.Erasers {
		if err := erase(tx, user); err != nil {
			return err
		}
	}
	u, ok, err := tx.User(user)
	if err != nil {
		return err
	}
	if ok {
		if err := tx.Count(deletedCounter(u.University, u.Role), 1); err != nil {
			return err
		}
	}
	return tx.DeleteUserData(user)
}

// spoken reports whether the bot speaks lang.
func spoken(lang string) bool { return lang == aulabot.LangES || lang == aulabot.LangEN }

// stale is the error for a button that does not apply (any more).
func stale() error { return aulabot.Errorf(aulabot.EINVALID, "error.stale_button") }
