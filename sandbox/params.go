package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// params are a method's arguments, whatever the request encoding.
type params struct {
	v     map[string]string
	files map[string]upload
}

type upload struct {
	name string
	mime string
	data []byte
}

// parseParams reads query, form, multipart or JSON parameters.
func parseParams(r *http.Request) (params, error) {
	p := params{v: map[string]string{}, files: map[string]upload{}}
	for k, vs := range r.URL.Query() {
		p.v[k] = vs[0]
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
		if err != nil {
			return p, err
		}
		if len(bytes.TrimSpace(body)) == 0 {
			return p, nil
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return p, errors.New("can't parse JSON object")
		}
		for k, raw := range m {
			var s string
			switch {
			case string(raw) == "null":
				continue
			case json.Unmarshal(raw, &s) == nil:
				p.v[k] = s
			default:
				p.v[k] = string(raw)
			}
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			return p, fmt.Errorf("can't parse multipart body: %v", err)
		}
		for k, vs := range r.MultipartForm.Value {
			p.v[k] = vs[0]
		}
		for k, fhs := range r.MultipartForm.File {
			f, err := fhs[0].Open()
			if err != nil {
				return p, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return p, err
			}
			p.files[k] = upload{name: fhs[0].Filename, mime: fhs[0].Header.Get("Content-Type"), data: data}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return p, fmt.Errorf("can't parse form: %v", err)
		}
		for k, vs := range r.PostForm {
			p.v[k] = vs[0]
		}
	}
	return p, nil
}

func (p params) str(k string) string { return p.v[k] }

// int64 parses an optional integer parameter.
func (p params) int64(k string) (int64, *apiError) {
	v := strings.TrimSpace(p.v[k])
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, badRequest("invalid %s specified", k)
	}
	return n, nil
}

func (p params) int(k string) (int, *apiError) {
	n, err := p.int64(k)
	return int(n), err
}

func (p params) bool(k string) bool {
	b, _ := strconv.ParseBool(p.v[k])
	return b
}
