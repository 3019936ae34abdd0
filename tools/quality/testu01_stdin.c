/* A TestU01 driver for scripts/quality.js: reads little-endian uint32 words
 * from stdin (scripts/quality-stream.js) and runs one battery on them.
 *   testu01_stdin smallcrush | crush | bigcrush
 * Compiled only against a local TestU01 install (TESTU01_DIR); TestU01 itself
 * is not part of this repository. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbattery.h"
#include "unif01.h"

#define WORDS 65536
static uint32_t buf[WORDS];
static size_t have = 0, at = 0;

static unsigned int next_word(void) {
  if (at == have) {
    have = fread(buf, sizeof buf[0], WORDS, stdin);
    at = 0;
    if (have == 0) {
      fprintf(stderr, "testu01_stdin: the input stream ended\n");
      exit(2);
    }
  }
  return buf[at++];
}

int main(int argc, char** argv) {
  const char* battery = argc > 1 ? argv[1] : "smallcrush";
  unif01_Gen* gen = unif01_CreateExternGenBits((char*)"tf-philox (TF layout)", next_word);
  if (strcmp(battery, "smallcrush") == 0) bbattery_SmallCrush(gen);
  else if (strcmp(battery, "crush") == 0) bbattery_Crush(gen);
  else if (strcmp(battery, "bigcrush") == 0) bbattery_BigCrush(gen);
  else {
    fprintf(stderr, "testu01_stdin: unknown battery %s\n", battery);
    return 2;
  }
  unif01_DeleteExternGenBits(gen);
  return 0;
}
