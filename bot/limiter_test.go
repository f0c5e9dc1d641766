package bot

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

// send sends to chat as soon as l allows at or after now (a sender that
// waits as told, on a fake clock, and whose calls end at once) and
// returns when.
func send(l *Limiter, chat int64, now time.Time) time.Time {
	for {
		slot, ok, at := l.Book(chat, now)
		if ok {
			l.Done(slot, now)
			return now
		}
		if !at.After(now) {
			panic("Book refused without a later time")
		}
		now = at
	}
}

func TestLimiter_PrivateChat(t *testing.T) {
	l := NewLimiter()
	if got := send(l, 7, t0); !got.Equal(t0) {
		t.Errorf("first message at +%v, want at once", got.Sub(t0))
	}
	// Another chat is not held back by chat 7.
	if got := send(l, 8, t0); !got.Equal(t0) {
		t.Errorf("chat 8 waits %v, want none (the overall slack)", got.Sub(t0))
	}
	for i, want := range []time.Duration{time.Second, 2 * time.Second} {
		if got := send(l, 7, t0).Sub(t0); got != want {
			t.Errorf("message %d at +%v, want +%v", i+2, got, want)
		}
	}
}

// A group gets a message a second, none at once, until 20 went in a
// minute; then each waits until the minute (and a second) since the one
// 20 before has passed: never more than 20 in any minute.
func TestLimiter_Group(t *testing.T) {
	l := NewLimiter()
	var sent []time.Time
	for i := 0; i < 45; i++ {
		sent = append(sent, send(l, -100, latest(t0.Add(time.Duration(i)*100*time.Millisecond), sent)))
	}
	for i := 1; i < len(sent); i++ {
		if d := sent[i].Sub(sent[i-1]); d < time.Second {
			t.Fatalf("messages %d and %d are %v apart, want at least 1 s", i-1, i, d)
		}
	}
	for i, want := range map[int]time.Duration{1: time.Second, 19: 19 * time.Second, 20: GroupWindow, 21: GroupWindow + time.Second, 40: 2 * GroupWindow} {
		if got := sent[i].Sub(t0); got != want {
			t.Errorf("message %d at +%v, want +%v", i, got, want)
		}
	}
	for i := range sent {
		n := 0
		for _, s := range sent[i:] {
			if s.Sub(sent[i]) <= time.Minute {
				n++
			}
		}
		if n > GroupPerMinute {
			t.Fatalf("%d messages in the minute from message %d", n, i)
		}
	}
	// A private chat has no such cap: its 45 messages take 44 s.
	l, sent = NewLimiter(), nil
	for i := 0; i < 45; i++ {
		sent = append(sent, send(l, 7, latest(t0, sent)))
	}
	if got := sent[44].Sub(t0); got != 44*time.Second {
		t.Errorf("a private chat's 45th message at +%v, want +44s", got)
	}
}

// Overall, messages are released one every 1/30 s, never 30 at the same
// instant: a few at once after a quiet spell (the slack), no second holding
// more than 30, and no chat getting two within a second.
func TestLimiter_Global(t *testing.T) {
	l := NewLimiter()
	var all []time.Time
	for chat := int64(1); chat <= 90; chat++ {
		all = append(all, send(l, chat, latest(t0, all)))
	}
	atOnce := 1 + int(GlobalRate.Slack/GlobalRate.Every)
	for i := atOnce; i < len(all); i++ {
		if !all[i].After(all[i-atOnce]) {
			t.Fatalf("%d messages at +%v", atOnce+1, all[i].Sub(t0))
		}
	}
	if got := all[89].Sub(t0); got < 2800*time.Millisecond || got > 3*time.Second {
		t.Errorf("90th message at +%v, want about +3s (30 a second)", got)
	}
	checkPerSecond(t, all)

	l = NewLimiter()
	all = nil
	lastByChat := map[int64]time.Time{}
	for i := 0; i < 1800; i++ {
		chat := int64(i % 90)
		at := send(l, chat, latest(t0.Add(time.Duration(i)*10*time.Millisecond), all))
		if prev, ok := lastByChat[chat]; ok && at.Sub(prev) < time.Second {
			t.Fatalf("chat %d got two messages %v apart", chat, at.Sub(prev))
		}
		lastByChat[chat] = at
		all = append(all, at)
	}
	checkPerSecond(t, all)
}

// A sender that always wakes 20 ms late still sends 30 a second: the
// slack absorbs the lateness instead of drifting the pace.
func TestLimiter_LateSender(t *testing.T) {
	l := NewLimiter()
	var all []time.Time
	now := t0
	for chat := int64(1); chat <= 300; chat++ {
		at := send(l, chat, now)
		all = append(all, at)
		now = at.Add(20 * time.Millisecond)
	}
	if rate := 299 / all[299].Sub(all[0]).Seconds(); rate < 29.9 {
		t.Errorf("%.2f messages a second, want 30", rate)
	}
	checkPerSecond(t, all)
}

// checkPerSecond fails if any second holds more than 30 of sent.
func checkPerSecond(t *testing.T, sent []time.Time) {
	t.Helper()
	for i := range sent {
		n := 0
		for _, s := range sent[i:] {
			if s.Sub(sent[i]) < time.Second {
				n++
			}
		}
		if n > GlobalPerSecond {
			t.Fatalf("%d messages in the second from +%v", n, sent[i].Sub(t0))
		}
	}
}

// latest is the later of now and the last time in sent.
func latest(now time.Time, sent []time.Time) time.Time {
	if len(sent) > 0 && sent[len(sent)-1].After(now) {
		return sent[len(sent)-1]
	}
	return now
}

func TestLimiter_Penalise(t *testing.T) {
	l := NewLimiter()
	send(l, 7, t0)
	l.Penalise(7, t0.Add(5*time.Second))
	if got := send(l, 8, t0.Add(time.Second)).Sub(t0); got != time.Second {
		t.Errorf("another chat waits until +%v, want +1s (not penalised)", got)
	}
	if got := send(l, 7, t0.Add(time.Second)).Sub(t0); got != 5*time.Second {
		t.Errorf("after retry_after 5s the next message is at +%v, want +5s", got)
	}
	// retry_after holds even with the limits off.
	l = NewLimiter()
	l.Off = true
	l.Penalise(7, t0.Add(5*time.Second))
	if got := l.ChatReady(7, t0).Sub(t0); got != 5*time.Second {
		t.Errorf("limits off: chat 7 ready at +%v, want +5s", got)
	}
	if got := send(l, 8, t0); !got.Equal(t0) {
		t.Errorf("limits off: chat 8 at +%v, want at once", got.Sub(t0))
	}
}

// Replaying a previous process's sends restores its buckets and a
// group's minute: a group written to 20 times in the last 30 s, the last
// half a second ago, waits until a minute and a second after the first;
// a private chat written to 2 s ago does not wait.
func TestLimiter_Restore(t *testing.T) {
	l := NewLimiter()
	first := t0.Add(-30 * time.Second)
	for i := range GroupPerMinute {
		l.Take(-100, first.Add(time.Duration(i)*1500*time.Millisecond))
	}
	l.Take(7, t0.Add(-2*time.Second))
	if got, want := l.ChatReady(-100, t0), first.Add(GroupWindow); !got.Equal(want) {
		t.Errorf("group ready at +%v, want +%v", got.Sub(t0), want.Sub(t0))
	}
	l.Take(-200, t0.Add(-500*time.Millisecond))
	if got := l.ChatReady(-200, t0).Sub(t0); got != 500*time.Millisecond {
		t.Errorf("a group written to 0.5 s ago ready at +%v, want +0.5s", got)
	}
	if got := l.ChatReady(7, t0); !got.Equal(t0) {
		t.Errorf("private chat ready at +%v, want now", got.Sub(t0))
	}
}

func TestBackoff(t *testing.T) {
	for attempts, want := range map[int]time.Duration{0: time.Second, 1: 2 * time.Second, 3: 8 * time.Second, 20: 5 * time.Minute} {
		if got := backoff(attempts); got != want {
			t.Errorf("backoff(%d) = %v, want %v", attempts, got, want)
		}
	}
}

// The limiter forgets idle chats once it knows more than 10,000, but not
// a group whose minute is used up though its bucket is full again.
func TestLimiter_PruneKeepsAGroupsMinute(t *testing.T) {
	l := NewLimiter()
	first := t0.Add(-40 * time.Second)
	for i := range GroupPerMinute {
		l.Take(-100, first.Add(time.Duration(i)*time.Second))
	}
	for c := range int64(10001) {
		l.Take(1+c, t0.Add(-time.Minute))
	}
	l.Take(20000, t0) // more than 10,000 chats: the idle ones go
	if n := len(l.chats); n > 3 {
		t.Errorf("%d chats kept after pruning, want the group and the last chat", n)
	}
	if got, want := l.ChatReady(-100, t0), first.Add(GroupWindow); !got.Equal(want) {
		t.Errorf("after pruning the group is ready at +%v, want +%v", got.Sub(t0), want.Sub(t0))
	}
}

// Telegram counts a message when it arrives: the next message to a chat,
// and the 31st overall, count a second from when the call of the one
// before ended (it had arrived by then), from its booking plus Transit
// while it is on its way, and never from later than that.
func TestLimiter_CountsFromArrival(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	for _, c := range []struct {
		name string
		end  time.Duration // when the first call ended; <0: not yet
		want time.Duration // when chat 7 may have its second message
	}{
		{"on its way", -1, time.Second + DefaultTransit},
		{"ended after 30 ms", ms(30), time.Second + ms(30)},
		{"ended after 300 ms", ms(300), time.Second + DefaultTransit},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := NewLimiter()
			slot, ok, _ := l.Book(7, t0)
			if !ok {
				t.Fatal("the first message was refused")
			}
			if c.end >= 0 {
				l.Done(slot, t0.Add(c.end))
			}
			if got := l.ChatReady(7, t0).Sub(t0); got != c.want {
				t.Errorf("chat 7's next message at +%v, want +%v", got, c.want)
			}
		})
	}
	t.Run("overall", func(t *testing.T) {
		l := NewLimiter()
		var first Slot
		for i := range 30 {
			at := t0.Add(time.Duration(i) * GlobalRate.Every)
			slot, ok, _ := l.Book(int64(100+i), at)
			if !ok {
				t.Fatalf("message %d of 30 refused at +%v", i+1, at.Sub(t0))
			}
			if i == 0 {
				first = slot
				continue
			}
			l.Done(slot, at.Add(ms(2)))
		}
		if got := l.GlobalReady(t0).Sub(t0); got != time.Second+DefaultTransit {
			t.Errorf("the 31st with the first on its way at +%v, want +%v", got, time.Second+DefaultTransit)
		}
		l.Done(first, t0.Add(ms(40)))
		if got := l.GlobalReady(t0).Sub(t0); got != time.Second+ms(40) {
			t.Errorf("the 31st once the first ended at +40 ms: at +%v, want +1.04s", got)
		}
	})
	t.Run("unused", func(t *testing.T) {
		// A booking whose message did not go (cancelled meanwhile) ends
		// at once: it holds nothing back beyond its booking.
		l := NewLimiter()
		slot, _, _ := l.Book(7, t0)
		l.Done(slot, t0)
		if got := l.ChatReady(7, t0).Sub(t0); got != time.Second {
			t.Errorf("after an unused booking chat 7 waits until +%v, want +1s", got)
		}
	})
}
