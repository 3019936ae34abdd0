#!/usr/bin/env python3
"""Cross-check our recorded fixtures against the shared golden files where cases overlap.

    python3 tools/golden/crosscheck.py [SHARED_GOLDEN_DIR] [FIXTURE_DIR]

Needs no TensorFlow. It compares only things that must agree whatever else the
scenarios did:
  * philoxFill with the same key/counter/dist/dtype/bounds (common prefix of values);
  * stateless ops with identical arguments (or, for 1-D fills, the same seed/options and
    differing lengths: the common prefix);
  * indexShuffle values for the same seed/max_index/index;
  * the first value-producing call after setSeed(g) (same call and options: prefix);
  * the first call on a Generator.fromSeed(s) (same method/options: prefix).
Prints each kind of overlap with its count and exits non-zero on any disagreement.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, '..', 'shared', 'golden')
fixtures = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, 'test', 'fixtures')


OURS = ('tf-core.json', 'tf-stateful.json', 'tf-stateless.json')


def load(d, only=None):
    out = []
    for f in sorted(os.listdir(d)):
        if f.endswith('.json') and (only is None or f in only):
            with open(os.path.join(d, f)) as fh:
                out.append((f, json.load(fh)))
    return out


def canon(x):
    return json.dumps(x, sort_keys=True, separators=(',', ':'))


PREFIX_OPS = {'philoxFill', 'statelessUniform', 'statelessNormal', 'statelessTruncatedNormal'}
PURE_OPS = PREFIX_OPS | {'statelessCategorical', 'statelessBinomial', 'statelessGamma', 'statelessPoisson',
                         'split', 'foldIn', 'statelessShuffle'}


def norm_opts(o):
    return {k.replace('_', ''): v for k, v in (o or {}).items()}


def index(files):
    pure, idx_shuffle, first_after_seed, first_gen = {}, {}, {}, {}
    for fname, data in files:
        for sname, steps in data['scenarios'].items():
            seen_seed = None
            gens_first = set()
            gen_seed = {}
            for st in steps:
                c = st['call']
                where = f'{fname}:{sname}'
                if c == 'setSeed':
                    seen_seed = canon(st['args'][0])
                    continue
                if c == 'generator':
                    gen_seed[st['id']] = canon(st['args'][0])
                    continue
                if c == 'gen' and st.get('expect') and st['id'] in gen_seed and st['id'] not in gens_first:
                    if st['method'] == 'state':   # reading the state does not move it
                        k = (gen_seed[st['id']], 'state@start', '{}')
                    else:
                        gens_first.add(st['id'])
                        k = (gen_seed[st['id']], st['method'], canon(st.get('opts', {})))
                    first_gen.setdefault(k, []).append((where, st))
                    continue
                if c in PURE_OPS and isinstance(st.get('expect'), dict):
                    o = norm_opts(st.get('opts'))
                    o.pop('intraOpThreads', None)
                    if c in PREFIX_OPS and len(st['expect']['shape']) == 1:
                        a = st['args']
                        rest = a[1:]
                        k = ('prefix', c, canon(rest), canon(o))
                    else:
                        k = ('exact', c, canon(st['args']), canon(o))
                    pure.setdefault(k, []).append((where, st))
                if c == 'indexShuffle':
                    for i, v in zip(st['args'][0], st['expect']['values']):
                        k = (canon(i), canon(st['args'][1]), canon(st['args'][2]))
                        idx_shuffle.setdefault(k, []).append((where, v))
                if seen_seed is not None and isinstance(st.get('expect'), dict) and c not in PURE_OPS \
                        and c not in ('getSeed', 'indexShuffle', 'shuffleDataset'):
                    k = (seen_seed, c, canon(norm_opts(st.get('opts'))))
                    first_after_seed.setdefault(k, []).append((where, st))
                    seen_seed = None
                else:
                    seen_seed = None   # anything else (getSeed(None) too) may move the op-seed stream
    return pure, idx_shuffle, first_after_seed, first_gen


def prefix_cmp(a, b):
    ea, eb = a['expect'], b['expect']
    if ea['dtype'] != eb['dtype']:
        return False, 0
    n = min(len(ea['values']), len(eb['values']))
    return ea['values'][:n] == eb['values'][:n], n


def main():
    A = index(load(shared, ('tf-2.21-core.json', 'tf-2.21-scenarios.json')))
    B = index(load(fixtures, OURS))
    names = ['pure stateless/philoxFill', 'indexShuffle', 'first call after setSeed', 'first Generator call']
    bad = 0
    for name, a, b in zip(names, A, B):
        checked = values = 0
        for k in set(a) & set(b):
            for wa, sa in a[k]:
                for wb, sb in b[k]:
                    if name == 'indexShuffle':
                        ok, n = sa == sb, 1
                    else:
                        ok, n = prefix_cmp(sa, sb)
                    checked += 1
                    values += n
                    if not ok or n == 0 and name != 'indexShuffle':
                        if not ok:
                            bad += 1
                            print(f'MISMATCH {name}: {k}\n   {wa}\n   {wb}')
        print(f'{name}: {checked} overlapping pairs, {values} values compared')
    print('OK' if not bad else f'{bad} mismatches')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
