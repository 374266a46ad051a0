-- Completion after `store x postgres {`: the settings of a postgres store, replacing the word being typed.
return function(h)
  local buf = h.open('lab.gov')
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { 'store x postgres {', '  t', '}' })
  local result = h.request(buf, 'textDocument/completion', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    position = { line = last + 1, character = 3 },
  })
  local labels = {}
  for _, item in ipairs(result.items or result) do table.insert(labels, item.label) end
  h.equal({ 'connection', 'tls', 'encryption' }, labels, 'the settings of a postgres store')
  local tls = (result.items or result)[2]
  h.equal({ start = { line = last + 1, character = 2 }, ['end'] = { line = last + 1, character = 3 } }, tls.textEdit.range, 'the typed word is replaced')
  vim.lsp.util.apply_text_edits({ tls.textEdit }, buf, h.client().offset_encoding)
  h.equal('  tls', vim.api.nvim_buf_get_lines(buf, last + 1, last + 2, false)[1], 'the completed line')
end
