-- Headless check that Neovim's own LSP client gets faultline's diagnostics for a record file.
--
-- Run it through check.sh (which prepares a broken record and the expected findings), or:
--   FAULTLINE=/path/to/faultline FAULTLINE_RECORD=/path/to/record.toml \
--     nvim --headless -u NONE -i NONE -n -c 'luafile editors/neovim/check.lua'
-- Optional: FAULTLINE_EXPECTED (the `faultline lint --format json` output for the record: the
-- diagnostics must be the same findings), FAULTLINE_TIMEOUT_MS (default 10000).
--
-- It loads editors/neovim/faultline.lua (the configuration docs/editors.md gives), opens the
-- record with :edit (so the FileType autocmd starts the server and attaches the buffer), waits
-- for textDocument/publishDiagnostics, prints what came, and stops the server.
-- Exit code: 0 diagnostics came (the same findings as FAULTLINE_EXPECTED when given, which may
-- be none), 1 no publishDiagnostics came in time or the findings differ, 2 bad usage.
-- Written for Neovim 0.7 (`-c 'luafile ...'`; `-l` needs 0.9), and run only on 0.7.2.

local function out(s)
  io.stdout:write(s, '\n')
  io.stdout:flush()
end

local function finish(code)
  io.stdout:flush()
  io.stderr:flush()
  if code == 0 then
    vim.cmd('qall!')
  else
    vim.cmd(code .. 'cquit!')
  end
end

local uv = vim.uv or vim.loop

local function main()
  local bin = vim.env.FAULTLINE
  local record = vim.env.FAULTLINE_RECORD
  local timeout = tonumber(vim.env.FAULTLINE_TIMEOUT_MS or '') or 10000
  if not bin or bin == '' or not record or record == '' then
    out('usage: FAULTLINE=BIN FAULTLINE_RECORD=FILE nvim --headless -u NONE -c "luafile check.lua"')
    return 2
  end
  record = vim.fn.fnamemodify(record, ':p')
  if vim.fn.filereadable(record) ~= 1 then
    out('no such record file: ' .. record)
    return 2
  end

  local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
  local faultline = dofile(here .. '/faultline.lua')

  out('nvim: ' .. vim.fn.matchstr(vim.fn.execute('version'), 'NVIM v[^\n]*'))
  out('server: ' .. bin .. ' server')
  out('record: ' .. record)
  out('workspace folder: ' .. tostring(faultline.root_of(record)))

  -- Record what the server publishes for the record, then let Neovim handle it as usual.
  local uri = vim.uri_from_fname(record)
  local published = nil
  local publishes = 0
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri == uri then
      published = result.diagnostics
      publishes = publishes + 1
    end
    return default_publish(err, result, ctx, config)
  end
  for _, method in ipairs({ 'window/logMessage', 'window/showMessage' }) do
    vim.lsp.handlers[method] = function(_, result)
      out('server says: ' .. tostring(result and result.message))
    end
  end

  local exited = nil
  faultline.setup({
    cmd = { bin, 'server' },
    on_exit = function(code, signal)
      exited = { code = code, signal = signal }
    end,
  })

  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(record))
  local buf = vim.api.nvim_get_current_buf()
  out('filetype: ' .. vim.bo[buf].filetype)

  local started = uv.hrtime()
  vim.wait(timeout, function()
    return published ~= nil
  end, 10)
  local ms = math.floor((uv.hrtime() - started) / 1e6)
  -- Later publications (a second lint after the first) replace the first: give them a moment.
  vim.wait(300, function()
    return false
  end, 10)

  -- The initialized client attached to the buffer (Neovim lists no client before the server
  -- answers initialize).
  local client = nil
  local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
  for _, c in pairs(attached) do
    if c.name == 'faultline' then
      client = c
    end
  end

  if published == nil then
    out(('FAIL: no textDocument/publishDiagnostics for the record within %d ms%s'):format(
      timeout, client and '' or ' (no initialized faultline client on the buffer)'))
    return 1
  end
  if not client then
    out('FAIL: diagnostics came, but no faultline client is attached to the buffer')
    return 1
  end

  local severities = { 'error', 'warning', 'info', 'hint' }
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)

  -- An LSP position (0-based line, UTF-16 character) as faultline lint's (1-based line, 1-based
  -- column in characters).
  local function line_col(pos)
    local text = lines[pos.line + 1] or ''
    local ok, byte = pcall(vim.str_byteindex, text, pos.character, true)
    if not ok then
      byte = pos.character
    end
    return pos.line + 1, vim.fn.strchars(text:sub(1, byte)) + 1
  end

  out(('received %d diagnostic(s) in %d ms (%d publication(s)):'):format(#published, ms, publishes))
  local got = {}
  for _, d in ipairs(published) do
    local line, col = line_col(d.range.start)
    local end_line, end_col = line_col(d.range['end'])
    local item = {
      rule = tostring(d.code),
      severity = severities[d.severity] or tostring(d.severity),
      line = line,
      column = col,
      end_line = end_line,
      end_column = end_col,
      message = d.message,
    }
    table.insert(got, item)
    out(('  %s:%d:%d-%d:%d %s[%s] %s'):format(
      vim.fn.fnamemodify(record, ':t'), line, col, end_line, end_col,
      item.severity, item.rule, d.message:gsub('\n', '\n      ')))
    if d.codeDescription then
      out('      docs: ' .. d.codeDescription.href)
    end
    for _, r in ipairs(d.relatedInformation or {}) do
      out(('      related: %s:%d %s'):format(vim.uri_to_fname(r.location.uri), r.location.range.start.line + 1, r.message))
    end
  end

  local code = 0
  local expected_file = vim.env.FAULTLINE_EXPECTED
  if #published == 0 and not (expected_file and expected_file ~= '') then
    out('FAIL: the server published no diagnostics for the record')
    code = 1
  end

  -- Neovim's own diagnostic store has them too.
  local stored = #vim.diagnostic.get(buf)
  out(('vim.diagnostic.get(buf): %d diagnostic(s)'):format(stored))
  if stored ~= #published then
    out('FAIL: vim.diagnostic holds a different number of diagnostics than were published')
    code = 1
  end

  -- The same findings as `faultline lint --format json RECORD` (none, for a clean record)?
  if expected_file and expected_file ~= '' then
    local text = table.concat(vim.fn.readfile(expected_file), '\n')
    local ok, lint = pcall(vim.json.decode, text)
    if not ok or type(lint) ~= 'table' or type(lint.diagnostics) ~= 'table' then
      out('FAIL: cannot read the expected findings in ' .. expected_file)
      return 1
    end
    local function key(d)
      return table.concat({ d.rule, d.severity, d.line, d.column, d.end_line, d.end_column, d.message }, '|')
    end
    local want = {}
    for _, d in ipairs(lint.diagnostics) do
      if vim.fn.fnamemodify(d.file, ':p') == record then
        local message = d.message
        if type(d.help) == 'string' then
          message = message .. '\nhelp: ' .. d.help
        end
        want[key({
          rule = d.rule,
          severity = d.severity,
          line = d.line,
          column = d.column,
          end_line = d.end_line,
          end_column = d.end_column,
          message = message,
        })] = true
      end
    end
    local have = {}
    for _, g in ipairs(got) do
      have[key(g)] = true
    end
    local missing, extra = {}, {}
    for k in pairs(want) do
      if not have[k] then
        table.insert(missing, k)
      end
    end
    for k in pairs(have) do
      if not want[k] then
        table.insert(extra, k)
      end
    end
    if #missing == 0 and #extra == 0 then
      out(('same findings as `faultline lint --format json` for the record (%d)'):format(vim.tbl_count(want)))
    else
      code = 1
      for _, k in ipairs(missing) do
        out('FAIL: lint gives, the server did not: ' .. k)
      end
      for _, k in ipairs(extra) do
        out('FAIL: the server gives, lint did not: ' .. k)
      end
    end
  end

  -- Shut the server down (shutdown request, exit notification) and see it go.
  vim.lsp.stop_client(client.id)
  vim.wait(5000, function()
    return exited ~= nil
  end, 10)
  if exited then
    out(('server exited: code %s, signal %s'):format(tostring(exited.code), tostring(exited.signal)))
    if exited.code ~= 0 then
      code = 1
    end
  else
    out('FAIL: the server did not exit within 5 s of shutdown/exit')
    code = 1
  end
  return code
end

local ok, result = xpcall(main, debug.traceback)
if not ok then
  out('FAIL: ' .. tostring(result))
  result = 1
end
out(result == 0 and 'OK' or 'FAILED')
finish(result)
