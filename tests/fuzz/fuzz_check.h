// DULY_FUZZ_CHECK: the fuzz targets' assertion. A property that does not hold prints what was
// expected and aborts, which libFuzzer reports as a crash with the input that caused it.
// Test-only; thread-safe.
#pragma once

#include <cstdio>
#include <cstdlib>

#define DULY_FUZZ_CHECK(condition)                                                               \
  do {                                                                                           \
    if (!(condition)) {                                                                          \
      std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                              \
    }                                                                                            \
  } while (false)
