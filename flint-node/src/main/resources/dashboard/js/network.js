// The network view: every node of the cluster at once. Nodes are found by walking the peer
// tables, starting from the node serving this page (its peers' /peers entries carry their HTTP
// ports); each is then read through its own API (CORS allows GET from any page) and its own
// event stream. Shows the topology, each node's height and tip (forks in colour), joins and
// leaves as they happen, and which node had the latest block when.
import { colors, seriesColor } from './theme.js';
import { apiBase, clock, el, getJson, hashRate, headerChain, plural, roleTags, setText, short } from './util.js';

const POLL_MS = 3000;
/** A node that has not answered by then counts as not answering (a stopped or swamped node can hang a request for minutes). */
const ANSWER_MS = 10000;
/** Colours of the tips other than the most followed one (which has the accent): none close to it. */
const FORK_COLORS = [colors.full, colors.light, '#f472b6', colors.nat, '#60a5fa', '#e5e7eb'];
/** Up to this many nodes sit on a circle (easy to read for dense meshes); more get a force layout. */
const CIRCLE_MAX = 24;
const MAX_STREAMS = 64; // one event stream per node; beyond this the view polls only
const HISTORY = 100;

/**
 * id -> { id, base (URL of its API, '' for this page's node, null if unknown), status, peers, error, stream,
 * read (its first answer, or failure, is in: until then the page does not know whether it answers) }
 */
const nodes = new Map();
/** block hash -> { hash, height, seen: Map(node id -> ms since epoch when its event arrived) } */
const blocks = new Map();
let latest = null;
let selfId = null;
let shape = '';

const cy = cytoscape({
  container: document.getElementById('net-graph'),
  wheelSensitivity: 0.2,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)', 'border-width': 2, 'border-color': '#0d1117', width: 34, height: 34,
        label: 'data(label)', color: colors.text, 'font-size': 13, 'text-wrap': 'wrap', 'text-valign': 'bottom',
        'text-margin-y': 5, 'text-outline-color': colors.bg, 'text-outline-width': 2,
      },
    },
    { selector: 'node.self', style: { 'border-color': colors.text, 'border-width': 3, width: 42, height: 42 } },
    { selector: 'node.light', style: { width: 26, height: 26, 'border-color': colors.light, 'border-width': 3 } },
    { selector: 'node.nat', style: { shape: 'diamond' } },
    { selector: 'node.malicious', style: { 'border-color': colors.malicious, 'border-width': 4 } },
    { selector: 'node.reading', style: { opacity: 0.6, 'border-style': 'dashed', 'border-color': colors.muted } },
    { selector: 'node.down', style: { 'background-color': colors.unreachable, opacity: 0.45 } },
    { selector: 'node.got-block', style: { 'underlay-color': colors.accent2, 'underlay-opacity': 0.3, 'underlay-padding': 9, 'underlay-shape': 'ellipse' } },
    { selector: 'edge', style: { width: 1.8, 'line-color': '#3a4966', 'curve-style': 'bezier' } },
    { selector: 'edge.relay', style: { 'line-style': 'dashed', 'line-color': colors.nat } },
    { selector: 'edge.unreachable', style: { 'line-style': 'dotted', 'line-color': colors.unreachable, opacity: 0.6 } },
  ],
});

const heights = new Chart(document.getElementById('heights-chart'), {
  type: 'line',
  data: { labels: [], datasets: [] },
  options: {
    animation: false,
    maintainAspectRatio: false,
    scales: { y: { ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 8 } } },
    plugins: { legend: { position: 'right', labels: { boxWidth: 10 } } },
    elements: { point: { radius: 0 }, line: { borderWidth: 2, stepped: true } },
  },
});
Chart.defaults.color = colors.muted;

window.flintNetwork = { nodes, blocks, verdict, listedIds };

function know(id, base) {
  const n = nodes.get(id);
  if (!n) {
    nodes.set(id, { id, base, status: null, peers: [], error: null, stream: null, read: false });
  } else if (n.base === null && base) {
    n.base = base;
  }
}


/** Nodes with a known API whose first answer (or failure) has not come yet. */
function unread() {
  return [...nodes.values()].filter((n) => n.base !== null && !n.read);
}

async function poll() {
  await Promise.all([...nodes.values()].filter((n) => n.base !== null).map(async (n) => {
    try {
      const [status, peers] = await Promise.all([getJson('/status', n.base, ANSWER_MS), getJson('/peers', n.base, ANSWER_MS)]);
      n.status = headersIfLight(status);
      n.peers = peers;
      n.error = null;
      peers.forEach((p) => know(p.id, apiBase(p)));
      listen(n);
    } catch (e) {
      n.error = e.message;
      if (n.stream) {
        n.stream.close();
        n.stream = null;
      }
    }
    // each answer shows as it comes: under load the slowest node would hold back all the others
    const first = !n.read;
    n.read = true;
    if (first) render(false);
  }));
  forgetDeparted();
  render(true);
}

/**
 * The ids that answering honest nodes ({peers: [ids], malicious}) list. A malicious node's list
 * does not count: honest peers ban it, so no GOODBYE reaches it and it keeps a node that left
 * gracefully, which then read "not answering" and "not yet" for every block, for good.
 */
function listedIds(answering) {
  const listed = new Set();
  for (const n of answering) {
    if (!n.malicious) n.peers.forEach((id) => listed.add(id));
  }
  return listed;
}

/** A node that does not answer and that no answering honest node lists any more has left the network. */
function forgetDeparted() {
  const listed = listedIds([...nodes.values()].filter((n) => !n.error)
    .map((n) => ({ peers: n.peers.map((p) => p.id), malicious: isMalicious(n) })));
  listed.add(selfId);
  for (const n of [...nodes.values()]) {
    if ((n.error || n.base === null) && !listed.has(n.id)) {
      if (n.stream) n.stream.close();
      nodes.delete(n.id);
    }
  }
}

/** A light node keeps headers only: its chain is its best header chain. */
function headersIfLight(status) {
  return status.role.includes('light') ? headerChain(status) : status;
}

// ---------------------------------------------------------------- events

function listen(n) {
  const open = [...nodes.values()].filter((x) => x.stream).length;
  if (n.stream || open >= MAX_STREAMS) return;
  const source = new EventSource(`${n.base}/events`);
  n.stream = source;
  source.onopen = () => updateLive();
  source.onerror = () => updateLive();
  source.addEventListener('block', (e) => sawBlock(n.id, JSON.parse(e.data)));
  source.addEventListener('header', (e) => sawBlock(n.id, JSON.parse(e.data))); // a light node's chain
  for (const kind of ['peer-joined', 'peer-left', 'peer-unreachable', 'peer-alive', 'ban']) {
    source.addEventListener(kind, (e) => activity(n.id, kind, JSON.parse(e.data)));
  }
}

function updateLive() {
  const streams = [...nodes.values()].filter((n) => n.stream);
  const open = streams.filter((n) => n.stream.readyState === EventSource.OPEN).length;
  const live = document.getElementById('live');
  live.className = `live ${open > 0 ? 'open' : 'connecting'}`;
  live.querySelector('span').textContent = `${open} of ${nodes.size} streams`;
}

function sawBlock(nodeId, block) {
  let entry = blocks.get(block.hash);
  if (!entry) {
    entry = { hash: block.hash, height: block.height, seen: new Map() };
    blocks.set(block.hash, entry);
    if (!latest || block.height >= latest.height) latest = entry;
    // keep the last few blocks only
    if (blocks.size > 50) blocks.delete(blocks.keys().next().value);
  }
  // the node's own time of connecting it (older nodes: when its event arrived here)
  if (!entry.seen.has(nodeId)) entry.seen.set(nodeId, block.connected_at ?? Date.now());
  const node = cy.getElementById(nodeId);
  if (entry === latest && node.nonempty()) {
    node.addClass('got-block');
    setTimeout(() => node.removeClass('got-block'), 1500);
  }
  renderPropagation();
}

function activity(nodeId, kind, data) {
  const text = {
    'peer-joined': `${data.peer} joined`,
    'peer-left': `${data.peer} left (${data.reason})`,
    'peer-unreachable': `${data.peer} unreachable`,
    'peer-alive': `${data.peer} answers again`,
    ban: `banned ${data.peer}: ${data.reason}`,
  }[kind];
  const list = document.getElementById('net-activity');
  list.prepend(el('li', {}, el('time', {}, clock()), el('span', { class: `kind k-${kind}` }, nodeId),
    el('span', { class: 'what' }, text)));
  while (list.children.length > 60) list.lastChild.remove();
}

// ---------------------------------------------------------------- rendering

/** The tips the nodes follow, most followed first; the first gets the accent colour. */
function tipColors() {
  const count = new Map();
  for (const n of nodes.values()) {
    if (n.status && !n.error) count.set(n.status.tip, (count.get(n.status.tip) || 0) + 1);
  }
  const byHeight = (tip) => Math.max(...[...nodes.values()].filter((n) => n.status && n.status.tip === tip).map((n) => n.status.height));
  const tips = [...count.keys()].sort((a, b) => count.get(b) - count.get(a) || byHeight(b) - byHeight(a));
  const result = new Map();
  tips.forEach((tip, i) => result.set(tip, i === 0 ? colors.accent : FORK_COLORS[(i - 1) % FORK_COLORS.length]));
  return { result, tips, count };
}

/** @param sample a poll ended: the height chart gets a point (one per poll, so that its time axis is even) */
function render(sample) {
  const { result: tipColor, tips } = tipColors();
  renderGraph(tipColor);
  renderTable(tipColor);
  renderStats(tips);
  if (sample) renderHeights();
  renderPropagation();
  updateLive();
}

function reported(id) {
  // what the others say about a node (light, NAT, malicious), for nodes that do not answer themselves
  for (const n of nodes.values()) {
    const p = n.peers.find((x) => x.id === id);
    if (p) return p;
  }
  return null;
}

/** A known node that does not answer: its read failed, or it has no API address to read. */
function isDown(n) {
  return Boolean(n.error || (!n.status && (n.read || n.base === null)));
}

function isMalicious(n) {
  const info = reported(n.id);
  return (n.status ? n.status.role : '').includes('malicious') || Boolean(info && info.mode === 'malicious');
}

/**
 * The convergence verdict over the answering nodes ({id, tip, height, malicious}). Malicious
 * nodes are left out of it: their peers ban them, so they fall behind or follow their own blocks,
 * and "2 tips" for as long as one runs said nothing about the honest network. Where they are is
 * added to an honest verdict, and the known nodes that do not answer ({@code silent}) to any
 * verdict. {ok, split, text}.
 */
function verdict(answering, reading, silent = []) {
  const v = tipVerdict(answering, reading);
  // "all 4" must not read as the whole network while a known node does not answer
  if (silent.length && !reading && answering.length) v.text += ` · ${silent.join(', ')} not answering`;
  return v;
}

function tipVerdict(answering, reading) {
  if (reading) {
    // no verdict on what has not been read: a node still to answer may well follow another tip
    return { ok: false, split: false, text: `reading ${plural(reading, 'node')}…` };
  }
  if (!answering.length) return { ok: false, split: true, text: 'no node answers' };
  const honest = answering.filter((n) => !n.malicious);
  const judged = honest.length ? honest : answering;
  const count = new Map();
  for (const n of judged) count.set(n.tip, (count.get(n.tip) || 0) + 1);
  const height = (tip) => Math.max(...judged.filter((n) => n.tip === tip).map((n) => n.height));
  const tips = [...count.keys()].sort((a, b) => count.get(b) - count.get(a) || height(b) - height(a));
  const who = honest.length && honest.length < answering.length ? ' honest' : '';
  if (tips.length > 1) {
    // proof-of-work hashes all start with zeros: their ends tell them apart
    return { ok: false, split: true, text: `${tips.length} tips${who ? ' among honest nodes' : ''}: `
      + tips.map((t) => `…${t.slice(-8)} ×${count.get(t)}`).join(' · ') };
  }
  const apart = who ? answering.filter((n) => n.malicious && n.tip !== tips[0]) : [];
  if (!apart.length) {
    // the malicious nodes (if any) follow the same tip: everyone agrees
    return { ok: true, split: false, text: `converged: all ${answering.length} on …${tips[0].slice(-8)}` };
  }
  const aside = ' · malicious ' + apart.map((n) => `${n.id} elsewhere (height ${n.height})`).join(', ');
  return { ok: true, split: false, text: `converged: all ${judged.length} honest on …${tips[0].slice(-8)}${aside}` };
}

function renderGraph(tipColor) {
  const wanted = new Map();
  for (const n of nodes.values()) {
    const info = reported(n.id);
    const role = n.status ? n.status.role : '';
    const classes = [
      n.id === selfId ? 'self' : '',
      role.includes('light') || (info && info.light) ? 'light' : '',
      role.includes('nat') || (info && info.nat) ? 'nat' : '',
      isMalicious(n) ? 'malicious' : '',
      isDown(n) ? 'down' : '',
      !n.read && n.base !== null ? 'reading' : '',
    ].join(' ');
    wanted.set(n.id, {
      group: 'nodes',
      data: { id: n.id, label: n.status ? `${n.id}\nh ${n.status.height}` : !n.read && n.base !== null ? `${n.id}\nreading…` : n.id,
        color: n.status && !n.error ? tipColor.get(n.status.tip) || colors.full : colors.unreachable },
      classes,
    });
  }
  const edges = new Map();
  for (const n of nodes.values()) {
    for (const p of n.peers) {
      if (!nodes.has(p.id)) continue;
      const relayed = p.relay && nodes.has(p.relay);
      const [a, b] = relayed ? [p.relay, p.id].sort() : [n.id, p.id].sort();
      const id = `${a}~${b}`;
      const alive = p.status === 'ALIVE';
      const prev = edges.get(id);
      edges.set(id, {
        group: 'edges',
        data: { id, source: a, target: b },
        classes: [relayed ? 'relay' : '', alive || (prev && !prev.classes.includes('unreachable')) ? '' : 'unreachable'].join(' '),
      });
    }
  }
  edges.forEach((e, id) => wanted.set(id, e));
  cy.batch(() => {
    cy.elements().forEach((e) => { if (!wanted.has(e.id())) cy.remove(e); });
    for (const [id, spec] of wanted) {
      const e = cy.getElementById(id);
      if (e.empty()) cy.add({ group: spec.group, data: spec.data, classes: spec.classes });
      else { e.data(spec.data); e.classes(spec.classes); }
    }
  });
  const now = [...wanted.keys()].sort().join(',');
  if (now !== shape) {
    shape = now;
    const byId = (a, b) => a.id().localeCompare(b.id(), undefined, { numeric: true });
    const layout = cy.nodes().length <= CIRCLE_MAX
      ? { name: 'circle', sort: byId, animate: false, padding: 40, startAngle: -Math.PI / 2 }
      : { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 40000, idealEdgeLength: () => 140,
        padding: 30, componentSpacing: 80 };
    cy.layout(layout).run();
    cy.fit(undefined, 40);
    if (cy.zoom() > 1.3) {
      cy.zoom(1.3); // a handful of nodes should not fill the box like balloons
      cy.center();
    }
  }
  const links = edges.size;
  const dead = [...edges.values()].filter((e) => e.classes.includes('unreachable')).length;
  setText('net-links', links);
  setText('net-links-detail', dead ? `${dead} unreachable` : 'all alive');
}

function renderTable(tipColor) {
  const rows = [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true })).map((n) => {
    const s = n.status;
    const url = n.base === '' ? location.origin : n.base;
    if (!n.read && n.base !== null) {
      return el('tr', { class: 'reading', dataset: { node: n.id } }, el('td', {}, el('b', {}, n.id)),
        el('td', { colspan: 8 }, `reading ${url.replace('http://', '')}…`));
    }
    if (!s || n.error) {
      return el('tr', { class: 'unreachable', dataset: { node: n.id } }, el('td', {}, el('b', {}, n.id)),
        el('td', { colspan: 8 }, n.base === null ? 'no HTTP port known (not announced in HELLO)' : `not answering: ${n.error}`));
    }
    const chip = el('span', { class: 'tipchip', style: `background:${tipColor.get(s.tip)}` });
    return el('tr', { dataset: { node: n.id, height: s.height, tip: s.tip } },
      el('td', {}, el('b', {}, n.id), n.id === selfId ? el('span', { class: 'tag' }, 'this page') : null),
      el('td', { class: 'role', dataset: { role: s.role } }, roleTags(s.role, `${n.id}'s role, from its /status`)),
      el('td', {}, el('a', { href: `${url}/`, target: '_blank', rel: 'noopener' }, url.replace('http://', ''))),
      el('td', { class: 'num' }, s.height),
      el('td', { class: 'mono' }, chip, short(s.tip, 12, 6)),
      el('td', { class: 'num' }, `${s.peers_alive}/${s.peers}`),
      el('td', { class: 'num' }, s.mempool),
      el('td', { class: 'num' }, s.mining ? hashRate(s.hash_rate) : '–'),
      el('td', {}, s.synced ? 'synced' : `${s.sync.phase.toLowerCase()} ${s.sync.height}/${s.sync.best_known_height}`));
  });
  document.querySelector('#nodes tbody').replaceChildren(...rows);
}

function renderStats(tips) {
  const all = [...nodes.values()];
  const up = all.filter((n) => n.status && !n.error);
  setText('net-nodes', up.length);
  const reading = unread().length;
  setText('net-nodes-detail', `answering, of ${all.length} known` + (reading ? ` · reading ${reading}` : ''));
  const best = up.reduce((m, n) => Math.max(m, n.status.height), 0);
  setText('net-height', up.length ? best : '–');
  setText('net-height-detail', `${up.filter((n) => n.status.height === best).length} nodes there`);
  setText('net-tips', tips.length);
  setText('net-pool', up.reduce((sum, n) => sum + n.status.mempool, 0));
  const miners = up.filter((n) => n.status.mining);
  setText('net-hashrate', hashRate(miners.reduce((sum, n) => sum + n.status.hash_rate, 0)));
  setText('net-miners', `${miners.length} mining`);
  const conv = document.getElementById('convergence');
  const silent = all.filter(isDown).map((n) => n.id);
  const v = verdict(up.map((n) => ({ id: n.id, tip: n.status.tip, height: n.status.height, malicious: isMalicious(n) })),
    reading, silent);
  conv.className = v.ok ? 'convergence ok' : v.split ? 'convergence split' : 'convergence';
  conv.textContent = v.text;
  document.getElementById('nodes-hint').textContent = `${all.length} nodes, refreshed every ${POLL_MS / 1000} s`;
  if (selfId) setText('seen-from', `from ${selfId}`);
}

function renderHeights() {
  const { labels, datasets } = heights.data;
  labels.push(clock());
  const ids = [...nodes.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  for (const id of ids) {
    if (!datasets.some((d) => d.label === id)) {
      const color = seriesColor(datasets.length);
      datasets.push({ label: id, data: new Array(labels.length - 1).fill(null), borderColor: color, backgroundColor: color });
    }
  }
  for (const d of datasets) {
    const n = nodes.get(d.label);
    d.data.push(n && n.status && !n.error ? n.status.height : null);
  }
  if (labels.length > HISTORY) {
    labels.shift();
    datasets.forEach((d) => d.data.shift());
  }
  heights.update();
}

function renderPropagation() {
  const box = document.getElementById('propagation');
  if (!latest) return;
  const first = Math.min(...latest.seen.values());
  const last = Math.max(...latest.seen.values());
  const span = Math.max(1, last - first);
  const ids = [...nodes.keys()].sort((a, b) => (latest.seen.get(a) ?? Infinity) - (latest.seen.get(b) ?? Infinity)
    || a.localeCompare(b, undefined, { numeric: true }));
  const rows = ids.map((id) => {
    const at = latest.seen.get(id);
    const delay = at === undefined ? null : at - first;
    return el('div', { class: at === undefined ? 'prop-row pending' : 'prop-row', dataset: { node: id, delay: delay ?? '' } },
      el('span', { class: 'prop-id' }, id),
      el('span', { class: 'prop-bar' }, el('i', { style: `width:${delay === null ? 0 : Math.max(2, (100 * delay) / span)}%` })),
      el('span', { class: 'prop-ms' }, delay === null ? 'not yet' : delay === 0 ? 'first' : `+${delay} ms`));
  });
  box.replaceChildren(
    el('p', { class: 'prop-title' }, `block ${latest.height} `, el('span', { class: 'mono' }, short(latest.hash, 10, 6)),
      ` · ${latest.seen.size} of ${nodes.size} nodes`),
    ...rows);
  document.getElementById('prop-hint').textContent = latest.seen.size === nodes.size
    ? `everywhere in ${last - first} ms` : 'spreading…';
}

// ---------------------------------------------------------------- start

async function start() {
  const self = await getJson('/status');
  selfId = self.id;
  know(self.id, '');
  await poll(); // this node and the peers it lists
  await poll(); // their peers: the rest of the network
  // one poll at a time: on a swamped machine polls must not pile up behind each other
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await poll().catch((e) => console.warn(e.message));
  }
}

start().catch((e) => {
  document.getElementById('convergence').textContent = `cannot read this node: ${e.message}`;
});
