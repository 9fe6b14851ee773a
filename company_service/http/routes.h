#ifndef GOFAST_COMPANY_SERVICE_HTTP_ROUTES_H_
#define GOFAST_COMPANY_SERVICE_HTTP_ROUTES_H_

#include <string>

#include "company_service/domain/staff_service.h"
#include "shared/auth/firebase_token.h"
#include "shared/http/server.h"

namespace gofast::company {

// The company API: POST /api/staff/find-or-create, GET, PATCH and DELETE
// /api/staff/:id, GET /api/staff, POST /api/staff/invite, and the change feed
// GET /api/staff/changes for services sending `internal_api_key` (404 when it
// is empty). Each handler authenticates, reads its input, calls one domain
// function and writes its answer. The references must outlive the server.
void AddRoutes(http::Server& server, const auth::TokenVerifier& verifier, StaffService& staff,
               const std::string& internal_api_key);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_HTTP_ROUTES_H_
