-- wrk script: POST the body in $BODY_FILE as a kafka-rest json produce request. With $DELAY_MS set, each
-- connection waits that long after an answer before its next request (a fixed offered load).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/vnd.kafka.json.v2+json"
local f = io.open(os.getenv("BODY_FILE"), "r")
wrk.body = f:read("*a")
f:close()
local pause = tonumber(os.getenv("DELAY_MS") or "")
if pause then
  function delay() return pause end
end
