package bot_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
)

// A file a user sent is read in parts, from Telegram's file server (the
// emulator here) with Range requests, and also from a server that
// ignores Range; the size comes from getFile.
func TestClient_ReadFile(t *testing.T) {
	data := make([]byte, 100_000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for _, ranges := range []bool{true, false} {
		t.Run(map[bool]string{true: "Range", false: "NoRange"}[ranges], func(t *testing.T) {
			sb := sandbox.New(sandbox.Options{})
			t.Cleanup(sb.Close)
			var sawRange bool
			hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Range") != "" {
					sawRange = true
				}
				if !ranges {
					r.Header.Del("Range")
				}
				sb.Handler().ServeHTTP(w, r)
			}))
			t.Cleanup(hs.Close)
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			c, err := bot.Dial(ctx, sb.Token(), sb.Endpoint(hs.URL))
			if err != nil {
				t.Fatal(err)
			}
			id := sb.SendDocument(7, 7, "log.txt", data, "").File.ID
			for _, tc := range []struct {
				off, n   int64
				from, to int
			}{{0, 512, 0, 512}, {-1000, 1000, len(data) - 1000, len(data)}, {40_000, 32 << 10, 40_000, 40_000 + 32<<10}, {99_990, 512, 99_990, len(data)}} {
				got, size, err := c.ReadFile(ctx, id, tc.off, tc.n)
				if err != nil || size != int64(len(data)) || !bytes.Equal(got, data[tc.from:tc.to]) {
					t.Errorf("ReadFile(%d, %d) = %d bytes, size %d, %v", tc.off, tc.n, len(got), size, err)
				}
			}
			if !sawRange {
				t.Error("no Range request was made")
			}
			if _, _, err := c.ReadFile(ctx, "no-such-file", 0, 512); err == nil {
				t.Error("an unknown file was read")
			}
		})
	}
}
