#include "app_service/http/test_data.h"

#include "app_service/seed_file.h"

namespace gofast::app {

Status AppTestData::Clear() { return data_.Reset(); }

Result<http::SeedOutcome> AppTestData::Seed(const nlohmann::json& document) {
  const Result<AppRows> rows = ReadSeedRows(document);
  if (!rows) return rows.error();
  const Result<MergeOutcome> merged = data_.Merge(rows.value());
  if (!merged) return merged.error();
  return http::SeedOutcome{merged->stored, merged->skipped};
}

Status AppTestData::Import(const nlohmann::json& document) {
  const Result<AppRows> rows = ReadSeedRows(document);
  if (!rows) return rows.error();
  return data_.Import(rows.value());
}

Result<nlohmann::json> AppTestData::Export() {
  const Result<AppRows> rows = data_.Export();
  if (!rows) return rows.error();
  return SeedDocument(rows.value());
}

}  // namespace gofast::app
