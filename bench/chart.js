'use strict';
// The README's benchmark figure: horizontal bars of throughput (log scale) at
// the largest size measured, tf-philox in blue, peers in grey.

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

function chart(results) {
  const sizes = Object.keys(results.sizes).map(Number).sort((a, b) => a - b);
  const n = sizes[sizes.length - 1];
  const rows = Object.entries(results.sizes[n]).filter(([k]) => !/op\)| 1T/.test(k)).sort((a, b) => b[1] - a[1]);
  const W = 760, left = 250, right = 90, barH = 18, gap = 6, top = 54;
  const H = top + rows.length * (barH + gap) + 40;
  const lo = 1e6, hi = Math.max(...rows.map((r) => r[1])) * 1.5;
  const x = (v) => left + ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (W - left - right);
  const m = results.machine;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">\n`;
  s += `<rect width="${W}" height="${H}" fill="white"/>\n`;
  s += `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">Random values per second into a Float32Array, N = ${n.toExponential(0)} (log scale)</text>\n`;
  s += `<text x="${W / 2}" y="38" text-anchor="middle" fill="#555">${esc(m.cpu)}, ${m.cores} cores, Node ${esc(m.node)}, tf-philox kernel ${esc(m.kernel)}, ${esc(m.date)}</text>\n`;
  for (let e = 6; e <= Math.ceil(Math.log10(hi)); e++) {
    const gx = x(10 ** e);
    if (gx > W - right + 1) break;
    s += `<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${H - 30}" stroke="#ddd"/>`;
    s += `<text x="${gx}" y="${H - 16}" text-anchor="middle" fill="#555">${e === 9 ? '1 G' : '1e' + e}/s</text>\n`;
  }
  rows.forEach(([name, v], i) => {
    const y = top + i * (barH + gap);
    const ours = name.startsWith('tfp');
    const fill = ours ? '#1f6fd1' : name.includes('fill') ? '#9bbf6a' : '#9a9a9a';
    s += `<text x="${left - 8}" y="${y + barH - 5}" text-anchor="end">${esc(name)}</text>`;
    s += `<rect x="${left}" y="${y}" width="${Math.max(1, x(v) - left)}" height="${barH}" fill="${fill}"/>`;
    s += `<text x="${x(v) + 6}" y="${y + barH - 5}" fill="#333">${(v / 1e9).toFixed(v < 1e8 ? 3 : 2)} G/s</text>\n`;
  });
  s += '</svg>\n';
  return s;
}

module.exports = { chart };
