// gofast-ceiling: what the HTTP layer alone carries, for scripts/bench. The
// services' own server (connection loop, limits, request ids, access log),
// started and stopped as they are, answering fixed bodies with nothing
// behind them: no JSON parsing, no rules, no database. Each bench scenario
// is then printed as a share of this ceiling.
#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "shared/client/json_client.h"
#include "shared/config/command_line.h"
#include "shared/http/service_main.h"

namespace gofast::tools {
namespace {

struct CeilingConfig {
  config::CommonConfig common;
  std::vector<std::string> answers;  // "METHOD PATH=FILE"
  std::string next_url;              // the second hop of the chained routes
  int64_t next_timeout_ms = 2000;
};

config::ParseOutcome ParseCeilingConfig(const std::vector<std::string>& args,
                                        CeilingConfig& config) {
  CLI::App app{
      "A bare server on the services' HTTP layer answering fixed bodies: the ceiling "
      "scripts/bench measures both services against",
      "gofast-ceiling"};
  config::CommonOptions common(app, config.common, {"CEILING_", 0, ""});
  app.add_option("--answer", config.answers,
                 "METHOD PATH=FILE: answer 200 with FILE's bytes (JSON) to METHOD PATH, where "
                 "PATH may hold :params; repeat for more routes")
      ->required();
  app.add_option("--next", config.next_url,
                 "Base URL to call first, as the audit calls the company: every route then asks "
                 "GET {next}{its own path, /runs/:id/creator read as /staff/:id} before "
                 "answering");
  app.add_option("--next-timeout-ms", config.next_timeout_ms, "Deadline of a call to --next")
      ->check(config::NumberIn(int64_t{1}, int64_t{600000}))
      ->capture_default_str();
  return config::ParseCommandLine(app, args, [&] { common.Finish(); });
}

// The audit's path asks the company for the staff id in its place.
std::string NextPath(const std::string& path) {
  const std::string runs = "/api/runs/";
  const std::string creator = "/creator";
  if (path.rfind(runs, 0) == 0 && path.size() > runs.size() + creator.size() &&
      path.compare(path.size() - creator.size(), creator.size(), creator) == 0) {
    return "/api/staff/" + path.substr(runs.size(), path.size() - runs.size() - creator.size());
  }
  return path;
}

class Ceiling {
 public:
  static Result<std::unique_ptr<Ceiling>> Create(const CeilingConfig& config) {
    std::unique_ptr<Ceiling> ceiling(new Ceiling());
    if (!config.next_url.empty()) {
      ceiling->next_ = std::make_unique<client::JsonClient>(
          config.next_url, std::chrono::milliseconds(config.next_timeout_ms));
    }
    ceiling->server_ =
        std::make_unique<http::Server>(http::ServerOptionsFor(config.common, nullptr));
    for (const std::string& answer : config.answers) {
      const size_t space = answer.find(' ');
      const size_t equals = answer.find('=', space == std::string::npos ? 0 : space);
      if (space == std::string::npos || equals == std::string::npos) {
        return ValidationError("--answer " + answer + ": not METHOD PATH=FILE");
      }
      std::ifstream file(answer.substr(equals + 1), std::ios::binary);
      std::stringstream body;
      body << file.rdbuf();
      if (!file) return ValidationError("--answer " + answer + ": the file cannot be read");
      ceiling->server_->Route(answer.substr(0, space), answer.substr(space + 1, equals - space - 1),
                              [next = ceiling->next_.get(), text = body.str()](
                                  const http::Request& request, httplib::Response& res) {
                                if (next != nullptr) {
                                  const client::CallResult call = next->Get(
                                      NextPath(request.raw.path),
                                      std::string(http::BearerToken(request)), request.request_id);
                                  if (!call.succeeded())
                                    return http::WriteJsonText(res, 502, R"({"success":false})");
                                }
                                http::WriteJsonText(res, 200, text);
                              });
    }
    return ceiling;
  }

  http::Server& server() { return *server_; }

 private:
  Ceiling() = default;
  std::unique_ptr<client::JsonClient> next_;
  std::unique_ptr<http::Server> server_;  // last: stopped first
};

}  // namespace
}  // namespace gofast::tools

int main(int argc, char** argv) {
  return gofast::http::ServiceMain(argc, argv, "gofast-ceiling", &gofast::tools::ParseCeilingConfig,
                                   &gofast::tools::Ceiling::Create);
}
