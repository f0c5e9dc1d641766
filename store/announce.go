package store

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
)

// Announcements: a campaign and one record per recipient. Recipients wait
// in announce_todo until the campaign's runner hands them to the outbox
// (a few at a time, so that a campaign never fills the outbox ahead of
// people's answers); a recipient in the outbox is in announce_out with its
// message's id until the outbox settles it. Handing a recipient to the
// outbox and recording it is one transaction, so a restart resumes where
// the campaign was and nobody is queued twice.
const (
	bCampaigns      = "announce"        // id -> aulabot.Campaign
	bCampaignActive = "announce_active" // id -> nothing: scheduled or running
	bCampaignRcpt   = "announce_rcpt"   // id, user -> recipient state (one byte)
	bCampaignTodo   = "announce_todo"   // id, user -> nothing: not handed to the outbox yet
	bCampaignOut    = "announce_out"    // id, user -> outbox message id
	bCampaignUser   = "announce_user"   // user, id -> nothing: a recipient handed to the outbox or cancelled
)

// Recipient states, as stored.
const (
	RecipientQueued    = "queued"
	RecipientSending   = "sending"
	RecipientSent      = "sent"
	RecipientBlocked   = "blocked"
	RecipientFailed    = "failed"
	RecipientCancelled = "cancelled"
)

var recipientCodes = map[string]byte{RecipientQueued: 'q', RecipientSending: 'o', RecipientSent: 's',
	RecipientBlocked: 'b', RecipientFailed: 'f', RecipientCancelled: 'c'}

// campaignFeedScan bounds the recipients one FeedCampaigns looks at beyond
// its room (those skipped because they blocked the bot), so that one
// transaction stays short.
const campaignFeedScan = 500

// campaignKeys is the prefix of the outbox keys of campaign id's
// messages ("ann:7:"); campaignKey the key of its message to user, which
// the outbox sends once ("ann:7:123"); parseCampaignKey reads one.
func campaignKeys(id uint64) string { return campaignKeyPrefix + strconv.FormatUint(id, 10) + ":" }

const campaignKeyPrefix = "ann:"

func campaignKey(id uint64, user int64) string { return campaignKeys(id) + strconv.FormatInt(user, 10) }

// campaignRecords returns up to max keys of bucket b (all for max < 0)
// that belong to campaign id, copied so they may be deleted.
func (tx *Tx) campaignRecords(b string, id uint64, max int) (keys, vals [][]byte) {
	prefix := u64(id)
	cur := tx.bucket(b).Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(keys) != max; k, v = cur.Next() {
		keys, vals = append(keys, append([]byte(nil), k...)), append(vals, append([]byte(nil), v...))
	}
	return keys, vals
}

func rcptKey(id uint64, user int64) []byte { return append(u64(id), i64(user)...) }

// CreateCampaign stores c with everyone in its audience queued (people
// marked unreachable are counted as blocked at once) and returns it with
// its id and counts. Nobody in the audience is announce.err_nobody.
func (tx *Tx) CreateCampaign(c aulabot.Campaign) (aulabot.Campaign, error) {
	people, err := tx.audience(c)
	if err != nil {
		return c, err
	}
	if len(people) == 0 {
		return c, aulabot.Errorf(aulabot.EINVALID, "announce.err_nobody")
	}
	return tx.createCampaign(c, people)
}

// ReviseCampaign stores c as the revision of campaign id (c.Revises is
// set to id, and its Ref is id's): everyone campaign id sent to or is
// sending to is queued, and each one's message will edit theirs. A
// revision of id still running is cancelled first (what it had not yet
// edited, c edits), and c becomes id's Revision. Id's messages still
// waiting in the outbox are rewritten into c's at once (rewriteQueued).
// With nobody to edit yet it stores no revision and returns c with no id,
// unless campaign id is over: a message of it that was on its way when it
// was cancelled joins the revision when it arrives (lateCampaignMessage).
// Campaign id must remember its messages (a Ref): ENOTFOUND if there is
// no such campaign, EINVALID announce.err_not_revisable if it does not.
func (tx *Tx) ReviseCampaign(id uint64, c aulabot.Campaign) (aulabot.Campaign, error) {
	orig, ok, err := tx.Campaign(id)
	switch {
	case err != nil:
		return c, err
	case !ok:
		return c, aulabot.Errorf(aulabot.ENOTFOUND, "announce.err_not_found")
	case orig.Ref == "":
		return c, aulabot.Errorf(aulabot.EINVALID, "announce.err_not_revisable")
	}
	if orig.Revision != 0 {
		if _, err := tx.CancelCampaign(orig.Revision); err != nil {
			return c, err
		}
	}
	c.Revises, c.Ref = id, orig.Ref
	people, err := tx.audience(c)
	if err != nil {
		return c, err
	}
	if err := tx.rewriteQueued(id, c); err != nil {
		return c, err
	}
	if len(people) > 0 || !orig.Active() {
		if c, err = tx.createCampaign(c, people); err != nil {
			return c, err
		}
	}
	orig.Revision = c.ID
	return c, tx.PutCampaign(orig)
}

// messageFor is campaign c's message for user: in their language if c
// has one for it (picked, else Telegram's if the bot speaks it), else
// c.Message.
func (tx *Tx) messageFor(c aulabot.Campaign, user int64) (aulabot.Message, error) {
	if len(c.Localized) == 0 {
		return c.Message, nil
	}
	u, ok, err := tx.User(user)
	if err != nil {
		return c.Message, err
	}
	if l, found := c.Localized[u.Language("-")]; ok && found {
		return l, nil
	}
	return c.Message, nil
}

// rewriteQueued rewrites the messages of campaign id that wait in the
// outbox into revision c's text and buttons, so that nobody is notified
// of what c corrects; c's edit of each then changes nothing. A message
// the outbox is sending at that moment goes as it was, and c's edit
// corrects it.
func (tx *Tx) rewriteQueued(id uint64, c aulabot.Campaign) error {
	keys, outs := tx.campaignRecords(bCampaignOut, id, -1) // the recipients being sent to
	for i, k := range keys {
		if len(outs[i]) != 8 {
			continue
		}
		m, ok, err := tx.outboxMessage(fromU64(outs[i]))
		if err != nil {
			return err
		}
		if !ok {
			continue // sent meanwhile
		}
		rev, err := tx.messageFor(c, fromI64(k[8:]))
		if err != nil {
			return err
		}
		m.Text, m.Inline = rev.Text, rev.Inline
		if err := tx.put(bOutbox, u64(m.ID), m); err != nil {
			return err
		}
	}
	return nil
}

// createCampaign stores c with people queued.
func (tx *Tx) createCampaign(c aulabot.Campaign, people []int64) (_ aulabot.Campaign, err error) {
	if c.ID, err = tx.nextID(bCampaigns); err != nil {
		return c, err
	}
	c.Created, c.Counts = tx.now, aulabot.CampaignCounts{}
	if c.Owner == "" {
		if c.Number, err = tx.nextAnnouncement(); err != nil {
			return c, err
		}
	}
	for _, p := range people {
		if err := tx.queueRecipient(&c, p); err != nil {
			return c, err
		}
	}
	return c, tx.PutCampaign(c)
}

// keyAnnouncements holds the last announcement's Number (in bMeta).
var keyAnnouncements = []byte("announcements")

// nextAnnouncement counts one more announcement and returns its Number.
func (tx *Tx) nextAnnouncement() (uint64, error) {
	meta := tx.bucket(bMeta)
	var n uint64
	if b := meta.Get(keyAnnouncements); len(b) == 8 {
		n = fromU64(b)
	}
	n++
	return n, meta.Put(keyAnnouncements, u64(n))
}

// queueRecipient adds user to campaign c's recipients, queued (c is
// stored by the caller).
func (tx *Tx) queueRecipient(c *aulabot.Campaign, user int64) error {
	if err := tx.setRecipient(c.ID, user, RecipientQueued); err != nil {
		return err
	}
	c.Counts.Total++
	c.Counts.Queued++
	return tx.bucket(bCampaignTodo).Put(rcptKey(c.ID, user), nil)
}

// AudienceSize counts the people c would reach now.
func (tx *Tx) AudienceSize(c aulabot.Campaign) (int, error) {
	people, err := tx.audience(c)
	return len(people), err
}

// audienceRoles are the roles each audience reaches (aulabot.InAudience).
var audienceRoles = map[string][]string{
	aulabot.AudienceTeachers: {aulabot.RoleTeacher},
	aulabot.AudienceStudents: {aulabot.RoleStudent},
	aulabot.AudienceAll:      {aulabot.RoleTeacher, aulabot.RoleStudent},
}

// audience is the people c would reach now: those the campaign it
// revises sent to or is sending to; the users in its audience; or,
// for aulabot.AudiencePending, the people whose onboarding is under way in
// their private chat (of c's university, if one is chosen yet and c has
// one) and who are no onboarded user.
func (tx *Tx) audience(c aulabot.Campaign) ([]int64, error) {
	var people []int64
	if c.Revises != 0 {
		keys, states := tx.campaignRecords(bCampaignRcpt, c.Revises, -1)
		for i, k := range keys {
			if s := codeName(states[i], recipientCodes); s == RecipientSent || s == RecipientSending {
				people = append(people, fromI64(k[8:]))
			}
		}
		return people, nil
	}
	if c.Audience != aulabot.AudiencePending {
		err := tx.UsersAt(c.University, audienceRoles[c.Audience], func(u aulabot.User) error {
			if c.Includes(u) {
				people = append(people, u.ID)
			}
			return nil
		})
		return people, err
	}
	err := tx.Onboarding(func(user int64, st aulabot.State) error {
		var d struct {
			University string `json:"uni"`
		}
		_ = json.Unmarshal(st.Data, &d)
		if c.University != "" && d.University != c.University {
			return nil
		}
		if u, ok, err := tx.User(user); err != nil || (ok && u.Onboarded()) {
			return err
		}
		people = append(people, user)
		return nil
	})
	return people, err
}

// Campaign reads campaign id.
func (tx *Tx) Campaign(id uint64) (c aulabot.Campaign, ok bool, err error) {
	ok, err = tx.get(bCampaigns, u64(id), &c)
	return c, ok, err
}

// PutCampaign stores c and keeps the index of active campaigns.
func (tx *Tx) PutCampaign(c aulabot.Campaign) error {
	if err := tx.put(bCampaigns, u64(c.ID), c); err != nil {
		return err
	}
	if c.Active() {
		return tx.bucket(bCampaignActive).Put(u64(c.ID), nil)
	}
	return tx.bucket(bCampaignActive).Delete(u64(c.ID))
}

// ActiveCampaigns returns the scheduled and running campaigns, oldest first.
func (tx *Tx) ActiveCampaigns() ([]aulabot.Campaign, error) {
	var cs []aulabot.Campaign
	err := tx.bucket(bCampaignActive).ForEach(func(k, _ []byte) error {
		c, ok, err := tx.Campaign(fromU64(k))
		if ok {
			cs = append(cs, c)
		}
		return err
	})
	return cs, err
}

// Recipient returns the state of campaign id's recipient user ("" if the
// person is not one).
func (tx *Tx) Recipient(id uint64, user int64) string {
	return codeName(tx.bucket(bCampaignRcpt).Get(rcptKey(id, user)), recipientCodes)
}

// codeName is the name whose one-byte code v is, "" for none.
func codeName(v []byte, codes map[string]byte) string {
	for name, code := range codes {
		if len(v) == 1 && v[0] == code {
			return name
		}
	}
	return ""
}

func (tx *Tx) setRecipient(id uint64, user int64, state string) error {
	return tx.bucket(bCampaignRcpt).Put(rcptKey(id, user), []byte{recipientCodes[state]})
}

// FeedCampaigns moves the campaigns along, at the transaction's time:
// scheduled ones whose time came start; the outcome of every message the
// outbox settled is recorded (sent, blocked: the person is unreachable,
// failed: refused or out of retries); then queued recipients are handed
// to the outbox, oldest campaign first, until room messages of all
// campaigns are in it. People marked unreachable are counted as blocked
// without a message. A running campaign with nobody left is done. It
// returns the running campaigns and those it finished, as stored.
func (tx *Tx) FeedCampaigns(room int) ([]aulabot.Campaign, error) {
	active, err := tx.ActiveCampaigns()
	if err != nil {
		return nil, err
	}
	var running []aulabot.Campaign
	for _, c := range active {
		if c.State == aulabot.CampaignScheduled && !c.At.After(tx.now) {
			c.State, c.Started = aulabot.CampaignRunning, tx.now
		}
		if c.State != aulabot.CampaignRunning {
			continue
		}
		if err := tx.settleCampaign(&c); err != nil {
			return nil, err
		}
		room -= c.Counts.Sending
		running = append(running, c)
	}
	for i := range running {
		c := &running[i]
		if room > 0 && c.Counts.Queued > 0 {
			n, err := tx.feedCampaign(c, room)
			if err != nil {
				return nil, err
			}
			room -= n
		}
		if c.Counts.Left() == 0 {
			c.State, c.Ended = aulabot.CampaignDone, tx.now
		}
		if err := tx.PutCampaign(*c); err != nil {
			return nil, err
		}
	}
	return running, nil
}

// settleCampaign records what became of c's messages the outbox no longer
// holds.
func (tx *Tx) settleCampaign(c *aulabot.Campaign) error {
	keys, msgs := tx.campaignRecords(bCampaignOut, c.ID, -1)
	for i, k := range keys {
		if tx.bucket(bOutbox).Get(msgs[i]) != nil {
			continue // still in the outbox
		}
		user := fromI64(k[8:])
		state := RecipientSent
		switch reason := tx.deadReason(user, fromU64(msgs[i])); {
		case reason == DeadUnreachable:
			state = RecipientBlocked
			c.Counts.Blocked++
		case reason != "":
			state = RecipientFailed
			c.Counts.Failed++
		default:
			c.Counts.Sent++
		}
		c.Counts.Sending--
		if err := tx.setRecipient(c.ID, user, state); err != nil {
			return err
		}
		if err := tx.bucket(bCampaignOut).Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// deadReason is why message id to chat is a dead letter, or "" if it is
// not one. It reads only that chat's dead letters.
func (tx *Tx) deadReason(chat int64, id uint64) string {
	prefix := i64(chat)
	c := tx.bucket(bOutboxDeadChat).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) == 24 && fromU64(k[16:]) == id {
			var d DeadLetter
			if ok, err := tx.get(bOutboxDead, k[8:], &d); ok && err == nil {
				return d.Reason
			}
			return DeadRetries
		}
	}
	return ""
}

// feedCampaign hands up to room of c's queued recipients to the outbox
// and returns how many it queued.
func (tx *Tx) feedCampaign(c *aulabot.Campaign, room int) (int, error) {
	todo, _ := tx.campaignRecords(bCampaignTodo, c.ID, room+campaignFeedScan)
	queued := 0
	for _, k := range todo {
		if queued == room {
			break
		}
		user := fromI64(k[8:])
		if err := tx.leaveTodo(k); err != nil {
			return queued, err
		}
		c.Counts.Queued--
		if tx.bucket(bUnreachable).Get(i64(user)) != nil {
			c.Counts.Blocked++
			if err := tx.setRecipient(c.ID, user, RecipientBlocked); err != nil {
				return queued, err
			}
			continue
		}
		m, err := tx.messageFor(*c, user)
		if err != nil {
			return queued, err
		}
		m.ChatID, m.Key, m.Lane = user, campaignKey(c.ID, user), aulabot.BulkLane
		if ref := c.Ref + strconv.FormatInt(user, 10); c.Ref != "" && c.Revises == 0 {
			m.Ref = ref
		} else if c.Ref != "" {
			m.EditRef = ref
		}
		id, err := tx.Enqueue(m)
		if err != nil {
			return queued, err
		}
		if id == 0 { // its key was used: the outbox sent it before
			c.Counts.Sent++
			if err := tx.setRecipient(c.ID, user, RecipientSent); err != nil {
				return queued, err
			}
			continue
		}
		if err := tx.bucket(bCampaignOut).Put(k, u64(id)); err != nil {
			return queued, err
		}
		if err := tx.setRecipient(c.ID, user, RecipientSending); err != nil {
			return queued, err
		}
		c.Counts.Sending++
		queued++
	}
	return queued, nil
}

// CancelCampaign stops campaign id: recipients still queued and messages
// still in the outbox are not sent (counted as cancelled; one the outbox
// is handing to Telegram at that moment may still arrive, and is then
// counted as sent: lateCampaignMessage). It returns the campaign as
// stored; a campaign that is over is returned unchanged.
func (tx *Tx) CancelCampaign(id uint64) (aulabot.Campaign, error) {
	c, ok, err := tx.Campaign(id)
	if err != nil || !ok || !c.Active() {
		if err == nil && !ok {
			err = aulabot.Errorf(aulabot.ENOTFOUND, "announce.err_not_found")
		}
		return c, err
	}
	if err := tx.settleCampaign(&c); err != nil {
		return c, err
	}
	if _, err := tx.CancelOutbox(campaignKeys(id)); err != nil {
		return c, err
	}
	for _, b := range []string{bCampaignTodo, bCampaignOut} {
		keys, _ := tx.campaignRecords(b, id, -1)
		for _, k := range keys {
			del := tx.bucket(b).Delete
			if b == bCampaignTodo {
				del = tx.leaveTodo
			}
			if err := del(k); err != nil {
				return c, err
			}
			if err := tx.setRecipient(id, fromI64(k[8:]), RecipientCancelled); err != nil {
				return c, err
			}
		}
	}
	c.Counts.Cancelled += c.Counts.Left()
	c.Counts.Queued, c.Counts.Sending = 0, 0
	c.State, c.Ended = aulabot.CampaignCancelled, tx.now
	return c, tx.PutCampaign(c)
}

// lateCampaignMessage records campaign message d, which reached Telegram
// after CancelCampaign took it out of the outbox (it was on its way): its
// recipient, counted as cancelled, is counted as sent, the message is
// remembered under its ref, and the campaign's latest revision (the edit
// that says a training was cancelled) edits it too, as it edits those
// sent before. A message of no campaign, or whose recipient is no longer
// recorded as cancelled (they deleted their data), changes nothing.
func (tx *Tx) lateCampaignMessage(d Delivery) error {
	id, user, ok := parseCampaignKey(d.Key)
	if !ok || d.MessageID == 0 || tx.Recipient(id, user) != RecipientCancelled {
		return nil
	}
	c, ok, err := tx.Campaign(id)
	if err != nil || !ok {
		return err
	}
	c.Counts.Cancelled--
	c.Counts.Sent++
	if err := tx.setRecipient(id, user, RecipientSent); err != nil {
		return err
	}
	if err := tx.PutCampaign(c); err != nil {
		return err
	}
	if d.Ref != "" {
		if err := tx.PutRef(d.Ref, d.Chat, d.MessageID); err != nil {
			return err
		}
	}
	if c.Revision == 0 {
		return nil
	}
	r, ok, err := tx.Campaign(c.Revision)
	if err != nil || !ok || r.State == aulabot.CampaignCancelled || tx.Recipient(r.ID, user) != "" {
		return err
	}
	if err := tx.queueRecipient(&r, user); err != nil {
		return err
	}
	if r.State == aulabot.CampaignDone {
		r.State, r.Ended = aulabot.CampaignRunning, time.Time{}
	}
	return tx.PutCampaign(r)
}

// parseCampaignKey is the campaign and the recipient of campaignKey k.
func parseCampaignKey(k string) (id uint64, user int64, ok bool) {
	rest, found := strings.CutPrefix(k, campaignKeyPrefix)
	sid, suser, found2 := strings.Cut(rest, ":")
	if !found || !found2 {
		return 0, 0, false
	}
	id, err1 := strconv.ParseUint(sid, 10, 64)
	user, err2 := strconv.ParseInt(suser, 10, 64)
	return id, user, err1 == nil && err2 == nil && campaignKey(id, user) == k
}

// leaveTodo takes recipient key k (campaign, user) off the campaign's
// queue and puts the campaign among the person's (bCampaignUser): every
// recipient leaves the queue once, handed to the outbox or cancelled, in
// small transactions, so a campaign's creation writes no index.
func (tx *Tx) leaveTodo(k []byte) error {
	if err := tx.bucket(bCampaignTodo).Delete(k); err != nil {
		return err
	}
	return tx.bucket(bCampaignUser).Put(userCampaignKey(fromI64(k[8:]), fromU64(k[:8])), nil)
}

// userCampaignKey is the key of campaign id among user's (bCampaignUser).
func userCampaignKey(user int64, id uint64) []byte { return append(i64(user), u64(id)...) }

// userCampaigns returns the campaigns user is a recipient of: those the
// index by person gives (handed to the outbox or cancelled), whose
// entries it removes, and the scheduled and running campaigns that still
// hold them in their queue; not every campaign.
func (tx *Tx) userCampaigns(user int64) ([]uint64, error) {
	var ids []uint64
	prefix := i64(user)
	c := tx.bucket(bCampaignUser).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		ids = append(ids, fromU64(k[8:]))
		if err := c.Delete(); err != nil {
			return nil, err
		}
	}
	err := tx.bucket(bCampaignActive).ForEach(func(k, _ []byte) error {
		if id := fromU64(k); tx.bucket(bCampaignTodo).Get(rcptKey(id, user)) != nil && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

// eraseCampaignRecipient removes user from the records of every campaign
// they are a recipient of (userCampaigns; the counts keep them, as
// erased).
func (tx *Tx) eraseCampaignRecipient(user int64) error {
	ids, err := tx.userCampaigns(user)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if tx.bucket(bCampaignRcpt).Get(rcptKey(id, user)) == nil {
			continue // no record of them: nothing to erase
		}
		c, _, err := tx.Campaign(id)
		if err != nil {
			return err
		}
		n := &c.Counts
		counts := map[string]*int{RecipientQueued: &n.Queued, RecipientSending: &n.Sending, RecipientSent: &n.Sent,
			RecipientBlocked: &n.Blocked, RecipientFailed: &n.Failed, RecipientCancelled: &n.Cancelled}
		if p := counts[tx.Recipient(id, user)]; p != nil {
			*p--
		}
		n.Erased++
		for _, b := range []string{bCampaignRcpt, bCampaignTodo, bCampaignOut} {
			if err := tx.bucket(b).Delete(rcptKey(id, user)); err != nil {
				return err
			}
		}
		if err := tx.PutCampaign(c); err != nil {
			return err
		}
	}
	return nil
}
