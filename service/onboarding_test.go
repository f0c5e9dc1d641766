package service_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// now is the store's clock in these tests.
var now = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

// newStore is a real store in a temporary directory.
func newStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "aulabot.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return now }
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Error(err)
		}
		s.Close()
	})
	return s
}

func newOnboarding() *service.Onboarding { return service.New(config.Demo()).Onboarding }

func isStale(err error) bool { return aulabot.ErrorKey(err) == "error.stale_button" }

func TestOnboarding_Start(t *testing.T) {
	o := newOnboarding()
	done := aulabot.User{ID: 7, University: "unma", Role: aulabot.RoleTeacher, ConsentAt: now}
	t.Run("Back", func(t *testing.T) {
		res := o.Start(done, true, "")
		if !res.Back || res.University == nil || res.University.ID != "unma" || res.State.Flow != "" {
			t.Errorf("Start of an onboarded user = %+v, want back at unma with no flow", res)
		}
	})
	for _, tt := range []struct {
		name, deep, want string
	}{
		{"New", "", ""},
		{"DeepLink", "  UNVS ", "unvs"},
		{"UnknownDeepLink", "nope", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := o.Start(aulabot.User{ID: 8}, false, tt.deep)
			d, ok := service.FlowOnboard.Data(res.State)
			if res.Back || !ok || res.State.Step != service.OnboardLanguage || d.University != tt.want {
				t.Errorf("Start(%q) = %+v (%+v), want the language step with university %q", tt.deep, res, d, tt.want)
			}
		})
	}
	// Known but not finished: onboarding again.
	if res := o.Start(aulabot.User{ID: 9, University: "unma"}, true, ""); res.Back {
		t.Error("a user who never finished was welcomed back")
	}
}

func TestOnboarding_Steps(t *testing.T) {
	o := newOnboarding()
	fresh := o.Start(aulabot.User{ID: 8}, false, "").State
	linked := o.Start(aulabot.User{ID: 8}, false, "unvs").State

	step, err := o.PickLanguage(fresh, aulabot.LangEN)
	if d, _ := service.FlowOnboard.Data(step.State); err != nil || step.State.Step != service.OnboardUniversity || d.Lang != "en" {
		t.Errorf("language without a deep link: %+v, %v; want the university step keeping en", step, err)
	}
	step, err = o.PickLanguage(linked, aulabot.LangES)
	if err != nil || step.State.Step != service.OnboardRole || step.University == nil || step.University.ID != "unvs" {
		t.Errorf("language with a deep link: %+v, %v; want the role step at unvs", step, err)
	}
	step, err = o.PickUniversity(fresh, "unma")
	if d, _ := service.FlowOnboard.Data(step.State); err != nil || step.State.Step != service.OnboardRole || d.University != "unma" || step.University.Name == "" {
		t.Errorf("university: %+v, %v; want the role step at unma", step, err)
	}

	for name, err := range map[string]error{
		"LanguageNotSpoken":     second(o.PickLanguage(fresh, "fr")),
		"LanguageOutsideFlow":   second(o.PickLanguage(aulabot.State{}, "es")),
		"UniversityUnknown":     second(o.PickUniversity(fresh, "nope")),
		"UniversityOutsideFlow": second(o.PickUniversity(aulabot.State{Flow: "ticket"}, "unma")),
	} {
		if !isStale(err) {
			t.Errorf("%s: err = %v, want the stale-button error", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestOnboarding_Finish(t *testing.T) {
	s := newStore(t)
	o := newOnboarding()
	from := aulabot.Person{ID: 8, FirstName: "Ana\u202e", LastName: "Pérez", Username: "ana", LanguageCode: "es-PE"}
	st, _ := o.PickUniversity(o.Start(aulabot.User{ID: 8}, false, "").State, "unma")
	st, _ = o.PickLanguage(st.State, aulabot.LangEN)

	for name, tt := range map[string]struct {
		st   aulabot.State
		role string
	}{
		"Role":          {st.State, "admin"},
		"NoUniversity":  {o.Start(aulabot.User{ID: 8}, false, "").State, aulabot.RoleTeacher},
		"NotOnboarding": {aulabot.State{}, aulabot.RoleTeacher},
	} {
		err := s.Update(func(tx *store.Tx) error { return second(o.Finish(tx, aulabot.User{ID: 8}, from, tt.st, tt.role)) })
		if !isStale(err) {
			t.Errorf("%s: err = %v, want the stale-button error", name, err)
		}
	}
	if _, ok, _ := s.User(8); ok {
		t.Fatal("a refused role stored the user")
	}

	var res service.Onboarded
	err := s.Update(func(tx *store.Tx) (err error) {
		res, err = o.Finish(tx, aulabot.User{ID: 8}, from, st.State, aulabot.RoleStudent)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	u, ok, _ := s.User(8)
	want := aulabot.User{ID: 8, Name: "Ana Pérez", Username: "ana", Lang: "en", TGLang: "es-PE", University: "unma",
		Role: aulabot.RoleStudent, ConsentAt: now, CreatedAt: now}
	if !ok || !u.ConsentAt.Equal(now) || !u.CreatedAt.Equal(now) {
		t.Fatalf("stored user = %+v, %v", u, ok)
	}
	u.ConsentAt, u.CreatedAt = now, now // the same instant, as stored
	if u != want || !u.Onboarded() {
		t.Errorf("stored user = %+v\nwant          %+v", u, want)
	}
	if res.University.ID != "unma" || res.State.Flow != "" || res.User.Role != aulabot.RoleStudent {
		t.Errorf("result = %+v", res)
	}
	s.View(func(tx *store.Tx) error {
		if n := tx.Counter(service.OnboardedCounter("unma", aulabot.RoleStudent)); n != 1 {
			t.Errorf("onboarded count = %d, want 1", n)
		}
		return nil
	})
}

func TestOnboarding_ChangeLanguage(t *testing.T) {
	s := newStore(t)
	o := newOnboarding()
	if err := s.Update(func(tx *store.Tx) error { return tx.PutUser(aulabot.User{ID: 7, Name: "Ana", Lang: "es"}) }); err != nil {
		t.Fatal(err)
	}
	change := func(user int64, known bool, lang string) (changed bool, err error) {
		err = s.Update(func(tx *store.Tx) (err error) {
			changed, err = o.ChangeLanguage(tx, user, known, lang)
			return err
		})
		return changed, err
	}
	if changed, err := change(7, true, aulabot.LangEN); err != nil || !changed {
		t.Fatalf("change = %v, %v", changed, err)
	}
	if u, _, _ := s.User(7); u.Lang != "en" || u.Name != "Ana" {
		t.Errorf("user = %+v, want English, the rest kept", u)
	}
	if _, err := change(9, false, aulabot.LangEN); aulabot.ErrorKey(err) != "error.start_first" {
		t.Errorf("unknown person: err = %v, want error.start_first", err)
	}
	if changed, err := change(9, true, aulabot.LangEN); err != nil || changed {
		t.Errorf("a record gone meanwhile: %v, %v; want nothing changed", changed, err)
	}
	if _, err := change(7, true, "pt"); !isStale(err) {
		t.Errorf("a language not spoken: err = %v, want the stale-button error", err)
	}
}

// DeleteMyData runs every domain's eraser, in order, while the person's
// records are still there, then the store's part, and counts the deletion
// anonymously; an eraser's error stops it.
func TestOnboarding_DeleteMyData(t *testing.T) {
	s := newStore(t)
	o := newOnboarding()
	var ran []string
	eraser := func(name string) service.Eraser {
		return func(tx service.Tx, user int64) error {
			if _, ok, _ := tx.User(user); !ok {
				t.Errorf("eraser %s ran after the person's record was deleted", name)
			}
			ran = append(ran, name)
			return nil
		}
	}
	o.Erasers = []service.Eraser{eraser("helpdesk"), eraser("mentoring")}
	if err := s.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: 7, Name: "Ana", University: "unma", Role: aulabot.RoleTeacher, ConsentAt: now})
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error { return o.DeleteMyData(tx, 7) }); err != nil {
		t.Fatal(err)
	}
	if len(ran) != 2 || ran[0] != "helpdesk" || ran[1] != "mentoring" {
		t.Errorf("erasers ran %v, want helpdesk then mentoring", ran)
	}
	if _, ok, _ := s.User(7); ok {
		t.Error("the person's record is still there")
	}
	s.View(func(tx *store.Tx) error {
		if n := tx.Counter("deleted:unma:teacher"); n != 1 {
			t.Errorf("deletion count = %d, want 1", n)
		}
		return nil
	})

	boom := errors.New("boom")
	o.Erasers = []service.Eraser{func(service.Tx, int64) error { return boom }}
	if err := s.Update(func(tx *store.Tx) error {
		if err := tx.PutUser(aulabot.User{ID: 8, Name: "Luis"}); err != nil {
			return err
		}
		return o.DeleteMyData(tx, 8)
	}); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the eraser's", err)
	}
}
