-- `faultline server` for the record files of a faultline dataset, in Neovim 0.7 and later.
--
-- Copy this file to ~/.config/nvim/lua/faultline_lsp.lua and put
--   require('faultline_lsp').setup()
-- in init.lua (or paste the file into init.lua and call setup() there). setup() takes the
-- client's settings, e.g. { cmd = { '/path/to/faultline', 'server' },
-- init_options = { today = '2024-06-01' } }. editors/neovim/check.lua runs this file headless.
local M = {}

local markers = { 'places.toml', 'actors.toml', 'events', 'sources' }

local function has(dir, name)
  local path = dir .. '/' .. name
  return vim.fn.filereadable(path) == 1 or vim.fn.isdirectory(path) == 1
end

-- The workspace folder of a record file: the dataset folder (the nearest one holding
-- places.toml, actors.toml, events/ or sources/), or its parent when faultline.toml is there
-- (as in this repository: faultline.toml beside data/). The server reads faultline.toml from
-- the workspace folder, as `faultline lint` reads ./faultline.toml.
-- (vim.fs.root would do on 0.10+, but 0.7 has no vim.fs.)
function M.root_of(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  while true do
    for _, name in ipairs(markers) do
      if has(dir, name) then
        local parent = vim.fn.fnamemodify(dir, ':h')
        if not has(dir, 'faultline.toml') and has(parent, 'faultline.toml') then
          return parent
        end
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

local clients = {} -- Neovim 0.7: one client per workspace folder

function M.setup(opts)
  local config = vim.tbl_extend('force', { name = 'faultline', cmd = { 'faultline', 'server' } }, opts or {})
  local group = vim.api.nvim_create_augroup('faultline_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'toml',
    callback = function(args)
      local root = M.root_of(vim.api.nvim_buf_get_name(args.buf))
      if not root then
        return
      end
      local c = vim.tbl_extend('force', config, { root_dir = root })
      if vim.lsp.start then -- Neovim 0.8+: starts the server or reuses the one for this root
        vim.lsp.start(c, { bufnr = args.buf })
      else -- Neovim 0.7
        local id = clients[root]
        if not id or vim.lsp.client_is_stopped(id) then
          id = vim.lsp.start_client(c)
          clients[root] = id
        end
        if id then
          vim.lsp.buf_attach_client(args.buf, id)
        end
      end
    end,
  })
end

return M
