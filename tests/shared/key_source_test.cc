// Where the verifier gets its keys: a certs.json file read at start, or a URL
// fetched lazily and cached for the max-age of its Cache-Control answer. The
// URL is served by an in-process httplib::Server on 127.0.0.1, port 0.
#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#include "shared/auth/firebase_token.h"
#include "shared/devkit/token_minting.h"
#include "tests/shared/token_test_support.h"
#include "tests/support/process.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {
namespace {

using auth::AuthMode;
using auth::VerifiedToken;
using Catch::Matchers::Contains;

std::string ReadText(const std::string& path) {
  std::ifstream file(path);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// Serves a key set at /certs and counts the requests it answers.
class KeyServer {
 public:
  KeyServer() : body_(ReadText(TestKeys::Shared().certs_path())) {
    server_.Get("/certs", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++requests_;
      res.status = status_;
      if (!cache_control_.empty()) res.set_header("Cache-Control", cache_control_);
      res.set_content(body_, "application/json; charset=utf-8");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~KeyServer() { Stop(); }
  KeyServer(const KeyServer&) = delete;
  KeyServer& operator=(const KeyServer&) = delete;

  void Stop() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/certs"; }
  int requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  void set_cache_control(const std::string& value) {
    std::lock_guard<std::mutex> lock(mutex_);
    cache_control_ = value;
  }
  void set_status(int status) {
    std::lock_guard<std::mutex> lock(mutex_);
    status_ = status;
  }
  void set_body(const std::string& body) {
    std::lock_guard<std::mutex> lock(mutex_);
    body_ = body;
  }

 private:
  mutable std::mutex mutex_;
  std::string body_;
  std::string cache_control_;
  int status_ = 200;
  int requests_ = 0;
  int port_ = 0;
  httplib::Server server_;
  std::thread thread_;
};

std::shared_ptr<auth::KeySource> SourceFor(const std::string& where) {
  Result<std::shared_ptr<auth::KeySource>> source = auth::MakeKeySource(where);
  REQUIRE(source.ok());
  return source.value();
}

std::string GoodToken() { return auth::MintToken(AliceOptions(), TestKeys::Shared().key(), kNow); }

std::string UnknownKidToken() {
  auth::SigningKey key = TestKeys::Shared().key();
  key.kid = "no-such-kid";
  return auth::MintToken(AliceOptions(), key, kNow);
}

}  // namespace

// --- from a file ---------------------------------------------------------------------

TEST_CASE("a key file holds the certificates of its key ids", "[unit][keys]") {
  const std::shared_ptr<auth::KeySource> source = SourceFor(TestKeys::Shared().certs_path());
  const Result<std::shared_ptr<const auth::KeySet>> keys = source->Keys();
  REQUIRE(keys.ok());
  CHECK(keys.value()->size() == 1);
  CHECK(keys.value()->count(TestKeys::kKid) == 1);
  CHECK(CodeOf(MakeVerifier(AuthMode::kProduction, 300, source).Verify(GoodToken())) == "OK");
}

TEST_CASE("an unreadable key file is an error", "[unit][keys]") {
  TempDir dir;
  CHECK_FALSE(auth::MakeKeySource(dir.File("missing.json")).ok());
  CHECK_FALSE(auth::MakeKeySource(dir.path().string()).ok());  // a folder is not a key file
  const Result<std::shared_ptr<auth::KeySource>> missing =
      auth::MakeKeySource(dir.File("missing.json"));
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Contains("missing.json"));
}

TEST_CASE("a key file with malformed JSON is an error", "[unit][keys]") {
  TempDir dir;
  for (const char* text :
       {"{not json", "", "[]", "{}", R"({"k": 5})", R"({"k": "not a certificate"})"}) {
    const std::string path = dir.File("certs.json");
    std::ofstream(path) << text;
    INFO("key file: " << text);
    CHECK_FALSE(auth::MakeKeySource(path).ok());
  }
}

TEST_CASE("a key set with several keys verifies tokens of each", "[unit][keys]") {
  const auth::GeneratedKeyPair second = auth::GenerateKeyPair("test-only-second");  // TEST-ONLY
  nlohmann::json set = nlohmann::json::parse(ReadText(TestKeys::Shared().certs_path()));
  set["test-only-second"] = second.certificate_pem;
  const Result<auth::KeySet> keys = auth::ParseCertificateSet(set.dump());
  REQUIRE(keys.ok());
  CHECK(keys.value().size() == 2);

  TempDir dir;
  std::ofstream(dir.File("certs.json")) << set.dump();
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kProduction, 300, SourceFor(dir.File("certs.json")));
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(CodeOf(verifier.Verify(auth::MintToken(AliceOptions(), second.signing_key, kNow))) == "OK");
}

// --- from a URL -------------------------------------------------------------------------

TEST_CASE("a key URL is not fetched before the first verification", "[unit][keys][url]") {
  KeyServer server;
  server.set_cache_control("public, max-age=3600");
  const std::shared_ptr<auth::KeySource> source = SourceFor(server.url());
  const auth::TokenVerifier verifier = MakeVerifier(AuthMode::kProduction, 300, source);
  CHECK(server.requests() == 0);
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(server.requests() == 1);
}

TEST_CASE("a token failing an earlier rule does not fetch the keys", "[unit][keys][url]") {
  KeyServer server;
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kProduction, 300, SourceFor(server.url()));
  auth::MintOptions options = AliceOptions();
  options.project_id = "another-project";
  CHECK(CodeOf(verifier.Verify(auth::MintToken(options, TestKeys::Shared().key(), kNow))) ==
        "INVALID_TOKEN");
  CHECK(server.requests() == 0);
}

TEST_CASE("fetched keys are cached for the max-age of Cache-Control", "[unit][keys][url]") {
  KeyServer server;
  server.set_cache_control("public, max-age=19204, must-revalidate, no-transform");
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kProduction, 300, SourceFor(server.url()));
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(server.requests() == 1);
}

TEST_CASE("fetched keys without max-age are fetched again each time", "[unit][keys][url]") {
  KeyServer server;  // no Cache-Control at all
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kProduction, 300, SourceFor(server.url()));
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(server.requests() == 2);
}

TEST_CASE("max-age=0 or no-store does not cache the keys", "[unit][keys][url]") {
  for (const char* header : {"max-age=0", "no-store", "no-cache"}) {
    KeyServer server;
    server.set_cache_control(header);
    const auth::TokenVerifier verifier =
        MakeVerifier(AuthMode::kProduction, 300, SourceFor(server.url()));
    CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
    CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
    INFO("Cache-Control: " << header);
    CHECK(server.requests() == 2);
  }
}

TEST_CASE("cached keys are fetched again once max-age has passed", "[unit][keys][url]") {
  KeyServer server;
  server.set_cache_control("max-age=1");
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kProduction, 300, SourceFor(server.url()));
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(server.requests() == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(server.requests() == 2);
}

TEST_CASE("an unknown kid does not refetch cached keys", "[unit][keys][url]") {
  KeyServer server;
  server.set_cache_control("max-age=3600");
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kProduction, 300, SourceFor(server.url()));
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  REQUIRE(server.requests() == 1);
  const Result<VerifiedToken> unknown = verifier.Verify(UnknownKidToken());
  CHECK(CodeOf(unknown) == "INVALID_TOKEN");
  CHECK_THAT(unknown.ok() ? "" : unknown.error().message, Contains("unknown key id"));
  CHECK(CodeOf(verifier.Verify(UnknownKidToken())) == "INVALID_TOKEN");
  CHECK(server.requests() == 1);
}

TEST_CASE("an unknown kid costs exactly one fetch when keys are not cached", "[unit][keys][url]") {
  KeyServer server;  // no max-age: the cache rule allows a fetch per verification
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kProduction, 300, SourceFor(server.url()));
  CHECK(CodeOf(verifier.Verify(UnknownKidToken())) == "INVALID_TOKEN");
  CHECK(server.requests() == 1);
}

TEST_CASE("a key server that is down answers AUTH_KEYS_UNAVAILABLE", "[unit][keys][url]") {
  KeyServer server;
  const std::string url = server.url();
  server.Stop();  // nothing listens on its port any more
  const auth::TokenVerifier verifier = MakeVerifier(AuthMode::kProduction, 300, SourceFor(url));
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "AUTH_KEYS_UNAVAILABLE");
}

TEST_CASE("a key server answering 500 gives AUTH_KEYS_UNAVAILABLE, and recovery works",
          "[unit][keys][url]") {
  KeyServer server;
  server.set_status(500);
  server.set_cache_control("max-age=3600");
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kProduction, 300, SourceFor(server.url()));
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "AUTH_KEYS_UNAVAILABLE");
  CHECK(server.requests() == 1);
  server.set_status(200);  // a failure is not cached: the next verification fetches again
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "OK");
  CHECK(server.requests() == 2);
}

TEST_CASE("a key server answering a malformed key set gives AUTH_KEYS_UNAVAILABLE",
          "[unit][keys][url]") {
  KeyServer server;
  server.set_body("<html>not keys</html>");
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kProduction, 300, SourceFor(server.url()));
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "AUTH_KEYS_UNAVAILABLE");
}

TEST_CASE("emulator mode never fetches the key URL", "[unit][keys][url][emulator]") {
  KeyServer server;
  const auth::TokenVerifier verifier =
      MakeVerifier(AuthMode::kEmulator, 300, SourceFor(server.url()));
  CHECK(CodeOf(verifier.Verify(auth::MintToken(AliceOptions(), std::nullopt, kNow))) == "OK");
  CHECK(server.requests() == 0);
}

}  // namespace gofast::testing

// --- remembered verifications ----------------------------------------------------------

namespace gofast::testing {
namespace {

// A verifier that remembers `capacity` verified tokens, with a clock the test moves.
auth::TokenVerifier RememberingVerifier(const std::string& url, size_t capacity,
                                        const int64_t* now) {
  return auth::TokenVerifier(
      auth::VerifierOptions{kProjectId, AuthMode::kProduction, 300, capacity}, SourceFor(url),
      [now] { return *now; });
}

}  // namespace

TEST_CASE("a remembered token is answered again without checking its signature",
          "[unit][keys][url]") {
  KeyServer server;  // no max-age: every full verification fetches the keys
  int64_t now = kNow;
  const auth::TokenVerifier verifier = RememberingVerifier(server.url(), 10, &now);
  const Result<VerifiedToken> first = verifier.Verify(GoodToken());
  const Result<VerifiedToken> again = verifier.Verify(GoodToken());
  REQUIRE(again.ok());
  CHECK(again.value().uid == first.value().uid);
  CHECK(again.value().email == first.value().email);
  CHECK(server.requests() == 1);
}

TEST_CASE("a remembered token still expires", "[unit][keys][url]") {
  KeyServer server;
  int64_t now = kNow;
  const auth::TokenVerifier verifier = RememberingVerifier(server.url(), 10, &now);
  REQUIRE(verifier.Verify(GoodToken()).ok());
  now = kNow + 3600 + 301;  // past exp and the skew
  CHECK(CodeOf(verifier.Verify(GoodToken())) == "TOKEN_EXPIRED");
}

TEST_CASE("a refused token is never remembered", "[unit][keys][url]") {
  KeyServer server;
  int64_t now = kNow;
  const auth::TokenVerifier verifier = RememberingVerifier(server.url(), 10, &now);
  CHECK(CodeOf(verifier.Verify(UnknownKidToken())) == "INVALID_TOKEN");
  CHECK(CodeOf(verifier.Verify(UnknownKidToken())) == "INVALID_TOKEN");
  CHECK(server.requests() == 2);
}

TEST_CASE("the remembered tokens are bounded by the capacity", "[unit][keys][url]") {
  KeyServer server;
  int64_t now = kNow;
  const auth::TokenVerifier verifier = RememberingVerifier(server.url(), 1, &now);
  auth::MintOptions bob = AliceOptions();
  bob.uid = "bob-uid";
  const std::string bob_token = auth::MintToken(bob, TestKeys::Shared().key(), kNow);
  REQUIRE(verifier.Verify(GoodToken()).ok());
  REQUIRE(verifier.Verify(bob_token).ok());  // forgets Alice's to make room
  REQUIRE(verifier.Verify(GoodToken()).ok());
  CHECK(server.requests() == 3);
}

}  // namespace gofast::testing
