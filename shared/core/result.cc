#include "shared/core/result.h"

namespace gofast {

const char* WireCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest:
      return "BAD_REQUEST";
    case ErrorCode::kBadJson:
      return "BAD_JSON";
    case ErrorCode::kValidationFailed:
      return "VALIDATION_FAILED";
    case ErrorCode::kNoToken:
      return "NO_TOKEN";
    case ErrorCode::kTokenExpired:
      return "TOKEN_EXPIRED";
    case ErrorCode::kInvalidToken:
      return "INVALID_TOKEN";
    case ErrorCode::kForbidden:
      return "FORBIDDEN";
    case ErrorCode::kNotCompanyStaff:
      return "NOT_COMPANY_STAFF";
    case ErrorCode::kEmailNotVerified:
      return "EMAIL_NOT_VERIFIED";
    case ErrorCode::kEmailRequired:
      return "EMAIL_REQUIRED";
    case ErrorCode::kNotFound:
      return "NOT_FOUND";
    case ErrorCode::kMethodNotAllowed:
      return "METHOD_NOT_ALLOWED";
    case ErrorCode::kConflict:
      return "CONFLICT";
    case ErrorCode::kDuplicateRun:
      return "DUPLICATE_RUN";
    case ErrorCode::kIdempotencyKeyReused:
      return "IDEMPOTENCY_KEY_REUSED";
    case ErrorCode::kUnknownStaff:
      return "UNKNOWN_STAFF";
    case ErrorCode::kStaffRemoved:
      return "STAFF_REMOVED";
    case ErrorCode::kPayloadTooLarge:
      return "PAYLOAD_TOO_LARGE";
    case ErrorCode::kUnsupportedMediaType:
      return "UNSUPPORTED_MEDIA_TYPE";
    case ErrorCode::kRequestTimeout:
      return "REQUEST_TIMEOUT";
    case ErrorCode::kUriTooLong:
      return "URI_TOO_LONG";
    case ErrorCode::kHeadersTooLarge:
      return "HEADERS_TOO_LARGE";
    case ErrorCode::kInternal:
      return "INTERNAL";
    case ErrorCode::kNotImplemented:
      return "NOT_IMPLEMENTED";
    case ErrorCode::kHttpVersionNotSupported:
      return "HTTP_VERSION_NOT_SUPPORTED";
    case ErrorCode::kServerBusy:
      return "SERVER_BUSY";
    case ErrorCode::kDatabaseUnavailable:
      return "DATABASE_UNAVAILABLE";
    case ErrorCode::kNotReady:
      return "NOT_READY";
    case ErrorCode::kAuthKeysUnavailable:
      return "AUTH_KEYS_UNAVAILABLE";
    case ErrorCode::kUnavailable:
      return "UNAVAILABLE";
    case ErrorCode::kStaffSyncUnavailable:
      return "STAFF_SYNC_UNAVAILABLE";
  }
  return "INTERNAL";
}

}  // namespace gofast
