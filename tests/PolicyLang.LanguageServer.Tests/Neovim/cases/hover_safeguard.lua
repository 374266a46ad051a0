-- Hover on a safeguard id of the `require` line: its CIS title, implementation groups and this policy's status.
return function(h)
  local buf = h.open('lab.gov')
  local line, col = h.find(buf, '3.11, 6.1')
  local hover = h.request(buf, 'textDocument/hover', { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = line, character = col + 1 } })
  h.check(hover ~= nil, 'a hover for 3.11')
  local text = hover.contents.value
  h.check(text:find('**CIS v8 3.11** Encrypt Sensitive Data at Rest', 1, true) ~= nil, 'the title: ' .. text)
  h.check(text:find('IG2, IG3', 1, true) ~= nil, 'the implementation groups: ' .. text)
  h.check(text:find('In this policy: **Partial**', 1, true) ~= nil, 'the status: ' .. text)
  h.check(text:find('Lacking: telemetry', 1, true) ~= nil, 'what lacks it: ' .. text)
  h.equal({ start = { line = line, character = col }, ['end'] = { line = line, character = col + 4 } }, hover.range, 'the range of the id')
end
