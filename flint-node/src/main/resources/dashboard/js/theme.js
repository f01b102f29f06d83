// The dashboard's colours for canvas drawing (the graph and the charts); dashboard.css has the same.
export const colors = {
  bg: '#121825',
  text: '#e6ebf3',
  muted: '#8b97ab',
  faint: '#5b667a',
  line: '#263146',
  accent: '#ff8a3d',
  accent2: '#ffb347',
  full: '#4cc9f0',
  light: '#a78bfa',
  nat: '#34d399',
  malicious: '#f43f5e',
  unreachable: '#566174',
  good: '#34d399',
  warn: '#fbbf24',
};

/** Distinct line colours for one series per peer. */
export const palette = ['#4cc9f0', '#ffb347', '#a78bfa', '#34d399', '#f472b6', '#fbbf24', '#60a5fa', '#f87171',
  '#2dd4bf', '#c084fc', '#a3e635', '#fb923c'];

export function seriesColor(i) {
  return palette[i % palette.length];
}
