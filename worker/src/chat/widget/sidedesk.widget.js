// Sidedesk chat widget: `<script src=".../widget.js" data-workspace="ws_…" async>` gives a chat bubble and window.
// Plain DOM in a shadow root (no framework, no style leaks either way); message text only ever goes in via textContent.
// @ts-check
(async () => {
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const workspace = script?.dataset.workspace;
  if (!script || !workspace || document.querySelector("sidedesk-chat")) return;
  const API = `${new URL(script.src, location.href).origin}/chat/${encodeURIComponent(workspace)}`;
  const KEY = `sidedesk-chat:${workspace}`;
  const accent = script.dataset.color && CSS.supports("color", script.dataset.color) ? script.dataset.color : "#1f2937";
  /** English texts (filled by the worker from shared/i18n/en/widget.json); /config sends the visitor's language's. */
  const EN = /** @type {Record<string, string>} */ (/*__SIDEDESK_WIDGET_STRINGS__*/ {});

  /** @typedef {{ sessionId: string, token: string, name: string | null, email: string | null, skipWho?: boolean, seenSeq?: number }} Stored */
  /** @typedef {{ id: string, name: string, type: string, size: number }} ChatFile */
  /** @typedef {{ key: string, id: string | null, seq: number, from: string, authorName: string | null, text: string, createdAt: string, clientId: string | null, state: "sent" | "sending" | "failed", files: ChatFile[], survey?: Survey | null, photo?: File, preview?: string }} Msg */
  /** @typedef {{ token: string, question: string, score: number | null }} Survey */
  // What the worker accepts from a visitor (shared/rules/files.ts): photos, 10 MB each.
  const PHOTO_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
  const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
  /** @type {Stored | null} */
  let session = load();
  let ended = false;
  let lastSeq = 0;
  let unread = 0;
  /** @type {Msg[]} */
  const msgs = [];
  /** @type {Map<Msg, HTMLLIElement>} */
  const nodes = new Map();
  /** @type {WebSocket | null} */
  let socket = null;
  let retry = 0;
  let lastFrameAt = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let reconnectTimer;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let heartbeat;
  /** @type {Promise<Stored> | null} */
  let starting = null;

  // The widget speaks the visitor's language: `data-lang` on the script tag, else the browser's languages, else the
  // storefront's (<html lang>); the worker picks among those it has texts for and sends them with the config.
  const wanted = [script.dataset.lang, ...navigator.languages, document.documentElement.lang].filter(Boolean).join(",");
  /** @type {{ workspace: { name: string }, welcomeMessage: string, inBusinessHours: boolean, language?: string, texts?: Record<string, string> } | null} */
  const config = await fetch(`${API}/config?lang=${encodeURIComponent(wanted)}`)
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
  const lang = config?.language ?? "en";
  const texts = config?.texts ?? EN;
  /** A text in the widget's language ({{name}} filled in; `count` picks the plural form), English when missing. */
  function tr(/** @type {string} */ key, /** @type {Record<string, string | number>} */ vars = {}) {
    const form = typeof vars.count === "number" ? `${key}_${new Intl.PluralRules(lang).select(vars.count)}` : key;
    const text = texts[form] ?? texts[`${key}_other`] ?? EN[form] ?? EN[`${key}_other`] ?? EN[key] ?? key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, name) => String(vars[name] ?? ""));
  }
  /** For texts placed in the shadow root's markup. */
  const html = (/** @type {string} */ key) => tr(key).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

  // ---- DOM ----
  const host = document.createElement("sidedesk-chat");
  host.setAttribute("lang", lang);
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>
:host{all:initial}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
button{font:inherit;cursor:pointer}
:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.bubble{position:fixed;right:20px;bottom:20px;width:58px;height:58px;border-radius:50%;border:0;background:${accent};color:#fff;box-shadow:0 4px 16px rgba(0,0,0,.28);display:grid;place-items:center;z-index:2147483000}
.badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center}
.panel{position:fixed;right:20px;bottom:90px;width:370px;height:min(600px,calc(100vh - 110px));background:#fff;color:#111827;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.28);display:flex;flex-direction:column;overflow:hidden;z-index:2147483000;font-size:15px;line-height:1.4}
[hidden],.i-down,.open .i-chat{display:none!important}
.open .i-down{display:block!important}
header{background:${accent};color:#fff;padding:14px 12px 14px 16px;display:flex;align-items:flex-start;justify-content:space-between;gap:8px}
h2{margin:0;font-size:17px;font-weight:650}
.sub{margin:2px 0 0;font-size:13px;opacity:.88}
.sub::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:var(--dot,#9ca3af)}
.close{background:transparent;border:0;color:#fff;width:34px;height:34px;border-radius:8px;display:grid;place-items:center}
.close:hover{background:rgba(255,255,255,.15)}
.log{list-style:none;margin:0;padding:16px 14px;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:10px;background:#f6f7f9}
.msg{max-width:82%;display:flex;flex-direction:column;align-items:flex-start}
.text{padding:9px 13px;border-radius:16px 16px 16px 4px;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #e5e7eb}
.customer{align-self:flex-end;align-items:flex-end}
.customer .text{background:${accent};color:#fff;border-color:transparent;border-radius:16px 16px 4px 16px}
.sending .text{opacity:.65}
.meta{font-size:11.5px;color:#6b7280;margin:3px 6px 0}
.failed .meta{color:#b91c1c}
.retry{border:0;background:none;color:#b91c1c;text-decoration:underline;padding:0;font-size:11.5px}
.divider{align-self:center;font-size:12px;color:#6b7280;padding:4px 0}
.note{margin:0;padding:10px 14px;font-size:13px;background:#fff;border-top:1px solid #e5e7eb;display:flex;gap:8px;align-items:center;justify-content:space-between}
.who{padding:10px 14px;border-top:1px solid #e5e7eb;background:#fff;display:grid;grid-template-columns:1fr 1fr;gap:8px;font-size:13px;color:#374151}
.who p{grid-column:1/-1;margin:0}
.who label{display:grid;gap:3px}
.who .row{grid-column:1/-1;display:flex;gap:8px;justify-content:flex-end}
input,textarea{font:inherit;font-size:16px;color:#111827;border:1px solid #d1d5db;border-radius:10px;padding:8px 11px;background:#fff;width:100%}
.link{border:0;background:none;color:#4b5563;text-decoration:underline;padding:6px}
.primary{border:0;background:${accent};color:#fff;border-radius:8px;padding:7px 14px}
.compose{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e7eb;background:#fff;align-items:flex-end}
textarea{flex:1;resize:none;max-height:120px;min-height:42px}
.attach{flex:none;width:42px;height:42px;border:1px solid #d1d5db;border-radius:50%;background:#fff;color:#4b5563;display:grid;place-items:center;cursor:pointer}
.attach:focus-within{outline:2px solid ${accent};outline-offset:1px}
.files{display:flex;flex-wrap:wrap;gap:6px;margin-top:4px}
.files img{display:block;min-width:64px;min-height:64px;max-width:200px;max-height:160px;object-fit:contain;border-radius:10px;background:#e5e7eb}
.files a{color:inherit;font-size:13px}
.survey{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}.survey button{width:36px;height:32px;border:1px solid #ccd;border-radius:8px;background:#fff;font:inherit;font-weight:600}
.survey [aria-pressed=true]{background:${accent};color:#fff}.survey p{flex-basis:100%;margin:0;font-size:12px}
.text:empty{display:none}
.send{flex:none;width:42px;height:42px;border:0;border-radius:50%;background:${accent};color:#fff;display:grid;place-items:center}
.status{margin:0;padding:0 14px 6px;font-size:12px;color:#6b7280;background:#fff}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.panel{right:0;bottom:0;width:100%;height:100%;border-radius:0}.open .bubble{display:none}}
@media (prefers-reduced-motion:no-preference){.panel{animation:pop .16s ease-out}@keyframes pop{from{opacity:0;transform:translateY(8px)}}}
</style>
<div class="wrap">
<button class="bubble" type="button" aria-label="${html("openChat")}" aria-expanded="false" aria-controls="sd-panel">
<svg class="i-chat" width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>
<svg class="i-down" width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" aria-hidden="true"><path d="M6 9l6 6 6-6"/></svg>
<span class="badge" hidden></span></button>
<section class="panel" id="sd-panel" role="dialog" aria-labelledby="sd-title" hidden>
<header><div><h2 id="sd-title">${html("title")}</h2><p class="sub"></p></div>
<button class="close" type="button" aria-label="${html("closeChat")}"><svg width="20" height="20" viewBox="0 0 24 24" stroke="currentColor" stroke-width="2.2" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg></button></header>
<ol class="log" role="log" aria-live="polite" aria-label="${html("conversation")}"></ol>
<p class="note ended" hidden><span>${html("ended")}</span></p>
<form class="who" hidden><p>${html("whoPrompt")}</p>
<label>${html("name")}<input name="name" autocomplete="name" maxlength="100"></label>
<label>${html("email")}<input name="email" type="email" autocomplete="email" maxlength="254"></label>
<div class="row"><button class="link skip" type="button">${html("notNow")}</button><button class="primary" type="submit">${html("save")}</button></div></form>
<form class="compose"><label class="attach" title="${html("sendPhoto")}"><span class="sr">${html("sendPhoto")}</span><input class="sr" id="sd-photo" type="file" accept="image/jpeg,image/png,image/gif,image/webp"><svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 12.5 12.6 21a5.5 5.5 0 0 1-7.8-7.8l9-9a3.7 3.7 0 0 1 5.2 5.2l-9 9a1.8 1.8 0 0 1-2.6-2.6L15.5 8"/></svg></label>
<label class="sr" for="sd-text">${html("message")}</label>
<textarea id="sd-text" rows="1" maxlength="5000" placeholder="${html("placeholder")}"></textarea>
<button class="send" type="submit" aria-label="${html("send")}"><svg width="20" height="20" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M3 20.5 21 12 3 3.5 3 10l12 2-12 2z"/></svg></button></form>
<p class="status" role="status"></p>
</section></div>`;
  const $ = (/** @type {string} */ sel) => /** @type {HTMLElement} */ (root.querySelector(sel));
  const wrap = $(".wrap"),
    bubble = /** @type {HTMLButtonElement} */ ($(".bubble")),
    badge = $(".badge"),
    panel = $(".panel");
  const log = $(".log"),
    endedNote = $(".ended"),
    status = $(".status"),
    sub = $(".sub");
  const who = /** @type {HTMLFormElement} */ ($(".who")),
    compose = /** @type {HTMLFormElement} */ ($(".compose"));
  const input = /** @type {HTMLTextAreaElement} */ ($("textarea"));
  const photoInput = /** @type {HTMLInputElement} */ ($("#sd-photo"));

  // ---- opening, closing, keyboard ----
  function setOpen(/** @type {boolean} */ on) {
    panel.hidden = !on;
    wrap.classList.toggle("open", on);
    bubble.setAttribute("aria-expanded", String(on));
    bubble.setAttribute("aria-label", on ? tr("closeChat") : unread ? tr("openChatUnread", { count: unread }) : tr("openChat"));
    if (on) {
      unread = 0;
      badge.hidden = true;
      if (session) remember({ seenSeq: lastSeq });
      scrollDown();
      input.focus();
    } else bubble.focus();
  }
  bubble.addEventListener("click", () => setOpen(panel.hidden));
  $(".close").addEventListener("click", () => setOpen(false));
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      setOpen(false);
    }
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      compose.requestSubmit();
    }
  });
  input.addEventListener("input", () => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
  });
  compose.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    input.style.height = "";
    send(text);
  });
  photoInput.addEventListener("change", () => {
    const photo = photoInput.files?.[0];
    photoInput.value = "";
    if (!photo) return;
    if (!PHOTO_TYPES.includes(photo.type)) status.textContent = tr("photoTypes");
    else if (photo.size > MAX_PHOTO_BYTES) status.textContent = tr("photoTooBig");
    else {
      status.textContent = "";
      send("", photo);
    }
  });
  who.addEventListener("submit", (e) => {
    e.preventDefault();
    saveWho();
  });
  $(".skip").addEventListener("click", () => {
    remember({ skipWho: true });
    who.hidden = true;
    input.focus();
  });

  // ---- messages (always text, never HTML) ----
  function render(/** @type {Msg} */ m) {
    let li = nodes.get(m);
    if (!li) {
      li = document.createElement("li");
      li.append(document.createElement("div"), document.createElement("div"));
      /** @type {HTMLElement} */ (li.firstChild).className = "text";
      /** @type {HTMLElement} */ (li.lastChild).className = "meta";
      nodes.set(m, li);
      const after = m.state === "sent" ? msgs.find((o) => o !== m && nodes.has(o) && (o.state !== "sent" || o.seq > m.seq)) : undefined;
      log.insertBefore(li, (after && nodes.get(after)) || null);
    }
    li.className = `msg ${m.from} ${m.state}`;
    // The satisfaction question shows without its link: the buttons below answer it here.
    /** @type {HTMLElement} */ (li.firstChild).textContent = m.survey?.question || m.text;
    renderFiles(m, li);
    renderSurvey(m, li);
    const meta = /** @type {HTMLElement} */ (li.lastChild);
    const time = new Date(m.createdAt).toLocaleTimeString(lang, { hour: "numeric", minute: "2-digit" });
    meta.textContent =
      m.state === "sending"
        ? tr("sending")
        : m.state === "failed"
          ? `${tr("notSent")} `
          : (m.from === "agent" && m.authorName ? `${m.authorName} · ` : "") + time;
    if (m.state === "failed") {
      const again = document.createElement("button");
      again.type = "button";
      again.className = "retry";
      again.textContent = tr("retry");
      again.addEventListener("click", () => deliver(m));
      meta.append(again);
    }
  }

  /** The 1–5 buttons under the satisfaction question; the chosen one stays marked (and can change). */
  function renderSurvey(/** @type {Msg} */ m, /** @type {HTMLLIElement} */ li) {
    const q = m.survey;
    if (!q) return;
    let box = /** @type {HTMLElement | null} */ (li.querySelector(".survey"));
    if (!box) {
      box = document.createElement("div");
      box.className = "survey";
      for (let n = 1; n <= 5; n++) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = String(n);
        b.setAttribute("aria-label", tr("surveyScore", { score: n }));
        b.onclick = async () => {
          const r = await call("POST", `/survey/${encodeURIComponent(q.token)}`, { score: n }, false).catch(() => null);
          if (r?.status === 200) m.survey = { ...q, score: n };
          render(m);
        };
        box.append(b);
      }
      box.append(document.createElement("p"));
      li.insertBefore(box, li.lastChild);
    }
    let n = 0;
    for (const b of box.querySelectorAll("button")) b.setAttribute("aria-pressed", String(q.score === ++n));
    /** @type {HTMLElement} */ (box.lastChild).textContent = tr(q.score ? "surveyThanks" : "surveyScale");
  }

  /** Photos and files under the text: opened through the session (an <img> cannot send the token as a header). */
  function renderFiles(/** @type {Msg} */ m, /** @type {HTMLLIElement} */ li) {
    let box = /** @type {HTMLElement | null} */ (li.querySelector(".files"));
    const wanted = m.files.length ? m.files.map((f) => f.id).join() : m.preview ? "preview" : "";
    if ((box?.dataset.files ?? "") === wanted) return;
    box?.remove();
    if (!wanted) return;
    box = document.createElement("div");
    box.className = "files";
    box.dataset.files = wanted;
    li.insertBefore(box, li.lastChild);
    if (!m.files.length && m.preview) {
      const img = document.createElement("img");
      img.src = m.preview;
      img.alt = m.photo?.name ?? tr("photo");
      box.append(img);
      return;
    }
    for (const f of m.files) {
      const url = session
        ? `${API}/sessions/${encodeURIComponent(session.sessionId)}/files/${encodeURIComponent(f.id)}?token=${encodeURIComponent(session.token)}`
        : "";
      if (PHOTO_TYPES.includes(f.type)) {
        const img = document.createElement("img");
        img.src = url;
        img.alt = f.name;
        img.loading = "lazy";
        box.append(img);
      } else {
        const a = document.createElement("a");
        a.href = url;
        a.textContent = f.name;
        a.download = f.name;
        box.append(a);
      }
    }
  }

  /** Adds or updates a message from the server; a pending one is matched by its clientId. */
  function merge(
    /** @type {{ id: string, seq: number, from: string, authorName: string | null, text: string, createdAt: string, clientId: string | null, files?: ChatFile[], survey?: Survey | null }} */ raw,
  ) {
    if (!raw || typeof raw.id !== "string" || typeof raw.text !== "string") return;
    let m = msgs.find((o) => o.id === raw.id || (raw.clientId && o.clientId === raw.clientId));
    const fresh = !m;
    if (!m) {
      m = {
        key: raw.id,
        id: raw.id,
        seq: raw.seq,
        from: String(raw.from),
        authorName: raw.authorName,
        text: raw.text,
        createdAt: raw.createdAt,
        clientId: raw.clientId,
        state: "sent",
        files: Array.isArray(raw.files) ? raw.files : [],
        survey: raw.survey ?? null,
      };
      msgs.push(m);
    } else
      Object.assign(m, {
        id: raw.id,
        seq: raw.seq,
        createdAt: raw.createdAt,
        state: "sent",
        files: Array.isArray(raw.files) ? raw.files : m.files,
        survey: raw.survey ?? m.survey ?? null,
      });
    msgs.sort((a, b) => (a.state === "sent" ? a.seq : Infinity) - (b.state === "sent" ? b.seq : Infinity));
    lastSeq = Math.max(lastSeq, raw.seq);
    render(m);
    if (!panel.hidden && session) remember({ seenSeq: lastSeq });
    else if (fresh && m.from !== "customer" && m.seq > (session?.seenSeq ?? 0)) {
      // history already seen is not "new"
      unread += 1;
      badge.textContent = String(unread);
      badge.hidden = false;
      bubble.setAttribute("aria-label", tr("openChatUnread", { count: unread }));
    }
    scrollDown();
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  /** A new conversation after an ended one: the old messages stay on screen above a divider, as history, and leave
   *  the live list (the new session numbers its messages from 1 again); what is being sent now goes below it. */
  function startOver() {
    const pending = msgs.filter((m) => m.state !== "sent");
    msgs.splice(0, msgs.length, ...pending);
    const li = document.createElement("li");
    li.className = "divider";
    li.textContent = tr("newConversation");
    log.insertBefore(li, (pending[0] && nodes.get(pending[0])) || null);
  }

  // ---- API ----
  /**
   * JSON in and out; the session token rides as a bearer token (never a cookie).
   * @param {string} method @param {string} path @param {unknown} [body] @param {boolean} [auth]
   * @returns {Promise<{ status: number, body: any }>}
   */
  async function call(method, path, body, auth = true) {
    const headers = /** @type {Record<string, string>} */ ({});
    if (body !== undefined) headers["content-type"] = "application/json";
    if (auth && session) headers.authorization = `Bearer ${session.token}`;
    const res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: res.status === 204 ? null : await res.json().catch(() => null) };
  }

  function load() {
    try {
      const v = JSON.parse(localStorage.getItem(KEY) || "null");
      return v && typeof v.sessionId === "string" && typeof v.token === "string" ? v : null;
    } catch {
      return null;
    }
  }
  function remember(/** @type {Partial<Stored>} */ change) {
    if (session) Object.assign(session, change);
    try {
      session ? localStorage.setItem(KEY, JSON.stringify(session)) : localStorage.removeItem(KEY);
    } catch {
      /* private mode */
    }
  }

  /** Sessions start lazily, with the first message: browsing the shop creates nothing. */
  function ensureSession() {
    if (session && !ended) return Promise.resolve(session);
    starting ??= (async () => {
      const prior = session;
      const name = /** @type {HTMLInputElement} */ (who.elements.namedItem("name")).value.trim() || prior?.name || undefined;
      const email = /** @type {HTMLInputElement} */ (who.elements.namedItem("email")).value.trim() || prior?.email || undefined;
      if (prior && ended) startOver();
      drop();
      const r = await call("POST", "/sessions", { name, email, pageUrl: location.href.slice(0, 2000) }, false);
      if (r.status !== 201) throw new Error(r.body?.error?.message || "could not start the chat");
      session = { sessionId: r.body.sessionId, token: r.body.token, name: r.body.profile.name, email: r.body.profile.email, skipWho: prior?.skipWho };
      remember({});
      ended = false;
      endedNote.hidden = true;
      msgs
        .filter((m) => m.key === "welcome")
        .forEach((m) => {
          nodes.get(m)?.remove();
          msgs.splice(msgs.indexOf(m), 1);
        });
      r.body.messages.forEach(merge);
      showWho();
      connect();
      return session;
    })().finally(() => {
      starting = null;
    });
    return starting;
  }

  /** Forget the current session (closed ticket, or the server no longer knows it). */
  function drop() {
    socket?.close(1000, "new session");
    socket = null;
    lastSeq = 0;
    try {
      localStorage.removeItem(KEY);
    } catch {
      /* ignore */
    }
    session = null;
  }

  function send(/** @type {string} */ text, /** @type {File | undefined} */ photo = undefined) {
    const clientId = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now()).replace(/[^A-Za-z0-9_-]/g, "");
    /** @type {Msg} */
    const m = {
      key: clientId,
      id: null,
      seq: 0,
      from: "customer",
      authorName: null,
      text,
      createdAt: new Date().toISOString(),
      clientId,
      state: "sending",
      files: [],
    };
    if (photo) Object.assign(m, { photo, preview: URL.createObjectURL(photo) });
    msgs.push(m);
    render(m);
    scrollDown();
    deliver(m);
  }

  async function deliver(/** @type {Msg} */ m, attempt = 0) {
    m.state = "sending";
    render(m);
    try {
      const s = await ensureSession();
      /** @type {string[]} */
      const files = [];
      if (m.photo) {
        const up = await fetch(`${API}/sessions/${s.sessionId}/files?name=${encodeURIComponent(m.photo.name || "photo")}`, {
          method: "POST",
          headers: { authorization: `Bearer ${s.token}`, "content-type": m.photo.type },
          body: m.photo,
        });
        const uploaded = await up.json().catch(() => null);
        if ((up.status === 401 || up.status === 404) && attempt < 2) {
          ended = true; // the session is over: the photo starts a new conversation
          return deliver(m, attempt + 1);
        }
        if (up.status !== 201) {
          status.textContent = uploaded?.error?.message ?? tr("photoFailed");
          throw new Error("upload failed");
        }
        files.push(uploaded.file.id);
      }
      const r = await call("POST", `/sessions/${s.sessionId}/messages`, { clientId: m.clientId, text: m.text, ...(files.length ? { files } : {}) });
      const code = r.body?.error?.code;
      if ((code === "chat_closed" || code === "session_not_found" || code === "invalid_session_token") && attempt < 2) {
        ended = true; // the ticket is over: this message starts a new conversation
        return deliver(m, attempt + 1);
      }
      if (r.status !== 200 && r.status !== 201) throw new Error(r.body?.error?.message || "send failed");
      merge(r.body.message);
    } catch {
      m.state = "failed";
      render(m);
    }
  }

  async function catchUp() {
    if (!session) return;
    const r = await call("GET", `/sessions/${session.sessionId}/messages?after=${lastSeq}`).catch(() => null);
    if (!r) return;
    if (r.status === 401 || r.status === 404) return setEnded();
    if (r.status !== 200) return;
    r.body.messages.forEach(merge);
    if (r.body.status === "closed") setEnded();
  }

  function setEnded() {
    ended = true;
    endedNote.hidden = false; // the socket stays open: the satisfaction question may follow
  }

  function showWho() {
    who.hidden = Boolean(session?.email || session?.skipWho);
    if (session?.name) /** @type {HTMLInputElement} */ (who.elements.namedItem("name")).value = session.name;
  }

  async function saveWho() {
    const name = /** @type {HTMLInputElement} */ (who.elements.namedItem("name")).value.trim();
    const email = /** @type {HTMLInputElement} */ (who.elements.namedItem("email"));
    if (email.value && !email.checkValidity()) return email.reportValidity();
    if (!session) {
      // remembered for when the chat starts
      who.hidden = true;
      status.textContent = tr("savedLater");
      return input.focus();
    }
    const body = { ...(name ? { name } : {}), ...(email.value.trim() ? { email: email.value.trim() } : {}) };
    if (!Object.keys(body).length) return;
    const r = await call("PATCH", `/sessions/${session.sessionId}`, body).catch(() => null);
    if (r?.status === 200) {
      remember({ name: r.body.profile.name, email: r.body.profile.email });
      status.textContent = tr("savedNow");
      showWho();
      input.focus();
    } else status.textContent = tr("saveFailed");
  }

  // ---- live replies: WebSocket with heartbeat, exponential backoff and catch-up ----
  function connect() {
    if (!session || socket || ended) return;
    clearTimeout(reconnectTimer);
    const ws = new WebSocket(`${API.replace(/^http/, "ws")}/sessions/${session.sessionId}/socket?token=${encodeURIComponent(session.token)}`);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      lastFrameAt = Date.now();
      status.textContent = "";
      clearInterval(heartbeat);
      heartbeat = setInterval(() => {
        if (Date.now() - lastFrameAt > 60_000) return ws.close(4000, "no heartbeat");
        ws.send('{"type":"ping"}');
      }, 25_000);
      catchUp();
      for (const m of msgs.filter((m) => m.state === "failed")) deliver(m);
    };
    ws.onmessage = (e) => {
      lastFrameAt = Date.now();
      let frame;
      try {
        frame = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (frame.type === "message") merge(frame.message);
      if ((frame.type === "hello" || frame.type === "status") && frame.status === "closed") setEnded();
    };
    ws.onclose = () => {
      clearInterval(heartbeat);
      if (socket === ws) socket = null;
      if (!session || ended) return;
      status.textContent = navigator.onLine === false ? tr("offline") : tr("reconnecting");
      const delay = Math.min(30_000, 1000 * 2 ** retry++) * (0.5 + Math.random() / 2);
      reconnectTimer = setTimeout(() => {
        catchUp().finally(connect);
      }, delay);
    };
  }
  addEventListener("online", () => {
    retry = 0;
    if (!socket) connect();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && !socket) {
      retry = 0;
      connect();
    }
  });
  addEventListener("pagehide", () => socket?.close(1000, "page closed"));

  // ---- start ----
  async function boot() {
    (document.body || document.documentElement).append(host);
    if (config) {
      $("#sd-title").textContent = config.workspace.name;
      sub.textContent = config.inBusinessHours ? tr("inHours") : tr("outOfHours");
      sub.style.setProperty("--dot", config.inBusinessHours ? "#22c55e" : "#9ca3af");
    }
    if (session) {
      showWho();
      await catchUp();
      connect();
      call("POST", `/sessions/${session.sessionId}/events`, {
        id: String(Date.now()) + Math.random().toString(36).slice(2, 8),
        type: "page_view",
        url: location.href.slice(0, 2000),
        title: document.title.slice(0, 300),
      }).catch(() => {});
    } else {
      who.hidden = false;
      if (config?.welcomeMessage)
        merge({ id: "welcome", seq: 0, from: "bot", authorName: null, text: config.welcomeMessage, createdAt: new Date().toISOString(), clientId: null });
      unread = 0;
      badge.hidden = true;
    }
    if (location.hash === "#sidedesk-chat") setOpen(true);
  }
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", boot) : boot();
})();
