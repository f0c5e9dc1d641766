package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/aulabot/aulabot/store"
)

// restore puts the backup FILE in place of the database. It refuses while
// a bot runs on the database (the file is locked), and refuses a backup
// that fails the consistency check or was written by a newer aulabot. The
// database it replaces is kept next to it, renamed; the next start
// migrates the restored file forward if it is older.
func restore(_ context.Context, args []string, stdout, stderr io.Writer) error {
	s, fs, err := parseSettings("restore", args, os.Getenv, stderr)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: aulabot restore [--data aulabot.db] FILE")
		return errUsage
	}
	src, data := fs.Arg(0), s.DataPath
	refuse := func(format string, a ...any) error {
		return fmt.Errorf("restore of %s refused, %s not changed: %s", src, data, fmt.Sprintf(format, a...))
	}
	if err := store.Verify(src); err != nil {
		return refuse("the backup fails the consistency check (%s)", damage(err))
	}
	v, err := schemaOf(src)
	if err != nil {
		return refuse("%v", err)
	}
	if known := knownSchema(); v > known {
		return refuse("the backup was written by a newer aulabot (schema %d, this one knows %d): restore it with that version or a later one", v, known)
	}
	// Hold the database's lock (shared) while the files change places: a
	// running bot holds it exclusively, so this fails while one runs.
	if _, err := os.Stat(data); err == nil {
		cur, err := store.Open(data, store.Options{ReadOnly: true, Timeout: 300 * time.Millisecond})
		if errors.Is(err, store.ErrLocked) {
			return refuse("a bot is running on it: stop it first (systemctl stop aulabot), then restore")
		}
		if err == nil {
			defer cur.Close()
		}
		// A damaged current database may be replaced: that is what
		// backups are for.
	}
	n, err := copyFile(src, data)
	if err != nil {
		return refuse("%v", err)
	}
	kept := ""
	if _, err := os.Stat(data); err == nil {
		kept = fmt.Sprintf("%s.before-restore-%s", data, time.Now().UTC().Format("20060102T150405Z"))
		if err := os.Rename(data, kept); err != nil {
			os.Remove(data + ".restoring")
			return refuse("%v", err)
		}
	}
	if err := os.Rename(data+".restoring", data); err != nil {
		return fmt.Errorf("restore of %s: %w (the previous database is %s)", src, err, kept)
	}
	syncDir(filepath.Dir(data))
	fmt.Fprintf(stdout, "restored %s to %s (%d bytes, schema %d", src, data, n, v)
	if known := knownSchema(); v < known {
		fmt.Fprintf(stdout, ", migrated to %d at the next start", known)
	}
	fmt.Fprint(stdout, ")")
	if kept != "" {
		fmt.Fprintf(stdout, "; the previous database is kept as %s", kept)
	}
	fmt.Fprintln(stdout)
	return nil
}

// knownSchema is the newest schema this binary reads; a test lowers it to
// play an older aulabot.
var knownSchema = store.SchemaVersion

// schemaOf is the schema version of the database file at path, read
// without changing it.
func schemaOf(path string) (int, error) {
	st, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 300 * time.Millisecond})
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return st.Schema()
}

// copyFile copies src to data+".restoring", synced to disk.
func copyFile(src, data string) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(data+".restoring", os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
	}
	return n, err
}

// syncDir makes the renames in dir durable; where directories cannot be
// synced the rename is still atomic.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
