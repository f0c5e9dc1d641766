package handlers_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aulabot/aulabot/handlers"
)

// check runs the whole content check on data named with ext, reading the
// container from memory.
func check(ext string, data []byte) int {
	head := data[:min(len(data), handlers.SniffLen)]
	v := handlers.SniffAttachment(ext, head)
	if v == handlers.SniffContainer {
		v = handlers.InspectContainer(ext, head, bytes.NewReader(data), int64(len(data)))
	}
	return v
}

func TestSniffAttachment(t *testing.T) {
	txt := []byte("2026-03-10 10:00 error: login failed for user\n")
	for _, tc := range []struct {
		name string
		ext  string
		data []byte
		want int
	}{
		{"pdf", ".pdf", pdfFile(), handlers.SniffOK},
		{"png", ".png", pngFile(t), handlers.SniffOK},
		{"png named jpg", ".jpg", pngFile(t), handlers.SniffOK}, // a picture is a picture
		{"picture without a name", "", pngFile(t), handlers.SniffOK},
		{"text", ".txt", txt, handlers.SniffOK},
		{"utf-16 csv", ".csv", []byte{0xFF, 0xFE, 'a', 0, ';', 0, 'b', 0}, handlers.SniffOK},
		{"docx", ".docx", docxFile(t, false), handlers.SniffOK},
		{"doc", ".doc", oleFile("WordDocument", "1Table", "\x05SummaryInformation"), handlers.SniffOK},
		{"odt", ".odt", zipFile(t, "mimetype", "content.xml", "Basic/script-lc.xml", "Basic/Standard/script-lb.xml"), handlers.SniffOK},

		{"program named .pdf", ".pdf", peFile(), handlers.SniffExecutable},
		{"program named .txt", ".txt", peFile(), handlers.SniffExecutable},
		{"ELF named .png", ".png", elfFile(), handlers.SniffExecutable},
		{"Mach-O named .docx", ".docx", machOFile(), handlers.SniffExecutable},
		{"script named .log", ".log", []byte("#!/bin/sh\nrm -rf ~\n"), handlers.SniffExecutable},

		{"docx with a VBA project", ".docx", docxFile(t, true), handlers.SniffMacro},
		{"xlsx with a VBA project", ".xlsx", zipFile(t, "xl/workbook.xml", "xl/VBAProject.bin"), handlers.SniffMacro},
		{"doc with macros", ".doc", oleFile("WordDocument", "1Table", "Macros", "VBA", "dir"), handlers.SniffMacro},
		{"xls with macros (second directory sector)", ".xls", oleFile("Workbook", "a", "b", "c", "_VBA_PROJECT_CUR"), handlers.SniffMacro},
		{"odt with a Basic module", ".odt", zipFile(t, "mimetype", "content.xml", "Basic/Standard/Module1.xml"), handlers.SniffMacro},
		{"ods with a script", ".ods", zipFile(t, "mimetype", "Scripts/python/run.py"), handlers.SniffMacro},

		{"text named .pdf", ".pdf", txt, handlers.SniffMismatch},
		{"pdf named .png", ".png", pdfFile(), handlers.SniffMismatch},
		{"zip named .doc", ".doc", docxFile(t, false), handlers.SniffMismatch},
		{"ole named .docx", ".docx", oleFile("WordDocument"), handlers.SniffMismatch},
		{"binary named .csv", ".csv", []byte("a,b\x00\x01\x02"), handlers.SniffMismatch},
		{"empty pdf", ".pdf", nil, handlers.SniffMismatch},

		{"docx cut short", ".docx", docxFile(t, false)[:3000], handlers.SniffUnreadable},
		{"doc cut short", ".doc", oleFile("WordDocument")[:2048], handlers.SniffUnreadable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := check(tc.ext, tc.data); got != tc.want {
				t.Errorf("verdict %d, want %d", got, tc.want)
			}
		})
	}
}

// Whatever the bytes and the name, the check ends, never panics, never
// lets a program through, and passes a .pdf only if it starts as one.
func FuzzSniffAttachment(f *testing.F) {
	f.Add(".pdf", pdfFile())
	f.Add(".pdf", peFile())
	f.Add(".docx", docxFile(f, true))
	f.Add(".doc", oleFile("WordDocument", "Macros"))
	f.Add(".odt", zipFile(f, "Basic/Standard/Module1.xml"))
	f.Add(".png", pngFile(f))
	f.Add(".txt", []byte("#!/bin/sh"))
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		v := check(strings.ToLower(ext), data)
		if v < handlers.SniffOK || v > handlers.SniffUnreadable || v == handlers.SniffContainer {
			t.Fatalf("verdict %d", v)
		}
		if v == handlers.SniffOK {
			for _, magic := range []string{"MZ", "\x7fELF", "#!"} {
				if bytes.HasPrefix(data, []byte(magic)) {
					t.Fatalf("%q starting with %q passed", ext, magic)
				}
			}
			if strings.EqualFold(ext, ".pdf") && !bytes.HasPrefix(data, []byte("%PDF")) {
				t.Fatalf("a .pdf starting %.8q passed", data)
			}
		}
	})
}
