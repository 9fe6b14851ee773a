#ifndef GOFAST_SHARED_AUTH_CRYPTO_H_
#define GOFAST_SHARED_AUTH_CRYPTO_H_

#include <openssl/evp.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gofast::auth {

// Thin RAII wrappers over the OpenSSL calls the tokens need, nothing more.
using PKey = std::shared_ptr<EVP_PKEY>;

// The public key inside a PEM X.509 certificate; nullptr when it does not parse.
PKey PublicKeyFromCertificatePem(std::string_view pem);
PKey PrivateKeyFromPem(std::string_view pem);

// RSASSA-PKCS1-v1_5 with SHA-256.
bool VerifyRs256(EVP_PKEY* public_key, std::string_view data, std::string_view signature);
std::string SignRs256(EVP_PKEY* private_key, std::string_view data);

// The SHA-256 digest of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

PKey GenerateRsaKey(int bits);
std::string PrivateKeyToPem(EVP_PKEY* key);
// A self-signed certificate for `key`, valid ten years, with the given common name.
std::string SelfSignedCertificatePem(EVP_PKEY* key, const std::string& common_name);

}  // namespace gofast::auth

#endif  // GOFAST_SHARED_AUTH_CRYPTO_H_
