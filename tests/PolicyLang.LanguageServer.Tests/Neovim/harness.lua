-- Headless Neovim driving the real `policyc lsp`, as an author's editor does. Run by NeovimTests.cs:
--   nvim --headless --clean -u NONE -c "luafile harness.lua"
-- with POLICYC (the server command, words separated by \t), POLICY (a folder holding a copy of
-- examples/astronomy-lab) and CASE (a file of cases/) in the environment. A case is a Lua file returning
-- function(h) ... end; it uses the helpers below and fails with h.fail / error(). Exit 0 = passed, 1 = failed.

local h = {}
h.policy = os.getenv('POLICY')
h.command = vim.split(os.getenv('POLICYC'), '\t')
local timeout_ms = 30000

function h.fail(message)
  io.stderr:write('FAILED: ' .. message .. '\n')
  vim.cmd('cq')
end

function h.equal(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    h.fail(what .. '\nexpected: ' .. vim.inspect(expected) .. '\nactual:   ' .. vim.inspect(actual))
  end
end

function h.check(condition, what)
  if not condition then h.fail(what) end
end

-- Starts the server on the policy folder (once) and opens `relative` in a buffer attached to it; returns the buffer.
function h.open(relative)
  if not h.client_id then
    h.client_id = vim.lsp.start_client({
      cmd = h.command,
      root_dir = h.policy,
      on_exit = function(code) h.exit_code = code end,
    })
    h.check(h.client_id ~= nil, 'the server did not start: ' .. table.concat(h.command, ' '))
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(h.policy .. '/' .. relative))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, h.client_id)
  h.check(vim.wait(timeout_ms, function()
    local client = vim.lsp.get_client_by_id(h.client_id)
    return client ~= nil and client.initialized
  end, 50), 'the server did not answer initialize')
  return buf
end

function h.client()
  return vim.lsp.get_client_by_id(h.client_id)
end

-- Waits until the buffer's diagnostics satisfy `done` (any published set when nil), returns them.
function h.diagnostics(buf, done)
  local found
  local ok = vim.wait(timeout_ms, function()
    found = vim.diagnostic.get(buf)
    return (done or function(d) return #d > 0 end)(found)
  end, 50)
  h.check(ok, 'diagnostics not as expected within the timeout: ' .. vim.inspect(found))
  return found
end

-- A diagnostic as `policyc check` prints it: path(line,col): severity CODE: message, the column counted in UTF-16
-- code units (Neovim keeps byte columns; the line's text converts them).
function h.canonical(buf, relative, d)
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
  local _, utf16 = vim.str_utfindex(line, d.col)
  local severity = ({ 'error', 'warning', 'info', 'info' })[d.severity]
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  return string.format('%s(%d,%d): %s %s: %s', relative, d.lnum + 1, utf16 + 1, severity, code, d.message)
end

-- Runs policyc (the server command with these arguments instead of `lsp`) in the policy folder; returns its output.
function h.policyc(...)
  local quoted = {}
  for i = 1, #h.command - 1 do table.insert(quoted, vim.fn.shellescape(h.command[i])) end
  for _, word in ipairs({ ... }) do table.insert(quoted, vim.fn.shellescape(word)) end
  return vim.fn.system('cd ' .. vim.fn.shellescape(h.policy) .. ' && ' .. table.concat(quoted, ' ') .. ' 2>/dev/null')
end

-- `policyc check .` in the policy folder, as lines.
function h.check_lines()
  local output = h.policyc('check', '.')
  local lines = {}
  for _, line in ipairs(vim.split(output, '\n')) do
    if line ~= '' then table.insert(lines, line) end
  end
  return lines
end

-- A request to the server for the buffer; returns its result (fails on an error or a timeout).
function h.request(buf, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, timeout_ms)
  h.check(responses ~= nil, method .. ': no response within the timeout')
  local response = responses[h.client_id]
  h.check(response ~= nil, method .. ': no response from the server')
  h.check(response.err == nil, method .. ' failed: ' .. vim.inspect(response.err))
  return response.result
end

-- The 0-based line and byte column of the first `text` (within one line) in the buffer.
function h.find(buf, text)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(text, 1, true)
    if col then return i - 1, col - 1 end
  end
  h.fail('text not found in the buffer: ' .. text)
end

-- Replaces the first `old` (within one line) with `new` (may hold line breaks), as typing does (Neovim sends an incremental didChange).
function h.replace(buf, old, new)
  local line, col = h.find(buf, old)
  vim.api.nvim_buf_set_text(buf, line, col, line, col + #old, vim.split(new, '\n'))
end

local case = dofile(os.getenv('CASE'))
local ok, err = pcall(case, h)
if not ok then h.fail(tostring(err)) end

-- A clean end: shutdown, then exit; the server must exit with 0.
vim.lsp.stop_client(h.client_id)
h.check(vim.wait(timeout_ms, function() return h.exit_code ~= nil end, 50), 'the server did not exit after shutdown')
h.equal(0, h.exit_code, 'the server exit code after shutdown and exit')
vim.cmd('qa!')
