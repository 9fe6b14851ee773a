#ifndef GOFAST_APP_SERVICE_HTTP_JSON_VIEWS_H_
#define GOFAST_APP_SERVICE_HTTP_JSON_VIEWS_H_

#include <nlohmann/json.hpp>

#include "app_service/domain/athlete.h"
#include "app_service/domain/run.h"

namespace gofast::app {

// Every column under its name; isRecurring a boolean, numbers as numbers,
// absent values as null.
nlohmann::json RunToJson(const Run& run);

// {id, firebaseId, email, firstName, lastName, createdAt, updatedAt}.
nlohmann::json AthleteToJson(const Athlete& athlete);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_HTTP_JSON_VIEWS_H_
