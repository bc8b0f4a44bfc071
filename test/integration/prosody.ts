// Starts Debian's Prosody for the integration tests: loopback only, free ports, its own config,
// data, certificate and pid paths in a temporary folder, two accounts made with prosodyctl.
// Only the process started here is stopped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DOMAIN = 'example.test';
export const MUC_DOMAIN = `conference.${DOMAIN}`;
const MODULES = '/usr/lib/prosody/modules';

export interface Account {
  username: string;
  password: string;
  jid: string;
}

export interface Prosody {
  c2sPort: number;
  /** The RFC 7395 endpoint, or null without mod_websocket. */
  webSocketUrl: string | null;
  /** The MUC service's domain, or null without the muc component. */
  muc: string | null;
  accounts: [Account, Account];
  /** Prosody's log so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function which(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** Why Prosody cannot be started here, or null when it can. */
export function prosodyMissing(): string | null {
  if (which('prosody') === null || which('prosodyctl') === null) {
    return 'prosody is not installed (bash .ci/install-deps.sh installs it): skipping the Prosody integration tests';
  }
  return null;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prosody exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prosody did not listen on port ${port} in time`);
}

const lua = (value: string) => JSON.stringify(value); // a Lua string literal for plain paths

export async function startProsody(): Promise<Prosody> {
  const dir = mkdtempSync(join(tmpdir(), 'xmpp-wasm-prosody-'));
  const [c2sPort, httpPort] = [await freePort(), await freePort()];
  const hasWebSocket = existsSync(join(MODULES, 'mod_websocket.lua'));
  const hasMuc = existsSync(join(MODULES, 'muc'));
  for (const sub of ['data', 'certs']) mkdirSync(join(dir, sub));
  const config = join(dir, 'prosody.cfg.lua');
  const logFile = join(dir, 'prosody.log');
  writeFileSync(
    config,
    [
      `pidfile = ${lua(join(dir, 'prosody.pid'))}`,
      `data_path = ${lua(join(dir, 'data'))}`,
      `certificates = ${lua(join(dir, 'certs'))}`,
      // The tests run as root on CI; this Prosody only ever listens on loopback.
      'run_as_root = true',
      `log = { { levels = { min = "info" }, to = "file", filename = ${lua(logFile)} } }`,
      'interfaces = { "127.0.0.1" }',
      `c2s_ports = { ${c2sPort} }`,
      'c2s_interfaces = { "127.0.0.1" }',
      'c2s_direct_tls_ports = { }',
      'legacy_ssl_ports = { }',
      `http_ports = { ${hasWebSocket ? httpPort : ''} }`,
      'http_interfaces = { "127.0.0.1" }',
      'https_ports = { }',
      // Plaintext on loopback, for the test only: SCRAM works without TLS, and PLAIN is allowed
      // for the raw-socket test.
      'c2s_require_encryption = false',
      'allow_unencrypted_plain_auth = true',
      'authentication = "internal_hashed"',
      'storage = "internal"',
      `modules_enabled = { "roster", "saslauth", "disco", "ping", "posix"${hasWebSocket ? ', "http", "websocket"' : ''} }`,
      'modules_disabled = { "s2s", "tls" }',
      'consider_websocket_secure = true',
      `VirtualHost ${lua(DOMAIN)}`,
      hasMuc ? `Component ${lua(MUC_DOMAIN)} "muc"` : '',
      '',
    ].join('\n'),
  );

  const accounts: [Account, Account] = [
    { username: 'alice', password: 'alice-secret-ü', jid: `alice@${DOMAIN}` },
    { username: 'bob', password: 'bob-secret', jid: `bob@${DOMAIN}` },
  ];
  for (const { username, password } of accounts) {
    const made = spawnSync('prosodyctl', ['--config', config, 'register', username, DOMAIN, password], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (made.status !== 0) throw new Error(`prosodyctl register ${username} failed: ${made.stderr}${made.stdout}`);
  }

  const child = spawn('prosody', ['--config', config, '-F'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (data) => {
    output += data;
  });
  child.stderr!.on('data', (data) => {
    output += data;
  });
  const log = () => output + (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 30_000;
    await waitForPort(c2sPort, child, deadline);
    if (hasWebSocket) await waitForPort(httpPort, child, deadline);
  } catch (error) {
    const text = log();
    await stop();
    throw new Error(`${(error as Error).message}\n${text}`);
  }
  return {
    c2sPort,
    webSocketUrl: hasWebSocket ? `ws://127.0.0.1:${httpPort}/xmpp-websocket` : null,
    muc: hasMuc ? MUC_DOMAIN : null,
    accounts,
    log,
    stop,
  };
}
