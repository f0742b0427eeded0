-- Caseboard's write load (benchmarks/writes.py): each wrk thread sends its own prepared
-- POSTs, each one once and in order, and counts what it sent and the statuses it got.
-- Arguments after `--`: the request files' prefix (one file per thread: <prefix>-<n>.tsv, lines
-- of kind, path, cookie and body separated by tabs) and the User-Agent to send.

local threads = {}
local counter = 0

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   requests, kinds = {}, {}
   for line in io.lines(args[1] .. "-" .. id .. ".tsv") do
      local kind, path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)$")
      requests[#requests + 1] = wrk.format("POST", path, {
         ["Cookie"] = cookie,
         ["Content-Type"] = "application/x-www-form-urlencoded",
         ["User-Agent"] = args[2],
      }, body)
      kinds[#kinds + 1] = kind
   end
   following = 1
   sent = { verdict = 0, vote = 0 }
   repeated = 0
   statuses = {}
end

function request()
   local i = following
   following = following + 1
   if i > #requests then
      -- The plan ran out: start again, and say so, since a repeat is refused by the app.
      repeated = repeated + 1
      i = (i - 1) % #requests + 1
   end
   sent[kinds[i]] = sent[kinds[i]] + 1
   return requests[i]
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   for _, thread in ipairs(threads) do
      local thread_sent = thread:get("sent")
      io.write(string.format("sent verdict %d\n", thread_sent.verdict))
      io.write(string.format("sent vote %d\n", thread_sent.vote))
      io.write(string.format("sent repeated %d\n", thread:get("repeated")))
      for status, count in pairs(thread:get("statuses")) do
         io.write(string.format("status %d %d\n", status, count))
      end
   end
end
