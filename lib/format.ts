// Printing like TensorFlow eager: str(tensor) is
//   tf.Tensor(<numpy str of the values>, shape=(…), dtype=…)
// and numpy's str follows its array2string defaults: floatmode 'maxprec',
// precision 8, line width 75, summarised (edge items 3) above 1000 elements.
import { DType } from './dtype';
import { floatToBfloat16, floatToHalf } from './half';

type Elem = number | bigint;

/** Shortest decimal digits that read back to the same value in dtype. */
function shortest(x: number, dtype: DType): string {
  const same = (y: number): boolean => {
    switch (dtype) {
      case 'float16': return floatToHalf(y) === floatToHalf(x);
      case 'bfloat16': return floatToBfloat16(y) === floatToBfloat16(x);
      case 'float32': return Math.fround(y) === x;
      default: return y === x;
    }
  };
  for (let p = 1; p < 17; p++) {
    const s = x.toPrecision(p);
    if (same(Number(s))) return s;
  }
  return x.toPrecision(17);
}

/** Positional digits of x with at most `precision` fractional digits, trailing zeros trimmed ("1." kept). */
function positional(x: number, dtype: DType, precision: number): string {
  let s = shortest(x, dtype);
  let num = Number(s);
  // toPrecision may have used exponent form; expand to positional
  if (/e/i.test(s)) s = expand(s);
  const dot = s.indexOf('.');
  const frac = dot < 0 ? 0 : s.length - dot - 1;
  if (frac > precision) {
    s = num.toFixed(precision);
    num = Number(s);
  }
  if (!s.includes('.')) s += '.';
  s = s.replace(/(\.\d*?)0+$/, '$1');
  if (s === '-0.' && !Object.is(x, -0)) s = '0.';
  return s;
}

function expand(s: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, d0, rest = '', e] = m;
  const digits = d0 + rest;
  const exp = Number(e);
  if (exp >= 0) {
    const intLen = 1 + exp;
    if (digits.length <= intLen) return sign + digits + '0'.repeat(intLen - digits.length);
    return sign + digits.slice(0, intLen) + '.' + digits.slice(intLen);
  }
  return sign + '0.' + '0'.repeat(-exp - 1) + digits;
}

/** Scientific digits "d.ddd" and exponent, unique, at most `precision` fractional digits. */
function scientific(x: number, dtype: DType, precision: number): { mant: string; exp: number } {
  let s = shortest(x, dtype);
  let e = Number(x.toExponential().split('e')[1]);
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:e([+-]\d+))?$/i.exec(s);
  if (m) {
    const sign = m[1];
    let digits = (m[2] + (m[3] ?? '')).replace(/^0+/, '');
    const lead = (m[2] + (m[3] ?? '')).length - digits.length;
    const intLen = m[2].replace(/^0+/, '').length;
    e = (m[4] ? Number(m[4]) : 0) + (intLen > 0 ? intLen - 1 : -(lead - m[2].length) - 1);
    digits = digits.replace(/0+$/, '') || '0';
    if (digits.length - 1 > precision) {
      const t = x.toExponential(precision);
      const [mm, ee] = t.split('e');
      return { mant: mm.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '.'), exp: Number(ee) };
    }
    s = sign + digits[0] + '.' + digits.slice(1);
  }
  return { mant: s, exp: e };
}

function floatFormatter(values: number[], dtype: DType): (x: number) => string {
  const precision = 8;
  const finite = values.filter((v) => Number.isFinite(v));
  const nz = finite.filter((v) => v !== 0).map(Math.abs);
  let expFormat = false;
  if (nz.length) {
    const max = Math.max(...nz), min = Math.min(...nz);
    expFormat = max >= 1e8 || min < 0.0001 || max / min > 1000;
  }
  let padLeft = 0, padRight = 0;
  let fmt: (x: number) => string;
  if (finite.length === 0) {
    fmt = () => '';
  } else if (expFormat) {
    const parts = finite.map((v) => scientific(v, dtype, precision));
    const expStrs = parts.map((p) => (Math.abs(p.exp) < 10 ? 2 : String(Math.abs(p.exp)).length));
    const expSize = Math.max(...expStrs);
    const fracLen = Math.max(...parts.map((p) => p.mant.split('.')[1]?.length ?? 0));
    padLeft = Math.max(...parts.map((p) => p.mant.split('.')[0].length));
    padRight = expSize + 2 + fracLen;
    fmt = (x) => {
      const p = scientific(x, dtype, precision);
      let [i, f = ''] = p.mant.split('.');
      f = f.padEnd(fracLen, '0');
      const es = String(Math.abs(p.exp)).padStart(expSize, '0');
      return (i.padStart(padLeft, ' ') + '.' + f + 'e' + (p.exp < 0 ? '-' : '+') + es);
    };
  } else {
    const strs = finite.map((v) => positional(v, dtype, precision));
    padLeft = Math.max(...strs.map((s) => s.split('.')[0].length));
    padRight = Math.max(...strs.map((s) => s.split('.')[1].length));
    fmt = (x) => {
      const [i, f] = positional(x, dtype, precision).split('.');
      return i.padStart(padLeft, ' ') + '.' + f.padEnd(padRight, ' ');
    };
  }
  if (finite.length !== values.length) {
    const neginf = values.some((v) => v === -Infinity);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (neginf ? 1 : 0) - (padRight + 1));
  }
  return (x: number) => {
    if (Number.isFinite(x)) return fmt(x);
    const r = Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
    return ' '.repeat(Math.max(0, padLeft + padRight + 1 - r.length)) + r;
  };
}

function intFormatter(values: Elem[]): (x: Elem) => string {
  const w = values.length ? Math.max(...values.map((v) => String(v).length)) : 0;
  return (x) => String(x).padStart(w, ' ');
}

const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE = 3;

/** numpy's str(array) for row-major `get(i)` values of the given shape. */
export function numpyStr(get: (i: number) => Elem, shape: readonly number[], dtype: DType): string {
  const size = shape.reduce((a, b) => a * b, 1);
  const summarize = size > THRESHOLD;
  // which flat indices are shown (for the format widths)
  const shown: Elem[] = [];
  const strides: number[] = [];
  for (let i = shape.length - 1, s = 1; i >= 0; i--) { strides[i] = s; s *= shape[i]; }
  const collect = (axis: number, base: number): void => {
    if (axis === shape.length) { shown.push(get(base)); return; }
    const len = shape[axis];
    const idx = summarize && len > 2 * EDGE ? [0, 1, 2, len - 3, len - 2, len - 1] : Array.from({ length: len }, (_, k) => k);
    for (const k of idx) collect(axis + 1, base + k * strides[axis]);
  };
  collect(0, 0);
  const isFloat = dtype.startsWith('float') || dtype === 'bfloat16';
  const f = isFloat ? floatFormatter(shown as number[], dtype) : intFormatter(shown);
  const fmt = (x: Elem): string => (f as (y: Elem) => string)(x);
  if (shape.length === 0) return fmt(get(0)).trim();
  if (size === 0) return '[]';

  const sep = ' ';
  const extend = (s: string, line: string, word: string, width: number, prefix: string): [string, string] => {
    let wrap = line.length + word.length > width;
    if (line.length <= prefix.length) wrap = false;
    if (wrap) { s += line.trimEnd() + '\n'; line = prefix; }
    return [s, line + word];
  };
  const rec = (axis: number, base: number, hang: string, width: number): string => {
    if (axis === shape.length) return fmt(get(base));
    const nextHang = hang + ' ';
    const nextWidth = width - 1;
    const len = shape[axis];
    const summary = summarize && 2 * EDGE < len;
    const lead = summary ? EDGE : 0;
    const trail = summary ? EDGE : len;
    const left = shape.length - axis;
    let s = '';
    if (left === 1) {
      const elemWidth = width;
      let line = hang;
      for (let i = 0; i < lead; i++) {
        [s, line] = extend(s, line, rec(axis + 1, base + i * strides[axis], nextHang, nextWidth), elemWidth, hang);
        line += sep;
      }
      if (summary) { [s, line] = extend(s, line, '...', elemWidth, hang); line += sep; }
      for (let i = trail; i > 1; i--) {
        [s, line] = extend(s, line, rec(axis + 1, base + (len - i) * strides[axis], nextHang, nextWidth), elemWidth, hang);
        line += sep;
      }
      [s, line] = extend(s, line, rec(axis + 1, base + (len - 1) * strides[axis], nextHang, nextWidth), width, hang);
      s += line;
    } else {
      const lineSep = '\n'.repeat(left - 1);
      for (let i = 0; i < lead; i++) s += hang + rec(axis + 1, base + i * strides[axis], nextHang, nextWidth) + lineSep;
      if (summary) s += hang + '...' + lineSep;
      for (let i = trail; i > 1; i--) s += hang + rec(axis + 1, base + (len - i) * strides[axis], nextHang, nextWidth) + lineSep;
      s += hang + rec(axis + 1, base + (len - 1) * strides[axis], nextHang, nextWidth);
    }
    return '[' + s.slice(hang.length) + ']';
  };
  return rec(0, 0, ' ', LINE_WIDTH);
}

export function shapeStr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}
