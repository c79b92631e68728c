// The token and the live stream. EventSource cannot send headers, so the stream is read with
// fetch() and an Authorization header; the token never goes into a URL. It is kept in
// sessionStorage only (gone when the tab closes).
"use strict";
const DistSyncStream = (() => {
  const KEY = "distsync.token";
  let controller = null;
  let retry = null;

  function token() { return sessionStorage.getItem(KEY) || ""; }
  function setToken(t) { if (t) { sessionStorage.setItem(KEY, t); } else { sessionStorage.removeItem(KEY); } }
  function headers(extra) {
    const h = Object.assign({}, extra || {});
    if (token()) { h.Authorization = "Bearer " + token(); }
    return h;
  }

  function status(state, text) {
    const el = document.getElementById("connection");
    el.dataset.state = state;
    el.textContent = text;
  }

  // Splits the body into server-sent events ("event:" and "data:" lines, a blank line ends one).
  async function read(body, onEvent) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) { return; }
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = "message";
        const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) { name = line.slice(6).trim(); }
          else if (line.startsWith("data:")) { data.push(line.slice(5).replace(/^ /, "")); }
        }
        if (data.length) { onEvent(name, data.join("\n")); }
      }
    }
  }

  function schedule(onSnapshot) {
    clearTimeout(retry);
    retry = setTimeout(() => connect(onSnapshot), 1000);
  }

  async function connect(onSnapshot) {
    if (controller) { controller.abort(); }
    clearTimeout(retry);
    const mine = new AbortController();
    controller = mine;
    status("connecting", "connecting…");
    try {
      const res = await fetch("/dashboard/events", {
        headers: headers({ Accept: "text/event-stream" }), signal: mine.signal, cache: "no-store" });
      if (res.status === 401 || res.status === 403) {
        const body = await res.json().catch(() => ({}));
        status("denied", (body.message || "token refused") + " Enter a reader token.");
        return;
      }
      if (!res.ok || !res.body) {
        status("closed", "stream answered " + res.status + "; retrying");
        schedule(onSnapshot);
        return;
      }
      status("open", "live");
      await read(res.body, (name, data) => {
        if (name !== "snapshot") { return; }
        // A snapshot the page cannot draw is reported and skipped; the stream goes on.
        try { onSnapshot(JSON.parse(data)); } catch (e) { console.error("dashboard: cannot draw a snapshot", e); }
      });
      if (controller === mine) { status("closed", "stream ended; reconnecting"); schedule(onSnapshot); }
    } catch (e) {
      if (controller === mine && e.name !== "AbortError") {
        status("closed", "node unreachable; retrying");
        schedule(onSnapshot);
      }
    }
  }

  // An admin call to this node's public API; resolves to {status, body}.
  async function call(method, path, body) {
    const init = { method, headers: headers(body ? { "Content-Type": "application/json" } : {}) };
    if (body) { init.body = JSON.stringify(body); }
    const res = await fetch(path, init);
    const text = await res.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = text; }
    return { status: res.status, body: parsed };
  }

  return { token, setToken, connect, call };
})();
