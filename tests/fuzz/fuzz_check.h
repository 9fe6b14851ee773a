#ifndef GOFAST_TESTS_FUZZ_FUZZ_CHECK_H_
#define GOFAST_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

namespace gofast::fuzz {

// A property every input must keep. A broken one aborts, which libFuzzer
// reports as a crash and saves the input of (assert() is off in this build).
inline void Check(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz: property broken: %s\n", property);
  std::abort();
}

}  // namespace gofast::fuzz

#endif  // GOFAST_TESTS_FUZZ_FUZZ_CHECK_H_
