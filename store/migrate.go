package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migrations change the schema; migrations[i] brings version i to i+1.
// Buckets are created (from the list in buckets.go) before they run, so a
// migration only moves or rewrites data. Append only; never edit a released one.
var migrations = []func(tx *bolt.Tx) error{
	func(tx *bolt.Tx) error { return nil }, // 0 -> 1: the initial buckets
	indexOutboxMigration,                   // 1 -> 2: outbox indexes by due time and chat
	ticketMessagesMigration,                // ticket messages in their own bucket; active ticket indexes
	outboxIndexMigration,                   // the sender's indexes, dated keys and refs
	questionIndexMigration,                 // questions by university and time, and by person; texts masked
	ticketOwnerMigration,                   // active tickets by owner; the active index's values are the owners
	attendanceJobMigration,                 // the queued "mark who came" prompts become jobs that ask only for a booked slot
	aliasAuthorMigration,                   // curated phrasings no longer name the coordinator who curated them
	eventJobsMigration,                     // trainings to come get the question at their end; their figures a day after it
	unmarkedJobMigration,                   // sessions to come get the reminder of attendance left unmarked
	eventIndexMigration,                    // the events by their end, and the answers by person
	courseNamedMigration,                   // the courses by the people they name besides their teachers
	userUniMigration,                       // the people by university and role
	incidentUserMigration,                  // the LMS incidents by the people whose reports and waits they hold
	ticketTouchedMigration,                 // the tickets by their last change
	onboardingMigration,                    // the people whose /start is under way
	campaignUserMigration,                  // the campaigns' recipients by person
	joinedMigration,                        // the people counted by the day they finished /start
	staffTicketsMigration,                  // the tickets by the members of staff who worked them
	announcementNumberMigration,            // announcements numbered apart from the other campaigns
	outboxChatMigration,                    // the outbox's messages by chat kept in memory, their bucket emptied
}

// SchemaVersion is the version this binary writes.
func SchemaVersion() int { return len(migrations) }

var keySchema = []byte("schema")

// migrate creates the missing buckets and runs the pending migrations,
// in one transaction. A panic or a memory fault while reading a damaged
// file becomes an error naming the file; nothing is written then.
func (s *Store) migrate() error {
	p, err := safely(func() error { return s.db.Update(s.migrateTx) })
	if p != nil {
		return damaged(s.path, "reading it during start-up failed (%v)", p)
	}
	if err != nil {
		return fmt.Errorf("migrate %s: %w", s.path, err)
	}
	return nil
}

// migrateTx is migrate's transaction.
func (s *Store) migrateTx(tx *bolt.Tx) error {
	for _, domain := range buckets {
		for _, name := range domain {
			if _, err := tx.CreateBucketIfNotExists([]byte(name)); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
	}
	// Until December 2026 the scrub filled the free pages with a bucket
	// of its own; a crash in the middle of one left it behind.
	if tx.Bucket([]byte(bOldScrub)) != nil {
		if err := tx.DeleteBucket([]byte(bOldScrub)); err != nil {
			return fmt.Errorf("delete the old scrub's bucket: %w", err)
		}
	}
	meta := tx.Bucket([]byte(bMeta))
	v := 0
	if b := meta.Get(keySchema); len(b) == 8 {
		v = int(binary.BigEndian.Uint64(b))
	}
	if v > len(migrations) {
		return fmt.Errorf("database schema %d is newer than this aulabot (%d): upgrade aulabot", v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		if err := migrations[v](tx); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	return meta.Put(keySchema, u64(uint64(v)))
}
