#ifndef GOFAST_COMPANY_SERVICE_HTTP_JSON_VIEWS_H_
#define GOFAST_COMPANY_SERVICE_HTTP_JSON_VIEWS_H_

#include <nlohmann/json.hpp>

#include "company_service/domain/staff.h"

namespace gofast::company {

// The staff object of the contract, with `name` derived from first and last.
nlohmann::json StaffToJson(const Staff& staff);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_HTTP_JSON_VIEWS_H_
