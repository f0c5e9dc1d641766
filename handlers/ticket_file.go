package handlers

import (
	"context"
	"path"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// FileReader reads part of a file a person sent, by its Telegram file id:
// up to n bytes from offset (a negative offset counts back from the end),
// and the file's size. bot.Client implements it. Its errors are network
// errors: the person may send the file again.
type FileReader interface {
	ReadFile(ctx context.Context, fileID string, offset, n int64) ([]byte, int64, error)
}

// Attachments the team can open on any phone: pictures, PDF, Office and
// OpenDocument files, plain text.
var ticketFileExt = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".heic": true,
	".pdf": true, ".txt": true, ".log": true, ".csv": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".ods": true, ".odp": true,
}

// Office formats whose extension says they carry macros.
var macroExt = map[string]bool{
	".docm": true, ".dotm": true, ".xlsm": true, ".xltm": true, ".xlam": true,
	".pptm": true, ".potm": true, ".ppsm": true, ".ppam": true, ".sldm": true,
}

const maxTicketFile = 20 << 20 // what bots may download

// messageFiles is the update's attachment and those of more parts of its
// album, checked, as the files of one ticket message: none when the
// message has no file.
func (h *Handlers) messageFiles(c *Ctx, more []service.Part) ([]aulabot.TicketFile, error) {
	if c.U.File == nil {
		return nil, nil
	}
	f, err := h.ticketFile(c)
	if err != nil {
		return nil, err
	}
	files := []aulabot.TicketFile{f}
	for _, p := range more {
		if f, err = h.fileOf(c, p.File, p.Source); err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// fileOf is ticketFile for file f of the person's message msg, sent before
// the update of c (a part of an album, a question's screenshot).
func (h *Handlers) fileOf(c *Ctx, f aulabot.File, msg int) (aulabot.TicketFile, error) {
	u := c.U
	defer func() { c.U = u }()
	c.U.File, c.U.MessageID = &f, msg
	return h.ticketFile(c)
}

// ticketFile checks the update's attachment: its kind, size and name, then
// (for a document, when h.Files is set) its content, which it reads over
// the network: never call it inside a transaction. Errors: EINVALID
// ticket.err_file_type, ticket.err_file_macro, ticket.err_file_executable,
// ticket.err_file_mismatch, ticket.err_file_uncheckable; ECONFLICT
// ticket.err_file_unreadable (the content could not be read: retry).
func (h *Handlers) ticketFile(c *Ctx) (aulabot.TicketFile, error) {
	f := c.U.File
	ext := strings.ToLower(path.Ext(f.Name))
	ok := f.ID != ""
	switch {
	case !ok:
	case f.Kind == "photo", f.Kind == aulabot.FileVoice, f.Kind == aulabot.FileVideo:
		// Copied as Telegram holds them, never downloaded, so of any
		// size: a phone's screen recording is often over 20 MB.
	case f.Size > maxTicketFile:
		ok = false
	case f.Kind == "document" && macroExt[ext]:
		return aulabot.TicketFile{}, aulabot.Errorf(aulabot.EINVALID, "ticket.err_file_macro")
	case f.Kind == "document":
		ok = ticketFileExt[ext] || (ext == "" && strings.HasPrefix(f.MIME, "image/") && f.MIME != "image/svg+xml")
	default:
		ok = false
	}
	if !ok {
		return aulabot.TicketFile{}, aulabot.Errorf(aulabot.EINVALID, "ticket.err_file_type")
	}
	if f.Kind == "document" && h.Files != nil {
		if err := h.checkContent(c, f, ext); err != nil {
			return aulabot.TicketFile{}, err
		}
	}
	return aulabot.TicketFile{File: *f, ChatID: c.U.ChatID, MessageID: c.U.MessageID}, nil
}

// checkContent reads the head of document f (and, for an Office or
// OpenDocument container, its directory) and refuses what the content
// shows to be unsafe or not what the name says (sniffAttachment).
func (h *Handlers) checkContent(c *Ctx, f *aulabot.File, ext string) error {
	head, size, err := h.Files.ReadFile(c, f.ID, 0, sniffLen)
	if err != nil {
		h.Log.Warn("read attachment", "file", f.ID, "err", err)
		return aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_file_unreadable")
	}
	if size <= 0 {
		size = int64(f.Size)
	}
	verdict := sniffAttachment(ext, head)
	if verdict == sniffContainer {
		rf := &remoteFile{ctx: c, r: h.Files, id: f.ID, size: size}
		verdict = inspectContainer(ext, head, rf, size)
		if verdict == sniffUnreadable && rf.netErr != nil {
			h.Log.Warn("read attachment", "file", f.ID, "err", rf.netErr)
			return aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_file_unreadable")
		}
	}
	switch verdict {
	case sniffOK:
		return nil
	case sniffExecutable:
		return aulabot.Errorf(aulabot.EINVALID, "ticket.err_file_executable")
	case sniffMacro:
		return aulabot.Errorf(aulabot.EINVALID, "ticket.err_file_macro")
	case sniffMismatch:
		return aulabot.Errorf(aulabot.EINVALID, "ticket.err_file_mismatch", "ext", ext)
	}
	return aulabot.Errorf(aulabot.EINVALID, "ticket.err_file_uncheckable")
}

// remoteFile reads a file a person sent in blocks, for the container
// checks (archive/zip reads its directory from the end, OLE files keep
// theirs anywhere), within a budget of requests.
type remoteFile struct {
	ctx    context.Context
	r      FileReader
	id     string
	size   int64
	blocks map[int64][]byte
	reads  int
	netErr error
}

const (
	remoteBlock    = 32 << 10
	remoteMaxReads = 16
)

// ReadAt implements io.ReaderAt.
func (f *remoteFile) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= f.size {
		return 0, errOutside
	}
	if f.blocks == nil {
		f.blocks = map[int64][]byte{}
	}
	n := 0
	for n < len(p) && off+int64(n) < f.size {
		pos := off + int64(n)
		bi := pos / remoteBlock
		b, ok := f.blocks[bi]
		if !ok {
			if f.reads >= remoteMaxReads {
				return n, errBudget
			}
			f.reads++
			var err error
			b, _, err = f.r.ReadFile(f.ctx, f.id, bi*remoteBlock, remoteBlock)
			if err != nil {
				f.netErr = err
				return n, err
			}
			f.blocks[bi] = b
		}
		in := pos - bi*remoteBlock
		if in >= int64(len(b)) {
			return n, errOutside
		}
		n += copy(p[n:], b[in:])
	}
	if n < len(p) {
		return n, errOutside
	}
	return n, nil
}
