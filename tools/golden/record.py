#!/usr/bin/env python3
"""Record golden fixtures for tf-philox from real TensorFlow.

Run from the repository root with a Python that has TensorFlow 2.21 installed
(outside the repo, e.g. /root/tfvenv):

    /root/tfvenv/bin/python tools/golden/record.py [--jobs N] [--only SET]

It writes test/fixtures/tf-core.json, tf-stateful.json and tf-stateless.json in
the format of ../shared/golden/tf-2.21-scenarios.json (see tools/golden/README.md).

Every scenario is defined below as plain data (the steps without `expect`). The
driver encodes each scenario to its JSON form, then runs it in a fresh Python
process that imports TensorFlow, decodes the very same JSON back into Python
values, performs each step with the real TF API and records what TF returns.
So the arguments written in a fixture are exactly the arguments TF was given,
and no state leaks between scenarios (each one starts in a fresh process).
No value is computed by anything but TensorFlow.
"""
import argparse
import concurrent.futures
import json
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT_DIR = os.path.join(REPO, 'test', 'fixtures')

MAX_SAFE = 2 ** 53 - 1
M31 = 2 ** 31 - 1
U32 = 0xFFFFFFFF
DEFAULT_THREADS = len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()


# ----------------------------------------------------------------------------
# Argument encoding (Python definition -> JSON) and decoding (JSON -> Python)
# ----------------------------------------------------------------------------

class I64(list):
    """A stateless seed that must be an int64 tensor (written as a list of $big)."""


class Big(int):
    """An int that was written as {"$big": ...} (decoded side)."""


def enc(x):
    if isinstance(x, I64):
        return [{'$big': str(int(v))} for v in x]
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    if isinstance(x, int):
        return {'$big': str(x)} if abs(x) > MAX_SAFE else x
    if isinstance(x, float):
        if math.isnan(x):
            return {'$num': 'NaN'}
        if math.isinf(x):
            return {'$num': 'Infinity' if x > 0 else '-Infinity'}
        return x
    if isinstance(x, (list, tuple)):
        return [enc(v) for v in x]
    if isinstance(x, dict):
        return {k: enc(v) for k, v in x.items()}
    raise TypeError(f'cannot encode {x!r}')


def dec(x):
    if isinstance(x, dict):
        if set(x) == {'$big'}:
            return Big(int(x['$big']))
        if set(x) == {'$num'}:
            return float(x['$num'].replace('Infinity', 'inf'))
        return {k: dec(v) for k, v in x.items()}
    if isinstance(x, list):
        return [dec(v) for v in x]
    return x


# ----------------------------------------------------------------------------
# Step constructors
# ----------------------------------------------------------------------------

def S(call, *args, **opts):
    """A plain API step: {"call", "args", "opts"}."""
    st = {'call': call, 'args': list(args)}
    if call not in ('setSeed', 'getSeed', 'split', 'foldIn'):
        st['opts'] = opts
    elif opts:
        st['opts'] = opts
    return st


def set_seed(s):
    return {'call': 'setSeed', 'args': [s]}


def get_seed(s):
    return {'call': 'getSeed', 'args': [s]}


def fill(n, key, counter, dist, dtype, minval=None, maxval=None):
    opts = {'dist': dist, 'dtype': dtype}
    if dist == 'int':
        opts['minval'] = minval
        opts['maxval'] = maxval
    return {'call': 'philoxFill', 'args': [n, list(key), list(counter)], 'opts': opts}


def fn(fid, body):
    return {'call': 'fn', 'id': fid, 'body': body}


def invoke(fid):
    return {'call': 'invoke', 'id': fid}


def gen_new(gid, seed):
    return {'call': 'generator', 'id': gid, 'args': [seed]}


def gen(gid, method, *args, **opts):
    st = {'call': 'gen', 'id': gid, 'method': method}
    if args:
        st['args'] = list(args)
    if opts:
        st['opts'] = opts
    return st


def gen_split(of, ids):
    return {'call': 'splitGenerator', 'of': of, 'ids': list(ids)}


def rng(n):
    return list(range(n))


# Pseudo-random but fixed logits, exactly representable in float32.
def logits(rows, cols, salt=0):
    return [[float(((r * 37 + c * 11 + salt * 7) % 29) - 14) / 4.0 for c in range(cols)] for r in range(rows)]


FLOATS = ['float16', 'bfloat16', 'float32', 'float64']
# 1 + 2^-8 + 2^-30: double->bfloat16 directly rounds up, via float32 rounds to 1.0.
BF16_TRICKY = 1.0 + 2.0 ** -8 + 2.0 ** -30
# 1 + 2^-11 + 2^-40: double->float16 directly rounds up, via float32 rounds to 1.0.
F16_TRICKY = 1.0 + 2.0 ** -11 + 2.0 ** -40

INT32_BOUNDS = [(0, 10), (-7, 1000003), (-2 ** 31, 2 ** 31 - 1), (-2 ** 31, 2 ** 30),   # range 3*2^30
                (5, 6), (-100, -50), (2 ** 31 - 3, 2 ** 31 - 1), (-3, 2 ** 31 - 1)]
INT64_BOUNDS = [(0, 10), (-2 ** 62, 2 ** 62), (-2 ** 63, 2 ** 63 - 1), (0, 2 ** 62 + 1),
                (-2 ** 63, 2 ** 62),  # range 3*2^62
                (-1000, -999), (-7, 1000003), (2 ** 40, 2 ** 40 + 3 * 2 ** 32 + 7)]


# ----------------------------------------------------------------------------
# tf-core.json: the raw fill layer (raw V2 stateless ops, alg=1)
# ----------------------------------------------------------------------------

def core_scenarios():
    keys = [[7, 0], [0, 0], [5, 0x80000000], [0xDEADBEEF, 0], [U32, U32],
            [0x3EC8F720, 0x02461E29], [0x12345678, 0x9ABCDEF0]]
    counters = [
        [0, 0, 0, 0],
        [0, 0, 1, 0],
        [0xFFFFFFF0, 0, 0, 0],            # c0 carry into c1 within a fill
        [0xFFFFFFFF, 0, 3, 0],
        [0xFFFFFF80, 0, 0, 0],            # truncated normal's 256-block stride crosses c0
        [0xFFFFFFFF, 0xFFFFFFFF, 0, 0],   # (c0,c1) = 2^64-1: carries into c2
        [0xFFFFFFF0, 0xFFFFFFFF, 7, 0],
        [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0],   # carries into c3
        [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF],  # 128-bit wrap to 0
        [0xFFFFFF00, 0xFFFFFFFF, 0xFFFFFFFF, U32],
        [99, 0, 0, 0x80000000],
        [0xFFFFFF00, 0x12345678, 0xFFFFFFFF, 5],
    ]
    combos = []
    for dt in ['uint32', 'int32', 'uint64', 'int64']:
        combos.append(('bits', dt, None, None))
    for dist in ['uniform', 'normal', 'truncatedNormal']:
        for dt in FLOATS:
            combos.append((dist, dt, None, None))
    for lo, hi in INT32_BOUNDS:
        combos.append(('int', 'int32', lo, hi))
    for lo, hi in INT64_BOUNDS:
        combos.append(('int', 'int64', lo, hi))

    small = list(range(10)) + [63, 64, 65]
    rot = [1, 2, 3, 5, 63, 64, 65, 1023, 1024, 1025, 4097, 7, 9]
    scen = {}
    ci = 0
    for dist in ['bits', 'uniform', 'normal', 'truncatedNormal', 'int']:
        steps = []
        for (d, dt, lo, hi) in combos:
            if d != dist:
                continue
            # all small sizes at one key/counter
            key = keys[ci % len(keys)]
            steps += [fill(n, key, counters[(ci + 1) % len(counters)], d, dt, lo, hi) for n in small]
            # every counter, rotating key and size
            for k, ctr in enumerate(counters):
                n = rot[(ci * 5 + k) % len(rot)]
                steps.append(fill(n, keys[(ci + k) % len(keys)], ctr, d, dt, lo, hi))
            ci += 1
        scen[f'fill-{dist}'] = steps
    # larger fills
    big = [fill(65537, [7, 0], [0xFFFFFFF0, 0, 1, 0], 'uniform', 'float32'),
           fill(65537, [5, 0x80000000], [0xFFFFFF80, 0, 2, 0], 'truncatedNormal', 'float32')]
    for (d, dt, lo, hi), key, ctr in [
            (('normal', 'float32', None, None), [0xDEADBEEF, 0], [0xFFFFFFFF, 0xFFFFFFFF, 0, 0]),
            (('truncatedNormal', 'bfloat16', None, None), [0x12345678, 0x9ABCDEF0], [0, 0, 0, 0]),
            (('bits', 'uint32', None, None), [U32, U32], [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0]),
            (('int', 'int32', -7, 1000003), [7, 0], [0xFFFFFF00, 0x12345678, 0xFFFFFFFF, 5]),
            (('truncatedNormal', 'float64', None, None), [0x3EC8F720, 0x02461E29], [0xFFFFFFF0, 0xFFFFFFFF, 7, 0]),
            (('normal', 'float16', None, None), [7, 0], [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, U32]),
            (('int', 'int64', -2 ** 63, 2 ** 62), [0, 0], [0, 0, 1, 0])]:
        big.append(fill(16385, key, ctr, d, dt, lo, hi))
    scen['fill-large'] = big
    return {k: {'steps': v} for k, v in scen.items()}


# ----------------------------------------------------------------------------
# tf-stateful.json
# ----------------------------------------------------------------------------

GLOBAL_SEEDS = [0, 1, 42, 1234, -1, 2 ** 31 - 1, 2 ** 32 + 5, 2 ** 63 - 1, -2 ** 63, 2 ** 63 + 12345, 2 ** 100 + 7]


def stateful_scenarios():
    sc = {}
    for g in GLOBAL_SEEDS:
        sc[f'global-{g}'] = [
            set_seed(g),
            S('uniform', [1]),
            get_seed(None),
            S('uniform', [5]),
            S('uniform', [3], dtype='float64'),
            S('uniform', [4], dtype='float16'),
            S('uniform', [4], dtype='bfloat16'),
            S('normal', [3]),
            S('normal', [3], mean=2.0, stddev=0.5, dtype='float64'),
            S('normal', [5], dtype='float16'),
            S('normal', [5], dtype='bfloat16'),
            S('truncatedNormal', [5]),
            S('truncatedNormal', [3], dtype='float64'),
            S('uniform', [6], minval=0, maxval=10, dtype='int32'),
            S('uniform', [3], minval=-2 ** 62, maxval=2 ** 62, dtype='int64'),
            S('uniform', [2], seed=7),
            S('uniform', [4], seed=7),
            S('normal', [2], seed=7),
            get_seed(7), get_seed(0), get_seed(-3), get_seed(2 ** 40), get_seed(M31),
            S('shuffle', rng(10)),
            S('categorical', [[0.0, 1.0, 2.0]], 5),
            S('gamma', [4], 2.5),
            S('poisson', [4], 3.0),
            set_seed(g),
            S('uniform', [5]),
            S('uniform', [2], seed=7),
            get_seed(None),
        ]

    op_seeds = [0, 1, -1, -3, 2 ** 31 - 2, M31, 2 ** 31, 2 ** 32 + 7, 2 ** 53 + 1, 2 ** 63 - 1, -2 ** 63,
                2 ** 64 + 3, 2 ** 100, -2 ** 100 - 5]
    steps = [set_seed(None), get_seed(None)]
    for s in op_seeds:
        steps += [get_seed(s), S('uniform', [3], seed=s)]
    # seeds 0 and 2^31-1 (and -1 vs 2^31-2) truncate to the same kernel: shared counter
    steps += [S('normal', [2], seed=0), S('normal', [2], seed=M31), S('uniform', [2], seed=-1)]
    sc['op-seeds-no-global'] = steps

    steps = [set_seed(0), get_seed(0), get_seed(M31), get_seed(2 * M31), get_seed(1), get_seed(-1),
             S('uniform', [3], seed=0), S('uniform', [3], seed=M31), S('uniform', [3], seed=2 * M31),
             S('uniform', [3]), S('uniform', [3], seed=1),
             set_seed(M31), get_seed(0), S('uniform', [3], seed=0), get_seed(None), S('uniform', [3]),
             set_seed(-M31), get_seed(0), S('normal', [3], seed=0),
             set_seed(2 ** 62), get_seed(None), get_seed(2 ** 62), S('uniform', [3], seed=2 ** 62)]
    sc['seed-zero-zero'] = steps

    sc['getseed-unset'] = [set_seed(None), get_seed(None), get_seed(5), get_seed(0), get_seed(-7),
                           get_seed(2 ** 80), S('uniform', [2], seed=5), get_seed(None),
                           set_seed(9), get_seed(None), get_seed(None), S('uniform', [2]), get_seed(None),
                           set_seed(None), get_seed(None), get_seed(11)]

    # ---- uniform, all dtypes and bounds
    for dt in FLOATS:
        s = 100
        st = [set_seed(5)]

        def U(shape, **o):
            nonlocal s
            s += 1
            return S('uniform', shape, seed=s, dtype=dt, **o)
        st += [U([7]), U([7], maxval=10), U([7], maxval=2.5), U([1000], maxval=-3),
               U([7], minval=0, maxval=1), U([9], minval=-1.5, maxval=4),
               U([9], minval=5, maxval=-2), U([9], minval=0.1, maxval=0.7),
               U([9], minval=BF16_TRICKY, maxval=3), U([9], minval=F16_TRICKY, maxval=3.0),
               U([9], minval=-1e-3, maxval=1e-3), U([9], minval=-7, maxval=-7),
               U([9], minval=100, maxval=1000), U([]), U([2, 0, 3]), U([3, 4, 2]), U([1001], minval=-2, maxval=2),
               U([10007])]
        st += [S('uniform', [3], dtype=dt), S('uniform', [3], dtype=dt, minval=1, maxval=2)]
        if dt == 'float32':
            st.append(U([100000]))
        if dt == 'float64':
            st.append(U([2001], minval=-1e10, maxval=1e10))
        sc[f'uniform-{dt}'] = st
    st = [set_seed(6)]
    s = 200
    for dt, bounds in [('int32', INT32_BOUNDS), ('int64', INT64_BOUNDS)]:
        for lo, hi in bounds:
            s += 1
            for shape in ([1], [5], [1001]):
                st.append(S('uniform', shape, minval=lo, maxval=hi, dtype=dt, seed=s))
        # zero-element int uniform with minval == maxval: no error, no reservation
        st += [S('uniform', [0], minval=5, maxval=5, dtype=dt, seed=300),
               S('uniform', [4], minval=5, maxval=9, dtype=dt, seed=300),
               S('uniform', [2, 0], minval=9, maxval=5, dtype=dt, seed=300),
               S('uniform', [4], minval=-9, maxval=9, dtype=dt, seed=300),
               S('uniform', [3], minval=0, maxval=7, dtype=dt),
               S('uniform', [], minval=0, maxval=7, dtype=dt)]
    sc['uniform-int'] = st

    # ---- normal / truncated normal
    for op in ['normal', 'truncatedNormal']:
        for dt in FLOATS:
            st = [set_seed(11)]
            s = 0
            for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 63, 64, 65]:
                s += 1
                st.append(S(op, [n], seed=s, dtype=dt))
            st += [S(op, [7], seed=50, dtype=dt, mean=2.5, stddev=0.3),
                   S(op, [7], seed=51, dtype=dt, mean=-1000, stddev=1e-3),
                   S(op, [7], seed=52, dtype=dt, mean=F16_TRICKY, stddev=BF16_TRICKY),
                   S(op, [7], seed=53, dtype=dt, mean=0, stddev=-2),
                   S(op, [3, 5], seed=54, dtype=dt),
                   S(op, [], seed=55, dtype=dt),
                   S(op, [0, 4], seed=56, dtype=dt),
                   S(op, [1001], seed=57, dtype=dt),
                   S(op, [10007], seed=58, dtype=dt),
                   S(op, [5], dtype=dt),
                   S(op, [5], dtype=dt, mean=1.0, stddev=3.0)]
            if dt == 'float32':
                st.append(S(op, [100000], seed=59, dtype=dt))
            sc[f'{op}-{dt}'] = st

    # ---- one kernel, many calls (shared counter), reset by setSeed
    st = [set_seed(3)]
    st += [S('uniform', [1], seed=3), S('uniform', [5], seed=3), S('uniform', [3, 2], seed=3),
           S('uniform', [3], minval=-1.0, maxval=4.0, seed=3), S('uniform', [0], seed=3),
           S('uniform', [2], seed=3), S('uniform', [2], seed=3, dtype='float64'),
           S('uniform', [2], seed=3, dtype='float16'), S('uniform', [2], seed=3),
           S('normal', [1], seed=3), S('normal', [4], seed=3, mean=1.0, stddev=2.0), S('normal', [3], seed=3),
           S('truncatedNormal', [1], seed=3), S('truncatedNormal', [9], seed=3), S('truncatedNormal', [2], seed=3),
           S('uniform', [3], minval=0, maxval=10, dtype='int32', seed=3),
           S('uniform', [3], minval=-5, maxval=1000, dtype='int32', seed=3),
           S('uniform', [3], minval=0, maxval=10, dtype='int64', seed=3),
           S('shuffle', rng(9), seed=3), S('shuffle', rng(5), seed=3), S('shuffle', rng(1), seed=3),
           S('shuffle', rng(6), seed=3),
           S('categorical', [[0.0, 1.0], [1.0, 0.0]], 3, seed=3), S('categorical', [[0.5, 0.5, 2.0]], 9, seed=3),
           S('categorical', [[0.5, 0.5, 2.0]], 9, seed=3, dtype='int32'),
           S('gamma', [3], 2.0, seed=3), S('gamma', [2], 0.5, seed=3), S('gamma', [2], [1.0, 7.0], seed=3),
           S('poisson', [3], 2.0, seed=3), S('poisson', [2], 20.0, seed=3), S('poisson', [2], [1.0, 30.0], seed=3),
           S('poisson', [2], 5.0, seed=3, dtype='int32'),
           set_seed(3),
           S('uniform', [1], seed=3), S('uniform', [5], seed=3), S('normal', [4], seed=3),
           S('uniform', [1]), S('uniform', [1]),
           set_seed(4),
           S('uniform', [1], seed=3),
           set_seed(3),
           S('uniform', [1]), S('uniform', [5], seed=3)]
    sc['shared-counter'] = st

    # ---- shuffle
    st = [set_seed(77)]
    for n in [0, 1, 2, 3, 4, 5, 6, 100, 10007]:
        st.append(S('shuffle', rng(n), seed=1))
    for n in [5, 2, 17, 100]:
        st.append(S('shuffle', [10 * i - 7 for i in range(n)]))
    st += [S('shuffle', rng(1000), seed=-5), S('shuffle', [2 ** 31 - 1, -2 ** 31, 0, 1, -1, 7], seed=2 ** 40)]
    sc['shuffle'] = st

    # ---- categorical
    st = [set_seed(21)]
    lg = [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]]
    for k, ns in enumerate([0, 1, 7, 100]):
        st.append(S('categorical', lg, ns, seed=k + 1))
        st.append(S('categorical', lg, ns, seed=k + 1, dtype='int32'))
    st += [S('categorical', logits(1, 1000), 50, seed=9),
           S('categorical', logits(5, 7), 13, seed=10),
           S('categorical', [[-3.5, 10.25, 0.125, 10.25]], 64, seed=11),
           S('categorical', [[100.0, 0.0], [-100.0, 0.0]], 8, seed=12),
           S('categorical', logits(3, 4), 6),
           S('categorical', logits(2, 2), 3, dtype='int32')]
    sc['categorical'] = st
    ninf = float('-inf')
    sc['categorical-nonfinite'] = [
        set_seed(22),
        S('categorical', [[ninf, 0.0, 1.0], [2.0, ninf, ninf]], 20, seed=1),
        S('categorical', [[ninf, ninf, ninf], [ninf, 0.5, ninf]], 6, seed=2),
        S('categorical', [[0.0, ninf, 0.0, ninf, 3.0]], 40, seed=3, dtype='int32'),
        S('gamma', [3], [0.0, float('inf'), float('nan'), -1.0], seed=4),
        S('gamma', [3], [0.0, float('inf'), float('nan'), -1.0], seed=5, dtype='float64'),
        S('poisson', [3], [0.0, -1.0, float('inf'), ninf], seed=6),
        S('poisson', [3], [0.0, -1.0, float('inf'), ninf], seed=7, dtype='int64'),
    ]
    # multi-shard categorical: the values depend on the intra-op thread count
    for threads, tag in [(None, 'default'), (1, '1'), (4, '4')]:
        n = DEFAULT_THREADS if threads is None else threads
        st = [set_seed(31)]
        for k, (b, c, ns) in enumerate([(64, 50, 100), (16, 1000, 20), (40, 3, 300), (5, 10, 2)]):
            st.append(S('categorical', logits(b, c, k), ns, seed=k + 1, intraOpThreads=n))
        st.append(S('categorical', logits(8, 50, 9), 100, seed=1, dtype='int32', intraOpThreads=n))
        sc[f'categorical-threads-{tag}'] = {'steps': st, 'threads': threads}

    # ---- gamma
    st = [set_seed(41)]
    s = 0
    for dt in ['float16', 'float32', 'float64']:
        for a in [0.5, 1.0, 3.7, 1e4, 0.01, 1]:
            s += 1
            st.append(S('gamma', [7], a, seed=s, dtype=dt))
        s += 1
        st += [S('gamma', [5], [0.5, 1.0, 3.7, 1e4], seed=s, dtype=dt),
               S('gamma', [2, 3], [[0.5, 2.0], [3.7, 1.0]], seed=s + 1, dtype=dt),
               S('gamma', [4], 2.0, beta=3.0, seed=s + 2, dtype=dt),
               S('gamma', [4], 2.0, beta=[1.0, 2.0, 0.5], seed=s + 3, dtype=dt),
               S('gamma', [3], [0.5, 1.0, 3.7], beta=[2.0, 0.25, 10.0], seed=s + 4, dtype=dt),
               S('gamma', [0], 2.0, seed=s + 5, dtype=dt),
               S('gamma', [], 2.0, seed=s + 6, dtype=dt),
               S('gamma', [1000], 0.3, seed=s + 7, dtype=dt),
               S('gamma', [4], 1.5, dtype=dt)]
        s += 10
    st.append(S('gamma', [2000], [0.7, 4.2], seed=90))
    sc['gamma'] = st

    # ---- poisson
    st = [set_seed(51)]
    s = 0
    for dt in ['float32', 'float64', 'int32', 'int64', 'float16']:
        for lam in [0.5, 3.0, 9.99, 10.0, 40.0, 1000.0, 0.01, 2]:
            s += 1
            st.append(S('poisson', [7], lam, seed=s, dtype=dt))
        s += 1
        st += [S('poisson', [5], [0.5, 3.0, 10.0, 40.0], seed=s, dtype=dt),
               S('poisson', [2, 2], [[1.5, 12.0], [0.0, 100.0]], seed=s + 1, dtype=dt),
               S('poisson', [0], 3.0, seed=s + 2, dtype=dt),
               S('poisson', [], 3.0, seed=s + 3, dtype=dt),
               S('poisson', [1000], 25.0, seed=s + 4, dtype=dt),
               S('poisson', [3], 4.5, dtype=dt)]
        s += 10
    st += [S('poisson', [5], 1e5, seed=95), S('poisson', [2000], [0.5, 60.0], seed=96)]
    sc['poisson'] = st

    # ---- tf.function
    body_a = [S('uniform', [2]), S('normal', [3], seed=5),
              S('uniform', [4], minval=0, maxval=100, dtype='int32'), S('truncatedNormal', [2]),
              S('uniform', [3], dtype='float64'), S('uniform', [1]), S('uniform', [1]),
              S('normal', [2], dtype='float16'), S('shuffle', rng(6)), S('categorical', [[0.0, 1.0, 2.0]], 4),
              S('gamma', [2], 2.0), S('poisson', [2], 3.0), S('uniform', [2], seed=5)]
    sc['fn-traced'] = [set_seed(42), fn('f', body_a), invoke('f'), invoke('f'), invoke('f'),
                       S('uniform', [1]), S('uniform', [1], seed=5),
                       fn('g', [S('uniform', [1]), S('uniform', [1])]), invoke('g'), invoke('f'),
                       set_seed(7), invoke('f'), invoke('g'), S('uniform', [1]),
                       set_seed(None), invoke('f'), invoke('f')]
    sc['fn-trace-time-seed'] = [set_seed(1), fn('f', [S('uniform', [2]), S('uniform', [2], seed=5)]),
                                set_seed(2), invoke('f'), invoke('f'), set_seed(1), invoke('f'),
                                S('uniform', [2]), fn('h', [S('uniform', [2])]), invoke('h'), invoke('f')]
    sc['fn-op-seeds-only'] = [set_seed(None),
                              fn('f', [S('uniform', [3], seed=1), S('normal', [3], seed=1),
                                       S('uniform', [3], seed=1), S('truncatedNormal', [2], seed=-4)]),
                              invoke('f'), invoke('f'), S('uniform', [3], seed=1), invoke('f'),
                              set_seed(None), invoke('f')]
    sc['fn-set-seed-inside'] = [set_seed(3),
                                fn('f', [S('uniform', [2]), set_seed(10), S('uniform', [2]),
                                         S('normal', [2], seed=4), S('uniform', [2])]),
                                invoke('f'), invoke('f'), S('uniform', [2]), get_seed(None),
                                fn('g', [set_seed(10), S('uniform', [2]), S('uniform', [2])]),
                                invoke('g'), set_seed(3), invoke('f'), S('uniform', [2])]
    sc['fn-sizes'] = [set_seed(123),
                      fn('f', [S('uniform', [1001]), S('normal', [1001]), S('truncatedNormal', [1001]),
                               S('uniform', [257], minval=-5, maxval=5, dtype='int64')]),
                      invoke('f'), invoke('f')]
    out = {}
    for k, v in sc.items():
        out[k] = v if isinstance(v, dict) else {'steps': v}
    return out


# ----------------------------------------------------------------------------
# tf-stateless.json
# ----------------------------------------------------------------------------

def stateless_scenarios():
    sc = {}
    seeds = [[0, 0], [3, 4], [1, 2], [-1, -2], [M31, -2 ** 31], I64([3, 4]), [-1, 5], I64([-1, 5]),
             [2 ** 40, 5], [2 ** 63 - 1, -2 ** 63], I64([0, 2 ** 62]), I64([-2 ** 63, 2 ** 63 - 1])]
    for k, seed in enumerate(seeds):
        st = [set_seed(None)]
        for dt in FLOATS:
            st.append(S('statelessUniform', [9], seed, dtype=dt))
        st += [S('statelessUniform', [5], seed, minval=-1.5, maxval=4, dtype='float32'),
               S('statelessUniform', [4], seed, minval=5, maxval=17, dtype='int32'),
               S('statelessUniform', [4], seed, minval=-2 ** 62, maxval=2 ** 62, dtype='int64')]
        for dt in ['int32', 'int64', 'uint32', 'uint64']:
            st.append(S('statelessUniform', [5], seed, minval=None, maxval=None, dtype=dt))
        for op in ['statelessNormal', 'statelessTruncatedNormal']:
            for dt in FLOATS:
                st.append(S(op, [9], seed, dtype=dt))
        if not isinstance(seed, I64) and seed != [1, 2]:
            st.append(S('foldIn', seed, 7))
        elif isinstance(seed, I64):
            st.append(S('split', seed, 3))
            st.append(S('foldIn', seed, 7))
        sc[f'seed-{k}'] = st

    # ---- dtypes and bounds
    st = [set_seed(None)]
    sd = [17, 29]
    for dt in FLOATS:
        st += [S('statelessUniform', [9], sd, dtype=dt),
               S('statelessUniform', [9], sd, minval=0, maxval=10, dtype=dt),
               S('statelessUniform', [1000], sd, minval=0, maxval=-3, dtype=dt),
               S('statelessUniform', [9], sd, minval=-1.5, maxval=4, dtype=dt),
               S('statelessUniform', [9], sd, minval=5, maxval=-2, dtype=dt),
               S('statelessUniform', [9], sd, minval=0.1, maxval=0.7, dtype=dt),
               S('statelessUniform', [9], sd, minval=BF16_TRICKY, maxval=3, dtype=dt),
               S('statelessUniform', [9], sd, minval=F16_TRICKY, maxval=3.0, dtype=dt),
               S('statelessUniform', [9], sd, minval=-7, maxval=-7, dtype=dt),
               S('statelessNormal', [9], sd, mean=2.5, stddev=0.3, dtype=dt),
               S('statelessNormal', [9], sd, mean=F16_TRICKY, stddev=BF16_TRICKY, dtype=dt),
               S('statelessTruncatedNormal', [9], sd, mean=-1000, stddev=1e-3, dtype=dt),
               S('statelessTruncatedNormal', [9], sd, mean=1.0, stddev=-2.0, dtype=dt)]
    for lo, hi in INT32_BOUNDS:
        st.append(S('statelessUniform', [9], sd, minval=lo, maxval=hi, dtype='int32'))
    for lo, hi in INT64_BOUNDS:
        st.append(S('statelessUniform', [9], sd, minval=lo, maxval=hi, dtype='int64'))
    for dt in ['int32', 'int64', 'uint32', 'uint64']:
        st += [S('statelessUniform', [1001], sd, minval=None, maxval=None, dtype=dt),
               S('statelessUniform', [2, 3], sd, minval=None, maxval=None, dtype=dt)]
    st += [S('statelessUniform', [0, 3], sd, minval=5, maxval=5, dtype='int32'),
           S('statelessUniform', [], sd), S('statelessNormal', [2, 0], sd)]
    sc['dtypes-bounds'] = st

    # ---- algorithms (all equal on CPU)
    st = [set_seed(None)]
    for alg in ['philox', 'auto_select', 'PHILOX', 'auto-select', 'Auto_Select', 1, 3]:
        st += [S('statelessUniform', [6], [8, 9], alg=alg),
               S('statelessNormal', [6], [8, 9], alg=alg, dtype='float64'),
               S('statelessTruncatedNormal', [6], [8, 9], alg=alg),
               S('statelessUniform', [6], [8, 9], minval=None, maxval=None, dtype='uint64', alg=alg),
               S('statelessUniform', [6], [8, 9], minval=-3, maxval=30, dtype='int32', alg=alg)]
    sc['alg'] = st

    # ---- sizes
    st = [set_seed(None)]
    sizes = list(range(10)) + [63, 64, 65, 1023, 1024, 1025, 4097]
    for op, dt in [('statelessUniform', 'float32'), ('statelessNormal', 'float32'),
                   ('statelessTruncatedNormal', 'float32'), ('statelessTruncatedNormal', 'float64'),
                   ('statelessUniform', 'float16'),
                   ('statelessTruncatedNormal', 'bfloat16')]:
        for n in sizes:
            st.append(S(op, [n], [n, 1234], dtype=dt))
    for n in [1, 2, 3, 5, 1025]:
        st.append(S('statelessUniform', [n], [n, -1], minval=-9, maxval=12345, dtype='int32'))
        st.append(S('statelessUniform', [n], [n, -1], minval=None, maxval=None, dtype='int64'))
    sc['sizes'] = st
    sc['sizes-100000'] = [set_seed(None),
                          S('statelessUniform', [100000], [5, 6], dtype='bfloat16'),
                          S('statelessNormal', [100000], [5, 6], dtype='float16'),
                          S('statelessTruncatedNormal', [100000], [5, 6], dtype='bfloat16')]

    # ---- categorical
    ninf = float('-inf')
    lg = [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]]
    st = [set_seed(None)]
    for ns in [0, 1, 7, 100]:
        st += [S('statelessCategorical', lg, ns, [6, 7]), S('statelessCategorical', lg, ns, [6, 7], dtype='int32')]
    st += [S('statelessCategorical', logits(1, 1000), 50, [1, 2]),
           S('statelessCategorical', logits(5, 7), 13, I64([-1, 2 ** 40])),
           S('statelessCategorical', [[100.0, 0.0], [-100.0, 0.0]], 8, [3, 3])]
    sc['categorical'] = st
    sc['categorical-nonfinite'] = [
        set_seed(None),
        S('statelessCategorical', [[ninf, 0.0, 1.0], [2.0, ninf, ninf]], 20, [1, 1]),
        S('statelessCategorical', [[ninf, ninf, ninf], [ninf, 0.5, ninf]], 6, [1, 2]),
        S('statelessGamma', [3, 4], [5, 5], [0.0, float('inf'), float('nan'), -1.0]),
        S('statelessPoisson', [3, 4], [5, 5], [0.0, -1.0, float('inf'), ninf], dtype='float32'),
        S('statelessPoisson', [3, 4], [5, 5], [0.0, -1.0, float('inf'), ninf], dtype='int32'),
    ]
    for threads, tag in [(None, 'default'), (1, '1'), (4, '4')]:
        n = DEFAULT_THREADS if threads is None else threads
        st = [set_seed(None)]
        for k, (b, c, ns) in enumerate([(64, 50, 100), (16, 1000, 20), (40, 3, 120)]):
            st.append(S('statelessCategorical', logits(b, c, k), ns, [k, 99], intraOpThreads=n))
        sc[f'categorical-threads-{tag}'] = {'steps': st, 'threads': threads}

    # ---- binomial
    st = [set_seed(None)]
    for dt in ['int32', 'int64', 'float32', 'float64']:
        st += [S('statelessBinomial', [8], [6, 7], 10.0, 0.3, dtype=dt),
               S('statelessBinomial', [8], [6, 7], 100.0, 0.3, dtype=dt),
               S('statelessBinomial', [8], [6, 7], 100.0, 0.8, dtype=dt),
               S('statelessBinomial', [8], [6, 7], 20.0, 0.7, dtype=dt)]
    st += [S('statelessBinomial', [6], [1, 2], 1e6, 0.5),
           S('statelessBinomial', [6], [1, 2], 1e6, 1e-5),
           S('statelessBinomial', [6], [1, 2], 33.0, 0.0),
           S('statelessBinomial', [6], [1, 2], 33.0, 1.0),
           S('statelessBinomial', [6], [1, 2], 0.0, 0.4),
           S('statelessBinomial', [6], [1, 2], -3.0, 0.4),
           S('statelessBinomial', [5, 4], [1, 2], [10.0, 20.0, 50.0, 1000.0], [0.1, 0.5, 0.9, 0.01]),
           S('statelessBinomial', [3, 2, 2], [1, 2], [[5.0], [200.0]], [0.25, 0.75]),
           S('statelessBinomial', [1000], I64([-9, 2 ** 50]), 40.0, 0.45),
           S('statelessBinomial', [0], [1, 2], 10.0, 0.5),
           S('statelessBinomial', [], [1, 2], 10.0, 0.5)]
    sc['binomial'] = st

    # ---- gamma
    st = [set_seed(None)]
    for dt in ['float16', 'float32', 'float64']:
        for a in [0.5, 1.0, 3.7, 1e4, 0.01]:
            st.append(S('statelessGamma', [7], [11, 12], a, dtype=dt))
        st += [S('statelessGamma', [5, 4], [11, 12], [0.5, 1.0, 3.7, 1e4], dtype=dt),
               S('statelessGamma', [4], [11, 12], 2.0, beta=3.0, dtype=dt),
               S('statelessGamma', [2, 3], [11, 12], 2.0, beta=[1.0, 2.0, 0.5], dtype=dt),
               S('statelessGamma', [3], [11, 12], [0.5, 1.0, 3.7], beta=[2.0, 0.25, 10.0], dtype=dt),
               S('statelessGamma', [1000], [-3, 12], 0.3, dtype=dt)]
    st.append(S('statelessGamma', [5000, 2], [4, 4], [0.7, 4.2]))
    sc['gamma'] = st

    # ---- poisson
    st = [set_seed(None)]
    for dt in ['int32', 'int64', 'float32', 'float64', 'float16']:
        for lam in [0.5, 3.0, 9.99, 10.0, 40.0, 1000.0]:
            st.append(S('statelessPoisson', [7], [21, 22], lam, dtype=dt))
        st += [S('statelessPoisson', [5, 4], [21, 22], [0.5, 3.0, 10.0, 40.0], dtype=dt),
               S('statelessPoisson', [1000], [21, -22], 25.0, dtype=dt)]
    st += [S('statelessPoisson', [5], [1, 2], 1e5), S('statelessPoisson', [5000, 2], [4, 4], [0.5, 60.0])]
    sc['poisson'] = st

    # ---- split / fold_in
    st = [set_seed(None)]
    for seed in [I64([1, 2]), I64([3, 4]), I64([0, 0]), I64([-1, -1]), I64([2 ** 63 - 1, -2 ** 63]),
                 [2 ** 40, 5], [-2 ** 63, 7]]:
        for num in [1, 2, 3, 10]:
            st.append(S('split', seed, num))
    for seed in [[1, 2], [3, 4], [0, 0], [-1, -1], I64([1, 2]), [2 ** 40, 5], I64([2 ** 63 - 1, -2 ** 63])]:
        for data in [0, 3, 12345, -1, 2 ** 31 - 1, 2 ** 40, -2 ** 63, 2 ** 63 - 1]:
            st.append(S('foldIn', seed, data))
    sc['split-foldin'] = st

    # ---- stateless shuffle
    st = [set_seed(None)]
    for n in [0, 1, 2, 3, 5, 7, 100, 10007]:
        st.append(S('statelessShuffle', rng(n), [6, 7]))
    st += [S('statelessShuffle', [10 * i - 7 for i in range(20)], I64([-1, 2 ** 40])),
           S('statelessShuffle', rng(1000), [2 ** 63 - 1, -2 ** 63]),
           S('statelessShuffle', rng(64), [0, 0])]
    sc['stateless-shuffle'] = st

    # ---- index shuffle
    st = [set_seed(None)]
    for seed in [[5, 9], [0, 0], I64([-1, 2 ** 40]), [2 ** 63 - 1, -2 ** 63]]:
        for mx in [0, 1, 3, 9, 1000, 2 ** 16 - 1, 2 ** 16, 2 ** 16 + 1, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 3,
                   2 ** 62, 2 ** 63 - 1]:
            idx = list(range(min(mx + 1, 64 if mx < 2000 else 20)))
            if mx >= 2000:
                idx += [mx, mx - 1, mx // 2, mx // 3 + 1]
            elif mx + 1 > 64:
                idx += [mx, mx - 1]
            st.append(S('indexShuffle', idx, seed, mx))
    st.append(S('indexShuffle', rng(1001), [6, 7], 1000))
    sc['index-shuffle'] = st

    # ---- tf.data shuffle
    def D(n, b, **o):
        return S('shuffleDataset', n, b, **o)
    sc['dataset-seeded'] = [set_seed(77)] + [
        D(n, b, seed=3, reshuffleEachIteration=r)
        for n in [0, 1, 10, 100, 1000] for b in sorted({1, 3, 10, 1000, max(n, 1)}) for r in [True, False]] + [
        D(10, 3, seed=2 ** 40), D(10, 3, seed=-7), D(10, 3, seed=0), D(10, 10, seed=M31),
        D(1000, 64, seed=2 ** 33 + 7)]
    sc['dataset-global-only'] = [set_seed(77), D(10, 10), D(10, 10), D(100, 3, reshuffleEachIteration=False),
                                 S('uniform', [2]), D(100, 1000), get_seed(None), D(50, 7),
                                 set_seed(77), D(10, 10)]
    sc['dataset-global-0'] = [set_seed(0), D(20, 5, seed=0), D(20, 5), D(20, 5, seed=M31)]
    sc['dataset-op-seed-only'] = [set_seed(None), D(20, 5, seed=1), D(20, 5, seed=1, reshuffleEachIteration=False),
                                  D(20, 5, seed=0), D(20, 5, seed=2 ** 64 + 1)]
    sc['dataset-large'] = [set_seed(5), D(3000, 10, seed=1), D(3000, 3000, seed=2, reshuffleEachIteration=False),
                           D(100000, 1000, seed=3)]

    # ---- Generator
    gseeds = [0, 1, 42, -1, -5, 2 ** 31, 2 ** 63 - 1, -2 ** 63, 2 ** 64 - 1, 2 ** 64 - 256, 2 ** 128 - 1,
              2 ** 100 + 7, 2 ** 200 + 7, 0xFFFFFF00 + 5 * 2 ** 128, 12345678901234567890123456789]
    for k, seed in enumerate(gseeds):
        g = f'g{k}'
        st = [set_seed(None), gen_new(g, seed), gen(g, 'state'),
              gen(g, 'uniform', [3]),
              gen(g, 'uniform', [5], dtype='float64'),
              gen(g, 'uniform', [5], dtype='float16'),
              gen(g, 'uniform', [5], dtype='bfloat16'),
              gen(g, 'uniform', [4], minval=-2.0, maxval=3.5),
              gen(g, 'uniform', [4], minval=0, maxval=50, dtype='int64'),
              gen(g, 'uniform', [4], minval=-7, maxval=1000003, dtype='int32'),
              gen(g, 'uniform', [4], minval=None, maxval=None, dtype='int32'),
              gen(g, 'uniform', [4], minval=None, maxval=None, dtype='int64'),
              gen(g, 'uniformFullInt', [3]),
              gen(g, 'uniformFullInt', [3], dtype='uint32'),
              gen(g, 'uniformFullInt', [3], dtype='int32'),
              gen(g, 'uniformFullInt', [3], dtype='int64'),
              gen(g, 'normal', [5]),
              gen(g, 'normal', [3], mean=2.0, stddev=0.5, dtype='float64'),
              gen(g, 'normal', [4], dtype='float16'),
              gen(g, 'normal', [4], dtype='bfloat16'),
              gen(g, 'truncatedNormal', [5]),
              gen(g, 'truncatedNormal', [3], dtype='float64'),
              gen(g, 'state'),
              gen(g, 'uniform', [0]),
              gen(g, 'state'),
              gen(g, 'binomial', [4], 10.0, 0.5),
              gen(g, 'state'),
              gen(g, 'makeSeeds'),
              gen(g, 'makeSeeds', 3),
              gen(g, 'skip', 1000),
              gen(g, 'skip', 0),
              gen(g, 'skip', -1),
              gen(g, 'state'),
              gen_split(g, [g + 'a', g + 'b', g + 'c']),
              gen(g + 'a', 'state'), gen(g + 'c', 'state'),
              gen(g + 'b', 'uniform', [2]),
              gen(g + 'a', 'normal', [2], dtype='float64'),
              gen(g + 'c', 'binomial', [3], 20.0, 0.25),
              gen(g, 'uniform', [2]),
              gen(g, 'state')]
        sc[f'generator-{k}'] = st
    big = 2 ** 56 - 2 ** 24 + 1   # (2^64 - 2^32 + 256) / 256: the lossy-carry skip
    sc['generator-skip-carry'] = [
        set_seed(None), gen_new('a', 0xFFFFFF00 + 5 * 2 ** 128), gen('a', 'skip', big), gen('a', 'state'),
        gen('a', 'uniform', [3]),
        gen_new('b', 0), gen('b', 'skip', -1), gen('b', 'state'), gen('b', 'uniform', [3]), gen('b', 'state'),
        gen_new('c', 2 ** 64 - 512), gen('c', 'uniform', [5]), gen('c', 'state'), gen('c', 'normal', [3]),
        gen('c', 'state'), gen('c', 'skip', 2 ** 56), gen('c', 'state'), gen('c', 'skip', -2 ** 56), gen('c', 'state'),
        gen_new('d', 2 ** 128 - 256 * 3), gen('d', 'uniform', [8]), gen('d', 'state'), gen('d', 'truncatedNormal', [8]),
        gen('d', 'state')]
    sc['generator-binomial'] = [
        set_seed(None), gen_new('g', 7),
        gen('g', 'binomial', [6], 10.0, 0.3), gen('g', 'state'),
        gen('g', 'binomial', [6], 100.0, 0.3, dtype='int64'), gen('g', 'state'),
        gen('g', 'binomial', [5, 3], [10.0, 200.0, 1000.0], [0.9, 0.5, 0.01], dtype='float32'), gen('g', 'state'),
        gen('g', 'binomial', [2, 1], [[5.0], [50.0]], 0.6, dtype='float64'), gen('g', 'state'),
        gen('g', 'binomial', [1000], 40.0, 0.45), gen('g', 'state'),
        gen('g', 'binomial', [0], 40.0, 0.45), gen('g', 'state'),
        gen('g', 'binomial', [], 40.0, 0.45), gen('g', 'state')]
    sc['generator-sizes'] = [
        set_seed(None), gen_new('g', 99),
        gen('g', 'uniform', [4097]), gen('g', 'normal', [4097]), gen('g', 'truncatedNormal', [10007]),
        gen('g', 'truncatedNormal', [4097], dtype='float64'), gen('g', 'uniform', [1023], dtype='float16'),
        gen('g', 'uniformFullInt', [1025]), gen('g', 'state'),
        gen('g', 'normal', [5000]), gen('g', 'state')]
    # children of children; global seed does not touch generators
    sc['generator-split-tree'] = [
        set_seed(3), gen_new('g', 2024), gen_split('g', ['x']), gen_split('x', ['x1', 'x2']),
        gen('x', 'state'), gen('x1', 'state'), gen('x2', 'state'), gen('x2', 'uniform', [3]),
        gen('g', 'makeSeeds', 2), set_seed(4), gen('g', 'uniform', [2]), gen('x1', 'uniform', [2]),
        gen('g', 'state')]
    out = {}
    for k, v in sc.items():
        out[k] = v if isinstance(v, dict) else {'steps': v}
    return out


SETS = {
    'core': ('tf-core.json', core_scenarios),
    'stateful': ('tf-stateful.json', stateful_scenarios),
    'stateless': ('tf-stateless.json', stateless_scenarios),
}


# ----------------------------------------------------------------------------
# Worker: runs one scenario in real TensorFlow (fresh process)
# ----------------------------------------------------------------------------

def worker(in_path, out_path):
    with open(in_path) as f:
        job = json.load(f)
    threads = job.get('threads')
    os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')
    import numpy as np
    import tensorflow as tf
    from tensorflow.python.framework import random_seed
    if threads is not None:
        tf.config.threading.set_intra_op_parallelism_threads(threads)

    def dtype_of(name):
        return tf.dtypes.as_dtype(name)

    def expect(t):
        if not isinstance(t, tf.Tensor):
            t = tf.convert_to_tensor(t)
        a = np.asarray(t.numpy())
        name = t.dtype.name
        flat = a.reshape(-1)
        if name == 'float32':
            vals = ['%08x' % v for v in flat.view(np.uint32).tolist()]
        elif name == 'float64':
            vals = ['%016x' % v for v in flat.view(np.uint64).tolist()]
        elif name in ('float16', 'bfloat16'):
            vals = ['%04x' % v for v in flat.view(np.uint16).tolist()]
        elif name in ('int32', 'int64', 'uint32', 'uint64'):
            vals = [str(int(v)) for v in flat.tolist()]
        else:
            raise TypeError(f'unexpected dtype {name}')
        return {'dtype': name, 'shape': [int(d) for d in a.shape], 'values': vals}

    def seed_arg(s):
        if isinstance(s, list) and s and all(isinstance(v, Big) for v in s):
            return tf.constant([int(v) for v in s], dtype=tf.int64)
        return [int(v) for v in s]

    def py(x):
        """Decoded JSON value -> plain Python value for TF (Big -> int)."""
        if isinstance(x, Big):
            return int(x)
        if isinstance(x, list):
            return [py(v) for v in x]
        return x

    def kw(opts, drop=()):
        out = {}
        for k, v in (opts or {}).items():
            if k in drop or k == 'intraOpThreads':
                continue
            snake = ''.join('_' + c.lower() if c.isupper() else c for c in k)
            if snake == 'dtype':
                v = dtype_of(v)
            out[snake] = py(v)
        return out

    def op(step):
        c, a, o = step['call'], step.get('args', []), step.get('opts', {})
        if c == 'uniform':
            return tf.random.uniform(py(a[0]), **kw(o))
        if c == 'normal':
            return tf.random.normal(py(a[0]), **kw(o))
        if c == 'truncatedNormal':
            return tf.random.truncated_normal(py(a[0]), **kw(o))
        if c == 'shuffle':
            return tf.random.shuffle(tf.constant(py(a[0]), dtype=tf.int32, shape=[len(a[0])]), **kw(o))
        if c == 'categorical':
            return tf.random.categorical(py(a[0]), py(a[1]), **kw(o))
        if c == 'gamma':
            return tf.random.gamma(py(a[0]), py(a[1]), **kw(o))
        if c == 'poisson':
            return tf.random.poisson(py(a[0]), py(a[1]), **kw(o))
        if c == 'statelessUniform':
            return tf.random.stateless_uniform(py(a[0]), seed_arg(a[1]), **kw(o))
        if c == 'statelessNormal':
            return tf.random.stateless_normal(py(a[0]), seed_arg(a[1]), **kw(o))
        if c == 'statelessTruncatedNormal':
            return tf.random.stateless_truncated_normal(py(a[0]), seed_arg(a[1]), **kw(o))
        if c == 'statelessCategorical':
            return tf.random.stateless_categorical(py(a[0]), py(a[1]), seed_arg(a[2]), **kw(o))
        if c == 'statelessBinomial':
            k = kw(o)
            if 'dtype' in k:
                k['output_dtype'] = k.pop('dtype')
            return tf.random.stateless_binomial(py(a[0]), seed_arg(a[1]), py(a[2]), py(a[3]), **k)
        if c == 'statelessGamma':
            return tf.random.stateless_gamma(py(a[0]), seed_arg(a[1]), py(a[2]), **kw(o))
        if c == 'statelessPoisson':
            return tf.random.stateless_poisson(py(a[0]), seed_arg(a[1]), py(a[2]), **kw(o))
        if c == 'split':
            return tf.random.experimental.stateless_split(seed_arg(a[0]), *py(a[1:]), **kw(o))
        if c == 'foldIn':
            return tf.random.experimental.stateless_fold_in(seed_arg(a[0]), py(a[1]), **kw(o))
        if c == 'statelessShuffle':
            v = tf.constant(py(a[0]), dtype=tf.int32, shape=[len(a[0])])
            return tf.random.experimental.stateless_shuffle(v, seed_arg(a[1]))
        if c == 'indexShuffle':
            mx = int(a[2])
            out = []
            for i in a[0]:
                r = tf.random.experimental.index_shuffle(tf.constant(int(i), tf.int64), seed_arg(a[1]),
                                                         tf.constant(mx, tf.int64))
                out.append(int(r.numpy()))
            return tf.constant(out, dtype=tf.int64, shape=[len(out)])
        if c == 'shuffleDataset':
            n, b = int(a[0]), int(a[1])
            ds = tf.data.Dataset.range(n).shuffle(b, **kw(o))
            parts = []
            for _epoch in range(2):   # two epochs (two iterators) of the same dataset object
                for batch in ds.batch(max(n, 1)):
                    parts.append(batch.numpy())
            vals = np.concatenate(parts) if parts else np.zeros([0], np.int64)
            return tf.constant(vals, dtype=tf.int64, shape=[2 * n])
        if c == 'philoxFill':
            n, key, ctr = int(a[0]), [int(v) for v in a[1]], [int(v) for v in a[2]]
            K = tf.constant([key[0] | key[1] << 32], dtype=tf.uint64)
            C = tf.constant([ctr[0] | ctr[1] << 32, ctr[2] | ctr[3] << 32], dtype=tf.uint64)
            dt = dtype_of(o['dtype'])
            d = o['dist']
            if d == 'bits':
                return tf.raw_ops.StatelessRandomUniformFullIntV2(shape=[n], key=K, counter=C, alg=1, dtype=dt)
            if d == 'uniform':
                return tf.raw_ops.StatelessRandomUniformV2(shape=[n], key=K, counter=C, alg=1, dtype=dt)
            if d == 'normal':
                return tf.raw_ops.StatelessRandomNormalV2(shape=[n], key=K, counter=C, alg=1, dtype=dt)
            if d == 'truncatedNormal':
                return tf.raw_ops.StatelessTruncatedNormalV2(shape=[n], key=K, counter=C, alg=1, dtype=dt)
            if d == 'int':
                return tf.raw_ops.StatelessRandomUniformIntV2(
                    shape=[n], key=K, counter=C, alg=1,
                    minval=tf.constant(int(o['minval']), dt), maxval=tf.constant(int(o['maxval']), dt))
            raise ValueError(d)
        raise ValueError(f'unknown call {c}')

    steps = dec(job['steps'])
    raw = job['steps']
    gens, fns = {}, {}
    for st, out in zip(steps, raw):
        c = st['call']
        if c == 'setSeed':
            tf.random.set_seed(py(st['args'][0]))
        elif c == 'getSeed':
            s = st['args'][0]
            r = random_seed.get_seed(None if s is None else int(s))
            out['expect'] = {'dtype': 'int64', 'shape': [2],
                             'values': ['null' if v is None else str(int(v)) for v in r]}
        elif c == 'fn':
            body = st['body']

            def make(body):
                def f():
                    res = []
                    for b in body:
                        if b['call'] == 'setSeed':
                            tf.random.set_seed(py(b['args'][0]))
                            res.append(None)
                        else:
                            res.append(op(b))
                    return res
                return tf.function(f)
            fns[st['id']] = make(body)
        elif c == 'invoke':
            res = fns[st['id']]()
            out['expect'] = [None if r is None else expect(r) for r in res]
        elif c == 'generator':
            gens[st['id']] = tf.random.Generator.from_seed(py(st['args'][0]))
        elif c == 'splitGenerator':
            kids = gens[st['of']].split(len(st['ids']))
            for i, k in zip(st['ids'], kids):
                gens[i] = k
        elif c == 'gen':
            g = gens[st['id']]
            m, a, o = st['method'], st.get('args', []), st.get('opts', {})
            k = kw(o)
            if m == 'state':
                r = g.state.read_value()
            elif m == 'uniform':
                r = g.uniform(py(a[0]), **k)
            elif m == 'uniformFullInt':
                r = g.uniform_full_int(py(a[0]), **k)
            elif m == 'normal':
                r = g.normal(py(a[0]), **k)
            elif m == 'truncatedNormal':
                r = g.truncated_normal(py(a[0]), **k)
            elif m == 'binomial':
                r = g.binomial(py(a[0]), py(a[1]), py(a[2]), **k)
            elif m == 'skip':
                r = g.skip(py(a[0]))
            elif m == 'makeSeeds':
                r = g.make_seeds(*py(a))
            else:
                raise ValueError(m)
            out['expect'] = expect(r)
        else:
            out['expect'] = expect(op(st))
    with open(out_path, 'w') as f:
        json.dump({'tensorflow': tf.__version__, 'steps': raw}, f)


# ----------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------

def count_values(steps):
    n = 0
    for st in steps:
        e = st.get('expect')
        if isinstance(e, dict):
            n += len(e['values'])
        elif isinstance(e, list):
            n += sum(len(x['values']) for x in e if x)
    return n


def write_fixture(path, tf_version, set_name, scenarios):
    # One step per line: valid JSON, compact, and diff-friendly.
    parts = ['{"tensorflow":%s,"set":%s,"scenarios":{' % (json.dumps(tf_version), json.dumps(set_name))]
    names = list(scenarios)
    for i, name in enumerate(names):
        steps = scenarios[name]
        parts.append('\n%s:[' % json.dumps(name))
        for j, st in enumerate(steps):
            parts.append('\n' + json.dumps(st, separators=(',', ':'), allow_nan=False) + (',' if j + 1 < len(steps) else ''))
        parts.append('\n]' + (',' if i + 1 < len(names) else ''))
    parts.append('\n}}\n')
    with open(path, 'w') as f:
        f.write(''.join(parts))


def run_job(python, tmp, set_name, name, sc):
    base = os.path.join(tmp, f'{set_name}--{name}')
    with open(base + '.in.json', 'w') as f:
        json.dump({'threads': sc.get('threads'), 'steps': enc(sc['steps'])}, f)
    env = dict(os.environ)
    env.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')
    t0 = time.time()
    p = subprocess.run([python, os.path.abspath(__file__), '--worker', base + '.in.json', base + '.out.json'],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError(f'scenario {set_name}/{name} failed:\n{p.stderr[-4000:]}')
    with open(base + '.out.json') as f:
        r = json.load(f)
    r['seconds'] = time.time() - t0
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--worker', nargs=2, metavar=('IN', 'OUT'), help=argparse.SUPPRESS)
    ap.add_argument('--jobs', type=int, default=max(1, DEFAULT_THREADS), help='parallel TF processes')
    ap.add_argument('--only', choices=list(SETS), action='append', help='record only these sets')
    ap.add_argument('--out', default=OUT_DIR, help='output directory (default test/fixtures)')
    ap.add_argument('--match', help='only scenarios whose name contains this (debugging; use with --out)')
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    os.makedirs(args.out, exist_ok=True)
    chosen = args.only or list(SETS)
    defs = {s: SETS[s][1]() for s in chosen}
    if args.match:
        if os.path.abspath(args.out) == os.path.abspath(OUT_DIR):
            ap.error('--match writes partial files: give --out elsewhere')
        defs = {s: {k: v for k, v in d.items() if args.match in k} for s, d in defs.items()}
    jobs = [(s, name, sc) for s in chosen for name, sc in defs[s].items()]
    results = {}
    with tempfile.TemporaryDirectory(prefix='tf-golden-') as tmp, \
            concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        futs = {ex.submit(run_job, sys.executable, tmp, s, name, sc): (s, name) for s, name, sc in jobs}
        for fut in concurrent.futures.as_completed(futs):
            s, name = futs[fut]
            results[(s, name)] = fut.result()
            print(f'  recorded {s}/{name} ({results[(s, name)]["seconds"]:.1f}s)', file=sys.stderr, flush=True)
    versions = {r['tensorflow'] for r in results.values()}
    if len(versions) != 1:
        raise RuntimeError(f'inconsistent TensorFlow versions {versions}')
    tf_version = versions.pop()
    if not tf_version.startswith('2.21'):
        print(f'WARNING: recorded with TensorFlow {tf_version}, not 2.21', file=sys.stderr)
    print(f'TensorFlow {tf_version}; default intra-op threads here: {DEFAULT_THREADS}')
    for s in chosen:
        fname = SETS[s][0]
        scen = {name: results[(s, name)]['steps'] for name in defs[s]}
        path = os.path.join(args.out, fname)
        write_fixture(path, tf_version, s, scen)
        nvals = sum(count_values(v) for v in scen.values())
        nsteps = sum(len(v) for v in scen.values())
        print(f'{os.path.relpath(path, REPO)}: {len(scen)} scenarios, {nsteps} steps, '
              f'{nvals} values, {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    main()
