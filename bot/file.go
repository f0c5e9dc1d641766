package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// fileReadTimeout bounds one read of a file a user sent.
const fileReadTimeout = 15 * time.Second

// ReadFile reads up to n bytes of the file a user sent with fileID,
// starting at offset (a negative offset counts back from the end), and
// returns them with the file's size (handlers.FileReader). It asks
// Telegram where the file is (getFile) and fetches only that range (an
// HTTP Range request); from a server that ignores Range it reads the
// whole file, which bots may download only up to 20 MB, and keeps the
// range. Errors are network or Telegram errors: the caller may retry.
func (c *Client) ReadFile(ctx context.Context, fileID string, offset, n int64) ([]byte, int64, error) {
	if n <= 0 {
		return nil, 0, errors.New("read file: nothing to read")
	}
	f, err := c.send.GetFile(tgbotapi.FileConfig{FileID: fileID})
	if err != nil {
		return nil, 0, fmt.Errorf("getFile %s: %w", fileID, err)
	}
	size := int64(f.FileSize)
	if offset < 0 {
		offset = max(size+offset, 0)
	}
	if offset >= size && size > 0 {
		return nil, size, nil
	}
	ctx, cancel := context.WithTimeout(ctx, fileReadTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf(fileEndpoint(c.endpoint), c.send.Token, f.FilePath), nil)
	if err != nil {
		return nil, size, err
	}
	req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", offset, offset+n-1))
	resp, err := c.files.Do(req)
	if err != nil {
		return nil, size, fmt.Errorf("download %s: %w", fileID, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusPartialContent:
	case http.StatusOK: // Range ignored: the whole file comes
		if _, err := io.CopyN(io.Discard, resp.Body, offset); err != nil {
			return nil, size, fmt.Errorf("download %s: %w", fileID, err)
		}
	case http.StatusRequestedRangeNotSatisfiable:
		return nil, size, nil
	default:
		return nil, size, fmt.Errorf("download %s: %s", fileID, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, n))
	if err != nil {
		return nil, size, fmt.Errorf("download %s: %w", fileID, err)
	}
	return b, size, nil
}

// fileEndpoint is the file download URL format (token, file path) of a
// Bot API URL format: Telegram's and a self-hosted server's alike serve
// files under /file/bot<token>/ next to /bot<token>/. tgbotapi's
// GetFileDirectURL always names Telegram's host, so it cannot be used
// with another server.
func fileEndpoint(api string) string {
	if i := strings.LastIndex(api, "/bot%s/%s"); i >= 0 {
		return api[:i] + "/file/bot%s/%s"
	}
	return tgbotapi.FileEndpoint
}
