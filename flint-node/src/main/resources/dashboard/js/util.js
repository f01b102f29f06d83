// Small helpers shared by the dashboard's modules: the node's JSON API, DOM building, formatting.

/** An answer of the node's API that was not 2xx: the node's own {"error", "reason"}. */
export class ApiError extends Error {
  constructor(status, error, reason) {
    super(reason || `HTTP ${status}`);
    this.status = status;
    this.error = error;
  }
}

/**
 * GET a JSON endpoint of a node (this one unless `base` names another, e.g. http://127.0.0.1:7001).
 * With `timeoutMs`, a node that has not answered by then counts as not answering (a request to a
 * stopped or overloaded node may otherwise hang for minutes).
 */
export async function getJson(path, base = '', timeoutMs = 0) {
  const abort = timeoutMs > 0 ? new AbortController() : null;
  const timer = abort ? setTimeout(() => abort.abort(), timeoutMs) : null;
  let response;
  let body;
  try {
    try {
      response = await fetch(base + path, { headers: { Accept: 'application/json' }, signal: abort && abort.signal });
    } catch (e) {
      throw abort && abort.signal.aborted
        ? new ApiError(0, 'timeout', `no answer from ${base || 'the node'} within ${timeoutMs / 1000} s`)
        : new ApiError(0, 'unreachable', `cannot reach ${base || 'the node'}`);
    }
    body = await response.json().catch(() => null);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    throw new ApiError(response.status, body && body.error, body && body.reason);
  }
  return body;
}

/**
 * A light node's /status as its header chain: height, tip, tip time and difficulty of its best
 * header (its block tip stays at genesis, as it keeps headers only).
 */
export function headerChain(status) {
  return { ...status, height: status.best_header_height, tip: status.best_header,
    tip_time: status.best_header_time, difficulty_bits: status.best_header_difficulty_bits };
}

/** The HTTP API of a peer as a /peers entry gives it (its HELLO's http_port), or null if it announced none. */
export function apiBase(peer) {
  if (!(peer.http_port > 0)) return null;
  return `http://${peer.ip.includes(':') ? `[${peer.ip}]` : peer.ip}:${peer.http_port}`;
}

/**
 * A node's role as tags: its kind (miner, full or light), then NAT and malicious. `role` is the
 * /status role (`miner`, `full+malicious`, `light+nat`...), the same words wherever a role is shown.
 */
export function roleTags(role, title) {
  const parts = role.split('+');
  const kind = parts[0];
  return [
    el('span', { class: `tag role ${kind}`, title }, kind),
    parts.includes('nat') ? el('span', { class: 'tag nat' }, 'NAT') : null,
    parts.includes('malicious') ? el('span', { class: 'tag malicious' }, 'malicious') : null,
  ];
}

/** "1 confirmation", "2 confirmations". */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Builds an element: el('td', {class: 'num', dataset: {id: 'x'}}, 'text', childNode).
 * Text is always set as text, never parsed as HTML (peers choose their ids).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'onclick') node.addEventListener('click', value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function setText(id, text) {
  const node = document.getElementById(id);
  if (node && node.textContent !== String(text)) node.textContent = text;
  return node;
}

/** 000000ae3f…9c1d: enough of a hash to recognise it. */
export function short(hash, head = 10, tail = 6) {
  if (!hash) return '';
  return hash.length <= head + tail + 1 ? hash : `${hash.slice(0, head)}…${tail > 0 ? hash.slice(-tail) : ''}`;
}

/**
 * "3m 12s ago"; a time a minute or more ahead of this clock "in 1h 53m" (a block may be up to 2 h
 * ahead, and regtest mined at full speed gets there: "0s ago" on every block hid that). Less than
 * a minute ahead is clock skew between machines and reads "0s ago".
 */
export function ago(unixSeconds, now = Date.now() / 1000) {
  const d = Math.round(now - unixSeconds);
  return d <= -60 ? `in ${span(-d)}` : `${span(Math.max(0, d))} ago`;
}

/** "45s", "3m 12s", "1h 53m", "326d": whole seconds as people read them. */
function span(s) {
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d`;
}

/** How long something has run: as {@link span}, with the hours of a day or more ("3d 4h"). */
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return s < 86400 ? span(s) : `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

export function hashRate(h) {
  if (!h) return '0 H/s';
  const units = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s'];
  let i = 0;
  while (h >= 1000 && i < units.length - 1) { h /= 1000; i++; }
  return `${h.toFixed(h < 10 ? 2 : 1)} ${units[i]}`;
}

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function clock(date = new Date()) {
  return date.toTimeString().slice(0, 8);
}

/** Coins as the API gives them (decimal strings), with a unit. */
export function coins(value) {
  return `${value} coins`;
}
