#include "company_service/http/test_data.h"

#include "company_service/seed_file.h"

namespace gofast::company {

Status CompanyTestData::Clear() { return data_.Reset(); }

Result<MergeOutcome> CompanyTestData::Seed(const nlohmann::json& document) {
  const Result<SeedRows> rows = ReadSeedRows(document);
  if (!rows) return rows.error();
  return data_.Merge(rows.value());
}

Status CompanyTestData::Import(const nlohmann::json& document) {
  const Result<SeedRows> rows = ReadSeedRows(document);
  if (!rows) return rows.error();
  return data_.Import(rows.value());
}

Result<nlohmann::json> CompanyTestData::Export() {
  const Result<TenantSnapshot> snapshot = data_.Export();
  if (!snapshot) return snapshot.error();
  return SeedDocument(snapshot.value());
}

}  // namespace gofast::company
