#ifndef GOFAST_APP_SERVICE_HTTP_JSON_VIEWS_H_
#define GOFAST_APP_SERVICE_HTTP_JSON_VIEWS_H_

#include <nlohmann/json.hpp>

#include "app_service/domain/athlete.h"
#include "app_service/domain/run.h"
#include "shared/http/json_writer.h"

namespace gofast::app {

// The run as an object: every column under its name, in column order;
// isRecurring a boolean, numbers as numbers, absent values as null.
void WriteRun(http::JsonWriter& out, const Run& run);

// {id, firebaseId, email, firstName, lastName, createdAt, updatedAt}.
nlohmann::json AthleteToJson(const Athlete& athlete);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_HTTP_JSON_VIEWS_H_
