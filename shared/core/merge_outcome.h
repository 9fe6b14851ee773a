#ifndef GOFAST_SHARED_CORE_MERGE_OUTCOME_H_
#define GOFAST_SHARED_CORE_MERGE_OUTCOME_H_

#include <cstddef>

namespace gofast {

// What merging a seed did (both services' --seed and POST /_test/seed): rows
// written, and rows skipped as identical to stored ones.
struct MergeOutcome {
  size_t stored = 0;
  size_t skipped = 0;
};

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_MERGE_OUTCOME_H_
