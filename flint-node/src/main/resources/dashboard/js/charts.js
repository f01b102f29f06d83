// The four network charts (Chart.js, a WebJar served by the node), fed by a slow poll of
// /latency, /capacity, /redundancy and /queue.
import { colors, seriesColor } from './theme.js';
import { clock } from './util.js';

const HISTORY = 60; // points kept per line: five minutes at one poll every 5 s

Chart.defaults.color = colors.muted;
Chart.defaults.borderColor = 'rgba(38, 49, 70, 0.7)';
Chart.defaults.font.family = 'system-ui, sans-serif';
Chart.defaults.font.size = 11;
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.plugins.legend.labels.boxWidth = 10;
Chart.defaults.plugins.legend.labels.boxHeight = 10;

function lineDataset(label, color) {
  return {
    label,
    data: [],
    borderColor: color,
    backgroundColor: color + '33',
    borderWidth: 2,
    pointRadius: 0,
    cubicInterpolationMode: 'monotone', // smooth, but never above or below the measured points
    spanGaps: true,
  };
}

/** RTT per peer over time: one line per peer, the last five minutes. */
export class LatencyChart {
  constructor(canvas) {
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        scales: { y: { beginAtZero: true, title: { display: false } }, x: { ticks: { maxTicksLimit: 5 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }

  add(latency, at = new Date()) {
    const { labels, datasets } = this.chart.data;
    labels.push(clock(at));
    for (const peer of Object.keys(latency).sort()) {
      if (!datasets.some((d) => d.label === peer)) {
        const d = lineDataset(peer, seriesColor(datasets.length));
        d.data = new Array(labels.length - 1).fill(null);
        datasets.push(d);
      }
    }
    for (const d of datasets) d.data.push(latency[d.label] ?? null);
    if (labels.length > HISTORY) {
      labels.shift();
      datasets.forEach((d) => d.data.shift());
    }
    this.chart.update();
  }
}

/** The simulated sending capacity and its history (flat and labelled when the link is not simulated). */
export class CapacityChart {
  constructor(canvas, hint) {
    this.hint = hint;
    const d = lineDataset('messages / s', colors.accent2);
    d.fill = true;
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { labels: [], datasets: [d] },
      options: { scales: { y: { beginAtZero: true }, x: { ticks: { maxTicksLimit: 5 } } }, plugins: { legend: { display: false } } },
    });
  }

  show(capacity) {
    const history = capacity.history.slice(-HISTORY);
    this.chart.data.labels = history.map((s) => clock(new Date(s.at)));
    this.chart.data.datasets[0].data = history.map((s) => s.messages_per_second);
    this.chart.update();
    this.hint.textContent = capacity.simulated
      ? `now ${Math.round(capacity.current)} messages / s`
      : 'unlimited (link simulation off)';
  }
}

/** Messages received and received again (same message id), per message type. */
export class RedundancyChart {
  constructor(canvas, hint) {
    this.hint = hint;
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          { label: 'received', data: [], backgroundColor: colors.full + 'aa', borderRadius: 3 },
          { label: 'redundant', data: [], backgroundColor: colors.accent + 'dd', borderRadius: 3 },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false, font: { size: 10 } } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }

  show(redundancy) {
    const types = Object.keys(redundancy.received || {}).filter((t) => (redundancy.received[t] || 0) > 0).sort();
    this.chart.data.labels = types;
    this.chart.data.datasets[0].data = types.map((t) => redundancy.received[t] || 0);
    this.chart.data.datasets[1].data = types.map((t) => redundancy.per_type[t] || 0);
    this.chart.update();
    const received = types.reduce((sum, t) => sum + (redundancy.received[t] || 0), 0);
    const pct = received ? ((100 * redundancy.total) / received).toFixed(1) : '0';
    this.hint.textContent = `${redundancy.total} redundant · ${pct} %`;
  }
}

/** Messages waiting per destination, stacked by priority; drops in the hint. */
export class QueueChart {
  constructor(canvas, hint) {
    this.hint = hint;
    const priorities = [['CONTROL', colors.good], ['BLOCKS', colors.accent2], ['TRANSACTIONS', colors.full]];
    this.priorities = priorities.map(([p]) => p);
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [],
        datasets: priorities.map(([p, c]) => ({ label: p.toLowerCase(), data: [], backgroundColor: c + 'cc', borderRadius: 3 })),
      },
      options: {
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, suggestedMax: 5, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }

  show(queue, peerIds) {
    const destinations = [...new Set([...peerIds, ...Object.keys(queue.per_destination)])].sort();
    this.chart.data.labels = destinations;
    this.priorities.forEach((p, i) => {
      this.chart.data.datasets[i].data = destinations.map((d) => (queue.per_destination[d] || {})[p] || 0);
    });
    this.chart.update();
    const drops = Object.entries(queue.dropped).filter(([, n]) => n > 0);
    const dropped = drops.reduce((sum, [, n]) => sum + n, 0);
    this.hint.textContent = `${queue.total} queued · ${dropped ? `${dropped} dropped` : 'no drops'}`;
    this.hint.title = drops.map(([cause, n]) => `${cause}: ${n}`).join('\n');
  }
}
