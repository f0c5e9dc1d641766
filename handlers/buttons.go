package handlers

import (
	"slices"

	"github.com/aulabot/aulabot/handlers/button"
)

// buttonKinds are the kinds of button whose data the handlers decode with
// the typed codec (package button), by domain. A domain converted to it
// (issue 13) adds its list here; until then its handlers split their data
// by hand.
func buttonKinds() []button.Kind {
	return slices.Concat(startButtons, profileButtons, helpdeskButtonKinds, kbButtonKinds, surveyButtons, reportButtons, courseButtonKinds, mentoringButtonKinds, eventButtonKinds, announceButtonKinds, myStatsButtons)
}

// pressed decodes the pressed button's data as a B; data of any other kind
// or shape is a stale button (error.stale_button).
func pressed[B button.Data](c *Ctx) (B, error) {
	return button.As[B](c.h.buttons, c.U.Callback.Data)
}

// noFields is the kind of a button without fields.
func noFields(prefix string, v button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Longest: v, Decode: func([]string) (button.Data, bool) { return v, true }}
}
