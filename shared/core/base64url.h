#ifndef GOFAST_SHARED_CORE_BASE64URL_H_
#define GOFAST_SHARED_CORE_BASE64URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace gofast {

// base64url without padding (RFC 7515 §2), as JWT segments and page cursors use.
std::string Base64UrlEncode(std::string_view bytes);

// Strict: refuses '+', '/', '=', any other byte outside the alphabet, an
// impossible length, and non-zero leftover bits.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_BASE64URL_H_
