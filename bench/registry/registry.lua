-- wrk script for the schema registry benchmark. MODE (environment) picks the request:
--   register  POST /subjects/<PREFIX>-<thread>-<n>-value/versions, a new subject and schema each time
--   id        GET /schemas/ids/<1..COUNT>
--   latest    GET /subjects/look-<1..COUNT>-value/versions/latest
--   lookup    POST /subjects/look-<1..COUNT>-value with that subject's schema
-- The run script seeds subjects look-<n>-value with the schema named Look<n> first, so each holds id n.
-- Every answer but 200 is counted, and done() prints how many and the first.
local mode = os.getenv("MODE") or "register"
local prefix = os.getenv("PREFIX") or "bench"
local count = tonumber(os.getenv("COUNT") or "200")
local base = os.getenv("BASE_PATH") or "/registry"
local headers = { ["Content-Type"] = "application/vnd.schemaregistry.v1+json" }
local threads = {}
local next_id = 1

-- The body of a register or lookup request: bench/registry/pin-schema.json (an Avro record shaped like a Pinterest
-- pin row) with the record named `name`, so each name is a distinct schema.
local file = io.open(os.getenv("SCHEMA_FILE") or "bench/registry/pin-schema.json", "r")
local template = file:read("*a"):gsub("%s+$", "")
file:close()
local function body(name) return (template:gsub("NAME", name)) end

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  n = 0
  answers = 0
  failures = 0
  first_failure = ""
  math.randomseed(tid * 7919)
end

function request()
  if mode == "register" then
    n = n + 1
    local path = base .. "/subjects/" .. prefix .. "-" .. tid .. "-" .. n .. "-value/versions"
    return wrk.format("POST", path, headers, body("R" .. prefix .. "_" .. tid .. "_" .. n))
  end
  local i = math.random(count)
  if mode == "id" then
    return wrk.format("GET", base .. "/schemas/ids/" .. i)
  elseif mode == "latest" then
    return wrk.format("GET", base .. "/subjects/look-" .. i .. "-value/versions/latest")
  end
  return wrk.format("POST", base .. "/subjects/look-" .. i .. "-value", headers, body("Look" .. i))
end

function response(status, hdrs, text)
  answers = answers + 1
  if status ~= 200 then
    failures = failures + 1
    if first_failure == "" then first_failure = status .. " " .. text end
  end
end

function done(summary, latency, requests)
  local failed, first = 0, ""
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    if first == "" then first = thread:get("first_failure") end
  end
  io.write(string.format("answers other than 200: %d %s\n", failed, first))
end
