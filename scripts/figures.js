#!/usr/bin/env node
'use strict';
// Draws docs/distributions.svg: histograms of 10^6 draws each of uniform,
// normal, truncated normal and gamma(alpha=3) from tf-philox, with the
// density each should follow. npm run figures
const fs = require('fs');
const path = require('path');
const tf = require('..');

const N = 1e6, BINS = 60;
tf.setSeed(2026);
const panels = [
  { title: 'uniform([1e6])', data: tf.uniform([N]).data, lo: 0, hi: 1, pdf: () => 1 },
  { title: 'normal([1e6])', data: tf.normal([N]).data, lo: -4, hi: 4, pdf: (x) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) },
  { title: 'truncatedNormal([1e6])', data: tf.truncatedNormal([N]).data, lo: -2.2, hi: 2.2,
    pdf: (x) => (Math.abs(x) < 2 ? Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) / 0.9544997361036416 : 0) },
  { title: 'gamma([1e6], 3)', data: tf.gamma([N], 3).data, lo: 0, hi: 12, pdf: (x) => (x * x * Math.exp(-x)) / 2 },
];

const W = 360, H = 220, M = { l: 40, r: 10, t: 28, b: 28 };
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${2 * H + 16}" font-family="sans-serif" font-size="11">\n<rect width="100%" height="100%" fill="white"/>\n`;
panels.forEach((p, k) => {
  const ox = (k % 2) * W, oy = Math.floor(k / 2) * H;
  const counts = new Array(BINS).fill(0);
  const w = (p.hi - p.lo) / BINS;
  for (const v of p.data) { const b = Math.floor((v - p.lo) / w); if (b >= 0 && b < BINS) counts[b]++; }
  const dens = counts.map((c) => c / (N * w));
  const ymax = Math.max(...dens, ...Array.from({ length: 200 }, (_, i) => p.pdf(p.lo + (i + 0.5) * (p.hi - p.lo) / 200))) * 1.1;
  const X = (x) => ox + M.l + ((x - p.lo) / (p.hi - p.lo)) * (W - M.l - M.r);
  const Y = (y) => oy + H - M.b - (y / ymax) * (H - M.t - M.b);
  svg += `<text x="${ox + W / 2}" y="${oy + 16}" text-anchor="middle" font-weight="bold">${p.title}</text>\n`;
  dens.forEach((d, i) => {
    svg += `<rect x="${X(p.lo + i * w).toFixed(1)}" y="${Y(d).toFixed(1)}" width="${(X(p.lo + (i + 1) * w) - X(p.lo + i * w) - 0.5).toFixed(1)}" height="${(Y(0) - Y(d)).toFixed(1)}" fill="#1f6fd1" opacity="0.75"/>`;
  });
  const pts = Array.from({ length: 201 }, (_, i) => { const x = p.lo + (i / 200) * (p.hi - p.lo); return `${X(x).toFixed(1)},${Y(p.pdf(x)).toFixed(1)}`; });
  svg += `\n<polyline points="${pts.join(' ')}" fill="none" stroke="#d62728" stroke-width="1.5"/>\n`;
  svg += `<line x1="${X(p.lo)}" y1="${Y(0)}" x2="${X(p.hi)}" y2="${Y(0)}" stroke="#333"/>`;
  for (let i = 0; i <= 4; i++) { const x = p.lo + (i / 4) * (p.hi - p.lo); svg += `<text x="${X(x)}" y="${Y(0) + 14}" text-anchor="middle">${+x.toFixed(2)}</text>`; }
  svg += '\n';
});
svg += `<text x="${W}" y="${2 * H + 10}" text-anchor="middle" fill="#555">bars: tf-philox (setSeed(2026)), red: the density each follows</text>\n</svg>\n`;
const out = path.join(__dirname, '..', 'docs', 'distributions.svg');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, svg);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
