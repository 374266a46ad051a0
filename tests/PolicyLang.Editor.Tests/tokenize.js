// Tokenizes files with grammar/gov.tmLanguage.json exactly as VS Code does (vscode-textmate + vscode-oniguruma)
// and prints, per file, every token as [start, end, scopes] with UTF-16 offsets into the whole text.
// Usage: node tokenize.js <node_modules> <grammar.json> <file>...  (source.cs, which the grammar embeds, comes from tm-grammars)
'use strict';
const fs = require('fs');
const path = require('path');

const [modulesArg, grammarPath, ...files] = process.argv.slice(2);
const modules = path.resolve(modulesArg);
const textmate = require(path.join(modules, 'vscode-textmate'));
const oniguruma = require(path.join(modules, 'vscode-oniguruma'));

async function main() {
  const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma', 'release', 'onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: sources => new oniguruma.OnigScanner(sources),
      createOnigString: text => new oniguruma.OnigString(text),
    }),
    loadGrammar: async scopeName => {
      const file = { 'source.gov': grammarPath, 'source.cs': path.join(modules, 'tm-grammars', 'grammars', 'csharp.json') }[scopeName];
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
  });
  const grammar = await registry.loadGrammar('source.gov');
  const result = {};
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const tokens = [];
    let state = textmate.INITIAL;
    let lineStart = 0;
    for (const match of text.matchAll(/([^\r\n]*)(\r\n|\n|\r|$)/g)) {
      const line = match[1];
      const lineTokens = grammar.tokenizeLine(line, state);
      for (const token of lineTokens.tokens) {
        if (token.startIndex < line.length) {
          tokens.push([lineStart + token.startIndex, lineStart + Math.min(token.endIndex, line.length), token.scopes]);
        }
      }
      state = lineTokens.ruleStack;
      lineStart += match[0].length;
      if (match[0].length === 0) {
        break;
      }
    }
    result[file] = tokens;
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch(error => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
