// gofast demo (also gofast-demo): the cross-database flow end to end, told step by step.
// Starts both services on free ports with fresh databases (SQLite files, or on
// a PostgreSQL server), signs an admin in, plays the company admin's "Create
// run" dialog, and asks who created the run. The services listen on 127.0.0.1.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "shared/core/database_url.h"
#include "shared/devkit/create_run_dialog.h"
#include "shared/devkit/service_process.h"
#include "shared/devkit/token_minting.h"
#include "shared/tools/commands.h"
#include "shared/tools/databases.h"

namespace gofast::tools {
namespace {

namespace fs = std::filesystem;
using gofast::client::CallResult;
using nlohmann::json;

using auth::kDemoProjectId;

// Not up's: the demo replaces its databases on each run.
constexpr ServerDatabases kServerDatabases = {"gofast_demo_company", "gofast_demo_app", true};

// A step that did not go as the flow needs: the demo stops and names it.
struct StepFailed {
  std::string step;
  std::string detail;
};

void Heading(int number, const std::string& title) {
  std::cout << "\n" << number << ". " << title << "\n";
}

void Line(const std::string& text) { std::cout << "   " << text << "\n"; }

std::string Text(const json& value) {
  if (value.is_null()) return "null";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

void Expect(bool condition, const std::string& step, const std::string& detail) {
  if (!condition) throw StepFailed{step, detail};
}

// Prints what came back, and fails the step unless it is `expected_status`.
void Answered(const CallResult& result, int expected_status, const std::string& step) {
  Line("<- " + result.Summary());
  Expect(result.status == expected_status, step,
         "expected HTTP " + std::to_string(expected_status) + ", got " + result.Summary());
}

std::unique_ptr<gofast::process::ServiceProcess> StartService(
    const std::string& step, const std::string& binary, const std::vector<std::string>& args,
    const gofast::process::Environment& env, const std::string& log_path) {
  try {
    return std::make_unique<gofast::process::ServiceProcess>(binary, args, env, log_path);
  } catch (const std::exception& e) {
    throw StepFailed{step, e.what()};
  }
}

// A service's database as the demo reads it back itself, beside the service:
// a SQLite file or a PostgreSQL database. The queries quote camelCase columns,
// which PostgreSQL keeps as written only when quoted, and take the key as $1,
// which SQLite reads as its first parameter too.
class ReadBack {
 public:
  explicit ReadBack(std::string location)
      : location_(std::move(location)), postgres_(IsPostgresUrl(location_)) {}

  // "app.db", or the PostgreSQL database's name.
  std::string name() const {
    return postgres_ ? DatabaseName(location_) : fs::path(location_).filename().string();
  }
  const char* source() const { return postgres_ ? "PostgreSQL" : "the SQLite file"; }
  // The SQL of the type `column`'s value is stored as.
  std::string TypeOf(const std::string& column) const {
    return postgres_ ? "pg_typeof(" + column + ")::text" : "typeof(" + column + ")";
  }

  // The row of `sql` for `key`, shown as "column=value" pairs.
  void ShowRow(const std::string& sql, const std::string& key) const {
    const std::vector<Row> rows = Query(sql, key);
    Expect(!rows.empty(), "read back", "no row in " + name() + " for " + key);
    std::string shown;
    for (const auto& [column, value] : rows.front()) {
      shown += (shown.empty() ? "" : "  ") + column + "=" + value;
    }
    Line("   " + shown);
  }

  std::vector<std::string> Tables() const {
    std::vector<std::string> names;
    const char* sql = postgres_
                          ? "SELECT table_name FROM information_schema.tables WHERE "
                            "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                            "ORDER BY table_name"
                          : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
    for (const Row& row : Query(sql, std::nullopt)) names.push_back(row.front().second);
    return names;
  }

  // "column -> table" for each foreign key of `table`, or "none".
  std::string ForeignKeys(const std::string& table) const {
    const char* sql = postgres_
                          ? "SELECT a.attname, k.confrelid::regclass::text FROM pg_constraint k "
                            "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = "
                            "ANY (k.conkey) WHERE k.contype = 'f' AND k.conrelid = "
                            "$1::regclass ORDER BY a.attname"
                          : "SELECT \"from\", \"table\" FROM pragma_foreign_key_list($1)";
    std::string keys;
    for (const Row& row : Query(sql, table)) {
      keys += (keys.empty() ? "" : ", ") + row[0].second + " -> " + row[1].second;
    }
    return keys.empty() ? "none" : keys;
  }

 private:
  using Row = std::vector<std::pair<std::string, std::string>>;  // column, value or "NULL"

  std::vector<Row> Query(const std::string& sql, const std::optional<std::string>& key) const {
    std::vector<Row> rows;
    if (postgres_) {
      pqxx::connection connection(location_);
      pqxx::nontransaction read(connection);
      for (const pqxx::row& row : key ? read.exec_params(sql, *key) : read.exec(sql)) {
        Row& shown = rows.emplace_back();
        for (const pqxx::field& field : row) {
          shown.emplace_back(field.name(), field.is_null() ? "NULL" : field.c_str());
        }
      }
      return rows;
    }
    SQLite::Database db(location_, SQLite::OPEN_READONLY);
    SQLite::Statement query(db, sql);
    if (key) query.bind(1, *key);
    while (query.executeStep()) {
      Row& shown = rows.emplace_back();
      for (int column = 0; column < query.getColumnCount(); ++column) {
        shown.emplace_back(query.getColumnName(column), query.getColumn(column).isNull()
                                                            ? "NULL"
                                                            : query.getColumn(column).getString());
      }
    }
    return rows;
  }

  std::string location_;
  bool postgres_;
};

struct RunningProcess {
  pid_t pid;
  std::string name;  // /proc/<pid>/comm
};

// The processes that have one of `files` open, in pid order. Found by their
// open files (/proc/<pid>/fd, compared by device and inode) rather than by a
// pid file that --keep-running would write: this also finds a pair kept by an
// older demo or started by hand on these files, whatever path spelling they
// were given, and a pid reused by another program cannot hold these files.
// Other users' processes cannot be looked into and are not seen.
std::vector<RunningProcess> ProcessesHolding(const std::vector<fs::path>& files) {
  std::vector<std::pair<dev_t, ino_t>> wanted;
  for (const fs::path& file : files) {
    struct stat info {};
    if (stat(file.c_str(), &info) == 0) wanted.emplace_back(info.st_dev, info.st_ino);
  }
  std::vector<RunningProcess> holders;
  if (wanted.empty()) return holders;
  // increment(error), not ++: a process may end while its folder is read.
  std::error_code proc_error;
  for (fs::directory_iterator process("/proc", proc_error), end; !proc_error && process != end;
       process.increment(proc_error)) {
    const std::string pid_text = process->path().filename().string();
    if (pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    std::error_code fd_error;
    for (fs::directory_iterator fd(process->path() / "fd", fd_error); !fd_error && fd != end;
         fd.increment(fd_error)) {
      struct stat info {};
      if (stat(fd->path().c_str(), &info) != 0 ||
          std::find(wanted.begin(), wanted.end(), std::make_pair(info.st_dev, info.st_ino)) ==
              wanted.end()) {
        continue;
      }
      std::string name;
      std::getline(std::ifstream(process->path() / "comm"), name);
      holders.push_back({static_cast<pid_t>(std::atoi(pid_text.c_str())), name});
      break;
    }
  }
  std::sort(holders.begin(), holders.end(),
            [](const RunningProcess& a, const RunningProcess& b) { return a.pid < b.pid; });
  return holders;
}

// What step 1 says of the databases.
// The machine lane's shared key in the demo: the app's replica reads the
// company's change feed with it (Option 2 only).
constexpr char kDemoInternalKey[] = "demo-internal-api-key";

using ServicePtr = std::unique_ptr<gofast::process::ServiceProcess>;

// What the Option 2 part of the demo works with: the first part's services
// and databases, and how to start each service again.
struct DemoStage {
  const fs::path& data_dir;
  const ReadBack& app_db;
  const std::string& token;
  ServicePtr& company;
  ServicePtr& app;
  // Starts the service again on its port, with these options added, logging to `log_name`.
  std::function<ServicePtr(const std::vector<std::string>&, const std::string&)> start_company;
  std::function<ServicePtr(const std::vector<std::string>&, const std::string&)> start_app;
};

size_t Occurrences(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

CallResult CreateRunNaming(gofast::client::JsonClient& app_client, const std::string& token,
                           const std::string& staff_id, const std::string& title) {
  json body = gofast::client::SampleRunForm(title);
  body["staffGeneratedId"] = staff_id;
  return app_client.Post(gofast::client::kCreateRunPath, token, body);
}

// Option 2 beside Option 1 on the same data: the company down, a staff id
// nobody has, the app switched to replica mode, and the answers it gives
// without the company. Steps from `step` on; answers the next step's number.
int ShowOption2(DemoStage& stage, const std::string& staff_id, const std::string& run_id,
                int step) {
  const std::string ghost = "00000000-dead-4000-8000-000000000000";
  const std::string audit_path = "/api/runs/" + run_id + "/creator";
  {
    gofast::client::JsonClient app_client(stage.app->base_url(), std::chrono::seconds(5));
    Heading(step++, "Option 1 accepts any staff id, and cannot audit while the company is down");
    Line("-> POST " + stage.app->base_url() + gofast::client::kCreateRunPath +
         "  staffGeneratedId \"" + ghost + "\" (nobody at the company)");
    const CallResult ghost_run = CreateRunNaming(app_client, stage.token, ghost, "Ghost run");
    Answered(ghost_run, 200, "option 1: a dangling staff id");
    Line("   stored: Option 1 keeps the id as opaque text, never checked");
    Expect(stage.company->Stop() == 0, "stop company_service", "it did not stop cleanly");
    Line("company_service stopped");
    Line("-> GET " + stage.app->base_url() + audit_path);
    const CallResult audit = app_client.Get(audit_path, stage.token, "demo-audit-company-down");
    Answered(audit, 200, "option 1: audit with the company down");
    Expect(audit.body["resolution"] == "company_unavailable",
           "option 1: audit with the company down", "resolution " + Text(audit.body["resolution"]));
    Line("   resolution: company_unavailable: Option 1 must ask the company who that is");
  }

  Heading(step++, "Option 2: the same " + stage.app_db.name() +
                      " started in replica mode (--staff-mode replica)");
  stage.company = stage.start_company({"--internal-api-key", kDemoInternalKey},
                                      "company_service-restarted.log");
  Line("company_service back on " + stage.company->base_url() +
       ", publishing GET /api/staff/changes to holders of the internal key");
  Expect(stage.app->Stop() == 0, "stop app_service", "it did not stop cleanly");
  stage.app = stage.start_app({"--staff-mode", "replica", "--internal-api-key", kDemoInternalKey},
                              "app_service-replica.log");
  Line("app_service restarted in replica mode on " + stage.app->base_url() +
       "; it syncs the company's change feed every second");
  gofast::client::JsonClient app_client(stage.app->base_url(), std::chrono::seconds(5));
  CallResult status;
  for (int polls = 0;; ++polls) {
    status = app_client.Get("/api/staff-replica", stage.token, "demo-replica-status");
    if (status.status == 200 && !status.body["lastSyncAt"].is_null()) break;
    Expect(polls < 100, "first sync", "the replica did not sync: " + status.Summary());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Line("first sync done: " + Text(status.body["appliedChanges"]) + " change(s) applied, cursor " +
       Text(status.body["cursor"]));
  std::string table_list;
  for (const std::string& table : stage.app_db.Tables()) {
    table_list += (table_list.empty() ? "" : ", ") + table;
  }
  Line(stage.app_db.name() + " tables now: " + table_list);
  Line("   city_runs foreign keys: " + stage.app_db.ForeignKeys("city_runs"));
  Line(stage.app_db.name() + " > staff (the replica's row of the admin):");
  stage.app_db.ShowRow("SELECT id, email, role, removed, \"syncedAt\" FROM staff WHERE id = $1",
                       staff_id);
  Line("-> GET " + stage.app->base_url() + "/api/staff-replica/dangling-runs");
  const CallResult dangling =
      app_client.Get("/api/staff-replica/dangling-runs", stage.token, "demo-dangling-runs");
  Answered(dangling, 200, "dangling runs");
  Expect(dangling.body["runCount"] == 1, "dangling runs",
         "expected the ghost's run: " + dangling.body.dump());
  Line("   runs stored under Option 1 whose staff the company does not know: " +
       Text(dangling.body["runCount"]) + " (" +
       Text(dangling.body["staffIds"][0]["staffGeneratedId"]) +
       "), kept as they are; the app's log lists them too");

  Heading(step++, "A run answered with its creator's name, without a call to the company");
  const size_t lookups_before = Occurrences(stage.company->Log(), "/api/staff/" + staff_id);
  Line("-> GET " + stage.app->base_url() + "/api/runs/" + run_id);
  const CallResult read = app_client.Get("/api/runs/" + run_id, stage.token, "demo-read-run");
  Answered(read, 200, "option 2: read the run");
  const json& created_by = read.body["run"]["createdBy"];
  Expect(created_by.is_object(), "option 2: read the run", "no createdBy in " + read.body.dump());
  Line("   createdBy: " + Text(created_by["name"]) + " <" + Text(created_by["email"]) + ">, " +
       Text(created_by["role"]));
  Expect(Occurrences(stage.company->Log(), "/api/staff/" + staff_id) == lookups_before,
         "option 2: read the run", "the company was asked about the staff id");
  Line("   company_service's log has no request for /api/staff/" + staff_id + ": not asked");
  Line("-> POST " + stage.app->base_url() + gofast::client::kCreateRunPath +
       "  staffGeneratedId \"" + ghost + "\" again");
  const CallResult refused = CreateRunNaming(app_client, stage.token, ghost, "Ghost again");
  Answered(refused, 422, "option 2: a dangling staff id");
  Line("   refused (" + Text(refused.body["code"]) +
       "): the foreign key to staff holds for every new run");

  Heading(step++, "The company stops again: Option 2's audit still answers");
  Expect(stage.company->Stop() == 0, "stop company_service", "it did not stop cleanly");
  Line("company_service stopped");
  Line("-> GET " + stage.app->base_url() + audit_path);
  const CallResult audit = app_client.Get(audit_path, stage.token, "demo-audit-replica");
  Answered(audit, 200, "option 2: audit with the company down");
  Expect(audit.body["resolution"] == "found" && audit.body["source"] == "replica",
         "option 2: audit with the company down", audit.body.dump());
  Line("   resolution: found, source: replica, syncedAt " + Text(audit.body["syncedAt"]) + ": " +
       Text(audit.body["staff"]["name"]));
  stage.company =
      stage.start_company({"--internal-api-key", kDemoInternalKey}, "company_service-back.log");
  Line("company_service back on " + stage.company->base_url() +
       "; the sync resumes from its cursor");
  return step;
}

std::string DatabasesKind(const DatabaseOptions& options) {
  if (!options.postgres.empty()) return "fresh PostgreSQL database";
  if (!options.company_db.empty()) return "database, as given";
  return "fresh SQLite database";
}

int RunDemo(const std::string& name, const fs::path& data_dir, const fs::path& bin_dir,
            bool keep_running, const DatabaseOptions& database_options, int option) {
  // Replacing the folder under running services (a --keep-running pair) would
  // lose every run they acknowledged since.
  const std::vector<RunningProcess> running =
      ProcessesHolding({data_dir / "company.db", data_dir / "app.db"});
  if (!running.empty()) {
    std::string named;
    std::string pids;
    for (const RunningProcess& process : running) {
      named += (named.empty() ? "pid " : ", pid ") + std::to_string(process.pid) + " (" +
               process.name + ")";
      pids += " " + std::to_string(process.pid);
    }
    std::cerr << name << ": " << data_dir.string()
              << " was left unchanged: its databases are in use by " << named
              << "; stop them with: kill" << pids << "\n";
    return 1;
  }
  const Result<Databases> databases =
      PrepareDatabases(database_options, kServerDatabases, data_dir);
  if (!databases) {
    std::cerr << name << ": " << databases.error().message << "\n";
    return 2;
  }
  const ReadBack company_db(databases->company);
  const ReadBack app_db(databases->app);
  std::error_code ignored;
  fs::remove_all(data_dir, ignored);
  fs::create_directories(data_dir);

  std::cout << "GoFast: one Firebase project, two services, two databases\n";
  Heading(
      1, "Start both services on free ports, each with its own " + DatabasesKind(database_options));
  // The company's admin console calls the app: the app's port is chosen first.
  const int app_port = gofast::process::FreeLoopbackPort();
  const auto start_company = [&](int port, const std::vector<std::string>& more,
                                 const std::string& log_name) {
    std::vector<std::string> args = {
        "--port",       std::to_string(port), "--project-id",
        kDemoProjectId, "--auth-mode",        "emulator",
        "--console",    "--console-app-url",  gofast::process::LoopbackUrl(app_port)};
    args.insert(args.end(), more.begin(), more.end());
    return StartService("start company_service", (bin_dir / "company_service").string(), args,
                        DatabaseEnvironment("COMPANY_DB", databases->company),
                        (data_dir / log_name).string());
  };
  std::unique_ptr<gofast::process::ServiceProcess> company =
      start_company(0, {}, "company_service.log");
  Line("company_service (GoFastCompany)  " + company->base_url() + "  database " +
       RedactPassword(databases->company));
  const std::string company_url = company->base_url();
  const auto start_app = [&](const std::vector<std::string>& more, const std::string& log_name) {
    std::vector<std::string> args = {
        "--port",   std::to_string(app_port), "--project-id", kDemoProjectId,  "--auth-mode",
        "emulator", "--company-url",          company_url,    "--cors-origin", company_url};
    args.insert(args.end(), more.begin(), more.end());
    return StartService("start app_service", (bin_dir / "app_service").string(), args,
                        DatabaseEnvironment("APP_DB", databases->app),
                        (data_dir / log_name).string());
  };
  std::unique_ptr<gofast::process::ServiceProcess> app = start_app({}, "app_service.log");
  Line("app_service     (gofastapp-mvp)  " + app->base_url() + "  database " +
       RedactPassword(databases->app));
  Line("logs: " + (data_dir / "company_service.log").string() + ", " +
       (data_dir / "app_service.log").string());

  Heading(2, "The admin signs in with Firebase (project " + std::string(kDemoProjectId) + ")");
  const auth::MintOptions admin = auth::DemoAdmin(kDemoProjectId);
  const std::string token = auth::MintToken(admin, std::nullopt, NowSeconds());
  Line(*admin.name + " <" + *admin.email + ">, uid " + admin.uid);
  Line("ID token (emulator form, valid 1 hour): " + token.substr(0, 32) + "...");
  Line("the same token is valid in both services: they trust one Firebase project");

  gofast::client::JsonClient company_client(company->base_url(), std::chrono::seconds(5));
  gofast::client::JsonClient app_client(app->base_url(), std::chrono::seconds(5));
  gofast::client::CreateRunDialog dialog(company_client, app_client);
  const json run_fields = gofast::client::SampleRunForm("Saturday Easy 10K");

  Heading(3, "The \"Create run\" dialog, step 1: find or create the admin's staff row");
  Line("-> POST " + company->base_url() + gofast::client::kFindOrCreateStaffPath + "  body {}");
  const gofast::client::DialogResult result = dialog.Submit(token, run_fields, "demo-create-run");
  Answered(result.staff_call, 201, gofast::client::kStaffStep);
  Expect(result.failed_step != gofast::client::kStaffStep, gofast::client::kStaffStep,
         "the answer has no staff.id");
  const json& staff = result.staff_call.body["staff"];
  Line("   staff.id = " + result.staff_id + "  (a UUID from the company database)");
  Line("   " + Text(staff["name"]) + " <" + Text(staff["email"]) + ">, role " +
       Text(staff["role"]));
  Line(company_db.name() + " > company_staff (read from " + company_db.source() + "):");
  company_db.ShowRow(
      "SELECT id, \"firebaseId\", email, role, \"companyId\" FROM company_staff WHERE id = $1",
      result.staff_id);

  Heading(4, "Step 2: create the run on the app service, carrying staffGeneratedId");
  Line("-> POST " + app->base_url() + gofast::client::kCreateRunPath);
  Line("   body {staffGeneratedId: \"" + result.staff_id + "\", title: \"" +
       Text(run_fields["title"]) +
       "\", meetUpCity: \"Arlington\", startDate: \"2026-12-05\", runClub: {slug: "
       "\"arlington-runners\", ...}, ...}");
  Answered(result.run_call, 200, gofast::client::kRunStep);
  const std::string run_id = Text(result.run["id"]);
  Line("   run.id = " + run_id + "  citySlug " + Text(result.run["citySlug"]) + ", startDate " +
       Text(result.run["startDate"]));
  Line(app_db.name() + " > city_runs (read from " + app_db.source() + "):");
  app_db.ShowRow("SELECT id, \"staffGeneratedId\", " + app_db.TypeOf("\"staffGeneratedId\"") +
                     " AS \"storedAs\", \"createdByFirebaseId\", \"runClubSlug\" FROM city_runs "
                     "WHERE id = $1",
                 run_id);
  Line(app_db.name() + " > run_clubs (the dialog's run club, saved beside the run):");
  app_db.ShowRow("SELECT slug, name, city FROM run_clubs WHERE slug = $1", "arlington-runners");
  const std::vector<std::string> tables = app_db.Tables();
  std::string table_list;
  for (const std::string& table : tables) table_list += (table_list.empty() ? "" : ", ") + table;
  Line(app_db.name() + " tables: " + table_list);
  Expect(std::none_of(
             tables.begin(), tables.end(),
             [](const std::string& table) { return table.find("staff") != std::string::npos; }),
         "read back", app_db.name() + " has a staff table");
  Line("   no staff table: staffGeneratedId is the company's UUID kept as plain text");
  Line("   city_runs foreign keys: " + app_db.ForeignKeys("city_runs") +
       "  (none on staffGeneratedId)");

  Heading(5, "List the runs created by this staff member (served by the staffGeneratedId index)");
  const std::string list_path = "/api/runs?staffGeneratedId=" + result.staff_id;
  Line("-> GET " + app->base_url() + list_path);
  const CallResult listed = app_client.Get(list_path, token, "demo-list-runs");
  Answered(listed, 200, "list runs by staff");
  Expect(listed.body["runs"].size() == 1 && listed.body["runs"][0]["id"] == run_id,
         "list runs by staff", "expected exactly the new run");
  Line("   1 run: " + run_id + " \"" + Text(listed.body["runs"][0]["title"]) + "\"");

  Heading(6, "Audit: who created this run? The app asks the company service");
  const std::string audit_path = "/api/runs/" + run_id + "/creator";
  Line("-> GET " + app->base_url() + audit_path);
  Line("   (the app reads the run's staffGeneratedId and calls GET " + company->base_url() +
       "/api/staff/" + result.staff_id + " with the caller's token)");
  const CallResult audit = app_client.Get(audit_path, token, "demo-audit");
  Answered(audit, 200, "audit");
  const json& creator = audit.body["staff"];
  Expect(audit.body["resolution"] == "found", "audit",
         "resolution " + Text(audit.body["resolution"]));
  Line("   resolution: found (company answered " + Text(audit.body["companyStatus"]) + ")");
  Line("   created by " + Text(creator["name"]) + " <" + Text(creator["email"]) + ">, " +
       Text(creator["role"]) + ", staff " + Text(creator["id"]));

  int step = 7;
  if (option == 2) {
    const int company_port = company->port();
    DemoStage stage{data_dir,
                    app_db,
                    token,
                    company,
                    app,
                    [&](const std::vector<std::string>& more, const std::string& log_name) {
                      return start_company(company_port, more, log_name);
                    },
                    start_app};
    step = ShowOption2(stage, result.staff_id, run_id, step);
  }

  if (keep_running) {
    company->Detach();
    app->Detach();
    std::cout << "\nBoth services keep running:\n"
              << "   company_service " << company->base_url() << " (pid " << company->pid() << ")\n"
              << "   app_service     " << app->base_url() << " (pid " << app->pid() << ")\n"
              << "Open the admin console, the same flow in a browser:\n"
              << "   " << company->base_url() << "/\n"
              << "Call them with the demo admin's token:\n"
              << "   TOKEN=" << token << "\n"
              << "   curl -s " << app->base_url()
              << "/api/runs -H \"Authorization: Bearer $TOKEN\"\n"
              << "   curl -s " << company->base_url() << "/api/staff/" << result.staff_id
              << " -H \"Authorization: Bearer $TOKEN\"\n"
              << "Stop them with: kill " << company->pid() << " " << app->pid() << "\n";
    return 0;
  }
  Heading(step, "Stop both services");
  Expect(app->Stop() == 0, "stop", "app_service did not stop cleanly");
  Expect(company->Stop() == 0, "stop", "company_service did not stop cleanly");
  const bool files_in_folder =
      database_options.postgres.empty() && database_options.company_db.empty();
  Line("both stopped cleanly; " + std::string(files_in_folder ? "databases and logs" : "logs") +
       " stay in " + data_dir.string() + "/");
  if (option == 2) {
    std::cout << "\nDemo complete: Option 1 keeps the company's staff UUID as opaque text and\n"
                 "asks the company; Option 2 keeps a synced staff table with a foreign key and\n"
                 "answers alone, while refusing ids the company does not know.\n";
    return 0;
  }
  std::cout << "\nDemo complete: the run in " << app_db.name()
            << " names its creator only by the company's staff UUID,\n"
               "and the company service answered who that is.\n";
  return 0;
}

}  // namespace

Run DeclareDemo(CLI::App& cli) {
  cli.description("Plays the GoFast cross-database flow end to end on 127.0.0.1.");
  struct DemoOptions {
    std::string data_dir = "demo-data";
    std::string bin_dir;
    bool keep_running = false;
    DatabaseOptions databases;
    int option = 1;
  };
  auto options = std::make_shared<DemoOptions>();
  cli.add_option("--data", options->data_dir,
                 "Folder for the logs and the SQLite databases (replaced on each run, unless a "
                 "running service has its databases open)")
      ->capture_default_str();
  DeclareDatabaseOptions(cli, options->databases, kServerDatabases);
  cli.add_option("--bin-dir", options->bin_dir,
                 "Folder with company_service and app_service (default: beside this tool)");
  cli.add_flag("--keep-running", options->keep_running,
               "Leave both services running and print how to call them");
  cli.add_option("--option", options->option,
                 "1: the flow as built (staffGeneratedId opaque, the audit asks the company); 2: "
                 "then the same data under Option 2 (the app's staff replica), with the company "
                 "stopped and a staff id nobody has, side by side")
      ->check(CLI::IsMember({1, 2}))
      ->capture_default_str();
  return [options, &cli] {
    try {
      return RunDemo(CommandName(cli), fs::absolute(options->data_dir),
                     options->bin_dir.empty() ? ToolDirectory() : fs::path(options->bin_dir),
                     options->keep_running, options->databases, options->option);
    } catch (const StepFailed& failure) {
      std::cout << std::flush;
      std::cerr << "\ndemo FAILED at step \"" << failure.step << "\": " << failure.detail << "\n"
                << "see the service logs in " << options->data_dir << "/\n";
      return 1;
    } catch (const std::exception& e) {
      std::cout << std::flush;
      std::cerr << "\ndemo FAILED: " << e.what() << "\n";
      return 1;
    }
  };
}

}  // namespace gofast::tools
