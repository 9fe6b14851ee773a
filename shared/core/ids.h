#ifndef GOFAST_SHARED_CORE_IDS_H_
#define GOFAST_SHARED_CORE_IDS_H_

#include <string>

namespace gofast {

// Random UUID v4, lowercase, 36 characters, from OpenSSL's CSPRNG.
std::string NewUuidV4();

// True for a lowercase or uppercase 8-4-4-4-12 hex UUID string.
bool LooksLikeUuid(const std::string& text);

// A 25-character cuid-style id: 'c' + base36 time (8) + counter (4) +
// process fingerprint (4) + random (8), sortable by creation time.
std::string NewCuid();

// True for the shape NewCuid makes: 'c' and 24 lowercase letters or digits.
bool LooksLikeCuid(const std::string& text);

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_IDS_H_
