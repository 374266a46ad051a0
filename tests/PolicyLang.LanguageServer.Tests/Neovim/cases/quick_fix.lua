-- A misspelt role gets GOV0311 with "did you mean"; the quick fix applied in the editor clears it.
return function(h)
  local buf = h.open('lab.gov')
  h.replace(buf, 'grant read to dba', 'grant read to dab')
  local function unknown_role(diagnostics)
    for _, d in ipairs(diagnostics) do
      if d.code == 'GOV0311' then return d end
    end
  end
  local shown = unknown_role(h.diagnostics(buf, unknown_role))
  local lsp_diagnostic = vim.lsp.diagnostic.get_line_diagnostics(buf, shown.lnum)[1]
  local actions = h.request(buf, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } },
  })
  h.equal(1, #actions, 'one quick fix')
  h.equal('Change to `dba`', actions[1].title, 'its title')
  vim.lsp.util.apply_workspace_edit(actions[1].edit, h.client().offset_encoding)
  h.find(buf, 'grant read to dba')
  h.diagnostics(buf, function(d) return unknown_role(d) == nil end)
end
