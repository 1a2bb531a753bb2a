-- wrk script for bench/api_latency.sh: GET /v1/invoices/{id} with a bearer token, cycling
-- through the invoice ids in $INVOICE_IDS (one per line), each connection pausing $DELAY_MS
-- between requests so that CONNECTIONS / (DELAY_MS + latency) approaches the target rate.
local ids = {}
for line in io.lines(os.getenv("INVOICE_IDS")) do
  ids[#ids + 1] = line
end
local headers = { ["Authorization"] = "Bearer " .. os.getenv("DULY_TOKEN") }
local pause = tonumber(os.getenv("DELAY_MS") or "16")
next_index = 0 -- global: setup() gives each thread its own start

function setup(thread)
  -- Threads start at different ids so they do not read the same rows in lock step.
  thread:set("next_index", math.random(0, 1048576))
end

function request()
  next_index = next_index + 1
  return wrk.format("GET", "/v1/invoices/" .. ids[(next_index % #ids) + 1], headers)
end

function delay()
  return pause
end
