package store

import "testing"

// A campaign message's outbox key names its campaign and recipient:
// every key campaignKey makes reads back as what made it, and any other
// string either reads as nobody's or is exactly the key of what it reads
// as (so a message of no campaign never counts as one's).
func FuzzParseCampaignKey(f *testing.F) {
	for _, s := range []string{"ann:7:123", "ann:7:-1001", "ann::1", "ann:7:", "ann:07:1", "ann:7:1:2", "ann:18446744073709551615:9", "evrem:7:1", "ann:-1:2"} {
		f.Add(s, uint64(7), int64(123))
	}
	f.Fuzz(func(t *testing.T, k string, id uint64, user int64) {
		if gotID, gotUser, ok := parseCampaignKey(campaignKey(id, user)); !ok || gotID != id || gotUser != user {
			t.Errorf("campaignKey(%d, %d) reads as %d, %d, %v", id, user, gotID, gotUser, ok)
		}
		if gotID, gotUser, ok := parseCampaignKey(k); ok && campaignKey(gotID, gotUser) != k {
			t.Errorf("%q reads as campaign %d's message to %d, whose key is %q", k, gotID, gotUser, campaignKey(gotID, gotUser))
		}
	})
}
