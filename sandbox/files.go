package sandbox

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif" // decode photo sizes
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"path"
	"strings"
	"time"
)

// storedFile is an uploaded file with its bytes.
type storedFile struct {
	file          File
	data          []byte
	width, height int
}

// storeFileLocked keeps data as a new file and returns its description.
func (s *Server) storeFileLocked(name, mime string, data []byte, photo bool) *File {
	s.nextFile++
	n := s.nextFile
	f := File{ID: fmt.Sprintf("file-%d", n), UniqueID: fmt.Sprintf("u%d", n), Name: path.Base(name), MIME: mime, Size: len(data), Photo: photo}
	sf := &storedFile{data: data}
	if photo {
		f.Path = fmt.Sprintf("photos/file_%d.jpg", n)
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
			sf.width, sf.height = cfg.Width, cfg.Height
		}
	} else {
		if f.Name == "." || f.Name == "/" {
			f.Name = "file"
		}
		f.Path = fmt.Sprintf("documents/file_%d_%s", n, f.Name)
	}
	if f.MIME == "" {
		f.MIME = http.DetectContentType(data)
	}
	sf.file = f
	s.files[f.ID] = sf
	s.fileOrder = append(s.fileOrder, f.ID)
	var gone []string
	s.fileOrder, gone = keepLast(s.fileOrder, s.opts.Bounds.Files)
	for _, id := range gone {
		delete(s.files, id)
	}
	return &sf.file
}

// FileData returns the bytes of a file by id.
func (s *Server) FileData(fileID string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[fileID]
	if !ok {
		return nil, false
	}
	return f.data, true
}

func (s *Server) sendDocument(ctx context.Context, p params) (any, *apiError) {
	return s.sendMedia(ctx, p, "document")
}

func (s *Server) sendPhoto(ctx context.Context, p params) (any, *apiError) {
	return s.sendMedia(ctx, p, "photo")
}

func (s *Server) sendMedia(ctx context.Context, p params, field string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, err := s.newBotMessageLocked(p, "caption", maxCaption, true)
	if err != nil {
		return nil, err
	}
	photo := field == "photo"
	if up, ok := p.files[field]; ok {
		if len(up.data) == 0 {
			return nil, badRequest("file must be non-empty")
		}
		if photo {
			if _, _, err := image.DecodeConfig(bytes.NewReader(up.data)); err != nil {
				return nil, badRequest("IMAGE_PROCESS_FAILED")
			}
		}
		if err := s.allowSendLocked(c); err != nil {
			return nil, err
		}
		m.File = s.storeFileLocked(up.name, up.mime, up.data, photo)
	} else {
		id := p.str(field)
		if id == "" {
			return nil, badRequest("there is no %s in the request", field)
		}
		if strings.HasPrefix(id, "http://") || strings.HasPrefix(id, "https://") {
			return nil, badRequest("failed to get HTTP URL content")
		}
		sf, ok := s.files[id]
		if !ok {
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		}
		if err := s.allowSendLocked(c); err != nil {
			return nil, err
		}
		f := sf.file
		m.File = &f
	}
	return s.apiMessageLocked(c, s.sentLocked(ctx, c, m), true), nil
}

func (s *Server) getFile(_ context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[p.str("file_id")]
	if !ok {
		return nil, badRequest("invalid file_id")
	}
	return map[string]any{"file_id": f.file.ID, "file_unique_id": f.file.UniqueID, "file_size": f.file.Size, "file_path": f.file.Path}, nil
}

// serveFile serves /file/bot<token>/<path> downloads.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	token, p, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/file/bot"), "/")
	if token != s.opts.Token {
		writeError(w, &apiError{Code: 401, Desc: "Unauthorized"})
		return
	}
	s.mu.Lock()
	var found *storedFile
	for _, f := range s.files {
		if f.file.Path == p {
			found = f
		}
	}
	s.mu.Unlock()
	if found == nil {
		writeError(w, &apiError{Code: 404, Desc: "Not Found"})
		return
	}
	ct := found.file.MIME
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	http.ServeContent(w, r, found.file.Name, time.Time{}, bytes.NewReader(found.data)) // Range requests too, as Telegram's file server
}
