// PolicyLang for VS Code: starts `policyc lsp` (stdio) for .gov files. Plain JavaScript, no build step.
'use strict';

const vscode = require('vscode');
const { LanguageClient, RevealOutputChannelOn } = require('vscode-languageclient/node');
const path = require('path');
const fs = require('fs');
const os = require('os');

const SECTION = 'policylang';
let client;
let output;
let watcher; // tells the server about .gov files changed outside the editor

function serverSettings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const command = (config.get('server.path') || 'policyc').trim();
  const args = config.get('server.args') || ['lsp'];
  return { command, args };
}

// A bare name is looked up on PATH (and PATHEXT on Windows); a path (`~/...`, or relative to the workspace
// folder) must exist.
function findExecutable(command, baseFolder) {
  if (command.includes('/') || command.includes('\\')) {
    const home = command.startsWith('~/') ? path.join(os.homedir(), command.slice(2)) : command;
    const full = path.isAbsolute(home) ? home : path.resolve(baseFolder || process.cwd(), home);
    return isFile(full) ? full : undefined;
  }
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT || '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (process.env.PATH || '').split(path.delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = path.join(dir, command + extension);
      if (isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// Not awaited: activation must not wait for the user to answer the message.
function reportMissing(command) {
  const message = `PolicyLang: the language server executable \`${command}\` was not found. `
    + 'Install policyc (see docs/editor.md) or set "policylang.server.path" to its full path. Highlighting still works.';
  output.appendLine(message);
  vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output').then(choice => {
    if (choice === 'Open Settings') {
      vscode.commands.executeCommand('workbench.action.openSettings', 'policylang.server');
    } else if (choice === 'Show Output') {
      output.show(true);
    }
  });
}

async function startClient() {
  const { command, args } = serverSettings();
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const executable = findExecutable(command, folder && folder.uri.fsPath);
  if (!executable) {
    reportMissing(command);
    return;
  }

  output.appendLine(`starting ${executable} ${args.join(' ')}`);
  const serverOptions = {
    command: executable,
    args,
    options: folder ? { cwd: folder.uri.fsPath } : undefined,
  };
  const clientOptions = {
    documentSelector: [{ language: 'policylang' }],
    synchronize: { fileEvents: watcher },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient(SECTION, 'PolicyLang Language Server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`the language server failed to start: ${error && error.message ? error.message : error}`);
    vscode.window.showErrorMessage(`PolicyLang: \`${executable} ${args.join(' ')}\` failed to start. See the PolicyLang output.`, 'Show Output')
      .then(choice => choice && output.show(true));
    client = undefined;
  }
}

async function stopClient() {
  if (!client) {
    return;
  }
  const running = client;
  client = undefined;
  try {
    await running.stop();
  } catch (error) {
    output.appendLine(`stopping the language server: ${error && error.message ? error.message : error}`);
  }
}

async function restart() {
  await stopClient();
  await startClient();
}

function activate(context) {
  output = vscode.window.createOutputChannel('PolicyLang');
  watcher = vscode.workspace.createFileSystemWatcher('**/*.gov');
  context.subscriptions.push(
    output,
    watcher,
    vscode.commands.registerCommand('policylang.restartServer', restart),
    vscode.commands.registerCommand('policylang.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(event => {
      if (event.affectsConfiguration(`${SECTION}.server`)) {
        restart();
      }
    }),
  );
  return startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate, findExecutable };
