#!/usr/bin/env python3
"""Record test/fixtures/tf-stateless-extra.json from real TensorFlow.

Cases the main recorder (record.py) does not cover, in the same scenario
format (../shared/golden/README.md), each scenario run in a fresh TF process;
no value is computed by anything but TensorFlow:
  * stateless ops inside tf.function: graph constants convert Python floats
    to float16 with one rounding (numpy), eager tensors through float32;
  * stateless ops mixed with stateful ops in one traced function (stateless
    ops take no op seed);
  * Generator call sequences around TF's binomial / state-read quirk.

Run from the repository root with TensorFlow 2.21:

    /root/tfvenv/bin/python tools/golden/record_stateless_extra.py
"""
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402  (step constructors, JSON encoding, fixture writer)
from record import S, BF16_TRICKY, F16_TRICKY, fn, gen, gen_new, gen_split, invoke, set_seed  # noqa: E402

OUT = os.path.join(record.OUT_DIR, 'tf-stateless-extra.json')


def scenarios():
    sc = {}
    body = [S('statelessUniform', [9], [1, 2], minval=F16_TRICKY, maxval=3.0, dtype='float16'),
            S('statelessNormal', [9], [1, 2], mean=F16_TRICKY, stddev=BF16_TRICKY, dtype='float16'),
            S('statelessTruncatedNormal', [9], [1, 2], mean=F16_TRICKY, stddev=2.0, dtype='float16'),
            S('statelessGamma', [5], [1, 2], F16_TRICKY, beta=F16_TRICKY, dtype='float16'),
            S('statelessUniform', [9], [1, 2], minval=BF16_TRICKY, maxval=3, dtype='bfloat16')]
    sc['fn-float16-bounds'] = [set_seed(None), fn('f', body), invoke('f'), invoke('f')] + body
    sc['fn-mixed'] = [set_seed(3),
                      fn('g', [S('uniform', [2]), S('statelessNormal', [3], [4, 5]), S('normal', [2]),
                               S('statelessUniform', [4], [4, 5], minval=0, maxval=9, dtype='int32')]),
                      invoke('g'), invoke('g'), S('uniform', [2])]
    sc['generator-state-reads'] = [
        set_seed(None), gen_new('g', 31),
        gen('g', 'binomial', [3], 10.0, 0.5), gen('g', 'binomial', [3], 10.0, 0.5), gen('g', 'state'),
        gen('g', 'binomial', [3], 10.0, 0.5), gen('g', 'binomial', [3], 10.0, 0.5), gen('g', 'state'),
        gen('g', 'skip', 0), gen('g', 'binomial', [3], 10.0, 0.5), gen('g', 'state'),
        gen('g', 'uniform', [0]), gen('g', 'binomial', [2, 3], [5.0, 50.0, 500.0], 0.25), gen('g', 'state'),
        gen_split('g', ['k']), gen('k', 'binomial', [4], 30.0, 0.7), gen('k', 'state'),
        gen('k', 'makeSeeds', 2), gen('k', 'binomial', [4], 30.0, 0.7), gen('g', 'uniform', [3]), gen('k', 'state')]
    return sc


def worker(in_path, out_path):
    """Runs one scenario with TensorFlow; `r` holds the last result like record.py does."""
    os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')
    import numpy as np
    import tensorflow as tf

    def expect(t):
        a = np.asarray(t.numpy())
        flat, name = a.reshape(-1), t.dtype.name
        if name == 'float32':
            vals = ['%08x' % v for v in flat.view(np.uint32).tolist()]
        elif name == 'float64':
            vals = ['%016x' % v for v in flat.view(np.uint64).tolist()]
        elif name in ('float16', 'bfloat16'):
            vals = ['%04x' % v for v in flat.view(np.uint16).tolist()]
        else:
            vals = [str(int(v)) for v in flat.tolist()]
        return {'dtype': name, 'shape': [int(d) for d in a.shape], 'values': vals}

    def kw(o):
        return {k: v for k, v in o.items()}

    def op(step):
        c, a, o = step['call'], step.get('args', []), step.get('opts', {})
        if c == 'uniform':
            return tf.random.uniform(a[0], **kw(o))
        if c == 'normal':
            return tf.random.normal(a[0], **kw(o))
        if c == 'statelessUniform':
            return tf.random.stateless_uniform(a[0], a[1], **kw(o))
        if c == 'statelessNormal':
            return tf.random.stateless_normal(a[0], a[1], **kw(o))
        if c == 'statelessTruncatedNormal':
            return tf.random.stateless_truncated_normal(a[0], a[1], **kw(o))
        if c == 'statelessGamma':
            return tf.random.stateless_gamma(a[0], a[1], a[2], **kw(o))
        raise ValueError(c)

    with open(in_path) as f:
        steps = record.dec(json.load(f)['steps'])
    raw = json.load(open(in_path))['steps']
    gens, fns = {}, {}
    r = None
    for st, out in zip(steps, raw):
        c = st['call']
        if c == 'setSeed':
            tf.random.set_seed(None if st['args'][0] is None else int(st['args'][0]))
        elif c == 'fn':
            def make(body):
                return tf.function(lambda: [op(b) for b in body])
            fns[st['id']] = make(st['body'])
        elif c == 'invoke':
            r = fns[st['id']]()
            out['expect'] = [expect(x) for x in r]
        elif c == 'generator':
            gens[st['id']] = tf.random.Generator.from_seed(int(st['args'][0]))
        elif c == 'splitGenerator':
            for i, k in zip(st['ids'], gens[st['of']].split(len(st['ids']))):
                gens[i] = k
        elif c == 'gen':
            g, m, a = gens[st['id']], st['method'], st.get('args', [])
            if m == 'state':
                r = g.state.read_value()
            elif m == 'binomial':
                r = g.binomial(a[0], a[1], a[2], **kw(st.get('opts', {})))
            elif m == 'uniform':
                r = g.uniform(a[0], **kw(st.get('opts', {})))
            elif m == 'skip':
                r = g.skip(a[0])
            elif m == 'makeSeeds':
                r = g.make_seeds(*a)
            else:
                raise ValueError(m)
            out['expect'] = expect(r)
        else:
            r = op(st)
            out['expect'] = expect(r)
    with open(out_path, 'w') as f:
        json.dump({'tensorflow': tf.__version__, 'steps': raw}, f)


def run(tmp, name, steps):
    base = os.path.join(tmp, name)
    with open(base + '.in.json', 'w') as f:
        json.dump({'steps': record.enc(steps)}, f)
    p = subprocess.run([sys.executable, os.path.abspath(__file__), '--worker', base + '.in.json', base + '.out.json'],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError(f'scenario {name} failed:\n{p.stderr[-3000:]}')
    with open(base + '.out.json') as f:
        return json.load(f)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == '--worker':
        worker(sys.argv[2], sys.argv[3])
        return
    defs = scenarios()
    with tempfile.TemporaryDirectory(prefix='tf-golden-extra-') as tmp, \
            concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        results = dict(zip(defs, ex.map(lambda kv: run(tmp, *kv), defs.items())))
    versions = {r['tensorflow'] for r in results.values()}
    if len(versions) != 1:
        raise RuntimeError(f'inconsistent TensorFlow versions {versions}')
    scen = {name: results[name]['steps'] for name in defs}
    record.write_fixture(OUT, versions.pop(), 'stateless-extra', scen)
    print(f'{os.path.relpath(OUT, record.REPO)}: {len(scen)} scenarios, '
          f'{sum(record.count_values(v) for v in scen.values())} values')


if __name__ == '__main__':
    main()
