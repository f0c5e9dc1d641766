package handlers_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"testing"
	"unicode/utf16"
)

// Real files, made here, for the content checks.

func pngFile(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pdfFile() []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

// peFile starts like a Windows program.
func peFile() []byte {
	b := make([]byte, 1024)
	copy(b, "MZ\x90\x00\x03")
	binary.LittleEndian.PutUint32(b[0x3C:], 0x80)
	copy(b[0x80:], "PE\x00\x00")
	return b
}

func elfFile() []byte { return append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 200)...) }
func machOFile() []byte {
	return append([]byte{0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1}, make([]byte, 200)...)
}

// zipFile is an OOXML or OpenDocument container with the given entries
// (padded so that its directory is not in its first block).
func zipFile(t testing.TB, names ...string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		f, err := w.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(bytes.Repeat([]byte("<w:p>text</w:p>"), 4000))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func docxFile(t testing.TB, macro bool) []byte {
	names := []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"}
	if macro {
		names = append(names, "word/vbaProject.bin")
	}
	return zipFile(t, names...)
}

// oleFile is a compound file (.doc, .xls, .ppt) with 512-byte sectors:
// sector 0 is the allocation table, then the directory over two sectors
// (chained through the table), then padding. names are its directory
// entries after the root.
func oleFile(names ...string) []byte {
	const ss = 512
	const pad = 100                          // sectors of padding, so the file spans two blocks
	dirSectors := []uint32{pad + 1, pad + 2} // the directory lies after the padding
	n := int(pad + 3)
	b := make([]byte, (n+1)*ss)
	h := b[:ss]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(h[0x18:], 0x3E)
	binary.LittleEndian.PutUint16(h[0x1A:], 3)
	binary.LittleEndian.PutUint16(h[0x1C:], 0xFFFE)
	binary.LittleEndian.PutUint16(h[0x1E:], 9)
	binary.LittleEndian.PutUint16(h[0x20:], 6)
	binary.LittleEndian.PutUint32(h[0x2C:], 1)
	binary.LittleEndian.PutUint32(h[0x30:], dirSectors[0])
	binary.LittleEndian.PutUint32(h[0x38:], 4096)
	binary.LittleEndian.PutUint32(h[0x3C:], 0xFFFFFFFE)
	binary.LittleEndian.PutUint32(h[0x44:], 0xFFFFFFFE)
	for i := 0; i < 109; i++ {
		binary.LittleEndian.PutUint32(h[0x4C+4*i:], 0xFFFFFFFF)
	}
	binary.LittleEndian.PutUint32(h[0x4C:], 0) // the table is sector 0
	fat := b[ss : 2*ss]
	for i := 0; i < ss/4; i++ {
		binary.LittleEndian.PutUint32(fat[4*i:], 0xFFFFFFFF)
	}
	binary.LittleEndian.PutUint32(fat[0:], 0xFFFFFFFD)
	binary.LittleEndian.PutUint32(fat[4*dirSectors[0]:], dirSectors[1])
	binary.LittleEndian.PutUint32(fat[4*dirSectors[1]:], 0xFFFFFFFE)
	entries := append([]string{"Root Entry"}, names...)
	for i, name := range entries {
		sec := dirSectors[i/4]
		e := b[(int(sec)+1)*ss+128*(i%4):][:128]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			binary.LittleEndian.PutUint16(e[2*j:], c)
		}
		binary.LittleEndian.PutUint16(e[0x40:], uint16(2*len(u)+2))
		e[0x42] = 2
		if i == 0 {
			e[0x42] = 5
		}
	}
	return b
}
