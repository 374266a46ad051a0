-- Seeded mistakes typed into lab.gov and saved: the diagnostics Neovim shows are those `policyc check` prints.
return function(h)
  local buf = h.open('lab.gov')
  h.replace(buf, 'archive to offsite', 'archive to ofsite')
  h.replace(buf, 'description    "Gaia DR3', 'description    "Gaïa DR3 – données 🔭" classificaton internal\n  description "Gaia DR3')
  h.replace(buf, 'expect band in', 'expect bnad in')
  vim.cmd('write')
  local expected = h.check_lines()
  h.check(#expected >= 3, 'policyc check found the seeded mistakes: ' .. vim.inspect(expected))
  local shown = h.diagnostics(buf, function(d) return #d == #expected end)
  local canonical = {}
  for _, d in ipairs(shown) do table.insert(canonical, h.canonical(buf, 'lab.gov', d)) end
  table.sort(canonical)
  table.sort(expected)
  h.equal(expected, canonical, 'diagnostics in Neovim and policyc check')

  -- Fixing the mistakes clears their diagnostics.
  h.replace(buf, 'ofsite', 'offsite')
  h.diagnostics(buf, function(d)
    for _, x in ipairs(d) do if x.message:find('ofsite', 1, true) then return false end end
    return true
  end)
end
