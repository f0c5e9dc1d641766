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
	return slices.Concat(startButtons, helpdeskButtonKinds, surveyButtons, reportButtons, eventButtonKinds)
}

// pressed decodes the pressed button's data as a B; data of any other kind
// or shape is a stale button (error.stale_button).
func pressed[B button.Data](c *Ctx) (B, error) {
	return button.As[B](c.h.buttons, c.U.Callback.Data)
}
