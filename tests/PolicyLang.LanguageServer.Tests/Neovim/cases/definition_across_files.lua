-- Go to definition from one file of the folder policy to another: a dataset referenced in a second file.
return function(h)
  local second = io.open(h.policy .. '/spectra.gov', 'w')
  second:write('dataset spectra in research table "catalog.spectra" {\n  key spectrum_id\n  expect source_id references gaia_sources.source_id\n}\n')
  second:close()
  local buf = h.open('spectra.gov')
  local line, col = h.find(buf, 'gaia_sources.source_id')
  local locations = h.request(buf, 'textDocument/definition', { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = line, character = col + 3 } })
  h.equal(1, #locations, 'one definition')
  h.equal(vim.uri_from_fname(h.policy .. '/lab.gov'), locations[1].uri, 'in lab.gov')

  -- Jumping there opens lab.gov at `dataset gaia_sources`.
  vim.lsp.util.jump_to_location(locations[1], h.client().offset_encoding)
  local target = vim.api.nvim_get_current_buf()
  local row, byte = unpack(vim.api.nvim_win_get_cursor(0))
  local text = vim.api.nvim_buf_get_lines(target, row - 1, row, false)[1]
  h.equal('gaia_sources', text:sub(byte + 1, byte + #'gaia_sources'), 'the cursor is on the declaration')
  h.check(text:find('^dataset gaia_sources') ~= nil, 'the declaration line: ' .. text)
end
