#include "company_service/domain/tenant.h"

#include <initializer_list>
#include <set>
#include <utility>

#include "company_service/domain/staff_service.h"
#include "shared/core/ids.h"
#include "shared/core/text.h"

namespace gofast::company {
namespace {

// The form every stored time has: 2026-01-24T12:00:00.000Z.
bool IsStoredTime(const std::string& text) {
  const std::optional<ParsedDate> parsed = ParseIso8601(text);
  return parsed && !parsed->date_only && FormatIso8601(parsed->time) == text;
}

// Times are stored as the API answers them, in SQLite's text and PostgreSQL's
// timestamptz alike, so both stores answer a seeded row the same.
Status CheckTimes(
    const std::string& where,
    std::initializer_list<std::pair<const char*, const std::optional<std::string>*>> times) {
  for (const auto& [name, value] : times) {
    if (*value && !IsStoredTime(**value)) {
      return SeedError(where + "." + name +
                       " must be a UTC time with milliseconds, like 2026-01-24T12:00:00.000Z");
    }
  }
  return Ok{};
}

}  // namespace

bool IsInvitation(const SeedStaffRow& row) {
  return !row.firebase_id || IsInvitedFirebaseId(*row.firebase_id);
}

Error SeedError(const std::string& message) { return ValidationError("seed: " + message); }

Result<SeedRows> CheckSeed(const SeedRows& rows, const std::string& company_id) {
  SeedRows checked = rows;
  if (checked.company) {
    if (checked.company->id.value_or("") != company_id) {
      return SeedError("company.id must equal --company-id (" + company_id + ")");
    }
    const SeedCompanyRow& company = *checked.company;
    if (Status times = CheckTimes(
            "company", {{"createdAt", &company.created_at}, {"updatedAt", &company.updated_at}});
        !times)
      return times.error();
  }

  std::set<std::string> ids, firebase_ids;
  for (size_t index = 0; index < checked.staff.size(); ++index) {
    SeedStaffRow& row = checked.staff[index];
    const std::string where = "staff[" + std::to_string(index) + "]";
    if (row.email) row.email = ToLowerAscii(*row.email);
    if (!row.email || !IsValidEmail(*row.email)) {
      return SeedError(where + ".email is not a valid address");
    }
    if (!row.role || !IsRole(*row.role)) return SeedError(where + ".role is not a known role");
    if (row.company_id && *row.company_id != company_id) {
      return SeedError(where + ".companyId must be the tenant's id");
    }
    row.company_id = company_id;
    if (row.id) {
      if (!LooksLikeUuid(*row.id)) return SeedError(where + ".id must be a UUID");
      row.id = ToLowerAscii(*row.id);
      if (!ids.insert(*row.id).second) return SeedError(where + ".id appears twice");
    }
    if (row.firebase_id) {
      if (row.firebase_id->empty()) return SeedError(where + ".firebaseId must not be empty");
      if (!firebase_ids.insert(*row.firebase_id).second) {
        return SeedError(where + ".firebaseId appears twice");
      }
    }
    if (Status times = CheckTimes(where, {{"createdAt", &row.created_at},
                                          {"updatedAt", &row.updated_at},
                                          {"startDate", &row.start_date}});
        !times)
      return times.error();
  }
  return checked;
}

Company StartCompany(const std::string& company_id, const std::string& now) {
  Company company;
  company.id = company_id;
  company.created_at = now;
  company.updated_at = now;
  return company;
}

Status PrepareTenant(StaffStore& store, const std::string& company_id, const IsoClock& clock) {
  Result<std::optional<Company>> existing = store.FindCompany();
  if (!existing) return existing.error();
  if (!existing.value()) return store.InsertCompany(StartCompany(company_id, clock()));
  if (existing.value()->id != company_id) {
    return ValidationError("the database belongs to company " + existing.value()->id +
                           ", not --company-id " + company_id);
  }
  return Ok{};
}

}  // namespace gofast::company
