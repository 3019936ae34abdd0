// A main() for the fuzz targets where libFuzzer is not available (the arm64
// cross build run under qemu by scripts/test-arm64.js): feeds every file
// named on the command line (directories: every file in them) to
// LLVMFuzzerTestOneInput, then --random=N pseudo-random inputs (lengths
// 0..160, fixed xorshift seed, so runs are repeatable). A failing input
// aborts like it does under libFuzzer.
#include <dirent.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

size_t g_inputs = 0;

void run_file(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::exit(2);
  }
  std::vector<uint8_t> buf;
  uint8_t tmp[4096];
  size_t n;
  while ((n = std::fread(tmp, 1, sizeof tmp, f)) > 0) buf.insert(buf.end(), tmp, tmp + n);
  std::fclose(f);
  LLVMFuzzerTestOneInput(buf.data(), buf.size());
  ++g_inputs;
}

void run_path(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    std::fprintf(stderr, "no such file: %s\n", path.c_str());
    std::exit(2);
  }
  if (!S_ISDIR(st.st_mode)) {
    run_file(path);
    return;
  }
  DIR* d = opendir(path.c_str());
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] != '.') names.push_back(e->d_name);
  }
  closedir(d);
  for (const auto& name : names) run_file(path + "/" + name);
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t random_runs = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--random=", 9) == 0)
      random_runs = std::strtoull(argv[i] + 9, nullptr, 10);
    else
      run_path(argv[i]);
  }
  uint64_t x = 0x9E3779B97F4A7C15ull;
  auto next = [&]() {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  std::vector<uint8_t> buf(160);
  for (uint64_t r = 0; r < random_runs; ++r) {
    const size_t len = next() % 161;
    for (size_t i = 0; i < len; ++i) buf[i] = uint8_t(next() >> 56);
    LLVMFuzzerTestOneInput(buf.data(), len);
    ++g_inputs;
  }
  std::printf("%s: %zu inputs, no failure\n", argv[0], g_inputs);
  return 0;
}
