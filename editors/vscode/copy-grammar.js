// Run by `vsce package` (vscode:prepublish): the grammar's source of truth is grammar/gov.tmLanguage.json at the
// repository root; the extension ships a copy under syntaxes/.
const fs = require('fs');
const path = require('path');

const source = path.join(__dirname, '..', '..', 'grammar', 'gov.tmLanguage.json');
const target = path.join(__dirname, 'syntaxes', 'gov.tmLanguage.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
console.log(`copied ${path.relative(process.cwd(), source)} to ${path.relative(process.cwd(), target)}`);
