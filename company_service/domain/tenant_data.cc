#include "company_service/domain/tenant_data.h"

#include <map>
#include <unordered_map>

#include "shared/core/ids.h"

namespace gofast::company {
namespace {

Error SeedConflict(const std::string& message) {
  return MakeError(ErrorCode::kConflict, "seed: " + message);
}

bool Differs(const std::optional<std::string>& given, const std::string& stored) {
  return given && *given != stored;
}

// The member of a checked seed row that differs from the stored row, or null when none does;
// the members a row may leave out are compared only where it gives them.
const char* FirstDifference(const SeedStaffRow& row, const Staff& stored) {
  if (Differs(row.id, stored.id)) return "id";
  if (Differs(row.firebase_id, stored.firebase_id)) return "firebaseId";
  if (*row.email != stored.email) return "email";
  if (*row.role != stored.role) return "role";
  if (row.first_name != stored.first_name) return "firstName";
  if (row.last_name != stored.last_name) return "lastName";
  if (row.photo_url != stored.photo_url) return "photoURL";
  if (row.start_date != stored.start_date) return "startDate";
  if (row.company_id != stored.company_id) return "companyId";
  if (Differs(row.created_at, stored.created_at)) return "createdAt";
  if (Differs(row.updated_at, stored.updated_at)) return "updatedAt";
  return nullptr;
}

const char* FirstDifference(const SeedCompanyRow& row, const Company& stored) {
  if (row.company_name.value_or(Company().company_name) != stored.company_name)
    return "companyName";
  if (row.address != stored.address) return "address";
  if (row.city != stored.city) return "city";
  if (row.state != stored.state) return "state";
  if (row.website != stored.website) return "website";
  if (row.description != stored.description) return "description";
  if (Differs(row.created_at, stored.created_at)) return "createdAt";
  if (Differs(row.updated_at, stored.updated_at)) return "updatedAt";
  return nullptr;
}

// Whether the tenant row is as a start (or a reset) left it, times aside.
bool IsAtStart(const Company& stored) {
  SeedCompanyRow start;
  start.id = stored.id;
  return FirstDifference(start, stored) == nullptr;
}

// The tenant row the seed asks for; nullopt when the stored one is it already.
Result<std::optional<Company>> MergeCompany(const SeedCompanyRow& row, const Company& stored,
                                            const std::string& now) {
  const char* member = FirstDifference(row, stored);
  if (member == nullptr) return std::optional<Company>();
  if (!IsAtStart(stored)) {
    return SeedConflict("company " + stored.id + " is stored with another " + member +
                        "; a seed replaces the tenant row only while it is at its start value");
  }
  Company company = stored;
  if (row.company_name) company.company_name = *row.company_name;
  company.address = row.address;
  company.city = row.city;
  company.state = row.state;
  company.website = row.website;
  company.description = row.description;
  if (row.created_at) company.created_at = *row.created_at;
  company.updated_at = row.updated_at.value_or(now);
  return std::optional<Company>(std::move(company));
}

// The stored staff by each member a seed row may be known by.
class StoredStaff {
 public:
  explicit StoredStaff(std::vector<Staff> rows) : rows_(std::move(rows)) {
    for (const Staff& row : rows_) {
      by_id_.emplace(row.id, &row);
      by_firebase_id_.emplace(row.firebase_id, &row);
      by_email_.emplace(row.email, &row);  // equal keys keep the stored order
    }
  }

  const Staff* ById(const std::string& id) const { return Find(by_id_, id); }
  const Staff* ByFirebaseId(const std::string& id) const { return Find(by_firebase_id_, id); }
  std::vector<const Staff*> ByEmail(const std::string& email) const {
    std::vector<const Staff*> holders;
    const auto [first, last] = by_email_.equal_range(email);
    for (auto it = first; it != last; ++it) holders.push_back(it->second);
    return holders;
  }

 private:
  static const Staff* Find(const std::unordered_map<std::string, const Staff*>& index,
                           const std::string& key) {
    const auto it = index.find(key);
    return it == index.end() ? nullptr : it->second;
  }

  const std::vector<Staff> rows_;
  std::unordered_map<std::string, const Staff*> by_id_, by_firebase_id_;
  std::multimap<std::string, const Staff*> by_email_;
};

// The new row a checked seed row adds; nullopt when it is a stored row already.
Result<std::optional<Staff>> MergeStaff(const std::string& where, const SeedStaffRow& row,
                                        const StoredStaff& stored, const std::string& now) {
  if (row.id || row.firebase_id) {
    const Staff* match = row.id ? stored.ById(*row.id) : stored.ByFirebaseId(*row.firebase_id);
    if (match != nullptr) {
      if (const char* member = FirstDifference(row, *match)) {
        return SeedConflict(where + " differs from stored staff " + match->id + " in " + member);
      }
      return std::optional<Staff>();
    }
  } else {
    // An invitation named by its email alone: a stored row with that email is it, whether
    // still invited or linked since.
    const std::vector<const Staff*> holders = stored.ByEmail(*row.email);
    for (const Staff* holder : holders) {
      if (FirstDifference(row, *holder) == nullptr) return std::optional<Staff>();
    }
    if (!holders.empty()) {
      return SeedConflict(where + " differs from stored staff " + holders.front()->id +
                          ", which holds its email");
    }
  }

  Staff staff;
  staff.id = row.id.value_or(NewUuidV4());
  staff.firebase_id = row.firebase_id.value_or(std::string(kInvitedPrefix) + NewUuidV4());
  staff.email = *row.email;
  staff.role = *row.role;
  staff.first_name = row.first_name;
  staff.last_name = row.last_name;
  staff.photo_url = row.photo_url;
  staff.start_date = row.start_date;
  staff.company_id = row.company_id;
  staff.created_at = row.created_at.value_or(now);
  staff.updated_at = row.updated_at.value_or(staff.created_at);
  if (const Staff* holder = stored.ByFirebaseId(staff.firebase_id)) {
    return SeedConflict(where + ".firebaseId is held by stored staff " + holder->id);
  }
  for (const Staff* holder : stored.ByEmail(staff.email)) {
    if (IsInvitation(row) || IsInvitedFirebaseId(holder->firebase_id)) {
      return SeedConflict(where + ".email is held by stored staff " + holder->id +
                          ", and an invitation's email belongs to one row");
    }
  }
  return std::optional<Staff>(std::move(staff));
}

}  // namespace

TenantData::TenantData(StaffStore& store, std::string company_id, IsoClock clock)
    : store_(store), company_id_(std::move(company_id)), clock_(OrSystemClock(std::move(clock))) {}

Status TenantData::Reset() { return store_.ResetTenant(StartCompany(company_id_, clock_())); }

Result<MergeOutcome> TenantData::Merge(const SeedRows& rows) {
  const Result<SeedRows> checked = CheckSeed(rows, company_id_);
  if (!checked) return checked.error();
  return MergeChecked(checked.value());
}

Status TenantData::Import(const SeedRows& rows) {
  const Result<SeedRows> checked = CheckSeed(rows, company_id_);
  if (!checked) return checked.error();
  if (Status reset = Reset(); !reset) return reset;
  const Result<MergeOutcome> merged = MergeChecked(checked.value());
  if (!merged) return merged.error();
  return Ok{};
}

Result<MergeOutcome> TenantData::MergeChecked(const SeedRows& rows) {
  const std::string now = clock_();
  MergeOutcome outcome;
  std::optional<Company> company;
  if (rows.company) {
    Result<std::optional<Company>> stored = store_.FindCompany();
    if (!stored) return stored.error();
    if (!stored.value()) return MakeError(ErrorCode::kInternal, "The tenant row is missing");
    Result<std::optional<Company>> merged = MergeCompany(*rows.company, *stored.value(), now);
    if (!merged) return merged.error();
    company = std::move(merged).value();
    ++(company ? outcome.stored : outcome.skipped);
  }

  Result<std::vector<Staff>> all = store_.AllStaff();
  if (!all) return all.error();
  const StoredStaff stored(std::move(all).value());
  std::vector<Staff> added;
  for (size_t index = 0; index < rows.staff.size(); ++index) {
    Result<std::optional<Staff>> merged =
        MergeStaff("staff[" + std::to_string(index) + "]", rows.staff[index], stored, now);
    if (!merged) return merged.error();
    if (merged.value()) {
      added.push_back(std::move(*merged.value()));
    } else {
      ++outcome.skipped;
    }
  }
  outcome.stored += added.size();
  if (!company && added.empty()) return outcome;
  const Status written = store_.Seed(company, added);
  if (!written && written.error().code == ErrorCode::kConflict) {
    return SeedConflict("a row holding one of its ids was stored meanwhile; nothing was written");
  }
  if (!written) return written.error();
  return outcome;
}

Result<TenantSnapshot> TenantData::Export() {
  Result<std::optional<Company>> company = store_.FindCompany();
  if (!company) return company.error();
  if (!company.value()) return MakeError(ErrorCode::kInternal, "The tenant row is missing");
  Result<std::vector<Staff>> staff = store_.AllStaff();
  if (!staff) return staff.error();
  return TenantSnapshot{std::move(*company.value()), std::move(staff).value()};
}

Result<std::optional<Staff>> TenantData::FindStaff(const std::string& id) {
  return store_.FindById(id);
}

Result<std::optional<Staff>> TenantData::FindStaffByFirebaseId(const std::string& firebase_id) {
  return store_.FindByFirebaseId(firebase_id);
}

Result<std::optional<Staff>> TenantData::FindInvitation(const std::string& email) {
  return store_.FindInvitedByEmail(email);
}

Status TenantData::DeleteStaff(const std::vector<std::string>& ids) {
  return store_.DeleteStaff(ids, clock_());
}

}  // namespace gofast::company
