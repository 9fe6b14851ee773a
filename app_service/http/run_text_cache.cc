#include "app_service/http/run_text_cache.h"

#include <lz4.h>

#include <utility>

#include "app_service/http/json_views.h"

namespace gofast::app {
namespace {

// What an entry costs beside its texts, as the allocator hands it out: the
// map's node and bucket, the entry and its shared pointer's block, the heap
// blocks' headers, the id's place in the eviction list.
constexpr size_t kBytesPerEntry = 320;

}  // namespace

RunTextCache::RunTextCache(size_t capacity_bytes) : capacity_bytes_(capacity_bytes) {}

Result<std::vector<std::shared_ptr<const RunTextCache::Entry>>> RunTextCache::EntriesOf(
    const RunKeyPage& page, RunService& runs) {
  std::vector<std::shared_ptr<const Entry>> entries(page.keys.size());
  std::vector<std::string> missing;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (page.generation > generation_) {
      slots_.clear();
      ids_.clear();
      bytes_ = 0;
      generation_ = page.generation;
    }
    // A page read before the latest deletion is served from its own rows.
    const bool current = page.generation == generation_;
    for (size_t i = 0; i < page.keys.size(); ++i) {
      const auto slot = current ? slots_.find(page.keys[i].id) : slots_.end();
      if (slot == slots_.end()) {
        missing.push_back(page.keys[i].id);
      } else {
        entries[i] = slot->second.entry;
      }
    }
  }
  hits_ += page.keys.size() - missing.size();
  misses_ += missing.size();
  if (missing.empty()) return entries;

  // Read after the keys: a run's row is at least as new as the generation.
  const Result<std::vector<Run>> read = runs.GetMany(missing);
  if (!read) return read.error();
  std::unordered_map<std::string, std::shared_ptr<const Entry>> made;
  for (const Run& run : read.value()) made.emplace(run.id, MakeEntry(run));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [id, entry] : made) KeepLocked(page.generation, id, entry);
  }
  std::vector<std::shared_ptr<const Entry>> in_order;
  in_order.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!entries[i]) {
      const auto it = made.find(page.keys[i].id);
      if (it == made.end()) continue;  // deleted since the keys were read
      entries[i] = it->second;
    }
    in_order.push_back(std::move(entries[i]));
  }
  return in_order;
}

std::shared_ptr<const RunTextCache::Entry> RunTextCache::MakeEntry(const Run& run) {
  auto entry = std::make_shared<Entry>();
  entry->staff_generated_id = run.staff_generated_id;
  std::string text = OpenRunObject(run);
  if (capacity_bytes_ == 0) {
    entry->text = std::move(text);
    return entry;
  }
  std::call_once(dictionary_set_, [&] { dictionary_ = text; });
  LZ4_stream_t stream;
  LZ4_initStream(&stream, sizeof stream);
  LZ4_loadDict(&stream, dictionary_.data(), static_cast<int>(dictionary_.size()));
  std::string compressed(static_cast<size_t>(LZ4_compressBound(static_cast<int>(text.size()))),
                         '\0');
  const int size =
      LZ4_compress_fast_continue(&stream, text.data(), compressed.data(),
                                 static_cast<int>(text.size()), static_cast<int>(compressed.size()),
                                 /*acceleration=*/1);
  if (size <= 0) {  // a text too long for LZ4 (2 GB) stays as it is
    entry->text = std::move(text);
    return entry;
  }
  compressed.resize(static_cast<size_t>(size));
  compressed.shrink_to_fit();  // kept for long: without the bound's slack
  entry->text = std::move(compressed);
  entry->text_size = text.size();
  return entry;
}

Result<std::string_view> RunTextCache::OpenObjectOf(const Entry& entry,
                                                    std::string& scratch) const {
  if (entry.text_size == 0) return std::string_view(entry.text);
  scratch.resize(entry.text_size);
  const int size = LZ4_decompress_safe_usingDict(
      entry.text.data(), scratch.data(), static_cast<int>(entry.text.size()),
      static_cast<int>(entry.text_size), dictionary_.data(), static_cast<int>(dictionary_.size()));
  if (size != static_cast<int>(entry.text_size)) {
    return MakeError(ErrorCode::kInternal, "a kept run answer did not decompress");
  }
  return std::string_view(scratch);
}

void RunTextCache::KeepLocked(int64_t generation, const std::string& id,
                              std::shared_ptr<const Entry> entry) {
  const size_t bytes = kBytesPerEntry + id.size() + entry->text.capacity() +
                       (entry->staff_generated_id ? entry->staff_generated_id->size() : 0);
  if (generation != generation_ || bytes > capacity_bytes_ || slots_.count(id) != 0) return;
  while (bytes_ + bytes > capacity_bytes_) EvictRandomLocked();
  const auto slot = slots_.emplace(id, Slot{std::move(entry), bytes}).first;
  ids_.push_back(&slot->first);
  bytes_ += bytes;
}

void RunTextCache::EvictRandomLocked() {
  const size_t index = std::uniform_int_distribution<size_t>(0, ids_.size() - 1)(random_);
  const auto victim = slots_.find(*ids_[index]);
  bytes_ -= victim->second.bytes;
  ids_[index] = ids_.back();  // the last id takes the victim's place
  ids_.pop_back();
  slots_.erase(victim);
}

void RunTextCache::WriteMetrics(metrics::Exposition& out) const {
  out.Family("gofast_run_cache_lookups_total", metrics::Type::kCounter,
             "Runs of list pages looked up in the answer cache, by whether their text was kept.");
  out.Sample("gofast_run_cache_lookups_total", {{"result", "hit"}},
             static_cast<double>(hits_.load()));
  out.Sample("gofast_run_cache_lookups_total", {{"result", "miss"}},
             static_cast<double>(misses_.load()));
  size_t bytes = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    bytes = bytes_;
  }
  out.Family("gofast_run_cache_bytes", metrics::Type::kGauge,
             "Bytes the answer cache holds, counted as --run-cache-mb bounds them.");
  out.Sample("gofast_run_cache_bytes", {}, static_cast<double>(bytes));
}

}  // namespace gofast::app
