package sandbox

// Wire types: the Bot API's JSON shapes.

type apiUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

type apiChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
}

type apiButton struct {
	Text         string  `json:"text"`
	CallbackData *string `json:"callback_data,omitempty"`
	URL          *string `json:"url,omitempty"`
}

type apiInlineMarkup struct {
	InlineKeyboard [][]apiButton `json:"inline_keyboard"`
}

type apiDocument struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type apiVoice struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Duration     int    `json:"duration"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type apiPhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

type apiMessage struct {
	MessageID       int              `json:"message_id"`
	From            *apiUser         `json:"from,omitempty"`
	Chat            apiChat          `json:"chat"`
	Date            int64            `json:"date"`
	EditDate        int64            `json:"edit_date,omitempty"`
	ForwardFrom     *apiUser         `json:"forward_from,omitempty"`
	ForwardDate     int64            `json:"forward_date,omitempty"`
	ReplyToMessage  *apiMessage      `json:"reply_to_message,omitempty"`
	Text            string           `json:"text,omitempty"`
	Entities        []Entity         `json:"entities,omitempty"`
	Caption         string           `json:"caption,omitempty"`
	CaptionEntities []Entity         `json:"caption_entities,omitempty"`
	Document        *apiDocument     `json:"document,omitempty"`
	Photo           []apiPhotoSize   `json:"photo,omitempty"`
	Voice           *apiVoice        `json:"voice,omitempty"`
	MediaGroupID    string           `json:"media_group_id,omitempty"`
	ReplyMarkup     *apiInlineMarkup `json:"reply_markup,omitempty"`
}

type apiCallbackQuery struct {
	ID           string      `json:"id"`
	From         apiUser     `json:"from"`
	Message      *apiMessage `json:"message,omitempty"`
	ChatInstance string      `json:"chat_instance"`
	Data         string      `json:"data,omitempty"`
}

func (s *Server) apiUserLocked(id int64) *apiUser {
	if id == s.bot.ID {
		return &apiUser{ID: id, IsBot: true, FirstName: s.bot.FirstName, Username: s.bot.Username}
	}
	u := s.userLocked(id)
	return &apiUser{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username, LanguageCode: u.LanguageCode}
}

func (s *Server) apiChatLocked(c *chat) apiChat {
	if c.private() {
		u := s.userLocked(c.id)
		return apiChat{ID: c.id, Type: "private", Username: u.Username, FirstName: u.FirstName, LastName: u.LastName}
	}
	t := "group"
	if c.id <= -1000000000000 {
		t = "supergroup"
	}
	return apiChat{ID: c.id, Type: t, Title: c.title}
}

// apiMessageLocked renders m in the Bot API shape; nested says whether to
// include the replied-to message.
func (s *Server) apiMessageLocked(c *chat, m *Message, nested bool) *apiMessage {
	am := &apiMessage{MessageID: m.ID, From: s.apiUserLocked(m.From), Chat: s.apiChatLocked(c), Date: m.Date.Unix()}
	if m.Edited > 0 {
		am.EditDate = s.opts.Now().Unix()
	}
	if m.ForwardFrom != 0 {
		am.ForwardFrom = s.apiUserLocked(m.ForwardFrom)
		am.ForwardDate = m.Date.Unix()
	}
	if nested && m.ReplyTo != 0 {
		if _, r := c.find(m.ReplyTo); r != nil {
			am.ReplyToMessage = s.apiMessageLocked(c, r, false)
		}
	}
	if f := m.File; f != nil {
		am.Caption, am.CaptionEntities, am.MediaGroupID = m.Plain, m.Entities, m.Album
		switch {
		case f.Photo:
			w, h := s.files[f.ID].width, s.files[f.ID].height
			am.Photo = []apiPhotoSize{{FileID: f.ID, FileUniqueID: f.UniqueID, Width: w, Height: h, FileSize: f.Size}}
		case f.Voice:
			am.Voice = &apiVoice{FileID: f.ID, FileUniqueID: f.UniqueID, Duration: f.Seconds, MimeType: f.MIME, FileSize: f.Size}
		default:
			am.Document = &apiDocument{FileID: f.ID, FileUniqueID: f.UniqueID, FileName: f.Name, MimeType: f.MIME, FileSize: f.Size}
		}
	} else {
		am.Text, am.Entities = m.Plain, m.Entities
	}
	if len(m.Inline) > 0 {
		mk := &apiInlineMarkup{}
		for _, row := range m.Inline {
			var r []apiButton
			for _, b := range row {
				ab := apiButton{Text: b.Text}
				if b.URL != "" {
					ab.URL = &b.URL
				} else {
					ab.CallbackData = &b.Data
				}
				r = append(r, ab)
			}
			mk.InlineKeyboard = append(mk.InlineKeyboard, r)
		}
		am.ReplyMarkup = mk
	}
	return am
}
