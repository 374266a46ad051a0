-- Rename a store from one of its uses: every use in the folder changes, and the policy checks as before.
return function(h)
  local buf = h.open('lab.gov')
  local before = h.diagnostics(buf)
  local line, col = h.find(buf, 'archive to offsite')
  local position = { line = line, character = col + #'archive to ' + 2 }
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = position }
  local prepared = h.request(buf, 'textDocument/prepareRename', params)
  h.equal('offsite', prepared.placeholder, 'prepareRename names the store')
  params.newName = 'cold_storage'
  local edit = h.request(buf, 'textDocument/rename', params)
  vim.lsp.util.apply_workspace_edit(edit, h.client().offset_encoding)
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  h.check(text:find('store cold_storage%s') ~= nil, 'the declaration is renamed')
  h.check(text:find('offsite%s+cold_storage') ~= nil, 'the backup setting is renamed, its keyword kept')
  h.check(text:find('dataset raw_frames in cold_storage', 1, true) ~= nil, 'the dataset header is renamed')
  h.check(text:find('to offsite', 1, true) == nil, 'no archive names the old store')
  vim.cmd('write')
  h.equal(#before, #h.check_lines(), 'policyc check reports as many diagnostics as before')

  -- A keyword is refused with the reason.
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/rename', {
    textDocument = vim.lsp.util.make_text_document_params(buf), position = position, newName = 'dataset' }, 30000)
  -- Neovim 0.7 keeps a failed request's error under `error` (later versions under `err`).
  local failure = responses[h.client_id].err or responses[h.client_id].error
  h.check(failure ~= nil and failure.message:find('keyword', 1, true) ~= nil, 'renaming to a keyword is refused: ' .. vim.inspect(responses))
end
