// gofast-token: makes the keys and Firebase-style ID tokens that demos and
// tests use instead of a real Firebase project.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "shared/devkit/token_minting.h"

namespace {

void WriteFile(const std::filesystem::path& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << contents;
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Makes signing keys and Firebase-style ID tokens for local demos and tests."};
  app.require_subcommand(1);

  std::string keygen_kid;
  std::string keygen_out;
  CLI::App* keygen = app.add_subcommand(
      "keygen",
      "Write DIR/KID.key, DIR/KID.crt and DIR/certs.json (the file --firebase-certs reads)");
  keygen->add_option("--kid", keygen_kid, "Key id")->required();
  keygen->add_option("--out", keygen_out, "Output folder (created)")->required();

  gofast::auth::MintOptions mint_options;
  std::string email, name, claims_text, key_path, kid;
  bool email_verified = false;
  CLI::App* mint = app.add_subcommand(
      "mint", "Print one ID token: RS256 with --key/--kid, else the unsigned emulator form");
  mint->add_option("--project-id", mint_options.project_id, "Firebase project id")->required();
  mint->add_option("--uid", mint_options.uid, "User id (sub)")->required();
  mint->add_option("--email", email, "email claim");
  mint->add_flag("--email-verified", email_verified, "email_verified: true");
  mint->add_option("--name", name, "name claim (display name)");
  mint->add_option("--lifetime", mint_options.lifetime_seconds,
                   "Seconds from iat to exp; negative for an expired token")
      ->capture_default_str();
  mint->add_option("--issued-at-offset", mint_options.issued_at_offset,
                   "Seconds added to now for iat (positive: issued in the future)")
      ->capture_default_str();
  mint->add_option("--claims", claims_text, "Extra claims, a JSON object merged at the top level");
  CLI::Option* key_option =
      mint->add_option("--key", key_path, "PEM private key written by keygen");
  CLI::Option* kid_option = mint->add_option("--kid", kid, "Key id of --key");
  key_option->needs(kid_option);
  kid_option->needs(key_option);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "gofast-token: " << e.what() << "\n";
    return 2;
  }

  try {
    if (keygen->parsed()) {
      const std::filesystem::path folder(keygen_out);
      std::filesystem::create_directories(folder);
      const gofast::auth::GeneratedKeyPair pair = gofast::auth::GenerateKeyPair(keygen_kid);
      WriteFile(folder / (keygen_kid + ".key"), pair.private_key_pem);
      std::filesystem::permissions(
          folder / (keygen_kid + ".key"),
          std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
      WriteFile(folder / (keygen_kid + ".crt"), pair.certificate_pem);
      WriteFile(folder / "certs.json", pair.certificates_json);
      std::cout << (folder / "certs.json").string() << "\n";
      return 0;
    }

    if (!email.empty()) mint_options.email = email;
    mint_options.email_verified = email_verified;
    if (!name.empty()) mint_options.name = name;
    if (!claims_text.empty()) {
      mint_options.extra_claims = nlohmann::json::parse(claims_text, nullptr, false);
      if (!mint_options.extra_claims.is_object()) {
        std::cerr << "gofast-token: --claims must be a JSON object\n";
        return 2;
      }
    }
    std::optional<gofast::auth::SigningKey> key;
    if (!key_path.empty()) {
      gofast::Result<gofast::auth::SigningKey> loaded = gofast::auth::LoadSigningKey(key_path, kid);
      if (!loaded) {
        std::cerr << "gofast-token: " << loaded.error().message << "\n";
        return 2;
      }
      key = std::move(loaded).value();
    }
    std::cout << gofast::auth::MintToken(mint_options, key, NowSeconds()) << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "gofast-token: " << e.what() << "\n";
    return 1;
  }
}
