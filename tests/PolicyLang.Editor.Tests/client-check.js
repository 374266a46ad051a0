// Activates editors/vscode/extension.js outside VS Code, with a stand-in for the `vscode` module that records what
// the extension asks of the editor, and prints it as JSON. VS Code itself cannot run here; this checks the client's
// own logic: the settings it reads, the commands it registers, the message when the server executable is missing.
// Usage: node client-check.js <extension folder> <server.path> [<path to look up> <workspace folder>]
'use strict';
const Module = require('module');
const path = require('path');

const [extensionFolder, serverPath, lookupPath, lookupFolder] = process.argv.slice(2);
const record = { commands: [], errors: [], output: [], settingsRead: [] };

const vscode = {
  workspace: {
    workspaceFolders: undefined,
    getConfiguration: section => ({
      get: key => {
        record.settingsRead.push(`${section}.${key}`);
        if (key === 'server.path') return serverPath;
        return undefined;
      },
    }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
    createFileSystemWatcher: () => ({ dispose() {} }),
  },
  window: {
    createOutputChannel: name => ({ name, appendLine: line => record.output.push(line), show() {}, dispose() {} }),
    showErrorMessage: (message, ...items) => { record.errors.push({ message, items }); return Promise.resolve(undefined); },
  },
  commands: {
    registerCommand: (id) => { record.commands.push(id); return { dispose() {} }; },
    executeCommand: () => Promise.resolve(),
  },
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
// vscode-languageclient subclasses editor types (CompletionItem, CodeLens, ...) when it loads: any other name is a class.
const vscodeModule = new Proxy(vscode, { get: (target, name) => (name in target ? target[name] : class {}) });
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeModule };

const extension = require(path.resolve(extensionFolder, 'extension.js'));
const context = { subscriptions: [] };
Promise.resolve(extension.activate(context))
  .then(() => {
    record.subscriptions = context.subscriptions.length;
    record.nodeOnPath = extension.findExecutable('node') || null;
    record.lookedUp = lookupPath ? extension.findExecutable(lookupPath, lookupFolder) || null : null;
    process.stdout.write(JSON.stringify(record));
  })
  .catch(error => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  });
