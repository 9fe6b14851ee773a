#ifndef GOFAST_COMPANY_SERVICE_HTTP_CONSOLE_H_
#define GOFAST_COMPANY_SERVICE_HTTP_CONSOLE_H_

#include <string>
#include <string_view>

#include "shared/http/server.h"

namespace gofast::company {

// What the admin console's page needs to know about its surroundings.
struct ConsoleSettings {
  std::string app_url;        // the app's origin, http://127.0.0.1:PORT: runs go there
  std::string auth_mode;      // "emulator" or "production": how the page signs in
  std::string project_id;     // the Firebase project both services trust
  std::string emulator_host;  // FIREBASE_AUTH_EMULATOR_HOST (host:port); empty: none
};

// company_service/console/, compiled in (shared/embed_texts.cmake).
std::string_view ConsolePageText();
std::string_view ConsoleScriptText();
std::string_view ConsoleStyleText();
std::string_view ConsoleIconText();

// The Content-Security-Policy of every console file: scripts, styles and
// images from this origin only; calls to this origin, the app and the
// emulator only; no frames, no forms posted elsewhere.
std::string ConsoleSecurityPolicy(const ConsoleSettings& settings);

// GET /, /console.js, /console.css, /favicon.svg and /favicon.ico: the
// "Create run" dialog with its walkthrough, no token needed to load it.
void AddConsole(http::Server& server, const ConsoleSettings& settings);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_HTTP_CONSOLE_H_
