// gofast load (also gofast-load): load and start-up measurements for scripts/bench.
//
// `gofast-load flow ...`: the "Create run" dialog's whole flow under load.
// N simulated admins (one thread each), each with its own keep-alive
// JsonClients to both services and its own RS256 token, run
// CreateRunDialog::Submit (find-or-create staff on the company service, then
// create the run on the app service) in a loop: first for the warm-up, then
// for the measured duration. Only dialogs started inside the measured window
// count. Every loop is bounded by its deadline (and each call by --timeout-ms).
//
// Prints a human summary on standard error and one machine-readable line on
// standard output:
//   dialogs=D dialogs_per_s=X requests_per_s=Y p50_us=P p99_us=Q max_us=M errors=E
// where a dialog is two HTTP requests and the latencies are whole dialogs.
//
// `gofast-load startup --binary B --db-dir D --runs R -- ARGS...`: starts the
// service binary R times (each with a fresh database D/startup-I.db, on port
// 0, with ARGS), and times process start to the first 200 from GET /healthz
// (polled every 0.2 ms). Prints one line:
//   startup_ms median=M min=A max=B runs=R
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "shared/client/json_client.h"
#include "shared/config/command_line.h"
#include "shared/core/ids.h"
#include "shared/devkit/create_run_dialog.h"
#include "shared/devkit/service_process.h"
#include "shared/devkit/token_minting.h"
#include "shared/tools/commands.h"

namespace gofast::tools {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Options {
  std::string company_url;
  std::string app_url;
  std::string project_id;
  std::string key_path;
  std::string kid;
  std::string uid_prefix = "load-admin-";
  int admins = 16;
  double duration_s = 10;
  double warmup_s = 2;
  int timeout_ms = 5000;
  int64_t token_lifetime_s = 86400;
};

struct AdminTally {
  std::vector<uint32_t> latencies_us;  // measured dialogs only
  uint64_t dialogs = 0;                // measured dialogs, ok or not
  uint64_t errors = 0;                 // measured dialogs that failed a step
  uint64_t warmup_dialogs = 0;
  std::string first_error;
};

// A title no other run has, in this load or an earlier one against the same
// app: the app refuses a run repeating one of its club (409 DUPLICATE_RUN).
json RunFields(const std::string& load_id, int admin, uint64_t n) {
  return gofast::client::SampleRunForm("Load run " + load_id + " " + std::to_string(admin) + "-" +
                                       std::to_string(n));
}

void RunAdmin(const Options& options, const gofast::auth::SigningKey& key,
              const std::string& load_id, int admin, Clock::time_point measure_from,
              Clock::time_point measure_until, AdminTally& tally) {
  gofast::auth::MintOptions mint;
  mint.project_id = options.project_id;
  mint.uid = options.uid_prefix + std::to_string(admin);
  mint.email = mint.uid + "@gofast.test";
  mint.email_verified = true;
  mint.name = "Load Admin " + std::to_string(admin);
  mint.lifetime_seconds = options.token_lifetime_s;
  const int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  const std::string token = gofast::auth::MintToken(mint, key, now_s);

  const std::chrono::milliseconds timeout(options.timeout_ms);
  gofast::client::JsonClient company(options.company_url, timeout);
  gofast::client::JsonClient app(options.app_url, timeout);
  gofast::client::CreateRunDialog dialog(company, app);
  tally.latencies_us.reserve(1 << 16);

  for (uint64_t n = 0;; ++n) {
    const Clock::time_point start = Clock::now();
    if (start >= measure_until) break;
    const gofast::client::DialogResult result = dialog.Submit(token, RunFields(load_id, admin, n));
    const Clock::time_point end = Clock::now();
    if (start < measure_from) {
      ++tally.warmup_dialogs;
      continue;
    }
    ++tally.dialogs;
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(end - start).count();
    tally.latencies_us.push_back(static_cast<uint32_t>(std::min<int64_t>(us, UINT32_MAX)));
    if (!result.ok()) {
      ++tally.errors;
      if (tally.first_error.empty()) {
        const auto& call =
            result.failed_step == gofast::client::kStaffStep ? result.staff_call : result.run_call;
        tally.first_error = result.failed_step + ": " + call.Summary();
      }
    }
  }
}

uint32_t Percentile(const std::vector<uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

struct StartupOptions {
  std::string binary;
  std::string db_dir;
  int runs = 5;
  std::vector<std::string> args;
};

int RunStartup(const StartupOptions& options) {
  std::vector<double> times_ms;
  for (int run = 0; run < options.runs; ++run) {
    std::vector<std::string> args = {"--port", "0", "--db",
                                     options.db_dir + "/startup-" + std::to_string(run) + ".db"};
    args.insert(args.end(), options.args.begin(), options.args.end());
    const Clock::time_point start = Clock::now();
    gofast::process::ServiceProcess service(options.binary, args);
    httplib::Client client("127.0.0.1", service.port());
    client.set_connection_timeout(std::chrono::milliseconds(200));
    client.set_read_timeout(std::chrono::milliseconds(1000));
    bool healthy = false;
    while (Clock::now() - start < std::chrono::seconds(10)) {  // bounded
      const httplib::Result answer = client.Get("/healthz");
      if (answer && answer->status == 200) {
        healthy = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    service.Stop();
    if (!healthy) {
      std::fprintf(stderr, "gofast load: %s not healthy within 10 s\n", options.binary.c_str());
      return 1;
    }
    times_ms.push_back(ms);
  }
  std::sort(times_ms.begin(), times_ms.end());
  std::printf("startup_ms median=%.1f min=%.1f max=%.1f runs=%zu\n", times_ms[times_ms.size() / 2],
              times_ms.front(), times_ms.back(), times_ms.size());
  return 0;
}

int RunFlow(const Options& options) {
  const gofast::Result<gofast::auth::SigningKey> key =
      gofast::auth::LoadSigningKey(options.key_path, options.kid);
  if (!key.ok()) {
    std::cerr << "gofast load: " << key.error().message << "\n";
    return 2;
  }

  std::vector<AdminTally> tallies(static_cast<size_t>(options.admins));
  const std::string load_id = gofast::NewCuid();
  const Clock::time_point begin = Clock::now();
  const auto to_duration = [](double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  };
  const Clock::time_point measure_from = begin + to_duration(options.warmup_s);
  const Clock::time_point measure_until = measure_from + to_duration(options.duration_s);
  std::vector<std::thread> threads;
  threads.reserve(tallies.size());
  for (int admin = 0; admin < options.admins; ++admin) {
    threads.emplace_back([&, admin] {
      RunAdmin(options, key.value(), load_id, admin, measure_from, measure_until,
               tallies[static_cast<size_t>(admin)]);
    });
  }
  for (auto& thread : threads) thread.join();
  const double measured_s = std::chrono::duration<double>(Clock::now() - measure_from).count();

  std::vector<uint32_t> latencies;
  uint64_t dialogs = 0, errors = 0, warmup = 0;
  std::string first_error;
  for (const AdminTally& tally : tallies) {
    latencies.insert(latencies.end(), tally.latencies_us.begin(), tally.latencies_us.end());
    dialogs += tally.dialogs;
    errors += tally.errors;
    warmup += tally.warmup_dialogs;
    if (first_error.empty()) first_error = tally.first_error;
  }
  std::sort(latencies.begin(), latencies.end());
  // Throughput over the nominal window: dialogs started in it, the last ones finishing just after.
  const double dialogs_per_s = static_cast<double>(dialogs) / options.duration_s;
  std::fprintf(
      stderr,
      "gofast load: %d admins, %.1f s warm-up (%llu dialogs), %.1f s measured (%.2f s with the "
      "last "
      "dialogs): %llu dialogs, %.0f dialogs/s (%.0f requests/s), p50 %u us, p99 %u us, max %u us, "
      "errors %llu%s%s\n",
      options.admins, options.warmup_s, static_cast<unsigned long long>(warmup), options.duration_s,
      measured_s, static_cast<unsigned long long>(dialogs), dialogs_per_s, 2 * dialogs_per_s,
      Percentile(latencies, 50), Percentile(latencies, 99),
      latencies.empty() ? 0 : latencies.back(), static_cast<unsigned long long>(errors),
      first_error.empty() ? "" : "; first: ", first_error.c_str());
  std::printf(
      "dialogs=%llu dialogs_per_s=%.1f requests_per_s=%.1f p50_us=%u p99_us=%u max_us=%u "
      "errors=%llu\n",
      static_cast<unsigned long long>(dialogs), dialogs_per_s, 2 * dialogs_per_s,
      Percentile(latencies, 50), Percentile(latencies, 99),
      latencies.empty() ? 0 : latencies.back(), static_cast<unsigned long long>(errors));
  return dialogs > 0 && errors == 0 ? 0 : 1;
}

}  // namespace

Run DeclareLoad(CLI::App& cli) {
  cli.description("Load and start-up measurements of the GoFast services, for scripts/bench.");
  cli.require_subcommand(1);

  auto options = std::make_shared<Options>();
  CLI::App* flow = cli.add_subcommand("flow",
                                      "Drives the Create run dialog (find-or-create staff, then "
                                      "create run) with N admins for D seconds.");
  flow->add_option("--company-url", options->company_url, "company service base URL")->required();
  flow->add_option("--app-url", options->app_url, "app service base URL")->required();
  flow->add_option("--project-id", options->project_id, "Firebase project both services trust")
      ->required();
  flow->add_option("--key", options->key_path, "private key from gofast-token keygen")->required();
  flow->add_option("--kid", options->kid, "key id of --key")->required();
  flow->add_option("--admins", options->admins, "simulated admins (threads)")
      ->check(config::NumberIn(1, 1024))
      ->capture_default_str();
  flow->add_option("--duration", options->duration_s, "measured seconds")
      ->check(config::NumberIn(0.1, 3600.0))
      ->capture_default_str();
  flow->add_option("--warmup", options->warmup_s, "warm-up seconds before measuring")
      ->check(config::NumberIn(0.0, 600.0))
      ->capture_default_str();
  flow->add_option("--timeout-ms", options->timeout_ms, "timeout of each call")
      ->check(config::NumberIn(1, 600000))
      ->capture_default_str();
  flow->add_option("--uid-prefix", options->uid_prefix, "admin i signs in as PREFIXi")
      ->capture_default_str();

  auto startup = std::make_shared<StartupOptions>();
  CLI::App* start = cli.add_subcommand(
      "startup",
      "Times process start to a healthy /healthz, R times with fresh databases: the median.");
  start->add_option("--binary", startup->binary, "service binary")->required();
  start->add_option("--db-dir", startup->db_dir, "folder for the fresh databases")->required();
  start->add_option("--runs", startup->runs, "how many starts")
      ->check(config::NumberIn(1, 100))
      ->capture_default_str();
  start->add_option("args", startup->args, "further service options, after --");

  return [flow, options, startup] {
    return flow->parsed() ? RunFlow(*options) : RunStartup(*startup);
  };
}

}  // namespace gofast::tools
