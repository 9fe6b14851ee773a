#ifndef GOFAST_COMPANY_SERVICE_HTTP_JSON_VIEWS_H_
#define GOFAST_COMPANY_SERVICE_HTTP_JSON_VIEWS_H_

#include "company_service/domain/staff.h"
#include "shared/http/json_writer.h"

namespace gofast::company {

// The staff object of the contract, with `name` derived from first and last;
// written straight into the answer's text (no JSON tree: find-or-create's
// answer is most of what it costs beside HTTP).
void WriteStaff(http::JsonWriter& out, const Staff& staff);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_HTTP_JSON_VIEWS_H_
