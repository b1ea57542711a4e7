-- wrk's script for bench/load.py, which writes the workload into `entries`
-- (`-- ENTRIES --` below) before it runs: each request picks an entry by its
-- weight, then one of its addresses at random. response() counts, per entry, the
-- answers that are not 2xx (by status) and the page cache's hits and misses;
-- done() prints the totals, the latency percentiles and the counts per entry.
-- One connection per thread (wrk --threads = --connections): a thread's response
-- is then the answer to its own last request.

local entries = {
  -- ENTRIES --
}

local total = 0
for _, entry in ipairs(entries) do
  total = total + entry.weight
end

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  counts = {}
  current = entries[1]
  -- What a browser sends: the open data comes compressed (pages never do).
  wrk.headers["Accept-Encoding"] = "gzip"
end

function request()
  local pick = math.random() * total
  current = entries[#entries]
  for _, entry in ipairs(entries) do
    pick = pick - entry.weight
    if pick <= 0 then
      current = entry
      break
    end
  end
  return wrk.format("GET", current.paths[math.random(#current.paths)])
end

local function add(key, n)
  counts[key] = (counts[key] or 0) + n
end

function response(status, headers, body)
  -- Flat keys ("label\tkind"): wrk 4.1 crashes copying nested tables between
  -- threads (thread:get in done()).
  local label = current.label
  add(label .. "\trequests", 1)
  if status < 200 or status > 299 then
    add(label .. "\tstatus " .. status, 1)
  end
  local cache = headers["X-Page-Cache"]
  if cache == "hit" or cache == "miss" then
    add(label .. "\t" .. cache, 1)
  end
end

function done(summary, latency, requests)
  local merged, order = {}, {}
  for _, entry in ipairs(entries) do
    merged[entry.label] = {requests = 0, hit = 0, miss = 0, statuses = {}}
    table.insert(order, entry.label)
  end
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts")) do
      local label, kind = key:match("^(.*)\t(.*)$")
      local into = merged[label]
      local status = kind:match("^status (%d+)$")
      if status then
        into.statuses[status] = (into.statuses[status] or 0) + n
      else
        into[kind] = into[kind] + n
      end
    end
  end

  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local answers, non2xx, hits, misses = 0, 0, 0, 0
  io.write("\nper entry           requests   share  cache hit/miss  not 2xx\n")
  for _, label in ipairs(order) do
    local count = merged[label]
    local wrong, seen = 0, {}
    for status, n in pairs(count.statuses) do
      wrong = wrong + n
      table.insert(seen, status .. ": " .. n)
    end
    table.sort(seen)
    answers = answers + count.requests
    non2xx = non2xx + wrong
    hits = hits + count.hit
    misses = misses + count.miss
    local cache = "-"
    if count.hit + count.miss > 0 then
      cache = string.format("%d/%d", count.hit, count.miss)
    end
    io.write(string.format("%-18s %9d %6.1f%% %15s  %d%s\n", label,
      count.requests, 100 * count.requests / math.max(summary.requests, 1),
      cache, wrong, #seen > 0 and " (" .. table.concat(seen, ", ") .. ")" or ""))
  end

  local seconds = summary.duration / 1e6
  local ms = function(p) return latency:percentile(p) / 1000 end
  io.write(string.format(
    "\n%d requests in %.1f s: %.1f req/s; latency p50 %.1f ms, p95 %.1f ms, "
    .. "p99 %.1f ms, max %.1f ms\n",
    summary.requests, seconds, summary.requests / seconds, ms(50), ms(95),
    ms(99), latency.max / 1000))
  io.write(string.format(
    "errors: %d (socket: connect %d, read %d, write %d, timeout %d; "
    .. "not 2xx: %d)\n",
    socket + non2xx, e.connect, e.read, e.write, e.timeout, non2xx))
  if hits + misses > 0 then
    io.write(string.format("page cache: %.1f%% hits (%d hits, %d misses) among "
      .. "the pages it keeps\n", 100 * hits / (hits + misses), hits, misses))
  end
  -- For bench/load.py: the figures its ratios and exit status are made of.
  io.write(string.format("@@ %f %f %f %f %d\n", summary.requests / seconds,
    ms(50), ms(95), ms(99), socket + non2xx))
end
