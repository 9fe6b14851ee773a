#ifndef GOFAST_SHARED_CORE_RESULT_H_
#define GOFAST_SHARED_CORE_RESULT_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gofast {

// The error vocabulary of both services. Each code is one wire code of the
// contract (spec/conventions.md); the HTTP layer alone knows their statuses.
enum class ErrorCode {
  kBadRequest,  // the HTTP message itself: framing, request line, headers
  kBadJson,
  kValidationFailed,
  kNoToken,
  kTokenExpired,
  kInvalidToken,
  kForbidden,
  kNotCompanyStaff,
  kEmailNotVerified,
  kEmailRequired,
  kNotFound,
  kMethodNotAllowed,
  kConflict,
  kDuplicateRun,
  kIdempotencyKeyReused,
  kUnknownStaff,
  kStaffRemoved,
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kRequestTimeout,
  kUriTooLong,
  kHeadersTooLarge,
  kInternal,
  kNotImplemented,
  kHttpVersionNotSupported,
  kServerBusy,
  kDatabaseUnavailable,
  kNotReady,
  kAuthKeysUnavailable,
  kUnavailable,
  kStaffSyncUnavailable,
};

// The contract's name for a code, e.g. "VALIDATION_FAILED".
const char* WireCode(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;  // a human sentence; never echoes request bytes
  // The one request field the error is about, when there is one: the
  // envelope's details.field, so a form can show the error beside it.
  std::optional<std::string> field;
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message), std::nullopt};
}

// VALIDATION_FAILED: how a rule or a body reader refuses an input.
inline Error ValidationError(std::string message) {
  return MakeError(ErrorCode::kValidationFailed, std::move(message));
}

// VALIDATION_FAILED about one request field: `field` is its JSON name, dotted
// for a nested one ("runClub.slug"), or a header's name; the envelope carries
// it as details.field. Rules about several fields use ValidationError.
inline Error FieldValidationError(std::string field, std::string message) {
  Error error = ValidationError(std::move(message));
  error.field = std::move(field);
  return error;
}

// Expected failures travel as values; exceptions stay at library edges.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_RESULT_H_
