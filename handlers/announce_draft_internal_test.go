package handlers

import (
	"testing"

	"github.com/aulabot/aulabot"
)

// A draft saved as the string map the flow kept before it was declared
// still reads, field by field; one written now reads back the same.
func TestAnnounceDraft_OldStateReads(t *testing.T) {
	old := aulabot.State{Flow: "announce", Step: annStepPreview}.
		With("uni", "unma").With("aud", aulabot.AudienceTeachers).With("text", "<b>Hola</b>").
		With("url", "https://aula.example.edu").With("label", "Abrir")
	want := announceDraft{University: "unma", Audience: aulabot.AudienceTeachers, Text: "<b>Hola</b>", URL: "https://aula.example.edu", Label: "Abrir"}
	if got := draftOf(old); got != want {
		t.Errorf("old draft reads %+v, want %+v", got, want)
	}
	now := withDraft(old, func(d *announceDraft) { d.Label = "Entrar" })
	want.Label = "Entrar"
	if got := draftOf(now); got != want || now.Step != annStepPreview || !flowAnnounce.In(now) {
		t.Errorf("rewritten draft %+v at %q, want %+v at the same step", got, now.Step, want)
	}
}
