#ifndef GOFAST_APP_SERVICE_HTTP_JSON_VIEWS_H_
#define GOFAST_APP_SERVICE_HTTP_JSON_VIEWS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app_service/domain/athlete.h"
#include "app_service/domain/run.h"
#include "app_service/domain/staff_replica.h"
#include "shared/http/json_writer.h"

namespace gofast::app {

// The run as an object: every column under its name, in column order;
// isRecurring a boolean, numbers as numbers, absent values as null. With
// `creators` (replica mode), then createdBy: {id, name, email, role} of its
// staff id, or null when it has none or the replica does not know it.
void WriteRun(http::JsonWriter& out, const Run& run,
              const std::map<std::string, RunCreator>* creators = nullptr);

// WriteRun's text without createdBy, open (no closing brace): what a page
// writes with BeginObjectWith, then WriteCreatedBy in replica mode.
std::string OpenRunObject(const Run& run);

// The createdBy member of a run with this staff id (WriteRun's).
void WriteCreatedBy(http::JsonWriter& out, const std::optional<std::string>& staff_generated_id,
                    const std::map<std::string, RunCreator>& creators);

// A row of the staff replica: {id, firebaseId, email, firstName, lastName,
// name, role, companyId, removed, updatedAt (the company's), syncedAt}.
void WriteReplicaStaff(http::JsonWriter& out, const ReplicaStaff& staff);

// {id, firebaseId, email, firstName, lastName, createdAt, updatedAt}.
nlohmann::json AthleteToJson(const Athlete& athlete);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_HTTP_JSON_VIEWS_H_
