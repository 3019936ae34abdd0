// Writes the reference bits that test/js-backend.test.js checks lib/js/'s
// glibc ports against: the system glibc's double log, exp, pow, log1p,
// lgamma_r and sincos on deterministic pseudo-random inputs in the ranges the
// samplers use, and its float logf / sincosf on every input float32
// Box-Muller can produce. Run on x86-64 Linux with glibc 2.36 and an FMA CPU
// (the machine class TensorFlow's golden data comes from):
//
//   cc -O2 -o /tmp/libm_reference test/js-backend/libm_reference.c -lm
//   /tmp/libm_reference /tmp/ref && (cd /tmp/ref && sha256sum *.bin)
//
// and copy the digests into the test. The input generator is mirrored
// exactly in the test (xorshift32, 53-bit uniforms).
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t state;
static uint32_t next(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}
// a uniform double in [0, 1) with 53 random bits
static double u53(void) {
  const uint32_t w0 = next(), w1 = next();
  return (double)(((uint64_t)(w0 >> 6) << 27) | (w1 >> 5)) * 0x1p-53;
}
// 2^e (e in [-1022, 1023]) times (1 + u53())
static double wide(int e) { return ldexp(1.0 + u53(), e); }

static FILE* out;
static void open_set(const char* dir, const char* name, uint32_t seed) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s.bin", dir, name);
  out = fopen(path, "wb");
  if (!out) { perror(path); exit(1); }
  state = seed;
}
static void put(double v) { fwrite(&v, 8, 1, out); }
static void putf(float v) { fwrite(&v, 4, 1, out); }

#define N 100000

int main(int argc, char** argv) {
  const char* dir = argc > 1 ? argv[1] : ".";
  open_set(dir, "log", 1);
  for (int i = 0; i < N; i++) {
    double x;
    switch (i % 4) {
      case 0: case 1: x = u53(); if (x < 1e-7) x = 1e-7; break;  // Box-Muller's u1
      case 2: x = wide((int)(next() % 2046) - 1022); break;
      default: x = 1.0 + (u53() - 0.5) * 0.25; break;            // glibc's near-1 path
    }
    put(log(x));
  }
  fclose(out);
  open_set(dir, "exp", 2);
  for (int i = 0; i < N; i++) {
    double x;
    switch (i % 3) {
      case 0: x = -10 * u53(); break;                 // Poisson's exp(-rate)
      case 1: x = -745 * u53(); break;                // categorical's exp(l - max)
      default: x = (u53() - 0.5) * 1600; break;       // overflow / subnormal paths
    }
    put(exp(x));
  }
  fclose(out);
  open_set(dir, "sincos", 3);
  for (int i = 0; i < N; i++) {
    double s, c;
    sincos(6.283185307179586 * u53(), &s, &c);  // BoxMullerDouble's v1
    put(s);
    put(c);
  }
  fclose(out);
  open_set(dir, "log1p", 4);
  for (int i = 0; i < N; i++) {
    double x;
    switch (i % 3) {
      case 0: x = -u53(); break;                        // gamma's log1p(-u)
      case 1: x = -0.5 * u53(); break;                  // binomial's log1p(-p)
      default: {  // (every call in its own statement: C leaves operand order open)
        const int e = (int)(next() % 60) - 30;
        x = wide(e);
        if (next() & 1) x = -x;
        break;
      }
    }
    put(log1p(x));
  }
  fclose(out);
  open_set(dir, "pow", 5);
  for (int i = 0; i < N; i++) {
    double x, y;
    if (i % 2 == 0) {  // gamma's pow(u, 1/alpha)
      x = u53();
      y = 1.0 / (u53() * 0.999 + 0.001);  // (x drawn first)
    } else {
      x = wide((int)(next() % 2046) - 1022);
      const double u = u53();
      y = (u - 0.5) * ldexp(1.0, (int)(next() % 24) - 8);
    }
    put(pow(x, y));
  }
  fclose(out);
  open_set(dir, "lgamma", 6);
  for (int i = 0; i < N; i++) {
    double x;
    switch (i % 3) {
      case 0: x = 1.0 + (double)(next() % 100000); break;  // Poisson's lgamma(k + 1)
      case 1: x = 1.0 + (double)next(); break;
      default: x = wide((int)(next() % 260) - 60); break;
    }
    int sign;
    put(lgamma_r(x, &sign));
  }
  fclose(out);
  // float32 Box-Muller: every u1 and every v1
  open_set(dir, "logf", 0);
  for (uint32_t k = 0; k < (1u << 23); k++) {
    float u1 = (float)k * 0x1p-23f;
    if (u1 < 1e-7f) u1 = 1e-7f;
    putf(logf(u1));
  }
  fclose(out);
  open_set(dir, "sincosf", 0);
  for (uint32_t k = 0; k < (1u << 23); k++) {
    const float v1 = (float)(6.283185307179586 * (double)((float)k * 0x1p-23f));
    float s, c;
    sincosf(v1, &s, &c);
    putf(s);
    putf(c);
  }
  fclose(out);
  return 0;
}
