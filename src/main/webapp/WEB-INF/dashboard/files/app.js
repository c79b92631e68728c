// Renders one snapshot of GET /dashboard/events per second. Every list is capped by the server
// (snapshot.limit); the page says so.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const HISTORY = 120;
  const REFUSED_SHOWN_MS = 60000;
  let previous = null;
  const series = { t: [], lock: [], produced: [], acked: [], cache: [], lockMs: [], queueMs: [] };
  let throughput = null;
  let latency = null;
  const waitGraph = cytoscape({ container: $("waitfor-graph"), style: [
    { selector: "node", style: { label: "data(id)", "background-color": "#4a6fa5", "font-size": 10 } },
    { selector: "edge", style: { label: "data(resource)", "curve-style": "bezier", "target-arrow-shape": "triangle",
      width: 2, "font-size": 8, "line-color": "#999", "target-arrow-color": "#999" } },
    { selector: ".cycle", style: { "background-color": "#d33", "line-color": "#d33", "target-arrow-color": "#d33" } },
    { selector: "edge.refused", style: { "line-style": "dashed", "line-color": "#d33", "target-arrow-color": "#d33" } }] });
  const ringGraph = cytoscape({ container: $("ring-graph"), style: [
    { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "data(color)" } },
    { selector: "edge", style: { label: "data(count)", width: "data(width)", "font-size": 9, "line-color": "#bbb" } }] });

  function cell(tr, text, attrs) {
    const td = document.createElement("td");
    td.textContent = text === undefined || text === null ? "" : String(text);
    Object.assign(td.dataset, attrs || {});
    tr.appendChild(td);
    return td;
  }
  function rows(tbody, items, fill) {
    tbody.replaceChildren(...items.map((item) => { const tr = document.createElement("tr"); fill(tr, item); return tr; }));
  }
  function ago(ms) { return ms < 0 ? "never" : ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(1) + " s"; }

  function renderNodes(s) {
    const commit = Math.max(0, ...s.nodes.filter((n) => n.figures).map((n) => n.figures.raft.commitIndex));
    rows($("nodes").tBodies[0], s.nodes, (tr, n) => {
      const r = n.figures ? n.figures.raft : null;
      const role = n.up && r ? r.role : "DOWN";
      Object.assign(tr.dataset, { node: n.nodeId, up: String(n.up), role });
      cell(tr, n.nodeId);
      cell(tr, role);
      cell(tr, r && r.term);
      cell(tr, r && r.commitIndex);
      cell(tr, r && r.lastApplied);
      cell(tr, r ? commit - r.lastApplied : "");
      cell(tr, n.up ? "up" : "down (no answer)", { health: n.up ? "up" : "down" });
      const redis = n.figures && n.figures.redis;
      // A node that does not answer says nothing of its Redis; its other figures are its last known.
      cell(tr, !n.up ? "unknown" : redis ? (redis.reachable ? "ok " + redis.latencyMs + " ms" : "unreachable") : "");
      cell(tr, n.nodeId === s.nodeId ? "this node" : ago(n.lastContactMs));
    });
    $("timeline").replaceChildren(...s.leaders.map((c) => {
      const li = document.createElement("li");
      li.textContent = new Date(c.at).toLocaleTimeString() + " term " + c.term + ": " +
        (c.leaderId ? c.leaderId + " leads" : "election, no leader");
      return li;
    }));
  }

  function renderLocks(s) {
    const sec = s.locks;
    if (!sec) { return; }
    $("locks-error").textContent = sec.error ? "Last read failed (" + sec.error + "); showing the previous one." : "";
    rows($("lock-table").tBodies[0], sec.locks, (tr, l) => {
      tr.dataset.resource = l.resource;
      cell(tr, l.resource);
      cell(tr, l.mode || "free");
      cell(tr, l.holders.map((h) => h.owner + " #" + h.fencingToken + " (" +
        Math.max(0, Math.round((h.expiresAt - s.at) / 1000)) + " s)").join(", "));
      cell(tr, l.waiters.map((w) => w.owner + " (" + w.mode + ")").join(", "));
    });
    const g = sec.waitFor || { edges: [], cycles: [] };
    // The edges refused in the last minute (the one that would have closed a cycle), dashed red:
    // the table never holds a cycle, so this is how a refused deadlock shows in the graph.
    const refusedEdges = [];
    sec.refused.filter((d) => s.at - d.at < REFUSED_SHOWN_MS).slice(0, 3).forEach((d) => {
      d.cycle.forEach((o, i) => {
        const next = d.cycle[(i + 1) % d.cycle.length];
        if (!g.edges.some((e) => e.waiter === o && e.holder === next) &&
            !refusedEdges.some((e) => e.waiter === o && e.holder === next)) {
          refusedEdges.push({ waiter: o, holder: next, resource: d.resource, refused: true });
        }
      });
    });
    const edges = g.edges.concat(refusedEdges);
    const onCycle = new Set(g.cycles.flat());
    const owners = new Set(edges.flatMap((e) => [e.waiter, e.holder]));
    waitGraph.elements().remove();
    waitGraph.add([...owners].map((o) => ({ data: { id: o }, classes: onCycle.has(o) ? "cycle" : "" })));
    waitGraph.add(edges.map((e) => ({ data: { source: e.waiter, target: e.holder, resource: e.resource },
      classes: e.refused ? "refused" : onCycle.has(e.waiter) && onCycle.has(e.holder) ? "cycle" : "" })));
    waitGraph.layout({ name: "circle", animate: false }).run();
    $("waitfor-edges").replaceChildren(...edges.map((e) => {
      const li = document.createElement("li");
      Object.assign(li.dataset, { edge: e.waiter + "->" + e.holder, kind: e.refused ? "refused" : "waiting" });
      li.textContent = e.waiter + (e.refused ? " was refused waiting for " : " waits for ") + e.holder +
        " on " + e.resource;
      return li;
    }));
    $("refused").replaceChildren(...sec.refused.map((d) => {
      const li = document.createElement("li");
      Object.assign(li.dataset, { owner: d.owner, resource: d.resource });
      li.textContent = new Date(d.at).toLocaleTimeString() + ": " + d.owner + " refused on " + d.resource +
        " (cycle " + d.cycle.join(" \u2192 ") + ")";
      return li;
    }));
  }

  function renderQueues(s, dt) {
    const sec = s.queues;
    if (!sec) { return; }
    $("queues-error").textContent = sec.error ? "Last read failed (" + sec.error + "); showing the previous one." : "";
    const before = new Map(((previous && previous.queues && previous.queues.queues) || []).map((q) => [q.queue, q]));
    rows($("queue-table").tBodies[0], sec.queues, (tr, q) => {
      tr.dataset.queue = q.queue;
      const p = before.get(q.queue);
      [q.queue, q.partitions, q.ready, q.delayed, q.inFlight, q.deadLettered, q.produced, q.acked].forEach(
        (v, i) => cell(tr, v, { field: ["queue", "partitions", "ready", "delayed", "inFlight", "deadLettered",
          "produced", "acked"][i] }));
      cell(tr, p && dt > 0 ? ((q.produced - p.produced) / dt).toFixed(1) : "");
      cell(tr, p && dt > 0 ? ((q.acked - p.acked) / dt).toFixed(1) : "");
    });
    const ring = sec.ring;
    if (!ring) { return; }
    const els = [];
    ring.members.forEach((m) => els.push({ data: { id: "m:" + m.id, label: m.id + (m.live ? "" : " (not live)"),
      color: m.live ? "#4a6fa5" : "#d33" } }));
    ring.shards.forEach((sh) => els.push({ data: { id: "s:" + sh.id, label: "Redis " + sh.id, color: "#b58900" } }));
    const links = new Map();
    ring.queues.forEach((q) => q.partitions.forEach((p) => {
      const k = "m:" + (p.owner || "none") + "|s:" + p.shard;
      links.set(k, (links.get(k) || 0) + 1);
    }));
    links.forEach((count, k) => {
      const [a, b] = k.split("|");
      if (els.some((e) => e.data.id === a)) {
        els.push({ data: { id: k, source: a, target: b, count, width: 1 + Math.min(8, count / 4) } });
      }
    });
    ringGraph.elements().remove();
    ringGraph.add(els);
    ringGraph.layout({ name: "circle", animate: false }).run();
    rows($("ring-table").tBodies[0], ring.queues, (tr, q) => {
      cell(tr, q.queue);
      cell(tr, q.partitions.map((p) => p.partition + "\u2192" + (p.owner || "none") + "@" + p.shard).join("  "));
    });
  }

  function renderCache(s) {
    const nodes = s.nodes.filter((n) => n.figures && n.figures.cache);
    const states = new Map();
    nodes.forEach((n) => n.figures.cache.lines.forEach((l) => {
      if (!states.has(l.key)) { states.set(l.key, new Map()); }
      states.get(l.key).set(n.nodeId, l.state);
    }));
    const keys = [...states.keys()].sort().slice(0, s.limit);
    const head = document.createElement("tr");
    ["key", ...s.nodes.map((n) => n.nodeId)].forEach((t) => { const th = document.createElement("th"); th.textContent = t; head.appendChild(th); });
    $("cache-matrix").tHead.replaceChildren(head);
    rows($("cache-matrix").tBodies[0], keys, (tr, key) => {
      cell(tr, key);
      s.nodes.forEach((n) => {
        const st = (n.up && states.get(key).get(n.nodeId)) || "INVALID";
        cell(tr, st[0], { key, node: n.nodeId, state: st }).className = "mesi";
      });
    });
    rows($("cache-stats").tBodies[0], nodes, (tr, n) => {
      const c = n.figures.cache;
      cell(tr, n.nodeId); cell(tr, c.size); cell(tr, (c.stats.hitRatio * 100).toFixed(1) + " %");
      cell(tr, c.stats.hits); cell(tr, c.stats.misses); cell(tr, c.stats.evictions);
      cell(tr, Object.entries(c.stats.transitions || {}).map(([k, v]) => k + " " + v).join(", "));
    });
  }

  function sum(s, f) { return s.nodes.filter((n) => n.up && n.figures).reduce((a, n) => a + f(n.figures.counters), 0); }

  function renderCharts(s, dt) {
    if (!previous || dt <= 0) { return; }
    const rate = (f) => Math.max(0, (sum(s, f) - sum(previous, f)) / dt);
    const mean = (count, nanos) => {
      const n = sum(s, count) - sum(previous, count);
      return n > 0 ? (sum(s, nanos) - sum(previous, nanos)) / n / 1e6 : null;
    };
    series.t.push(s.at / 1000);
    series.lock.push(rate((c) => c.lockGrants));
    series.produced.push(rate((c) => c.queueProduced));
    series.acked.push(rate((c) => c.queueAcked));
    series.cache.push(rate((c) => c.cacheHits + c.cacheMisses));
    series.lockMs.push(mean((c) => c.lockAcquires, (c) => c.lockAcquireNanos));
    series.queueMs.push(mean((c) => c.queueEndToEndCount, (c) => c.queueEndToEndNanos));
    Object.values(series).forEach((a) => { if (a.length > HISTORY) { a.shift(); } });
    const width = Math.max(300, $("charts").clientWidth - 40);
    if (!throughput) {
      throughput = new uPlot({ title: "operations/s", width, height: 180, series: [{},
        { label: "lock grants", stroke: "#4a6fa5" }, { label: "produced", stroke: "#b58900" },
        { label: "acked", stroke: "#2a9d8f" }, { label: "cache reads", stroke: "#d33" }] },
      [series.t, series.lock, series.produced, series.acked, series.cache], $("chart-throughput"));
      latency = new uPlot({ title: "mean latency (ms)", width, height: 180, series: [{},
        { label: "lock acquire", stroke: "#4a6fa5" }, { label: "queue produce\u2192ack", stroke: "#b58900" }] },
      [series.t, series.lockMs, series.queueMs], $("chart-latency"));
    } else {
      throughput.setData([series.t, series.lock, series.produced, series.acked, series.cache]);
      latency.setData([series.t, series.lockMs, series.queueMs]);
    }
  }

  function render(s) {
    const dt = previous ? (s.at - previous.at) / 1000 : 0;
    $("served-by").textContent = "served by " + s.nodeId;
    $("limit-note").textContent = "Showing at most the first " + s.limit +
      " locks, queues and cache keys (in name order) of each kind.";
    renderNodes(s);
    renderLocks(s);
    renderQueues(s, dt);
    renderCache(s);
    renderCharts(s, dt);
    previous = s;
  }

  async function admin(method, path, body) {
    const out = $("admin-result");
    out.textContent = "…";
    try {
      const r = await DistSyncStream.call(method, path, body);
      out.textContent = r.status + " " + JSON.stringify(r.body);
    } catch (e) {
      out.textContent = "failed: " + e.message;
    }
  }

  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    DistSyncStream.setToken($("token").value.trim());
    $("token").value = "";
    DistSyncStream.connect(render);
  });
  $("forget").addEventListener("click", () => { DistSyncStream.setToken(""); DistSyncStream.connect(render); });
  $("transfer").addEventListener("click", () => admin("POST", "/raft/leadership/transfer"));
  $("redrive-form").addEventListener("submit", (e) => {
    e.preventDefault();
    admin("POST", "/queues/" + encodeURIComponent($("redrive-queue").value) + "/dead-letters/redrive");
  });
  $("invalidate-form").addEventListener("submit", (e) => {
    e.preventDefault();
    admin("POST", "/cache/invalidate", { key: $("invalidate-key").value });
  });
  // Without a stored token the page waits for one (a node with AUTH=off: Connect with it empty).
  if (DistSyncStream.token()) {
    DistSyncStream.connect(render);
  } else {
    $("connection").textContent = "enter a token";
  }
})();
