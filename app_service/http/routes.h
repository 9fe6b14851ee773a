#ifndef GOFAST_APP_SERVICE_HTTP_ROUTES_H_
#define GOFAST_APP_SERVICE_HTTP_ROUTES_H_

#include "app_service/domain/athlete_service.h"
#include "app_service/domain/audit_service.h"
#include "app_service/domain/run_service.h"
#include "app_service/domain/staff_replica.h"
#include "app_service/http/run_text_cache.h"
#include "shared/auth/firebase_token.h"
#include "shared/http/server.h"

namespace gofast::app {

// The app API: POST /api/runs/create, GET /api/runs, GET /api/runs/:id,
// GET /api/runs/:id/creator and POST /api/athlete/create. Each handler authenticates, reads its
// input, calls one domain function and writes its answer. The references must outlive the server.
// The list writes its pages' runs from `run_texts`. With `replica` (replica
// mode), run answers carry createdBy.
void AddRoutes(http::Server& server, const auth::TokenVerifier& verifier, RunService& runs,
               RunTextCache& run_texts, AthleteService& athletes, AuditService& audits,
               StaffReplica* replica);

// Replica mode only: GET /api/staff-replica (where the sync stands), GET
// /api/staff-replica/dangling-runs (the runs whose staff id the replica does
// not know) and GET /api/staff-replica/staff (its rows by id, paged).
void AddStaffReplicaRoutes(http::Server& server, const auth::TokenVerifier& verifier,
                           StaffReplica& replica);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_HTTP_ROUTES_H_
