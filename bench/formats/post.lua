-- wrk script: POST the body in $BODY_FILE with the Content-Type in $CONTENT_TYPE.
wrk.method = "POST"
wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE")
local f = io.open(os.getenv("BODY_FILE"), "r")
wrk.body = f:read("*a")
f:close()
