package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot/handlers/htest"
)

// A coordinator about to start a survey reads plainly who will be
// invited: everyone at their university the survey is for (not "its
// public at your university", which left open whose public).
func TestSurveyCampaign_WhoIsInvitedWording(t *testing.T) {
	e := surveyEnv(t)
	for _, tc := range []struct {
		lang         string
		panel, start string
	}{
		{"en", "invites everyone it is for at your university", "Everyone the survey is for at your university will be invited."},
		{"es", "invita a todas las personas de su universidad a las que va dirigida", "Se invitará a todas las personas de su universidad a las que va dirigida la encuesta."},
	} {
		coord := htest.Person(5001, tc.lang) // coordinator of unma
		if got := textsTo(e.Text(coord, 0, "/surveys"), coord.ID); !strings.Contains(got, tc.panel) || strings.Contains(got, "público") {
			t.Errorf("%s panel = %q, want %q", tc.lang, got, tc.panel)
		}
		if got := textsTo(e.Text(coord, 0, "/survey start"), coord.ID); !strings.Contains(got, tc.start) || strings.Contains(got, "público") {
			t.Errorf("%s pick = %q, want %q", tc.lang, got, tc.start)
		}
	}
}
