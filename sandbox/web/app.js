// aulabot sandbox web chat: plays any person against the emulated Bot API.
// Message HTML comes already sanitised from the server (RenderHTML);
// everything else is set with textContent.
"use strict";

const state = { bot: null, people: [], groups: [], chat: 0, as: 0, loadedSeq: 0, messages: new Map(), replyTo: 0, editing: 0 };
const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function post(path, data) {
  return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
}

function nameOf(id) {
  if (state.bot && id === state.bot.id) return state.bot.name;
  const p = state.people.find((p) => p.id === id);
  return p ? p.name : "User " + id;
}

function toast(text) {
  const t = $("toast");
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 2500);
}

function showAlert(text) {
  $("alert-text").textContent = text;
  $("alert").hidden = false;
  $("alert-ok").focus();
}

function showError(err) { toast("Error: " + err.message); }

async function loadPeople() {
  const d = await api("/sandbox/api/people");
  state.bot = d.bot;
  state.people = d.people || [];
  state.groups = d.groups || [];
  renderSidebar();
  renderTry();
  renderHead();
  return d.seq;
}

function renderSidebar() {
  const people = $("people");
  people.replaceChildren();
  for (const p of state.people) {
    const li = el("li", "person");
    li.dataset.personId = p.id;
    li.tabIndex = 0;
    li.setAttribute("role", "button");
    li.append(el("span", "name", p.name));
    if (p.role) li.append(el("span", "role", p.role));
    if (state.chat === p.id) li.classList.add("active");
    li.onclick = () => openChat(p.id, p.id);
    li.onkeydown = (e) => { if (e.key === "Enter") li.click(); };
    people.append(li);
  }
  const groups = $("groups");
  groups.replaceChildren();
  for (const g of state.groups) {
    const li = el("li", "group");
    li.dataset.groupId = g.id;
    li.tabIndex = 0;
    li.setAttribute("role", "button");
    li.append(el("span", "name", g.title));
    li.append(el("span", "count", (g.members || []).length + " members"));
    if (state.chat === g.id) li.classList.add("active");
    li.onclick = () => {
      const members = g.members || [];
      openChat(g.id, members.includes(state.as) ? state.as : (members[0] || 0));
    };
    li.onkeydown = (e) => { if (e.key === "Enter") li.click(); };
    groups.append(li);
  }
}

// renderTry fills the "what to try" panel with the demo's own people:
// the first of each kind in the list, by the role the sandbox gives them.
function renderTry() {
  const find = (re) => state.people.find((p) => re.test(p.role || ""));
  const name = (p, fallback) => (p ? p.name : fallback);
  const teacher = find(/^teacher/), student = find(/^student/), tech = find(/^tech/),
    mentor = find(/^mentor/), coord = find(/^coordinator/);
  const ideas = [
    "Add a new person below the list and tap Start: the bot meets them (the demo's people are onboarded already).",
    "Open " + name(teacher, "a teacher") + " and just ask a question.",
    "As " + name(student, "a student") + ", tap Mentoría (Mentoring) and book a session.",
    "Report a problem (Reportar un problema), then claim it as " + name(tech, "a technician") + " in the team group.",
    "Pick two screenshots at once under 📎, with a line typed: they go as an album, as from a phone.",
    "See the bookings as " + name(mentor, "a mentor") + " (My slots).",
    "As " + name(coord, "a coordinator") + ", try /report and /gaps.",
    "Book a session, then move the Clock a day forward: the reminder comes.",
  ];
  const list = $("try-list");
  list.replaceChildren(...ideas.map((t) => el("li", "", t)));
}

// renderEmpty offers a Start button in a private chat with nothing in it,
// as Telegram does before the first message.
function renderEmpty() {
  const box = $("messages");
  const old = $("empty-chat");
  if (old) old.remove();
  if (state.chat <= 0 || state.messages.size > 0) return;
  const div = el("div", "empty-chat");
  div.id = "empty-chat";
  div.append(el("p", "", "No messages here yet."));
  const b = el("button", "btn-start", "Start");
  b.type = "button";
  b.id = "start";
  b.onclick = () => sendText("/start");
  div.append(b);
  box.append(div);
}

function renderHead() {
  if (!state.chat) return;
  const g = state.groups.find((g) => g.id === state.chat);
  $("chat-title").textContent = g ? g.title : nameOf(state.chat) + " \u2194 " + (state.bot ? state.bot.name : "bot");
  $("as-label").hidden = !g;
  if (g) {
    const sel = $("as-member");
    sel.replaceChildren();
    for (const id of g.members || []) {
      const o = el("option", "", nameOf(id));
      o.value = id;
      sel.append(o);
    }
    sel.value = state.as;
  }
  const ok = state.as > 0;
  $("composer").disabled = !ok;
  $("send").disabled = !ok;
}

async function openChat(chat, as) {
  state.chat = chat;
  state.as = as;
  state.replyTo = 0;
  state.editing = 0;
  history.replaceState(null, "", "#chat=" + chat + "&as=" + as);
  document.body.classList.add("chat-open");
  $("reply-preview").hidden = true;
  renderSidebar();
  renderHead();
  try {
    const d = await api("/sandbox/api/messages?chat=" + chat);
    if (state.chat !== chat) return;
    state.loadedSeq = d.seq;
    state.messages = new Map();
    $("messages").replaceChildren();
    for (const m of d.messages) upsert(m);
    renderEmpty();
    renderKeyboard();
    scrollDown();
    $("composer").focus();
  } catch (err) { showError(err); }
}

function scrollDown() {
  const box = $("messages");
  box.scrollTop = box.scrollHeight;
}

function renderMessage(m) {
  const mine = !m.from_bot && m.from === state.as;
  const div = el("div", "msg " + (m.from_bot ? "bot" : mine ? "me" : "other"));
  div.id = "msg-" + m.id;
  div.dataset.messageId = m.id;
  div.dataset.from = m.from;
  if (!mine) div.append(el("div", "sender", m.sender));
  if (m.forward_from) div.append(el("div", "fwd", "Forwarded from " + nameOf(m.forward_from)));
  if (m.reply_to) {
    const r = state.messages.get(m.reply_to);
    const q = el("div", "quote", r ? r.sender + ": " + (r.plain || (r.file ? r.file.name : "")) : "Deleted message");
    q.dataset.replyTo = m.reply_to;
    q.onclick = () => {
      const t = $("msg-" + m.reply_to);
      if (t) { t.scrollIntoView({ block: "center" }); t.classList.add("flash"); setTimeout(() => t.classList.remove("flash"), 1200); }
    };
    div.append(q);
  }
  if (m.file) {
    if (m.file.photo) {
      const a = el("a", "photo-link");
      a.href = m.file_url;
      a.target = "_blank";
      const img = el("img", "photo");
      img.src = m.file_url;
      img.alt = m.file.name;
      a.append(img);
      div.append(a);
    } else if (m.file.voice) {
      const label = el("div", "doc", "\u{1F3A4} voice note" + (m.file.seconds ? " (" + m.file.seconds + " s)" : ""));
      const audio = el("audio", "voice");
      audio.controls = true;
      audio.preload = "none";
      audio.src = m.file_url;
      div.append(label, audio);
    } else {
      const a = el("a", "doc", "\u{1F4C4} " + m.file.name + " (" + m.file.size + " B)");
      a.href = m.file_url;
      a.download = m.file.name;
      div.append(a);
    }
  }
  if (m.rendered) {
    const t = el("div", "text");
    t.innerHTML = m.rendered; // sanitised by the server
    for (const s of t.querySelectorAll(".spoiler")) s.onclick = () => s.classList.add("shown");
    for (const c of t.querySelectorAll(".cmd")) c.onclick = () => sendText(c.textContent);
    div.append(t);
  }
  if (m.inline) {
    const kb = el("div", "inline-kbd");
    for (const row of m.inline) {
      const r = el("div", "inline-row");
      for (const b of row) {
        let btn;
        if (b.url) {
          btn = el("a", "btn-inline btn-url", b.text);
          if (/^(https?|tg):/i.test(b.url)) btn.href = b.url;
          btn.target = "_blank";
          btn.rel = "noopener noreferrer";
        } else {
          btn = el("button", "btn-inline", b.text);
          btn.type = "button";
          btn.dataset.data = b.data || "";
          btn.onclick = () => press(m.id, b.data || "", btn);
        }
        btn.dataset.messageId = m.id;
        r.append(btn);
      }
      kb.append(r);
    }
    div.append(kb);
  }
  const meta = el("div", "meta");
  if (m.edited) meta.append(el("span", "edited", "edited"));
  meta.append(el("span", "time", new Date(m.date).toLocaleTimeString([], inZone({ hour: "2-digit", minute: "2-digit" }))));
  const rb = el("button", "btn-reply", "Reply");
  rb.type = "button";
  rb.dataset.messageId = m.id;
  rb.onclick = () => setReply(m.id);
  meta.append(rb);
  if (!m.from_bot && m.from === state.as && !m.file) {
    const eb = el("button", "btn-reply btn-edit", "Edit");
    eb.type = "button";
    eb.dataset.messageId = m.id;
    eb.onclick = () => setEdit(m.id);
    meta.append(eb);
  }
  div.append(meta);
  return div;
}

function upsert(m) {
  state.messages.set(m.id, m);
  const empty = $("empty-chat");
  if (empty) empty.remove();
  const node = renderMessage(m);
  const old = $("msg-" + m.id);
  if (old) old.replaceWith(node);
  else $("messages").append(node);
}

function renderKeyboard() {
  const box = $("keyboard");
  box.replaceChildren();
  let rows = null;
  for (const m of state.messages.values()) {
    if (!m.from_bot) continue;
    if (m.remove_keyboard) rows = null;
    else if (m.keyboard) rows = m.keyboard;
  }
  for (const row of rows || []) {
    const r = el("div", "kbd-row");
    for (const text of row) {
      const b = el("button", "btn-kbd", text);
      b.type = "button";
      b.onclick = () => sendText(text);
      r.append(b);
    }
    box.append(r);
  }
}

function setReply(id) {
  const m = state.messages.get(id);
  if (!m) return;
  state.replyTo = id;
  state.editing = 0;
  $("reply-text").textContent = "Reply to " + m.sender + ": " + (m.plain || (m.file ? m.file.name : ""));
  $("reply-preview").hidden = false;
  $("composer").focus();
}

// setEdit puts one's own message in the composer: sending changes it, as
// editing a message in Telegram does, and the bot gets the edit.
function setEdit(id) {
  const m = state.messages.get(id);
  if (!m) return;
  state.replyTo = 0;
  state.editing = id;
  $("reply-text").textContent = "Edit: " + m.plain;
  $("reply-preview").hidden = false;
  $("composer").value = m.plain;
  $("composer").focus();
}

function clearReply() {
  state.replyTo = 0;
  state.editing = 0;
  $("reply-preview").hidden = true;
}

async function sendText(text) {
  if (!text.trim() || !state.as) return;
  try {
    const m = await post("/sandbox/api/send", { from: state.as, chat: state.chat, text, reply_to: state.replyTo });
    clearReply();
    upsert(m);
    scrollDown();
  } catch (err) { showError(err); }
}

async function editText(text) {
  if (!text.trim() || !state.as) return;
  try {
    const m = await post("/sandbox/api/edit", { from: state.as, chat: state.chat, text, message_id: state.editing });
    clearReply();
    upsert(m);
  } catch (err) { showError(err); }
}

async function press(messageID, data, btn) {
  btn.classList.add("pending");
  try {
    await post("/sandbox/api/press", { from: state.as, chat: state.chat, message_id: messageID, data });
  } catch (err) { btn.classList.remove("pending"); showError(err); }
}

// uploadAlbum sends photos chosen together as one album, as a phone does.
async function uploadAlbum(files) {
  await sendFiles("/sandbox/api/album", files, (r) => r.messages);
}

async function upload(file) {
  await sendFiles("/sandbox/api/upload", [file], (m) => [m]);
}

// sendFiles posts files with the composer's words as their caption, and
// as a reply when one is chosen; sent names the messages in the answer.
async function sendFiles(path, files, sent) {
  const fd = new FormData();
  fd.append("from", state.as);
  fd.append("chat", state.chat);
  fd.append("caption", $("composer").value);
  if (state.replyTo) fd.append("reply_to", state.replyTo);
  for (const f of files) fd.append("file", f);
  try {
    const r = await api(path, { method: "POST", body: fd });
    $("composer").value = "";
    clearReply();
    for (const m of sent(r)) upsert(m);
    scrollDown();
  } catch (err) { showError(err); }
}

// zone is the universities' time zone, which the bot's words use: the
// clock and the messages' times are shown in it, as a phone there would
// ("" until the clock is read: the browser's own).
let zone = "";

// inZone is opts with the universities' time zone, once known.
function inZone(opts) {
  return zone ? Object.assign({ timeZone: zone }, opts) : opts;
}

// renderClock shows the sandbox's time, in the universities' zone and
// naming it, and how far ahead of the real time it was moved.
function renderClock(c) {
  if (c.zone) {
    try {
      new Date().toLocaleString(undefined, { timeZone: c.zone });
      zone = c.zone;
    } catch (err) { zone = ""; } // a zone this browser does not know
  }
  const when = new Date(c.now).toLocaleString(undefined, inZone({ weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }));
  const ahead = c.ahead_minutes;
  let text = zone ? when + " (" + zone.split("/").pop().replace(/_/g, " ") + " time)" : when;
  if (ahead > 0) {
    const d = Math.floor(ahead / 1440), h = Math.floor((ahead % 1440) / 60), m = ahead % 60;
    text += " (" + [d && d + " d", h && h + " h", m && m + " min"].filter(Boolean).join(" ") + " ahead)";
  }
  $("clock-now").textContent = text;
  for (const b of document.querySelectorAll(".clock-btns button")) b.disabled = !c.can_advance;
}

async function loadClock() {
  try { renderClock(await api("/sandbox/api/clock")); } catch (err) { showError(err); }
}

async function advance(minutes, btn) {
  btn.disabled = true;
  try {
    renderClock(await post("/sandbox/api/clock", { minutes }));
    toast("The clock moved forward: what fell due has run.");
  } catch (err) { showError(err); btn.disabled = false; }
}

// addPerson adds someone the bot has never met and opens their chat, where
// Start runs the onboarding.
async function addPerson(e) {
  e.preventDefault();
  const name = $("new-name").value.trim();
  if (!name) return;
  $("new-add").disabled = true;
  try {
    const p = await post("/sandbox/api/people", { name, lang: $("new-lang").value });
    $("new-name").value = "";
    await loadPeople();
    openChat(p.id, p.id);
  } catch (err) { showError(err); }
  $("new-add").disabled = false;
}

function onEvent(e) {
  const ev = JSON.parse(e.data);
  if (ev.kind === "people") { loadPeople().catch(showError); return; }
  if (ev.chat !== state.chat || ev.seq <= state.loadedSeq) return;
  const box = $("messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  if (ev.kind === "message" || ev.kind === "edit") upsert(ev.message);
  if (ev.kind === "delete") {
    state.messages.delete(ev.id);
    const n = $("msg-" + ev.id);
    if (n) n.remove();
  }
  if (ev.kind === "answer" && ev.answer.from === state.as) {
    for (const b of document.querySelectorAll(".btn-inline.pending")) b.classList.remove("pending");
    if (ev.answer.text) ev.answer.show_alert ? showAlert(ev.answer.text) : toast(ev.answer.text);
  }
  renderKeyboard();
  if (atBottom) scrollDown();
}

function subscribe(seq) {
  const es = new EventSource("/sandbox/events?after=" + seq);
  for (const kind of ["message", "edit", "delete", "answer", "people"]) es.addEventListener(kind, onEvent);
}

function init() {
  $("composer-form").onsubmit = (e) => {
    e.preventDefault();
    const c = $("composer");
    const text = c.value;
    c.value = "";
    if (state.editing) editText(text);
    else sendText(text);
  };
  $("composer").onkeydown = (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $("composer-form").requestSubmit();
    }
  };
  $("attach").onchange = (e) => {
    const files = Array.from(e.target.files);
    e.target.value = "";
    if (!state.as || files.length === 0) return;
    // Several photos chosen at once go as an album (at most 10, as
    // Telegram's); anything else one message per file.
    if (files.length > 1 && files.length <= 10 && files.every((f) => f.type.startsWith("image/"))) uploadAlbum(files);
    else for (const f of files) upload(f);
  };
  $("reply-cancel").onclick = clearReply;
  $("new-person").onsubmit = addPerson;
  for (const b of document.querySelectorAll(".clock-btns button")) b.onclick = () => advance(Number(b.dataset.minutes), b);
  loadClock();
  setInterval(loadClock, 30000);
  $("alert-ok").onclick = () => { $("alert").hidden = true; };
  $("back").onclick = () => { document.body.classList.remove("chat-open"); };
  $("as-member").onchange = (e) => openChat(state.chat, Number(e.target.value));
  // Keep the newest message in view when the chat area shrinks or grows
  // (a phone's keyboard opens, the reply keyboard appears, the window
  // turns), unless the user scrolled up to read.
  const box = $("messages");
  let pinned = true;
  box.addEventListener("scroll", () => { pinned = box.scrollHeight - box.scrollTop - box.clientHeight < 40; });
  new ResizeObserver(() => { if (pinned) scrollDown(); }).observe(box);
  loadPeople().then((seq) => {
    subscribe(seq);
    const h = new URLSearchParams(location.hash.slice(1));
    if (h.get("chat")) openChat(Number(h.get("chat")), Number(h.get("as")));
  }).catch(showError);
}

init();
