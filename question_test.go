package aulabot_test

import (
	"testing"

	"github.com/aulabot/aulabot"
)

// A voice note survives being a job's data whatever its fields hold (a
// name, a file name, a language from Telegram); data that names no
// person, message or file is refused, and reading never panics.
func FuzzVoiceNoteOf(f *testing.F) {
	f.Add(int64(7), "Ana", "voice-1", "clase.mp3", "audio/ogg", 120, 3, 9000, "es", "", 0, 0)
	f.Add(int64(0), "", "", "", "", 0, 0, 0, "", "UNMA-7", 3, 1)
	f.Add(int64(-5), "Ñandú «x»", "f", "a/b/../c", "audio/mp4; codecs=x", -1, 99999, -3, "en", "x:y", -2, 99)
	f.Fuzz(func(t *testing.T, user int64, first, file, name, mime string, msg, seconds, size int, lang, ticket string, n, i int) {
		v := aulabot.VoiceNote{From: aulabot.Person{ID: user, FirstName: first, LanguageCode: lang}, MessageID: msg,
			File: aulabot.File{ID: file, Kind: aulabot.FileVoice, Name: name, MIME: mime, Size: size, Seconds: seconds}, Lang: lang,
			Flow: name, Step: mime, Ticket: ticket, N: n, I: i}
		got, ok := aulabot.VoiceNoteOf(aulabot.Job{Kind: aulabot.JobVoice, Data: v.JobData()})
		if want := user != 0 && file != ""; ok != want {
			t.Fatalf("ok = %v for user %d file %q, want %v", ok, user, file, want)
		}
		if ok && got != v {
			t.Errorf("read back %+v, want %+v", got, v)
		}
		aulabot.VoiceNoteOf(aulabot.Job{Data: map[string]string{"user": first, "msg": name, "size": mime}})
	})
}
