package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestServer_Faults injects each kind of failure into each class of
// method, always, and checks what the bot sees and what was done.
func TestServer_Faults(t *testing.T) {
	for _, class := range MethodClasses {
		for _, kind := range FaultKinds {
			t.Run(string(class)+"/"+string(kind), func(t *testing.T) {
				s, bot, hs := newTestBot(t, Options{})
				// A client that gives up quickly, as a timeout needs.
				bot.Client = &http.Client{Timeout: 300 * time.Millisecond, Transport: hs.Client().Transport}
				sent, err := bot.Send(tgbotapi.NewMessage(alice, "before"))
				if err != nil {
					t.Fatal(err)
				}
				cb := s.Press(alice, alice, sent.MessageID, "x")
				s.SetFaults(Faults{Seed: 1, RetryAfter: 3, Rules: []FaultRule{{Class: class, Kind: kind, Rate: 1}}})
				var call func() error
				var done func() bool // whether the call took effect
				switch class {
				case ClassPoll:
					call = func() error { _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); return err }
					done = func() bool { return countKind(s, RecDeliver) > 0 }
				case ClassSend:
					call = func() error { _, err := bot.Send(tgbotapi.NewMessage(alice, "after")); return err }
					done = func() bool { return len(s.Messages(alice)) == 2 }
				case ClassEdit:
					call = func() error {
						_, err := bot.Send(tgbotapi.NewEditMessageText(alice, sent.MessageID, "edited"))
						return err
					}
					done = func() bool { m, _ := s.Message(alice, sent.MessageID); return m.Edited == 1 }
				case ClassAnswer:
					call = func() error { _, err := bot.Request(tgbotapi.NewCallback(cb, "ok")); return err }
					done = func() bool { a, _ := s.CallbackAnswers(cb); return a.Answered }
				}
				err = call()
				if err == nil {
					t.Fatal("call succeeded, want an injected failure")
				}
				var te *tgbotapi.Error
				switch kind {
				case FaultTooMany:
					if !errors.As(err, &te) || te.Code != 429 || te.RetryAfter != 3 {
						t.Errorf("got %v, want 429 with retry_after 3", err)
					}
				case FaultServer:
					if !errors.As(err, &te) || te.Code != 500 {
						t.Errorf("got %v, want 500", err)
					}
				case FaultTimeout, FaultDrop:
					if errors.As(err, &te) {
						t.Errorf("got the API error %v, want a transport error", err)
					}
				}
				if got, want := done(), kind == FaultDrop; got != want {
					t.Errorf("call took effect: %v, want %v", got, want)
				}
				if kind == FaultDrop && class != ClassPoll {
					// The record tells the call that was cut: its error
					// and what it did share the call number.
					calls := map[int][]string{}
					for _, r := range s.RecordSince(0) {
						if r.Call != 0 {
							calls[r.Call] = append(calls[r.Call], r.Kind+string(r.Fault))
						}
					}
					found := false
					for _, kinds := range calls {
						found = found || (len(kinds) == 2 && kinds[0] == RecError+string(FaultDrop))
					}
					if !found {
						t.Errorf("no call recorded as dropped and done: %v", calls)
					}
				}
				if a, _ := s.CallbackAnswers(cb); class == ClassAnswer && a.Fault != kind {
					t.Errorf("the press's answer shows fault %q, want %q", a.Fault, kind)
				}
				if got := s.InjectedFaults()[string(class)+"/"+string(kind)]; got != 1 {
					t.Errorf("InjectedFaults = %v, want 1 of %s/%s", s.InjectedFaults(), class, kind)
				}
				s.SetFaults(Faults{})
				if err := call(); err != nil && !(class == ClassEdit || class == ClassAnswer) {
					t.Errorf("after SetFaults(none): %v", err)
				}
			})
		}
	}
}

func countKind(s *Server, kind string) int {
	n := 0
	for _, r := range s.RecordSince(0) {
		if r.Kind == kind {
			n++
		}
	}
	return n
}

// A dropped poll is not a confirmation: its updates come again.
func TestServer_FaultDropPoll(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	s.SendText(alice, alice, "hola")
	s.SetFaults(Faults{Rules: []FaultRule{{Class: ClassPoll, Kind: FaultDrop, Rate: 1}}})
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err == nil {
		t.Fatal("dropped poll succeeded")
	}
	s.SetFaults(Faults{})
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].Message.Text != "hola" {
		t.Fatalf("next poll = %v, %v; want the update again", ups, err)
	}
}

// TestServer_FaultRates: a seed makes the failures reproducible call by
// call, and the share of failures is the rate.
func TestServer_FaultRates(t *testing.T) {
	const calls = 600
	run := func(seed int64) ([]string, map[string]int) {
		s, bot, _ := newTestBot(t, Options{})
		s.SetFaults(Faults{Seed: seed, Rules: []FaultRule{
			{Class: ClassSend, Kind: FaultTooMany, Rate: 0.1},
			{Class: ClassSend, Kind: FaultServer, Rate: 0.1},
		}})
		var got []string
		for i := range calls {
			_, err := bot.Send(tgbotapi.NewMessage(alice, fmt.Sprint(i)))
			got = append(got, fmt.Sprint(err))
		}
		return got, s.InjectedFaults()
	}
	a, counts := run(7)
	b, _ := run(7)
	c, _ := run(8)
	if !slices.Equal(a, b) {
		t.Error("the same seed gave different failures")
	}
	if slices.Equal(a, c) {
		t.Error("another seed gave the same failures")
	}
	// Binomial(600, 0.1): mean 60, standard deviation 7.3.
	for _, k := range []string{"send/429", "send/500"} {
		if n := counts[k]; n < 35 || n > 85 {
			t.Errorf("%s injected %d times in %d calls, want about 60", k, n, calls)
		}
	}
	if n := len(counts); n != 2 {
		t.Errorf("kinds injected: %v, want only send/429 and send/500", counts)
	}
}

// EveryFault spreads the rate over every class and kind.
func TestEveryFault(t *testing.T) {
	rules := EveryFault(0.05)
	if len(rules) != len(MethodClasses)*len(FaultKinds) {
		t.Fatalf("%d rules", len(rules))
	}
	per := map[MethodClass]float64{}
	for _, r := range rules {
		per[r.Class] += r.Rate
	}
	for c, rate := range per {
		if rate < 0.0499 || rate > 0.0501 {
			t.Errorf("class %s fails at %v, want 0.05", c, rate)
		}
	}
}
