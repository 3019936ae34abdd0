"""Records the examples of the tf.random.set_seed docstring with real TensorFlow.

Each example runs in a fresh Python process (the docstring says "now close the
program and run it again" between some of them). Writes
examples/tf-set-seed-docs.json, which `npm run demo` prints next to our values.

    /root/tfvenv/bin/python tools/golden/record_docs.py
"""
import json
import os
import subprocess
import sys

EXAMPLES = [
    ("no-seed", "Neither the global nor the operation seed is set", """
print(tf.random.uniform([1]))  # generates 'A1'
print(tf.random.uniform([1]))  # generates 'A2'
"""),
    ("global-seed", "The global seed is set, the operation seed is not", """
tf.random.set_seed(1234)
print(tf.random.uniform([1]))  # generates 'A1'
print(tf.random.uniform([1]))  # generates 'A2'
"""),
    ("global-seed-functions", "tf.function acts like a re-run of the program", """
tf.random.set_seed(1234)

@tf.function
def f():
  a = tf.random.uniform([1])
  b = tf.random.uniform([1])
  return a, b

@tf.function
def g():
  a = tf.random.uniform([1])
  b = tf.random.uniform([1])
  return a, b

print(f())  # prints '(A1, A2)'
print(g())  # prints '(A1, A2)'
"""),
    ("op-seed", "The operation seed is set, the global seed is not", """
print(tf.random.uniform([1], seed=1))  # generates 'A1'
print(tf.random.uniform([1], seed=1))  # generates 'A2'
"""),
    ("reset", "tf.random.set_seed resets the kernels' counters", """
tf.random.set_seed(1234)
print(tf.random.uniform([1], seed=1))  # generates 'A1'
print(tf.random.uniform([1], seed=1))  # generates 'A2'
tf.random.set_seed(1234)
print(tf.random.uniform([1], seed=1))  # generates 'A1'
print(tf.random.uniform([1], seed=1))  # generates 'A2'
"""),
    ("function-op-seed", "Identical seeded ops in a tf.function have their own counters", """
@tf.function
def foo():
  a = tf.random.uniform([1], seed=1)
  b = tf.random.uniform([1], seed=1)
  return a, b
print(foo())  # prints '(A1, A1)'
print(foo())  # prints '(A2, A2)'
"""),
    ("function-global-seed", "Unseeded ops in a tf.function after tf.random.set_seed(1234)", """
tf.random.set_seed(1234)

@tf.function
def bar():
  a = tf.random.uniform([1])
  b = tf.random.uniform([1])
  return a, b
print(bar())  # prints '(A1, A2)'
print(bar())  # prints '(A3, A4)'
"""),
]

RUNNER = r"""
import json, sys, os
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np
import tensorflow as tf
printed = []
def hexes(t):
    return [format(int(v), '08x') for v in np.asarray(t, dtype=np.float32).reshape(-1).view(np.uint32)]
def print(x):
    if isinstance(x, tuple):
        printed.append({'text': '(' + ', '.join(str(t) for t in x) + ')', 'values': [hexes(t) for t in x]})
    else:
        printed.append({'text': str(x), 'values': [hexes(x)]})
exec(sys.stdin.read())
sys.stdout.write(json.dumps({'version': tf.__version__, 'printed': printed}))
"""


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = {"tensorflow": None, "examples": []}
    for ident, title, code in EXAMPLES:
        r = subprocess.run([sys.executable, "-c", RUNNER], input=code, capture_output=True, text=True, check=True)
        res = json.loads(r.stdout)
        out["tensorflow"] = res["version"]
        out["examples"].append({"id": ident, "title": title, "python": code.strip("\n"),
                                "deterministic": ident != "no-seed", "printed": res["printed"]})
    path = os.path.join(root, "examples", "tf-set-seed-docs.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    sys.stdout.write(f"wrote {path} (TensorFlow {out['tensorflow']})\n")


if __name__ == "__main__":
    main()
