'use strict';

// Starting and stopping cmd/slbfake for the Node tests: each test file runs
// its own server (node --test runs files in separate processes). Set
// SLBFAKE_BIN to a built slbfake binary to skip the go build.

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

// The fake's default credential (fake/credentials.go).
const ACCESS_KEY_ID = 'LTAI5tSlbFakeDefaultKey0';
const ACCESS_KEY_SECRET = 'slbfake-default-secret';

const REPO = path.resolve(__dirname, '..', '..');
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

// startSlbfake builds cmd/slbfake (unless SLBFAKE_BIN names one), runs it on
// 127.0.0.1:0 with args, and resolves to { endpoint, host, stop } once its
// first stdout line, "slbfake listening on http://HOST:PORT", has come:
// endpoint is the URL, host is HOST:PORT, stop() ends the server (SIGTERM,
// then SIGKILL after 15s) and removes the build.
async function startSlbfake(args = []) {
  let bin = process.env.SLBFAKE_BIN;
  let tmpDir;
  if (!bin) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slbfake-node-'));
    bin = path.join(tmpDir, 'slbfake');
    const go = process.env.GO || 'go';
    execFileSync(go, ['build', '-o', bin, './cmd/slbfake'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const child = spawn(bin, ['-listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let running = false;
  const onExit = (code, signal) => {
    if (running) {
      console.error(`slbfake exited (code ${code}, signal ${signal}) while the tests ran; stderr:\n${stderr}`);
    }
  };
  child.on('exit', onExit);

  const stop = async () => {
    running = false;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM'); // slbfake shuts down gracefully and exits 0
      const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(killer);
    }
    if (tmpDir) {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  };

  let endpoint;
  try {
    endpoint = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`slbfake printed no address within 30s; stderr:\n${stderr}`));
      }, 30000);
      child.on('error', (e) => { clearTimeout(timer); reject(e); });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`slbfake exited (code ${code}, signal ${signal}); stderr:\n${stderr}`));
      });
      const lines = readline.createInterface({ input: child.stdout });
      lines.once('line', (line) => {
        clearTimeout(timer);
        const m = /^slbfake listening on (http:\/\/\S+)$/.exec(line.trim());
        if (!m) {
          reject(new Error(`unexpected first line from slbfake: ${JSON.stringify(line)}`));
          return;
        }
        resolve(m[1]);
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  running = true;
  return { endpoint, host: new URL(endpoint).host, stop };
}

module.exports = { startSlbfake, ACCESS_KEY_ID, ACCESS_KEY_SECRET, REQUEST_ID };
