-- Formatting a messy buffer gives the text `policyc fmt` writes for it, comments kept.
return function(h)
  local buf = h.open('lab.gov')
  h.replace(buf, 'role analyst', 'role      analyst')
  h.replace(buf, '"Data analysts"', '"Data analysts"   // a comment to keep')
  h.replace(buf, 'store research', 'store    research')
  vim.cmd('write')
  local expected = h.policyc('fmt', '--stdout', h.policy .. '/lab.gov')

  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), options = { tabSize = 2, insertSpaces = true } }
  local edits = h.request(buf, 'textDocument/formatting', params)
  h.check(#edits > 0, 'a messy buffer gets edits')
  vim.lsp.util.apply_text_edits(edits, buf, h.client().offset_encoding)
  local formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  h.check(formatted:find('// a comment to keep', 1, true) ~= nil, 'the comment is kept')
  h.equal(expected, formatted, 'the formatted buffer and policyc fmt --stdout')
  h.equal(0, #h.request(buf, 'textDocument/formatting', params), 'a formatted buffer gets no edits')
end
