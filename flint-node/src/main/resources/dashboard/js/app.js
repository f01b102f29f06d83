// The node dashboard: wires the status tiles, the network graph, the chain, the pool, the charts
// and the explorer to this node's API. Blocks, transactions and peer changes arrive as
// server-sent events (/events); the charts and peer table are refreshed by a slow poll.
import { NetworkGraph } from './graph.js';
import { CapacityChart, LatencyChart, QueueChart, RedundancyChart } from './charts.js';
import { renderAddress, renderBlock, renderError, renderTx, resolve } from './explorer.js';
import { ApiError, ago, apiBase, bytes, clock, duration, el, getJson, hashRate, headerChain, plural, roleTags, setText,
  short } from './util.js';

const POLL_MS = 5000;
const BLOCKS_SHOWN = 20;
const POOL_SHOWN = 50;
const ACTIVITY_SHOWN = 80;
/** Side branches listed under "Orphans and forks" (/tips gives up to 100, highest first). */
const BRANCHES_SHOWN = 10;
/** A peer whose /status could not be read is asked again after this long. */
const ROLE_RETRY_MS = 60000;
const ROLE_ANSWER_MS = 10000;

const state = {
  status: null,
  statusAt: 0,
  light: false, // a light node: headers only, no blocks to list and no pool
  headers: [], // a light node's headers that arrived while the page is open, newest first
  roles: new Map(), // peer id -> { base, role (from the peer's own /status; null until read), at }
  peers: [],
  blocks: [], // newest first
  stale: [], // blocks taken off the best chain by a reorganisation while the page is open
  branches: [], // side branches' tips (GET /tips), highest first: what the node knows, whenever the page opened
  orphans: [],
  freshTxids: new Set(),
  downSince: null, // clock time the node stopped answering; null while it answers
};

const graph = new NetworkGraph(document.getElementById('graph'));
const charts = {
  latency: new LatencyChart(document.getElementById('latency-chart')),
  capacity: new CapacityChart(document.getElementById('capacity-chart'), document.getElementById('capacity-hint')),
  redundancy: new RedundancyChart(document.getElementById('redundancy-chart'), document.getElementById('redundancy-hint')),
  queue: new QueueChart(document.getElementById('queue-chart'), document.getElementById('queue-hint')),
};
// what the browser tests (and a curious developer's console) can read
window.flint = { graph, state, ago };

/** Runs `fn` at most once per `ms`, after the last call: a burst of events makes one request. */
function debounce(fn, ms) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

function quietly(promise) {
  return promise.catch((e) => console.warn(e.message));
}

// ---------------------------------------------------------------- status tiles

async function refreshStatus() {
  let answer;
  try {
    answer = await getJson('/status');
  } catch (e) {
    if (e.error === 'unreachable' || e.error === 'timeout') nodeDown();
    throw e;
  }
  nodeUp();
  // a light node keeps headers only: its chain is its best header chain, whose tip's age and
  // difficulty are shown (its block tip is genesis)
  const light = answer.role.includes('light');
  const s = light ? headerChain(answer) : answer;
  const grew = state.status && s.height !== state.status.height;
  state.status = s;
  state.light = light;
  state.statusAt = Date.now();
  document.title = `Flint ${s.id} · height ${s.height}`;
  setText('node-id', s.id);
  const role = document.getElementById('node-role');
  role.textContent = s.role;
  role.className = s.role.includes('malicious') ? 'pill bad' : 'pill';
  setText('node-network', s.network);
  const height = setText('stat-height', s.height);
  if (grew) {
    height.classList.remove('flash');
    void height.offsetWidth; // restart the animation
    height.classList.add('flash');
  }
  setText('stat-tip', short(s.tip, 16, 8)).title = s.tip;
  setText('stat-work', light ? 'light node: headers only' : `chain work 0x${s.chain_work}`);
  setText('stat-difficulty', s.difficulty_bits.toFixed(2));
  setText('stat-peers', `${s.peers_alive} / ${s.peers}`);
  setText('stat-peers-detail', 'alive / known');
  setText('stat-pool', light ? '–' : s.mempool);
  setText('stat-pool-bytes', light ? 'no pool: light node' : bytes(s.mempool_bytes));
  setText('stat-hashrate', s.mining ? hashRate(s.hash_rate) : '—').title = s.mining ? `${Math.round(s.hash_rate)} hashes per second` : '';
  setText('stat-mining', s.mining ? `mining to ${short(s.payout_address, 8, 4)}` : 'not mining').title = s.mining ? s.payout_address : '';
  if (s.mining_paused) {
    // the chain's time ran ahead of the clock (regtest at full speed): no valid block until the clock catches up
    setText('stat-hashrate', 'paused').title = s.mining_paused;
    setText('stat-mining', 'waiting for the clock').title = s.mining_paused;
  }
  const sync = s.sync;
  setText('stat-sync', s.synced ? 'synced' : sync.phase.toLowerCase());
  setText('stat-sync-detail', s.synced ? `best known ${sync.best_known_height}`
    : `${sync.height} of ${sync.best_known_height} · ${sync.blocks_per_second.toFixed(1)} blk/s`);
  setText('stat-p2p', `p2p ${s.p2p}`).title = `peer-to-peer endpoint ${s.p2p}`;
  graph.update(s, state.peers);
  if (light) renderHeaderChain();
  if (s.store_damage) {
    // its chain store could not read something: the node runs, but lacks part of its chain
    const damaged = setText('stat-sync', 'store damaged');
    damaged.className = 'bad';
    setText('stat-sync-detail', 'run flint chain verify').title = s.store_damage;
  } else if (sync.stalled) {
    // no peer delivers the next block (its only holder lost it): download waits at this height
    const st = sync.stalled;
    setText('stat-sync', `stalled at ${st.height}`).className = 'bad';
    setText('stat-sync-detail', `block ${st.height} asked ${st.requests}× of ${st.peers.join(', ')}`).title =
      `block ${st.hash} not delivered after ${st.requests} requests to ${st.peers.join(', ')}; `
      + 'download cannot go past it until a peer serves it';
  } else {
    document.getElementById('stat-sync').className = '';
    document.getElementById('stat-sync-detail').title = '';
  }
  tickClock();
}

/**
 * The node stopped answering (killed, crashed, its machine gone): the tiles keep its last figures,
 * greyed, and the top bar says since when, instead of a page that looks alive with old numbers.
 */
function nodeDown() {
  if (state.downSince) return;
  state.downSince = clock();
  document.body.classList.add('node-down');
  const live = document.getElementById('live');
  live.className = 'live closed';
  live.querySelector('span').textContent = `node not answering since ${state.downSince}`;
  live.title = 'The figures shown are its last; the page goes on asking and updates when it answers again';
}

function nodeUp() {
  if (!state.downSince) return;
  state.downSince = null;
  document.body.classList.remove('node-down');
  document.getElementById('live').title = 'Live updates (server-sent events)';
}

/** Ages and uptime move every second without asking the node. */
function tickClock() {
  const s = state.status;
  if (!s) return;
  const elapsed = (Date.now() - state.statusAt) / 1000;
  if (!state.downSince) setText('stat-uptime', duration(s.uptime_s + elapsed)); // a node down is not up
  setText('stat-tip-age', `tip ${ago(s.tip_time)}`);
  document.querySelectorAll('#blocks .when').forEach((w) => { w.textContent = ago(Number(w.dataset.time)); });
}

// ---------------------------------------------------------------- network

async function refreshNetwork() {
  const [peers, latency, capacity, redundancy, queue, blacklist] = await Promise.all([
    getJson('/peers'), getJson('/latency'), getJson('/capacity'), getJson('/redundancy'), getJson('/queue'),
    getJson('/blacklist'),
  ]);
  state.peers = peers;
  if (state.status) graph.update(state.status, peers);
  renderPeers(peers);
  learnRoles(peers);
  charts.latency.add(latency);
  charts.capacity.show(capacity);
  charts.redundancy.show(redundancy);
  charts.queue.show(queue, peers.map((p) => p.id));
  renderBlacklist(blacklist);
}

/**
 * A peer's HELLO says only whether it is light, NATed or malicious: a miner looks like any full
 * node. Its own /status (CORS allows GET from any page) names its role; it is read once per peer.
 */
function learnRoles(peers) {
  for (const p of peers) {
    const base = apiBase(p);
    const known = state.roles.get(p.id);
    if (!base || (known && known.base === base && (known.role || Date.now() - known.at < ROLE_RETRY_MS))) continue;
    const entry = { base, role: null, at: Date.now() };
    state.roles.set(p.id, entry);
    getJson('/status', base, ROLE_ANSWER_MS).then((s) => {
      if (s.id !== p.id || state.roles.get(p.id) !== entry) return; // another node on that port, or asked again since
      entry.role = s.role;
      renderPeers(state.peers);
    }).catch(() => { /* its HELLO flags stay what is known */ });
  }
}

/** A peer's role: from its own /status when the page could read it, else the little its HELLO says. */
function peerRole(p) {
  const known = state.roles.get(p.id);
  if (known && known.role) return { role: known.role, title: `${p.id}'s role, from its /status` };
  const role = (p.light ? 'light' : 'full') + (p.mode === 'malicious' ? '+malicious' : '') + (p.nat ? '+nat' : '');
  return { role, title: p.light ? `from ${p.id}'s HELLO: a light node`
    : `from ${p.id}'s HELLO: not a light node; whether it mines only its /status says, which this page could not read` };
}

function renderPeers(peers) {
  const rows = [...peers].sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true })).map((p) => el('tr',
    { class: p.status === 'UNREACHABLE' ? 'unreachable' : '', dataset: { peerId: p.id } },
    el('td', {}, el('b', {}, p.id)),
    el('td', {}, el('span', { class: `status ${p.status}` }, p.status.toLowerCase())),
    ((r) => el('td', { class: 'role', dataset: { role: r.role } }, roleTags(r.role, r.title)))(peerRole(p)),
    el('td', { class: 'mono' }, `${p.ip}:${p.port}`),
    el('td', { class: 'num' }, p.height >= 0 ? p.height : '–'), // -1: not known yet
    el('td', { class: 'num' }, p.rtt_ms >= 0 ? `${p.rtt_ms.toFixed(p.rtt_ms < 1 ? 2 : 1)} ms` : '–'),
    el('td', {}, p.relay || '')));
  document.querySelector('#peers tbody').replaceChildren(
    ...(rows.length ? rows : [el('tr', { class: 'empty' }, el('td', { colspan: 7 }, 'no peers yet'))]));
}

function renderBlacklist(bans) {
  const rows = bans.map((b) => el('tr', { dataset: { peerId: b.id } },
    el('td', {}, el('b', {}, b.id)), el('td', { class: 'mono' }, b.endpoint),
    el('td', {}, b.reason), el('td', {}, new Date(b.expires).toLocaleTimeString())));
  document.querySelector('#blacklist tbody').replaceChildren(
    ...(rows.length ? rows : [el('tr', { class: 'empty' }, el('td', { colspan: 4 }, 'nobody is banned'))]));
}

// ---------------------------------------------------------------- chain

async function loadBlocks() {
  if (state.light) {
    renderHeaderChain(); // its /blocks knows genesis only
    return;
  }
  state.blocks = await getJson(`/blocks?limit=${BLOCKS_SHOWN}`);
  renderBlocks();
}

/**
 * A light node's chain panel: it keeps headers only, so no block list; its header tip (from
 * /status) and the headers that arrived while the page is open (`header` events).
 */
function renderHeaderChain() {
  const s = state.status;
  const note = document.getElementById('chain-note');
  note.hidden = false;
  note.textContent = 'A light node keeps block headers only: no transactions, so no block list. Its chain is its header chain:';
  const tip = { height: s.height, hash: s.tip, time: s.tip_time, meta: `header tip · ${s.difficulty_bits.toFixed(2)} bits`,
    title: 'time in the header' };
  const arrived = state.headers.filter((h) => h.height < s.height).map((h) => ({ height: h.height, hash: h.hash,
    time: Math.floor(h.connected_at / 1000), meta: 'header', title: 'when it arrived' }));
  const items = [tip, ...arrived].slice(0, BLOCKS_SHOWN).map((h) => el('li',
    { class: 'block header', dataset: { height: h.height, hash: h.hash } },
    el('span', { class: 'height' }, h.height),
    el('span', { class: 'hash', title: h.hash }, short(h.hash, 18, 8)),
    el('span', { class: 'when', title: h.title, dataset: { time: h.time } }, ago(h.time)),
    el('span', { class: 'meta' }, h.meta)));
  document.getElementById('blocks').replaceChildren(...items);
  document.getElementById('chain-hint').textContent = `headers only · ${s.height + 1} headers`;
}

function onHeader(event) {
  state.headers = [event, ...state.headers.filter((h) => h.height < event.height)].slice(0, BLOCKS_SHOWN);
  if (state.status && state.light) renderHeaderChain();
}

async function loadForks() {
  const [orphans, tips] = await Promise.all([getJson('/orphan'), getJson('/tips')]);
  state.orphans = orphans;
  state.branches = tips.filter((t) => t.status !== 'active');
  renderForks();
}

function renderBlocks(newHash) {
  const items = state.blocks.map((b) => el('li',
    { class: b.hash === newHash ? 'block new' : 'block', dataset: { height: b.height, hash: b.hash },
      onclick: () => { location.hash = `#/block/${b.hash}`; } },
    el('span', { class: 'height' }, b.height),
    el('span', { class: 'hash', title: b.hash }, short(b.hash, 18, 8)),
    el('span', { class: 'when', dataset: { time: b.timestamp } }, ago(b.timestamp)),
    el('span', { class: 'meta' },
      `${b.tx_count} tx · ${b.difficulty_bits.toFixed(2)} bits · `, b.miner ? `miner ${short(b.miner, 8, 4)}` : 'no miner address')));
  document.getElementById('blocks').replaceChildren(...items);
  document.getElementById('chain-hint').textContent = state.blocks.length
    ? `${state.blocks.length} latest of ${state.blocks[0].height + 1}` : '';
}

/** A side branch's tip: its status, where it left the best chain and how long it is. */
function branchItem(t) {
  // only a valid fork's blocks are all here to show; the others would be a "not found" page
  const hash = t.status === 'valid-fork' ? el('a', { href: `#/block/${t.hash}`, class: 'mono' }, short(t.hash, 12, 6))
    : el('span', { class: 'mono', title: t.hash }, short(t.hash, 12, 6));
  return el('li', { class: 'branch', dataset: { hash: t.hash, status: t.status } },
    el('span', { class: `kind ${t.status}` }, t.status), `height ${t.height} `, hash,
    ` · ${plural(t.branch_length, 'block')} off the best chain since height ${t.height - t.branch_length}`);
}

function renderForks() {
  const tips = new Set(state.branches.map((t) => t.hash));
  const more = state.branches.length - BRANCHES_SHOWN;
  const items = [
    ...state.branches.slice(0, BRANCHES_SHOWN).map(branchItem),
    ...(more > 0 ? [el('li', { class: 'more' }, `and ${plural(more, 'lower branch')} (GET /tips)`)] : []),
    // a disconnected block that is a branch's tip is listed as that branch already
    ...state.stale.filter((b) => !tips.has(b.hash)).map((b) => el('li', {}, el('span', { class: 'kind stale' }, 'stale'),
      `height ${b.height} `, el('a', { href: `#/block/${b.hash}`, class: 'mono' }, short(b.hash, 12, 6)),
      ' left the best chain in a reorganisation')),
    ...state.orphans.map((o) => el('li', {}, el('span', { class: 'kind orphan' }, 'orphan'),
      `height ${o.height} `, el('span', { class: 'mono' }, short(o.hash, 12, 6)),
      ` waits for parent ${short(o.prev, 8, 4)}`)),
  ];
  document.getElementById('forks').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, 'none')]));
}

async function onBlock(event) {
  const [summary] = await getJson(`/blocks?from=${event.height}&limit=1`);
  if (!summary || summary.hash !== event.hash) return; // already replaced by a reorganisation
  state.blocks = [summary, ...state.blocks.filter((b) => b.height < summary.height)].slice(0, BLOCKS_SHOWN);
  renderBlocks(summary.hash);
}

function onBlockDisconnected(event) {
  state.blocks = state.blocks.filter((b) => b.hash !== event.hash);
  state.stale = [event, ...state.stale.filter((b) => b.hash !== event.hash)].slice(0, 10);
  renderBlocks();
  renderForks();
  loadForksSoon(); // the branch it left on
}

// ---------------------------------------------------------------- pool

async function loadPool() {
  let pooled;
  try {
    pooled = await getJson('/transactions');
  } catch (e) {
    if (!(e instanceof ApiError) || e.error !== 'light_node') throw e;
    showNoPool(e.message);
    return;
  }
  const newest = pooled.slice(-POOL_SHOWN).reverse();
  const rows = newest.map((t) => el('tr', { class: state.freshTxids.has(t.txid) ? 'new' : '', dataset: { txid: t.txid } },
    el('td', {}, el('a', { href: `#/tx/${t.txid}`, class: 'mono' }, short(t.txid, 16, 8))),
    el('td', { class: 'num' }, t.fee),
    el('td', { class: 'num' }, t.size),
    el('td', { class: 'num' }, t.fee_rate.toFixed(1)),
    el('td', {}, new Date(t.time).toLocaleTimeString())));
  state.freshTxids.clear();
  document.querySelector('#pool tbody').replaceChildren(
    ...(rows.length ? rows : [el('tr', { class: 'empty' }, el('td', { colspan: 5 }, 'the pool is empty'))]));
  const total = pooled.reduce((sum, t) => sum + t.size, 0);
  document.getElementById('pool-hint').textContent = `${pooled.length} transactions · ${bytes(total)}`
    + (pooled.length > POOL_SHOWN ? ` · newest ${POOL_SHOWN} shown` : '');
}

/** A light node refuses /transactions (409 light_node): say so, with the node's reason, rather than show an empty table. */
function showNoPool(reason) {
  document.querySelector('#pool tbody').replaceChildren(el('tr', { class: 'empty', id: 'pool-refused' },
    el('td', { colspan: 5 }, el('b', {}, 'A light node keeps no transaction pool'), el('br'), el('small', {}, reason))));
  document.getElementById('pool-hint').textContent = 'not on a light node';
}

// ---------------------------------------------------------------- live events

const ACTIVITY_TEXT = {
  block: (d) => `block ${d.height} ${short(d.hash, 10, 4)} · ${d.tx_count} tx`,
  'block-disconnected': (d) => `block ${d.height} ${short(d.hash, 10, 4)} left the best chain`
    + (d.mined_here ? ' (mined here: reward lost)' : ''),
  reorg: (d) => `reorganised at height ${d.fork_height}: ${d.disconnected} off, ${d.connected} on`,
  tx: (d) => `${short(d.txid, 10, 4)} from ${d.from}`,
  'peer-joined': (d) => `${d.peer} joined`,
  'peer-left': (d) => `${d.peer} left (${d.reason})`,
  'peer-unreachable': (d) => `${d.peer} stopped answering`,
  'peer-alive': (d) => `${d.peer} answers again (silent ${Math.round(d.silent_ms / 1000)} s)`,
  'tx-removed': (d) => `${short(d.txid, 10, 4)} dropped: ${d.reason}`
    + (d.conflicting_txid ? ` (lost to ${short(d.conflicting_txid, 10, 4)})` : ''),
  ban: (d) => `${d.peer} banned: ${d.reason}`,
  offence: (d) => `${d.peer} offence ${d.count}: ${d.reason}`,
  unban: (d) => `${d.peer} no longer banned (${d.how === 'operator' ? 'lifted by the operator' : 'expired'})`,
  handover: (d) => `${d.from} handed over ${d.admitted} of ${d.offered} transactions`,
};

function activity(kind, data) {
  const list = document.getElementById('activity');
  const text = ACTIVITY_TEXT[kind](data);
  // a long line is cut to the panel's width: the whole of it on hover
  list.prepend(el('li', {}, el('time', {}, clock()), el('span', { class: `kind k-${kind}` }, kind),
    el('span', { class: 'what', title: text }, text)));
  while (list.children.length > ACTIVITY_SHOWN) list.lastChild.remove();
}

const refreshNetworkSoon = debounce(() => quietly(refreshNetwork()), 300);
const refreshStatusSoon = debounce(() => quietly(refreshStatus()), 200);
const loadPoolSoon = debounce(() => quietly(loadPool()), 500);
const loadForksSoon = debounce(() => quietly(loadForks()), 500);

function connectEvents() {
  const live = document.getElementById('live');
  const show = (cls, text) => { live.className = `live ${cls}`; live.querySelector('span').textContent = text; };
  const source = new EventSource('/events');
  source.onopen = () => show('open', 'live');
  // the browser reconnects by itself; everything is reloaded when the stream says hello again
  source.onerror = () => {
    if (!state.downSince) show(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting', 'reconnecting');
    // a stream that breaks is the first sign of a node gone: ask now rather than at the next poll
    refreshStatusSoon();
  };
  const on = (kind, handler) => source.addEventListener(kind, (e) => {
    const data = JSON.parse(e.data);
    if (ACTIVITY_TEXT[kind]) activity(kind, data);
    handler(data);
  });
  let hellos = 0;
  // the first hello comes right after the page loaded everything; a later one means a reconnect
  on('hello', () => { if (hellos++ > 0) reloadAll(); });
  on('overflow', () => reloadAll()); // missed events: start from the node's state again
  on('block', (d) => {
    graph.pulse();
    quietly(onBlock(d));
    refreshStatusSoon();
    loadPoolSoon();
    loadForksSoon();
  });
  on('header', (d) => { graph.pulse(); onHeader(d); refreshStatusSoon(); }); // a light node's chain grew
  on('block-disconnected', (d) => { onBlockDisconnected(d); refreshStatusSoon(); });
  on('reorg', () => loadForksSoon());
  on('tx', (d) => { state.freshTxids.add(d.txid); loadPoolSoon(); refreshStatusSoon(); });
  on('peer-joined', (d) => {
    state.roles.delete(d.peer); // a node back under the same id may have another role
    refreshNetworkSoon();
    setTimeout(() => graph.flash(d.peer), 600);
  });
  on('peer-left', () => refreshNetworkSoon());
  on('peer-unreachable', () => refreshNetworkSoon());
  on('peer-alive', () => refreshNetworkSoon());
  on('tx-removed', (d) => { state.freshTxids.delete(d.txid); loadPoolSoon(); refreshStatusSoon(); });
  on('ban', () => refreshNetworkSoon());
  on('offence', () => {});
  on('unban', () => refreshNetworkSoon());
  on('handover', () => loadPoolSoon());
}

async function reloadAll() {
  await quietly(refreshStatus());
  await Promise.all([quietly(refreshNetwork()), quietly(loadBlocks()), quietly(loadPool()), quietly(loadForks())]);
}

// ---------------------------------------------------------------- explorer routing

async function route() {
  const home = document.getElementById('home');
  const page = document.getElementById('page');
  const [, kind, id] = location.hash.match(/^#\/(block|tx|address)\/(.+)$/) || [];
  if (!kind) {
    page.hidden = true;
    home.hidden = false;
    return;
  }
  home.hidden = true;
  page.hidden = false;
  window.scrollTo(0, 0);
  const value = decodeURIComponent(id);
  try {
    if (kind === 'block') await renderBlock(page, value);
    else if (kind === 'tx') await renderTx(page, value);
    else await renderAddress(page, value);
  } catch (e) {
    renderError(page, e);
  }
}

document.getElementById('search').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = document.getElementById('search-input');
  try {
    const target = await resolve(input.value);
    if (location.hash === target) route(); else location.hash = target;
  } catch (err) {
    document.getElementById('home').hidden = true;
    const page = document.getElementById('page');
    page.hidden = false;
    renderError(page, err);
  }
});
window.addEventListener('hashchange', route);

// ---------------------------------------------------------------- start

route();
reloadAll();
connectEvents();
setInterval(() => { quietly(refreshStatus()); quietly(refreshNetwork()); }, POLL_MS);
setInterval(tickClock, 1000);
