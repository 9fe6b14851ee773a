#ifndef GOFAST_COMPANY_SERVICE_HTTP_STAFF_HANDLERS_H_
#define GOFAST_COMPANY_SERVICE_HTTP_STAFF_HANDLERS_H_

#include <nlohmann/json.hpp>

#include "company_service/domain/staff_service.h"
#include "shared/auth/firebase_token.h"
#include "shared/http/server.h"

namespace gofast::company {

// The staff object of the contract, with `name` derived from first and last.
nlohmann::json StaffToJson(const Staff& staff);

// POST /api/staff/find-or-create, GET /api/staff/{id}, GET /api/staff,
// POST /api/staff/invite.
void RegisterStaffRoutes(http::Server& server, StaffService& staff,
                         const auth::TokenVerifier& verifier);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_HTTP_STAFF_HANDLERS_H_
