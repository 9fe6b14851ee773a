// RunTextCache over the in-memory store: what it keeps, when it reads rows
// again, and its bound.
#include "app_service/http/run_text_cache.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app_service/http/json_views.h"
#include "tests/app/unit/fake_app_store.h"

namespace gofast::app {
namespace {

using fakes::FakeStore;

// Stores runs r0 .. r{count-1}, each titled with its id.
void StoreRuns(FakeStore& store, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    Run run;
    run.id = "r" + std::to_string(i);
    run.title = "Run " + run.id;
    run.staff_generated_id = "staff-" + std::to_string(i % 3);
    run.created_at = "2026-01-24T12:00:00.000Z";
    store.runs[run.id] = run;
  }
}

RunKeyPage PageOf(const std::vector<std::string>& ids, int64_t generation) {
  RunKeyPage page;
  for (const std::string& id : ids) page.keys.push_back(RunCursor{"2026-01-24T12:00:00.000Z", id});
  page.generation = generation;
  return page;
}

// The open objects of the entries, in order, as `cache` reads them.
std::vector<std::string> Texts(
    const RunTextCache& cache,
    const Result<std::vector<std::shared_ptr<const RunTextCache::Entry>>>& entries) {
  REQUIRE(entries);
  std::vector<std::string> texts;
  std::string scratch;
  for (const auto& entry : entries.value()) {
    const Result<std::string_view> text = cache.OpenObjectOf(*entry, scratch);
    REQUIRE(text);
    texts.emplace_back(text.value());
  }
  return texts;
}

// The value of one sample line of the cache's metrics.
double Sample(const RunTextCache& cache, const std::string& series) {
  metrics::Exposition out;
  cache.WriteMetrics(out);
  const size_t at = out.text().find("\n" + series + " ");
  REQUIRE(at != std::string::npos);
  return std::stod(out.text().substr(at + series.size() + 2));
}

TEST_CASE("a page read twice reads its rows once, and answers the same text", "[unit]") {
  FakeStore store;
  StoreRuns(store, 3);
  RunService runs(store);
  RunTextCache cache(1 << 20);
  const RunKeyPage page = PageOf({"r2", "r0", "r1"}, 1);
  const std::vector<std::string> first = Texts(cache, cache.EntriesOf(page, runs));
  CHECK(store.runs_read == 3);
  CHECK(first == std::vector<std::string>{OpenRunObject(store.runs["r2"]),
                                          OpenRunObject(store.runs["r0"]),
                                          OpenRunObject(store.runs["r1"])});
  const Result<std::vector<std::shared_ptr<const RunTextCache::Entry>>> again =
      cache.EntriesOf(page, runs);
  CHECK(Texts(cache, again) == first);
  CHECK(store.runs_read == 3);
  CHECK(again.value()[1]->staff_generated_id == std::optional<std::string>("staff-0"));
  // Kept compressed against the first run's text, which shares every key.
  CHECK(again.value()[1]->text.size() * 4 < first[1].size());
  CHECK(Sample(cache, "gofast_run_cache_lookups_total{result=\"hit\"}") == 3);
  CHECK(Sample(cache, "gofast_run_cache_lookups_total{result=\"miss\"}") == 3);
  // Only the runs not kept are read.
  StoreRuns(store, 5);
  CHECK(Texts(cache, cache.EntriesOf(PageOf({"r4", "r2", "r3"}, 1), runs)).size() == 3);
  CHECK(store.runs_read == 5);
}

TEST_CASE("a page of a later generation reads its rows again", "[unit]") {
  FakeStore store;
  StoreRuns(store, 2);
  RunService runs(store);
  RunTextCache cache(1 << 20);
  REQUIRE(cache.EntriesOf(PageOf({"r1", "r0"}, 4), runs));
  // r0 deleted and written again with other content: the generation rose.
  store.runs["r0"].title = "Another run";
  const std::vector<std::string> texts =
      Texts(cache, cache.EntriesOf(PageOf({"r1", "r0"}, 5), runs));
  CHECK(texts[1] == OpenRunObject(store.runs["r0"]));
  CHECK(texts[1].find("Another run") != std::string::npos);
  CHECK(store.runs_read == 4);
  // A page read before that generation is written from its rows and kept
  // nowhere: the cache holds the later one's.
  store.runs["r1"].title = "Changed behind the cache";
  CHECK(Texts(cache, cache.EntriesOf(PageOf({"r1"}, 4), runs))[0].find("Changed behind") !=
        std::string::npos);
  CHECK(Texts(cache, cache.EntriesOf(PageOf({"r1"}, 5), runs))[0].find("Run r1") !=
        std::string::npos);
}

TEST_CASE("a run deleted since its key was read is left out of the page", "[unit]") {
  FakeStore store;
  StoreRuns(store, 3);
  RunService runs(store);
  RunTextCache cache(1 << 20);
  store.runs.erase("r1");
  const std::vector<std::string> texts =
      Texts(cache, cache.EntriesOf(PageOf({"r2", "r1", "r0"}, 1), runs));
  REQUIRE(texts.size() == 2);
  CHECK(texts[0].find("Run r2") != std::string::npos);
  CHECK(texts[1].find("Run r0") != std::string::npos);
}

TEST_CASE("the cache holds no more bytes than its bound, and none at 0", "[unit]") {
  FakeStore store;
  StoreRuns(store, 400);
  RunService runs(store);
  // About half the runs (each near 450 bytes compressed, with its bookkeeping).
  constexpr size_t kBound = 96 * 1024;
  RunTextCache cache(kBound);
  for (size_t round = 0; round < 2; ++round) {
    for (size_t first = 0; first < 400; first += 50) {
      std::vector<std::string> ids;
      for (size_t i = first; i < first + 50; ++i) ids.push_back("r" + std::to_string(i));
      CHECK(Texts(cache, cache.EntriesOf(PageOf(ids, 1), runs)).size() == 50);
      CHECK(Sample(cache, "gofast_run_cache_bytes") <= kBound);
    }
  }
  // The second cycle over 400 runs, more than fit, found a fifth kept or more
  // (least recently used would find none).
  const double hits = Sample(cache, "gofast_run_cache_lookups_total{result=\"hit\"}");
  CHECK(hits >= 80);
  CHECK(Sample(cache, "gofast_run_cache_bytes") > kBound / 2);

  RunTextCache none(0);
  REQUIRE(none.EntriesOf(PageOf({"r0"}, 1), runs));
  REQUIRE(none.EntriesOf(PageOf({"r0"}, 1), runs));
  CHECK(Sample(none, "gofast_run_cache_lookups_total{result=\"hit\"}") == 0);
  CHECK(Sample(none, "gofast_run_cache_bytes") == 0);
}

}  // namespace
}  // namespace gofast::app
