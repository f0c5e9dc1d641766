package handlers

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"unicode/utf16"
)

// Checking an attachment by what it contains as well as by its name: the
// first bytes must be those of the format the extension names, and never
// those of a program; Office and OpenDocument containers are opened to
// look for macros.

// sniffLen is how much of the head of a file the check reads first.
const sniffLen = 512

// Verdicts of the content check.
const (
	sniffOK         = iota
	sniffExecutable // a program or a script
	sniffMacro      // an Office or OpenDocument file with macros
	sniffMismatch   // the content is not what the extension says
	sniffContainer  // a container whose directory must be read (inspectContainer)
	sniffUnreadable // the container could not be read far enough to tell
)

var (
	errOutside = io.EOF
	errBudget  = errors.New("read budget exhausted")
)

var (
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicZip = [][]byte{[]byte("PK\x03\x04"), []byte("PK\x05\x06")}
)

// executable reports whether head starts like a program or a script:
// Windows (MZ), Linux (ELF), macOS (Mach-O, also universal binaries) or a
// "#!" script.
func executable(head []byte) bool {
	for _, m := range [][]byte{
		[]byte("MZ"), []byte("\x7fELF"), []byte("#!"),
		{0xFE, 0xED, 0xFA, 0xCE}, {0xFE, 0xED, 0xFA, 0xCF}, {0xCE, 0xFA, 0xED, 0xFE}, {0xCF, 0xFA, 0xED, 0xFE},
		{0xCA, 0xFE, 0xBA, 0xBE},
	} {
		if bytes.HasPrefix(head, m) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(b []byte, ms ...[]byte) bool {
	for _, m := range ms {
		if bytes.HasPrefix(b, m) {
			return true
		}
	}
	return false
}

// isImage reports whether head is a picture the team's phones show.
func isImage(head []byte) bool {
	return hasAnyPrefix(head, []byte("\x89PNG\r\n\x1a\n"), []byte{0xFF, 0xD8, 0xFF}, []byte("GIF87a"), []byte("GIF89a")) ||
		(len(head) >= 12 && bytes.Equal(head[:4], []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WEBP"))) ||
		heif(head)
}

// heif reports whether head is an ISO media file of the HEIC family.
func heif(head []byte) bool {
	if len(head) < 12 || !bytes.Equal(head[4:8], []byte("ftyp")) {
		return false
	}
	switch string(head[8:12]) {
	case "heic", "heix", "hevc", "hevx", "mif1", "msf1", "heim", "heis":
		return true
	}
	return false
}

// isText reports whether head is plain text: no NUL byte, unless it is
// UTF-16 with its byte-order mark.
func isText(head []byte) bool {
	if hasAnyPrefix(head, []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}) {
		return true
	}
	return bytes.IndexByte(head, 0) < 0
}

// sniffAttachment checks the head of a document whose name ends in ext
// (lower case, with the dot; "" for a picture sent without a name).
func sniffAttachment(ext string, head []byte) int {
	if executable(head) {
		return sniffExecutable
	}
	switch ext {
	case ".pdf":
		if !bytes.HasPrefix(head, []byte("%PDF-")) {
			return sniffMismatch
		}
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", "":
		if !isImage(head) {
			return sniffMismatch
		}
	case ".txt", ".log", ".csv":
		if !isText(head) {
			return sniffMismatch
		}
	case ".doc", ".xls", ".ppt":
		if !bytes.HasPrefix(head, magicOLE) {
			return sniffMismatch
		}
		return sniffContainer
	case ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp":
		if !hasAnyPrefix(head, magicZip...) {
			return sniffMismatch
		}
		return sniffContainer
	default:
		return sniffMismatch
	}
	return sniffOK
}

// inspectContainer looks inside an Office (OLE or OOXML) or OpenDocument
// file of size bytes for macros: a VBA project, or OpenDocument Basic or
// scripts.
func inspectContainer(ext string, head []byte, r io.ReaderAt, size int64) int {
	var names []string
	var err error
	if bytes.HasPrefix(head, magicOLE) {
		names, err = oleNames(r, size)
	} else {
		names, err = zipNames(r, size)
	}
	if err != nil {
		return sniffUnreadable
	}
	for _, n := range names {
		if macroName(n) {
			return sniffMacro
		}
	}
	return sniffOK
}

// macroName reports whether a container entry holds macros: a VBA project
// (OOXML vbaProject.bin; OLE storages Macros, _VBA_PROJECT_CUR, VBA), or an
// OpenDocument Basic module (Basic/LIBRARY/MODULE.xml; the library lists
// alone are not code) or script (Scripts/...).
func macroName(n string) bool {
	l := strings.ToLower(n)
	switch {
	case strings.Contains(l, "vbaproject"), l == "macros", l == "_vba_project_cur", l == "_vba_project", l == "vba":
		return true
	case strings.HasPrefix(n, "Scripts/") && !strings.HasSuffix(n, "/"):
		return true
	case strings.HasPrefix(n, "Basic/") && strings.Count(n, "/") >= 2 && !strings.HasSuffix(n, "/"):
		return !strings.HasSuffix(n, "/script-lb.xml") && !strings.HasSuffix(n, "/dialog-lb.xml")
	}
	return false
}

// zipNames lists the entries of a zip file from its central directory
// (archive/zip reads only the end of the file and the directory).
func zipNames(r io.ReaderAt, size int64) ([]string, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(z.File))
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	return names, nil
}

// Limits of the OLE directory walk: enough for any real document.
const (
	oleMaxSectors = 4096 // directory and DIFAT sectors followed
	oleEnd        = 0xFFFFFFFE
)

// oleNames lists the names in an OLE compound file's directory (the
// storages and streams of a .doc, .xls or .ppt), following the directory's
// chain of sectors through the allocation table.
func oleNames(r io.ReaderAt, size int64) ([]string, error) {
	hdr := make([]byte, 512)
	if _, err := r.ReadAt(hdr, 0); err != nil {
		return nil, err
	}
	shift := binary.LittleEndian.Uint16(hdr[0x1E:])
	if shift != 9 && shift != 12 {
		return nil, errors.New("ole: bad sector size")
	}
	ssize := int64(1) << shift
	perFAT := ssize / 4
	sector := func(n uint32) (int64, error) {
		off := (int64(n) + 1) * ssize
		if off+ssize > size {
			return 0, errors.New("ole: sector outside the file")
		}
		return off, nil
	}
	// The allocation table's sectors: 109 in the header, more in the DIFAT chain.
	var fat []uint32
	for i := 0; i < 109; i++ {
		fat = append(fat, binary.LittleEndian.Uint32(hdr[0x4C+4*i:]))
	}
	next := binary.LittleEndian.Uint32(hdr[0x44:])
	buf := make([]byte, ssize)
	for steps := 0; next < oleEnd; steps++ {
		if steps >= oleMaxSectors {
			return nil, errors.New("ole: DIFAT too long")
		}
		off, err := sector(next)
		if err != nil {
			return nil, err
		}
		if _, err := r.ReadAt(buf, off); err != nil {
			return nil, err
		}
		for i := int64(0); i < perFAT-1; i++ {
			fat = append(fat, binary.LittleEndian.Uint32(buf[4*i:]))
		}
		next = binary.LittleEndian.Uint32(buf[4*(perFAT-1):])
	}
	nextInChain := func(n uint32) (uint32, error) {
		idx := int64(n) / perFAT
		if idx >= int64(len(fat)) || fat[idx] >= oleEnd {
			return 0, errors.New("ole: sector not in the allocation table")
		}
		off, err := sector(fat[idx])
		if err != nil {
			return 0, err
		}
		e := make([]byte, 4)
		if _, err := r.ReadAt(e, off+4*(int64(n)%perFAT)); err != nil {
			return 0, err
		}
		return binary.LittleEndian.Uint32(e), nil
	}
	var names []string
	seen := map[uint32]bool{}
	for dir := binary.LittleEndian.Uint32(hdr[0x30:]); dir < oleEnd; {
		if seen[dir] || len(seen) >= oleMaxSectors {
			return nil, errors.New("ole: directory chain loops")
		}
		seen[dir] = true
		off, err := sector(dir)
		if err != nil {
			return nil, err
		}
		if _, err := r.ReadAt(buf, off); err != nil {
			return nil, err
		}
		for e := int64(0); e+128 <= ssize; e += 128 {
			entry := buf[e : e+128]
			if entry[0x42] == 0 { // unused
				continue
			}
			nlen := int(binary.LittleEndian.Uint16(entry[0x40:]))
			if nlen < 2 || nlen > 64 {
				continue
			}
			u := make([]uint16, 0, nlen/2-1)
			for i := 0; i+1 < nlen-2; i += 2 {
				u = append(u, binary.LittleEndian.Uint16(entry[i:]))
			}
			names = append(names, string(utf16.Decode(u)))
		}
		if dir, err = nextInChain(dir); err != nil {
			return nil, err
		}
	}
	return names, nil
}
