#ifndef GOFAST_COMPANY_SERVICE_HTTP_BODY_READERS_H_
#define GOFAST_COMPANY_SERVICE_HTTP_BODY_READERS_H_

#include <nlohmann/json.hpp>

#include "company_service/domain/staff_service.h"
#include "shared/core/result.h"

namespace gofast::company {

// The profile fields of a find-or-create body (firstName, lastName, photoURL).
Result<ProfileFields> ReadProfile(const nlohmann::json& body);

// An invitation body: email, role, firstName, lastName (a photoURL is checked, not kept).
Result<InviteRequest> ReadInvite(const nlohmann::json& body);

// A PATCH /api/staff/{id} body: role, firstName, lastName, photoURL; a name or
// photo given as null or blank is cleared, one left out is kept.
Result<StaffEdit> ReadStaffEdit(const nlohmann::json& body);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_HTTP_BODY_READERS_H_
