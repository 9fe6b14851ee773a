#ifndef GOFAST_COMPANY_SERVICE_HTTP_ROUTES_H_
#define GOFAST_COMPANY_SERVICE_HTTP_ROUTES_H_

#include "company_service/domain/staff_service.h"
#include "shared/auth/firebase_token.h"
#include "shared/http/server.h"

namespace gofast::company {

// The company API: POST /api/staff/find-or-create, GET /api/staff/:id,
// GET /api/staff and POST /api/staff/invite. Each handler authenticates,
// reads its input, calls one domain function and writes its answer. The
// references must outlive the server.
void AddRoutes(http::Server& server, const auth::TokenVerifier& verifier, StaffService& staff);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_HTTP_ROUTES_H_
