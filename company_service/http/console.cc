#include "company_service/http/console.h"

#include <utility>

namespace gofast::company {
namespace {

std::string EscapeHtml(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// The page with its {{name}} placeholders filled, escaped for an attribute.
std::string FillPage(const ConsoleSettings& settings) {
  std::string page(ConsolePageText());
  const std::pair<std::string_view, const std::string*> values[] = {
      {"{{appUrl}}", &settings.app_url},
      {"{{authMode}}", &settings.auth_mode},
      {"{{projectId}}", &settings.project_id},
      {"{{emulatorHost}}", &settings.emulator_host}};
  for (const auto& [placeholder, value] : values) {
    const size_t at = page.find(placeholder);
    if (at != std::string::npos) page.replace(at, placeholder.size(), EscapeHtml(*value));
  }
  return page;
}

}  // namespace

std::string ConsoleSecurityPolicy(const ConsoleSettings& settings) {
  std::string connect = "'self' " + settings.app_url;
  if (!settings.emulator_host.empty()) connect += " http://" + settings.emulator_host;
  return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
         "connect-src " +
         connect + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

void AddConsole(http::Server& server, const ConsoleSettings& settings) {
  struct File {
    const char* path;
    const char* content_type;
    std::string body;
  };
  const std::string policy = ConsoleSecurityPolicy(settings);
  const std::string icon(ConsoleIconText());
  const File files[] = {
      {"/", "text/html; charset=utf-8", FillPage(settings)},
      {"/console.js", "text/javascript; charset=utf-8", std::string(ConsoleScriptText())},
      {"/console.css", "text/css; charset=utf-8", std::string(ConsoleStyleText())},
      {"/favicon.svg", "image/svg+xml", icon},
      // Asked for by browsers whatever the page links.
      {"/favicon.ico", "image/svg+xml", icon},
  };
  for (const File& file : files) {
    server.Route("GET", file.path, [file, policy](const http::Request&, httplib::Response& res) {
      res.status = 200;
      res.set_header("Content-Security-Policy", policy);
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      // Compiled in: a new binary is the only way the files change.
      res.set_header("Cache-Control", "no-cache");
      res.set_content(file.body, file.content_type);
    });
  }
}

}  // namespace gofast::company
