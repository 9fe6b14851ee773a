// gofast token (also gofast-token): makes the keys and Firebase-style ID tokens that demos and
// tests use instead of a real Firebase project.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "shared/config/command_line.h"
#include "shared/devkit/token_minting.h"
#include "shared/tools/commands.h"

namespace gofast::tools {
namespace {

void WriteFile(const std::filesystem::path& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << contents;
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

struct TokenOptions {
  std::string keygen_kid;
  std::string keygen_out;
  auth::MintOptions mint;
  std::string email, name, claims_text, key_path, kid;
  bool email_verified = false;
};

int Keygen(const TokenOptions& options) {
  const std::filesystem::path folder(options.keygen_out);
  std::filesystem::create_directories(folder);
  const auth::GeneratedKeyPair pair = auth::GenerateKeyPair(options.keygen_kid);
  WriteFile(folder / (options.keygen_kid + ".key"), pair.private_key_pem);
  std::filesystem::permissions(
      folder / (options.keygen_kid + ".key"),
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  WriteFile(folder / (options.keygen_kid + ".crt"), pair.certificate_pem);
  WriteFile(folder / "certs.json", pair.certificates_json);
  std::cout << (folder / "certs.json").string() << "\n";
  return 0;
}

int Mint(TokenOptions options, const std::string& name) {
  auth::MintOptions& mint = options.mint;
  if (!options.email.empty()) mint.email = options.email;
  mint.email_verified = options.email_verified;
  if (!options.name.empty()) mint.name = options.name;
  if (!options.claims_text.empty()) {
    mint.extra_claims = nlohmann::json::parse(options.claims_text, nullptr, false);
    if (!mint.extra_claims.is_object()) {
      std::cerr << name << ": --claims must be a JSON object\n";
      return 2;
    }
  }
  std::optional<auth::SigningKey> key;
  if (!options.key_path.empty()) {
    Result<auth::SigningKey> loaded = auth::LoadSigningKey(options.key_path, options.kid);
    if (!loaded) {
      std::cerr << name << ": " << loaded.error().message << "\n";
      return 2;
    }
    key = std::move(loaded).value();
  }
  std::cout << auth::MintToken(mint, key, NowSeconds()) << "\n";
  return 0;
}

}  // namespace

Run DeclareToken(CLI::App& cli) {
  cli.description("Makes signing keys and Firebase-style ID tokens for local demos and tests.");
  cli.require_subcommand(1);
  auto options = std::make_shared<TokenOptions>();

  CLI::App* keygen = cli.add_subcommand(
      "keygen",
      "Write DIR/KID.key, DIR/KID.crt and DIR/certs.json (the file --firebase-certs reads)");
  keygen->add_option("--kid", options->keygen_kid, "Key id")->required();
  keygen->add_option("--out", options->keygen_out, "Output folder (created)")->required();

  CLI::App* mint = cli.add_subcommand(
      "mint", "Print one ID token: RS256 with --key/--kid, else the unsigned emulator form");
  mint->add_option("--project-id", options->mint.project_id, "Firebase project id")->required();
  mint->add_option("--uid", options->mint.uid, "User id (sub)")->required();
  mint->add_option("--email", options->email, "email claim (default: none)");
  mint->add_flag("--email-verified", options->email_verified, "email_verified: true");
  mint->add_option("--name", options->name, "name claim (display name; default: none)");
  mint->add_option("--lifetime", options->mint.lifetime_seconds,
                   "Seconds from iat to exp; negative for an expired token")
      ->check(config::AnyNumber<int64_t>())
      ->capture_default_str();
  mint->add_option("--issued-at-offset", options->mint.issued_at_offset,
                   "Seconds added to now for iat (positive: issued in the future)")
      ->check(config::AnyNumber<int64_t>())
      ->capture_default_str();
  mint->add_option("--claims", options->claims_text,
                   "Extra claims, a JSON object merged at the top level (default: none)");
  CLI::Option* key_option =
      mint->add_option("--key", options->key_path,
                       "PEM private key written by keygen (default: none, an unsigned token)");
  CLI::Option* kid_option =
      mint->add_option("--kid", options->kid, "Key id of --key (default: none)");
  key_option->needs(kid_option);
  kid_option->needs(key_option);

  return [options, keygen, &cli] {
    return keygen->parsed() ? Keygen(*options) : Mint(*options, CommandName(cli));
  };
}

}  // namespace gofast::tools
