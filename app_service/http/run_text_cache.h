#ifndef GOFAST_APP_SERVICE_HTTP_RUN_TEXT_CACHE_H_
#define GOFAST_APP_SERVICE_HTTP_RUN_TEXT_CACHE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app_service/domain/run.h"
#include "app_service/domain/run_service.h"
#include "shared/core/metrics.h"
#include "shared/core/result.h"

namespace gofast::app {

// The answer text of runs, kept by id so that a page of the list is written
// from its keys (read from an index alone) instead of from its rows: a run
// never changes after creation. createdBy, which does (replica mode), is not
// kept; each answer adds it. An entry holds for the run generation it was
// read at: a page read at a later one empties the cache first, since an id
// may then name a run deleted and written again (on any instance sharing the
// database). Texts are kept LZ4-compressed against the first one kept, the
// dictionary: every run's text repeats its 38 keys and, in most data, many
// values, so a 1 KB text keeps in about 100 bytes. Bounded in bytes; when
// full, a random entry makes room, so a cycle over more runs than fit still
// hits in proportion, where evicting the least recently used would miss
// every time. Safe to share between threads.
class RunTextCache {
 public:
  struct Entry {
    // OpenRunObject (WriteRun's text without createdBy, open), compressed
    // when `text_size` is not 0; read it with OpenObjectOf.
    std::string text;
    size_t text_size = 0;
    std::optional<std::string> staff_generated_id;  // to add createdBy

    size_t OpenObjectSize() const { return text_size != 0 ? text_size : text.size(); }
  };

  // Keeps nothing, and compresses nothing, when `capacity_bytes` is 0.
  explicit RunTextCache(size_t capacity_bytes);

  // The entries of the page's runs, in its order: those kept, and the others
  // read through `runs` (one read for all) and kept. A run deleted since its
  // key was read is left out.
  Result<std::vector<std::shared_ptr<const Entry>>> EntriesOf(const RunKeyPage& page,
                                                              RunService& runs);

  // The entry's open object, decompressed into `scratch` when it must be.
  Result<std::string_view> OpenObjectOf(const Entry& entry, std::string& scratch) const;

  // gofast_run_cache_lookups_total{result="hit"|"miss"}, gofast_run_cache_bytes.
  void WriteMetrics(metrics::Exposition& out) const;

 private:
  struct Slot {
    std::shared_ptr<const Entry> entry;
    size_t bytes = 0;
  };

  // Keeps `entry` for `id` when the cache still holds `generation`, evicting
  // random entries to make room. The caller holds mutex_.
  void KeepLocked(int64_t generation, const std::string& id, std::shared_ptr<const Entry> entry);
  void EvictRandomLocked();
  // `run`'s entry, compressed against the dictionary (which the first run
  // given sets) when the cache keeps anything.
  std::shared_ptr<const Entry> MakeEntry(const Run& run);

  const size_t capacity_bytes_;
  std::once_flag dictionary_set_;
  std::string dictionary_;  // set once, then only read
  mutable std::mutex mutex_;
  int64_t generation_ = 0;
  size_t bytes_ = 0;
  std::unordered_map<std::string, Slot> slots_;
  std::vector<const std::string*> ids_;  // the keys of slots_, for picking one at random
  std::minstd_rand random_;
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_HTTP_RUN_TEXT_CACHE_H_
