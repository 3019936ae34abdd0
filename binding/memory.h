// Output memory the addon owns: scratch for async fills and fresh results
// handed to JS as external ArrayBuffers. Large blocks are mmap'd and advised
// for transparent huge pages, because writing into never-touched 4 KiB pages
// (not the Philox math) dominates big fresh fills.
#pragma once
#include <napi.h>
#include <cstddef>

namespace tfp_binding {

// Never returns nullptr: throws std::bad_alloc. The memory is not zeroed.
void* alloc_output(size_t bytes);
void free_output(void* p, size_t bytes);

// Hands `p` (from alloc_output) to JS; freed when the ArrayBuffer is collected.
// On failure (e.g. the environment can no longer run JS) `p` is still the
// caller's.
napi_status try_adopt_output(napi_env env, void* p, size_t bytes, napi_value* result);
// The same, throwing a Napi::Error on failure.
Napi::ArrayBuffer adopt_output(Napi::Env env, void* p, size_t bytes);

}  // namespace tfp_binding
