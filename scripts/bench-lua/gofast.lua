-- wrk script for scripts/bench. Configured by the environment (wrk passes no
-- arguments to request()), read once per wrk thread:
--   BENCH_MODE   create | find-or-create | list | get
--   BENCH_TOKEN  the Firebase ID token sent as "Authorization: Bearer ..."
--   BENCH_BODY   the JSON body (create, find-or-create); create gives each run a title
--                of its own (the app refuses a run repeating one of its club: 409)
--   BENCH_PATH   create: the path to POST to (default /api/runs/create; json-server's is /city_runs);
--                get: the path to GET
--   BENCH_STAFF_IDS   list: how many staff ids to cycle through (ids are
--                     00000000-0000-4000-8000-%012d, 0 .. N-1, as the pre-fill writes them)
--   BENCH_LIST_LIMIT  list: the limit parameter, empty for the service's default
-- done() prints one line that scripts/bench parses:
--   BENCH requests=N duration_us=T rps=R p50_us=A p99_us=B max_us=C http_errors=S socket_errors=E
--   (http_errors: answers with status >= 400, as wrk counts them)

local mode = os.getenv("BENCH_MODE") or "create"
local token = os.getenv("BENCH_TOKEN") or ""

wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Connection"] = "keep-alive"

if mode == "create" then
  wrk.method = "POST"
  wrk.path = os.getenv("BENCH_PATH") or "/api/runs/create"
  wrk.headers["Content-Type"] = "application/json"
  -- The title is cut out once; each request appends this wrk run's id, the
  -- thread's number and a counter, so titles repeat in no run, thread or rerun.
  local before_title_end, after_title_end =
    string.match(os.getenv("BENCH_BODY"), '^(.*"title":"[^"]*)(".*)$')
  local run_id = io.open("/proc/sys/kernel/random/uuid"):read("*l")
  local threads_made = 0
  function setup(thread)
    threads_made = threads_made + 1
    thread:set("title_tag", " " .. run_id .. "." .. threads_made .. ".")
  end
  local sent = 0
  function request()
    sent = sent + 1
    return wrk.format(nil, nil, nil, before_title_end .. title_tag .. sent .. after_title_end)
  end
elseif mode == "find-or-create" then
  wrk.method = "POST"
  wrk.path = "/api/staff/find-or-create"
  wrk.body = os.getenv("BENCH_BODY") or "{}"
  wrk.headers["Content-Type"] = "application/json"
elseif mode == "list" then
  -- Every request is built once here; request() only picks the next one.
  local staff = tonumber(os.getenv("BENCH_STAFF_IDS") or "1000")
  local limit = os.getenv("BENCH_LIST_LIMIT") or ""
  local suffix = limit ~= "" and ("&limit=" .. limit) or ""
  local requests = {}
  for i = 0, staff - 1 do
    local id = string.format("00000000-0000-4000-8000-%012d", i)
    requests[#requests + 1] = wrk.format("GET", "/api/runs?staffGeneratedId=" .. id .. suffix)
  end
  local next_index = 0
  function init(args)
    -- Threads start at different points of the list.
    next_index = math.random(0, #requests - 1)
  end
  function request()
    next_index = next_index % #requests + 1
    return requests[next_index]
  end
elseif mode == "get" then
  wrk.method = "GET"
  wrk.path = os.getenv("BENCH_PATH")
else
  error("BENCH_MODE must be create, find-or-create, list or get, not " .. mode)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d http_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
