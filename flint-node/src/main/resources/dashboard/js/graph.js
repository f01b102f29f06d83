// The network graph: this node in the middle, the peers it knows around it, styled by what they
// report (light, NATed, malicious, UNREACHABLE), with relays drawn as dashed arrows to the NATed
// peers they carry. Drawn by Cytoscape (a WebJar served by the node).
import { colors } from './theme.js';

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': colors.full,
      'border-width': 2,
      'border-color': '#0d1117',
      width: 30,
      height: 30,
      label: 'data(label)',
      color: colors.text,
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      'text-wrap': 'wrap',
      'text-valign': 'bottom',
      'text-margin-y': 5,
      'text-outline-color': colors.bg,
      'text-outline-width': 2,
    },
  },
  {
    selector: 'node.self',
    style: {
      'background-color': colors.accent,
      'border-color': colors.accent2,
      'border-width': 4,
      width: 50,
      height: 50,
      'font-size': 13,
      'font-weight': 'bold',
      'underlay-color': colors.accent,
      'underlay-opacity': 0.18,
      'underlay-padding': 10,
      'underlay-shape': 'ellipse',
    },
  },
  { selector: 'node.light', style: { 'background-color': colors.bg, 'border-color': colors.light, 'border-width': 3, width: 24, height: 24 } },
  { selector: 'node.nat', style: { shape: 'diamond', 'background-color': colors.nat, width: 32, height: 32 } },
  { selector: 'node.nat.light', style: { 'background-color': colors.bg, 'border-color': colors.nat } },
  { selector: 'node.malicious', style: { 'background-color': colors.malicious, 'border-color': '#ffd1da', 'border-width': 2 } },
  {
    selector: 'node.unreachable',
    style: { 'background-color': colors.unreachable, 'border-color': colors.unreachable, opacity: 0.5, color: colors.muted },
  },
  { selector: 'node.joined', style: { 'underlay-color': colors.good, 'underlay-opacity': 0.35, 'underlay-padding': 12, 'underlay-shape': 'ellipse' } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'line-color': '#34425c',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 9,
      color: colors.muted,
      'text-rotation': 'autorotate',
      'text-margin-y': -7,
      'text-background-color': colors.bg,
      'text-background-opacity': 1,
      'text-background-padding': 2,
      'text-background-shape': 'roundrectangle',
    },
  },
  {
    selector: 'edge.relay',
    style: {
      'line-style': 'dashed',
      'line-color': colors.nat,
      'target-arrow-shape': 'triangle',
      'target-arrow-color': colors.nat,
      'arrow-scale': 0.9,
    },
  },
  { selector: 'edge.unreachable', style: { 'line-style': 'dotted', 'line-color': colors.unreachable, opacity: 0.6 } },
];

export class NetworkGraph {
  constructor(container) {
    this.cy = cytoscape({
      container,
      style: STYLE,
      wheelSensitivity: 0.2,
      minZoom: 0.3,
      maxZoom: 2.5,
      autoungrabify: false,
    });
    this.shape = '';
    window.addEventListener('resize', () => this.cy.fit(undefined, 40));
  }

  /** Redraws for this node (`self`, from /status) and its peers (from /peers). */
  update(self, peers) {
    const wanted = new Map();
    wanted.set(self.id, {
      group: 'nodes',
      data: { id: self.id, label: `${self.id}\nh ${self.height}`, ring: 3 },
      classes: ['self', self.role.includes('light') ? 'light' : '', self.role.includes('nat') ? 'nat' : '',
        self.role.includes('malicious') ? 'malicious' : ''].join(' '),
    });
    const known = new Set(peers.map((p) => p.id));
    for (const p of peers) {
      const relayed = p.relay && known.has(p.relay);
      const classes = [
        p.light ? 'light' : '',
        p.nat ? 'nat' : '',
        p.mode === 'malicious' ? 'malicious' : '',
        p.status === 'UNREACHABLE' ? 'unreachable' : '',
      ].join(' ');
      wanted.set(p.id, {
        group: 'nodes',
        // -1: the peer has not told its height yet (or stopped before it did)
        data: { id: p.id, label: p.height >= 0 ? `${p.id}\nh ${p.height}` : p.id, ring: relayed ? 1 : 2, relay: relayed ? p.relay : '' },
        classes,
      });
      const from = relayed ? p.relay : self.id;
      const rtt = p.rtt_ms >= 0 ? `${p.rtt_ms < 1 ? p.rtt_ms.toFixed(2) : p.rtt_ms < 10 ? p.rtt_ms.toFixed(1) : Math.round(p.rtt_ms)} ms` : '';
      wanted.set(`edge:${p.id}`, {
        group: 'edges',
        data: { id: `edge:${p.id}`, source: from, target: p.id, label: relayed ? 'relay' : rtt },
        classes: [relayed ? 'relay' : '', p.status === 'UNREACHABLE' ? 'unreachable' : ''].join(' '),
      });
    }
    this.apply(wanted);
  }

  apply(wanted) {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().forEach((e) => {
        if (!wanted.has(e.id())) cy.remove(e);
      });
      for (const [id, spec] of wanted) {
        const existing = cy.getElementById(id);
        if (existing.nonempty() && spec.group === 'edges'
            && (existing.data('source') !== spec.data.source || existing.data('target') !== spec.data.target)) {
          cy.remove(existing); // a relay changed: edges cannot move their ends
        }
        const e = cy.getElementById(id);
        if (e.empty()) {
          cy.add({ group: spec.group, data: spec.data, classes: spec.classes });
        } else {
          e.data(spec.data);
          e.classes(spec.classes);
        }
      }
    });
    // lay out again only when who is where changed, so the picture does not jump on each poll
    const nodes = [...wanted.values()].filter((spec) => spec.group === 'nodes');
    const shape = nodes.map((spec) => `${spec.data.id}:${spec.data.ring}:${spec.data.relay || ''}`).sort().join(',');
    if (shape !== this.shape) {
      this.shape = shape;
      const positions = layout(nodes);
      cy.layout({ name: 'preset', positions: (n) => positions.get(n.id()), animate: false, fit: true, padding: 50 }).run();
      cy.fit(undefined, 50);
      if (cy.zoom() > 1.4) {
        cy.zoom(1.4);
        cy.center();
      }
    }
  }

  /** Marks a peer that just joined for a moment. */
  flash(id) {
    const n = this.cy.getElementById(id);
    if (n.nonempty()) {
      n.addClass('joined');
      setTimeout(() => n.removeClass('joined'), 2500);
    }
  }

  /** A ring around this node for a moment: a new block. */
  pulse() {
    const self = this.cy.nodes('.self');
    self.animate({ style: { 'underlay-opacity': 0.55, 'underlay-padding': 22 } }, { duration: 300 })
      .animate({ style: { 'underlay-opacity': 0.18, 'underlay-padding': 10 } }, { duration: 900 });
  }

  /** The peers drawn (what the browser tests read). */
  peerIds() {
    return this.cy.nodes().not('.self').map((n) => n.id()).sort();
  }
}

/**
 * Positions: this node in the middle, directly reached peers on a circle around it, peers
 * reached through a relay on an outer circle next to their relay.
 */
const STRETCH = 1.5; // the graph's box is wider than tall: an ellipse fills it better than a circle

function layout(nodes) {
  const positions = new Map();
  const self = nodes.find((n) => n.data.ring === 3);
  const direct = nodes.filter((n) => n.data.ring === 2).sort((a, b) => a.data.id.localeCompare(b.data.id, undefined, { numeric: true }));
  const relayed = nodes.filter((n) => n.data.ring === 1);
  const inner = Math.max(110, direct.length * 16);
  const outer = inner + 120;
  positions.set(self.data.id, { x: 0, y: 0 });
  const angleOf = new Map();
  // an even count starts half a step round, so two peers sit left and right rather than above and below
  const start = -Math.PI / 2 + (direct.length % 2 === 0 ? Math.PI / Math.max(1, direct.length) : 0);
  direct.forEach((n, i) => {
    const angle = start + (2 * Math.PI * i) / Math.max(1, direct.length);
    angleOf.set(n.data.id, angle);
    positions.set(n.data.id, { x: STRETCH * inner * Math.cos(angle), y: inner * Math.sin(angle) });
  });
  const perRelay = new Map();
  for (const n of relayed) {
    const siblings = perRelay.get(n.data.relay) || [];
    siblings.push(n);
    perRelay.set(n.data.relay, siblings);
  }
  for (const [relay, children] of perRelay) {
    const base = angleOf.get(relay) ?? 0;
    children.forEach((n, i) => {
      const angle = base + (i - (children.length - 1) / 2) * 0.32;
      positions.set(n.data.id, { x: STRETCH * outer * Math.cos(angle), y: outer * Math.sin(angle) });
    });
  }
  return positions;
}
