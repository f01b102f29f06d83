// The explorer: block, transaction and address pages, and the search that finds them by
// height, block hash, txid or address. Pages are rendered into <main id="page"> from the API.
import { ApiError, ago, coins, el, getJson, plural, short } from './util.js';

const HEX64 = /^[0-9a-fA-F]{64}$/;

/** Where a search goes: '#/block/…', '#/tx/…' or '#/address/…'; throws with a sentence if nothing matches. */
export async function resolve(query) {
  const q = query.trim();
  if (q === '') throw new ApiError(400, 'empty', 'type a height, a block hash, a txid or an address');
  if (/^\d+$/.test(q)) return `#/block/${q}`;
  if (HEX64.test(q)) {
    const id = q.toLowerCase();
    if (await exists(`/blocks/${id}`)) return `#/block/${id}`;
    if (await exists(`/tx/${id}`)) return `#/tx/${id}`;
    throw new ApiError(404, 'not_found', `no block or transaction ${short(id)} on this node`);
  }
  try {
    await getJson(`/address/${encodeURIComponent(q)}/balance`);
    return `#/address/${encodeURIComponent(q)}`;
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      throw new ApiError(400, e.error, `'${q}' is not a height, a 64-character hash or txid, nor an address (${e.message})`);
    }
    throw e;
  }
}

async function exists(path) {
  try {
    await getJson(path);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return false;
    throw e;
  }
}

function fact(label, value, attrs = {}) {
  return el('div', { class: 'fact' }, el('label', {}, label), el('span', attrs, value));
}

function link(hash, kind, text = hash) {
  return el('a', { href: `#/${kind}/${hash}`, class: 'mono' }, text);
}

function back() {
  return el('a', { href: '#/', class: 'back' }, '← overview');
}

/** Headings by the node's answer: a 400 is an id the node could not read, not one it lacks. */
const ERROR_TITLES = { 400: 'Not a valid id', 404: 'Not found', 409: 'Not on this node' };

/** The page for an error: the node's reason (an ApiError's message) under a heading that fits its status. */
export function renderError(page, error) {
  const status = error instanceof ApiError ? error.status : 0;
  page.replaceChildren(back(), el('h1', { id: 'page-error-title' }, ERROR_TITLES[status] || 'Cannot show this'),
    el('div', { class: 'error-box', id: 'page-error', dataset: { status } }, error.message));
}

export async function renderBlock(page, id) {
  const b = await getJson(`/blocks/${encodeURIComponent(id)}`);
  const txs = b.transactions.map((tx) => txCard(tx));
  page.replaceChildren(
    back(),
    el('h1', { id: 'block-page', dataset: { height: b.height, hash: b.hash } },
      `Block ${b.height}`,
      b.on_best_chain ? el('span', { class: 'pill', id: 'block-confirmations' }, plural(b.confirmations, 'confirmation'))
        : el('span', { class: 'pill bad' }, 'not on the best chain'),
      el('span', { class: 'mono' }, b.hash)),
    el('div', { class: 'facts' },
      fact('previous', b.height > 0 ? link(b.prev, 'block', short(b.prev, 16, 8)) : '(genesis)'),
      fact('next', nextBlock(b), { id: 'block-next' }),
      fact('time', `${new Date(b.timestamp * 1000).toISOString().replace('T', ' ').slice(0, 19)} UTC (${ago(b.timestamp)})`),
      fact('difficulty', `${b.difficulty_bits.toFixed(2)} bits (0x${b.bits.toString(16)})`),
      fact('nonce', b.nonce),
      fact('transactions', b.tx_count),
      fact('size', `${b.size} bytes`),
      fact('miner', b.miner ? link(b.miner, 'address', b.miner) : '–'),
      fact('merkle root', b.merkle_root, { class: 'mono' })),
    el('h2', {}, `Transactions (${b.tx_count})`),
    ...txs);
}

/**
 * The block after `b`: the best chain's; off it, the child on its own branch (a block a
 * reorganisation abandoned has no next on the best chain, and is not a tip for that).
 */
function nextBlock(b) {
  if (b.next) return link(b.next, 'block', short(b.next, 16, 8));
  if (b.on_best_chain) return '(tip)';
  if (b.next_on_branch) {
    return [link(b.next_on_branch, 'block', short(b.next_on_branch, 16, 8)), ' (on its side branch)'];
  }
  return '(no child on the best chain)';
}

export async function renderTx(page, txid) {
  const t = await getJson(`/tx/${encodeURIComponent(txid)}`);
  const where = t.status === 'confirmed'
    ? [fact('block', link(t.block_hash, 'block', `${t.block_height} · ${short(t.block_hash, 12, 6)}`)),
      fact('confirmations', t.confirmations)]
    : [fact('fee', coins(t.fee))];
  page.replaceChildren(
    back(),
    el('h1', { id: 'tx-page', dataset: { txid: t.txid, status: t.status } },
      'Transaction',
      el('span', { class: t.status === 'confirmed' ? 'pill' : 'pill muted' }, t.status),
      el('span', { class: 'mono' }, t.txid)),
    el('div', { class: 'facts' },
      fact('size', `${t.size} bytes`),
      fact('outputs total', coins(t.tx.total_out)),
      fact('version / locktime', `${t.tx.version} / ${t.tx.locktime}`),
      ...where),
    txCard(t.tx, false),
    el('details', {}, el('summary', { class: 'muted' }, 'raw hex'), el('pre', { class: 'mono', style: 'white-space: pre-wrap; word-break: break-all' }, t.hex)));
}

function txCard(tx, withTitle = true) {
  const inputs = tx.coinbase
    ? [el('li', {}, el('span', { class: 'tag coinbase' }, 'coinbase'), ' new coins: block reward and fees')]
    : tx.inputs.map((i) => el('li', {}, link(i.prev_txid, 'tx', short(i.prev_txid, 14, 6)), `:${i.prev_vout}`));
  const outputs = tx.outputs.map((o) => el('li', {},
    el('span', { class: 'value' }, coins(o.value)),
    o.address ? link(o.address, 'address', o.address) : el('span', { class: 'muted' }, o.type)));
  return el('div', { class: 'txcard' },
    withTitle ? el('h3', {}, link(tx.txid, 'tx', tx.txid), tx.coinbase ? el('span', { class: 'tag coinbase', style: 'margin-left: 8px' }, 'coinbase') : null) : null,
    el('div', { class: 'io' }, el('ul', {}, inputs), el('div', { class: 'arrow' }, '→'), el('ul', {}, outputs)));
}

export async function renderAddress(page, address) {
  const [balance, history] = await Promise.all([
    getJson(`/address/${encodeURIComponent(address)}/balance`),
    getJson(`/address/${encodeURIComponent(address)}/history?limit=100`),
  ]);
  const rows = history.map((h) => el('tr', {},
    el('td', {}, link(h.txid, 'tx', short(h.txid, 16, 8))),
    el('td', { class: 'num' }, h.height < 0 ? 'pooled' : h.height),
    el('td', { class: 'num' }, h.confirmations),
    el('td', { class: 'num', style: `color: ${h.net.startsWith('-') ? 'var(--bad)' : 'var(--good)'}` }, coins(h.net))));
  page.replaceChildren(
    back(),
    el('h1', { id: 'address-page', dataset: { address } }, 'Address', el('span', { class: 'mono' }, address)),
    el('div', { class: 'facts' },
      fact('confirmed', el('b', { class: 'big-number' }, coins(balance.confirmed))),
      fact('spendable', coins(balance.spendable)),
      fact('immature', coins(balance.immature)),
      fact('unconfirmed', coins(balance.unconfirmed)),
      fact('unspent outputs', balance.utxos)),
    el('h2', {}, 'History'),
    el('table', { class: 'table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'txid'), el('th', { class: 'num' }, 'height'),
        el('th', { class: 'num' }, 'confirmations'), el('th', { class: 'num' }, 'effect'))),
      el('tbody', {}, rows.length ? rows : el('tr', { class: 'empty' }, el('td', { colspan: 4 }, 'no transactions')))));
}
