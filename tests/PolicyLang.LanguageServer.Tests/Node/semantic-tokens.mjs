// A Node LSP client (vscode-languageserver-protocol, as VS Code's client uses) asks the real `policyc lsp` for the
// semantic tokens of lab.gov and checks what some names are. Run by NodeClientTests.cs:
//   node semantic-tokens.mjs <policy folder> <server command words...>
// Module resolution: NODE_PATH points at .build/lsp-node/node_modules (scripts/services/neovim.sh installs it).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(process.env.NODE_PATH + '/');
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol');

const [folder, ...command] = process.argv.slice(2);
const server = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
connection.listen();

function fail(message) {
  console.error('FAILED: ' + message);
  server.kill();
  process.exit(1);
}

const uri = pathToFileURL(folder + '/lab.gov').href;
const text = readFileSync(folder + '/lab.gov', 'utf8');
const init = await connection.sendRequest(lsp.InitializeRequest.type, {
  processId: process.pid,
  rootUri: pathToFileURL(folder).href,
  capabilities: { textDocument: { semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] } } },
});
await connection.sendNotification(lsp.InitializedNotification.type, {});
await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'gov', version: 1, text } });

const legend = init.capabilities.semanticTokensProvider?.legend;
if (!legend || init.capabilities.semanticTokensProvider.full !== true) fail('semantic tokens (full) are not advertised');
const result = await connection.sendRequest(lsp.SemanticTokensRequest.type, { textDocument: { uri } });

// Decode LSP's relative encoding into "line:character" -> "type[+modifiers]".
const tokens = new Map();
let line = 0, character = 0;
for (let i = 0; i < result.data.length; i += 5) {
  const [deltaLine, deltaStart, length, type, modifiers] = result.data.slice(i, i + 5);
  line += deltaLine;
  character = deltaLine === 0 ? character + deltaStart : deltaStart;
  const names = legend.tokenModifiers.filter((_, bit) => (modifiers & (1 << bit)) !== 0);
  tokens.set(`${line}:${character}`, { type: legend.tokenTypes[type] + names.map(n => '+' + n).join(''), length });
}

function at(needle, shift = 0) {
  let offset = text.indexOf(needle);
  if (offset < 0) fail('not in lab.gov: ' + needle);
  offset += shift;
  const before = text.slice(0, offset);
  const l = before.split('\n').length - 1;
  return tokens.get(`${l}:${offset - (before.lastIndexOf('\n') + 1)}`);
}

const expected = [
  ['dataset gaia_sources', 'keyword'],
  ['gaia_sources in', 'class+declaration'],
  ['research table', 'namespace'],
  ['column source_id', 'property+declaration', 7],
  ['bigint', 'type'],
  ['plausible_magnitude', 'function+declaration'],
  ['3.11', 'decorator'],
  ['confidential <', 'enumMember+declaration'],
  ['"^[^@', 'regexp'],
  ['// The astronomy', 'comment'],
];
for (const [needle, type, shift] of expected) {
  const token = at(needle, shift);
  if (token?.type !== type) fail(`${needle}: expected ${type}, got ${JSON.stringify(token)}`);
}

await connection.sendRequest(lsp.ShutdownRequest.type);
const exited = new Promise(resolve => server.on('exit', resolve));
await connection.sendNotification(lsp.ExitNotification.type);
const code = await exited;
if (code !== 0) fail('exit code after shutdown and exit: ' + code);
console.log(`semantic tokens: ${result.data.length / 5} tokens, ${expected.length} checked`);
process.exit(0);
