#ifndef GOFAST_APP_SERVICE_HTTP_ROUTES_H_
#define GOFAST_APP_SERVICE_HTTP_ROUTES_H_

#include "app_service/domain/athlete_service.h"
#include "app_service/domain/audit_service.h"
#include "app_service/domain/run_service.h"
#include "shared/auth/firebase_token.h"
#include "shared/http/server.h"

namespace gofast::app {

// The app API: POST /api/runs/create, GET /api/runs, GET /api/runs/:id,
// GET /api/runs/:id/creator and POST /api/athlete/create. Each handler authenticates, reads its
// input, calls one domain function and writes its answer. The references must outlive the server.
void AddRoutes(http::Server& server, const auth::TokenVerifier& verifier, RunService& runs,
               AthleteService& athletes, AuditService& audits);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_HTTP_ROUTES_H_
