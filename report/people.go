package report

// People is who the bot served. A person who deleted their data is no
// longer a person here: their questions, tickets and bookings still count
// in the other areas, anonymously, but not as someone active or
// onboarded.
type People struct {
	// Onboarded finished /start in the period, by the role they picked;
	// Known had by the end of the period (since the start).
	Onboarded, Known Roles
	// Active is how many people did something in the period: asked the
	// knowledge base, made a booking (or joined a waitlist) or reported
	// a technical problem; ActiveRoles by role, and Asked, Booked and
	// Reported how many did each.
	Active                  int
	ActiveRoles             Roles
	Asked, Booked, Reported int
	// Unreachable is how many of Known blocked the bot (as of the
	// report: a person who writes again is reachable again).
	Unreachable int

	asked, booked, reported map[int64]bool
	roles                   map[int64]string // of the active people
}

// ActiveShare is the share of the people known at the end of the period
// who were active in it.
func (p People) ActiveShare() Share { return Share{p.Active, p.Known.Total()} }

// person notes that user did something counted in set (0: someone who
// deleted their data, counted nowhere).
func (p *period) person(user int64, set *map[int64]bool) {
	if user == 0 {
		return
	}
	if *set == nil {
		*set = map[int64]bool{}
	}
	(*set)[user] = true
	if p.fig.People.roles == nil {
		p.fig.People.roles = map[int64]string{}
	}
	p.fig.People.roles[user] = p.roleOf(user)
}

// onboarding counts the people of p's university who finished /start:
// by the end of the period, and in it. It reads their counts by day and
// the people of the period, not every person of the university.
func (p *period) onboarding(src Source) error {
	err := src.OnboardedBefore(p.uni.ID, p.cut, func(role string, n int) { p.fig.People.Known.countN(role, n) })
	if err != nil {
		return err
	}
	return src.OnboardedBetween(p.uni.ID, p.start, p.cut, func(role string) error {
		p.fig.People.Onboarded.count(role)
		return nil
	})
}

func (p *People) add(o *People) {
	p.Onboarded.add(o.Onboarded)
	p.Known.add(o.Known)
	p.Unreachable += o.Unreachable
	for _, s := range []struct{ to, from *map[int64]bool }{{&p.asked, &o.asked}, {&p.booked, &o.booked}, {&p.reported, &o.reported}} {
		for id := range *s.from {
			if *s.to == nil {
				*s.to = map[int64]bool{}
			}
			(*s.to)[id] = true
		}
	}
	for id, role := range o.roles {
		if p.roles == nil {
			p.roles = map[int64]string{}
		}
		p.roles[id] = role
	}
}

func (p *People) finish() {
	p.Asked, p.Booked, p.Reported = len(p.asked), len(p.booked), len(p.reported)
	p.Active, p.ActiveRoles = len(p.roles), Roles{}
	for _, role := range p.roles {
		p.ActiveRoles.count(role)
	}
}
