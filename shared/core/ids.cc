#include "shared/core/ids.h"

#include <openssl/rand.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace gofast {
namespace {

// Bytes from OpenSSL's CSPRNG, drawn a pool at a time per thread: each
// RAND_bytes call asks the kernel for the process id (its fork check), a
// system call that was two per create. The pool is safe because these
// processes never fork without exec.
void FillRandom(unsigned char* out, size_t size) {
  thread_local std::array<unsigned char, 512> pool;
  thread_local size_t used = pool.size();
  while (size > 0) {
    if (used == pool.size()) {
      if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1)
        throw std::runtime_error("RAND_bytes failed");
      used = 0;
    }
    const size_t taken = std::min(size, pool.size() - used);
    std::copy_n(pool.data() + used, taken, out);
    used += taken;
    out += taken;
    size -= taken;
  }
}

// Base36 of value, left-padded with '0' or cut to its last `width` digits.
std::string Base36(uint64_t value, size_t width) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out(width, '0');
  for (size_t i = width; i > 0; --i) {
    out[i - 1] = kDigits[value % 36];
    value /= 36;
  }
  return out;
}

}  // namespace

std::string NewUuidV4() {
  std::array<unsigned char, 16> bytes{};
  FillRandom(bytes.data(), bytes.size());
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0f]);
  }
  return out;
}

bool LooksLikeUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

std::string NewCuid() {
  static std::atomic<uint32_t> counter{0};
  static const std::string fingerprint = Base36(static_cast<uint64_t>(::getpid()) * 7919u, 4);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  uint64_t random = 0;
  FillRandom(reinterpret_cast<unsigned char*>(&random), sizeof random);
  std::string id = "c";
  id += Base36(static_cast<uint64_t>(millis), 8);
  id += Base36(counter.fetch_add(1, std::memory_order_relaxed), 4);
  id += fingerprint;
  id += Base36(random, 8);
  return id;
}

bool LooksLikeCuid(const std::string& text) {
  return text.size() == 25 && text[0] == 'c' &&
         std::all_of(text.begin() + 1, text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

}  // namespace gofast
