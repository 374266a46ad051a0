-- The outline: datasets with their columns and rules, hierarchical (Neovim 0.7 asks for hierarchy).
return function(h)
  local buf = h.open('lab.gov')
  local symbols = h.request(buf, 'textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(buf) })
  local names = {}
  for _, s in ipairs(symbols) do table.insert(names, s.name) end
  h.equal({ 'Proxmox Astronomy Lab - Database Data Management', 'classification', 'researcher', 'analyst', 'ingest', 'dba',
    'research', 'telemetry', 'offsite', 'gaia_sources', 'photometry', 'observation_logs', 'raw_frames', 'audit', 'databases',
    'controls cis-v8', 'crainbramp', 'FarmerBoy', 'glitch', '1.0', 'test gaia_sources' }, names, 'top-level symbols')
  local gaia = symbols[10]
  local line = h.find(buf, 'dataset gaia_sources')
  h.equal(line, gaia.range.start.line, 'gaia_sources starts on its line')
  local children = {}
  for _, c in ipairs(gaia.children) do children[c.name] = c.kind end
  h.equal(8, children['observer_email'], 'a column is a field')
  h.equal(12, children['plausible_magnitude'], 'a named rule is a function')
  h.equal(12, children['ra_between'], 'an unnamed rule has the name the binder gives it')
end
