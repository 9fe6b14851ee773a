#include "app_service/http/test_data.h"

#include "app_service/seed_file.h"

namespace gofast::app {

Status AppTestData::Clear() { return data_.Reset(); }

Result<MergeOutcome> AppTestData::Seed(const nlohmann::json& document) {
  const Result<AppRows> rows = ReadSeedRows(document);
  if (!rows) return rows.error();
  return data_.Merge(rows.value());
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
