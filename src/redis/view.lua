#!lua flags=no-writes,allow-stale
-- One node's view of the cluster, digested on the node so that the client need not read it:
-- returns the node's own CLUSTER NODES line, and a digest of every line without what differs
-- between equal views (the myself flag, ping and pong times, link state, the node's open slots).
-- With ARGV[1] == 'full' the whole CLUSTER NODES text comes too, taken at the same moment.
local text = redis.call('CLUSTER', 'NODES')
local at = text:find(' myself,', 1, true) or 1
local first, last = at, (text:find('\n', at, true) or #text + 1) - 1
while first > 1 and text:byte(first - 1) ~= 10 do first = first - 1 end
local view = ('\n' .. text):gsub('\n(%S+ %S+ %S+ %S+) %S+ %S+ (%S+) %S+', '\n%1 %2')
view = view:gsub('myself,', ''):gsub(' %[[^%]\n]*%]', '')
local lines = {}
for line in view:gmatch('[^\n]+') do lines[#lines + 1] = line end
table.sort(lines)
local digest = redis.sha1hex(table.concat(lines, '\n'))
if ARGV[1] == 'full' then return {text:sub(first, last), digest, text} end
return {text:sub(first, last), digest}
