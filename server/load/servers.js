// The three servers under test, each started on a free loopback port with its own config and
// data folder, the same accounts, the same SCRAM iteration count (4096, ejabberd's fixed value)
// and the same certificate, STARTTLS required, no rate limits. Only what is started here is
// stopped.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccountStore } from '../src/accounts.js';
import { processTree } from './proc.js';

export const DOMAIN = 'example.test';
export const ITERATIONS = 4096;
const SERVER_BIN = fileURLToPath(new URL('../bin/xmpp-wasm-server.js', import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port, child, what, ms = 120_000) {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
  }
  throw new Error(`${what} did not listen on ${port} in time`);
}

function stopChild(child, signal = 'SIGTERM') {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

/** Runs `command` for each account, `parallel` at a time. */
async function forAccounts(accounts, parallel, command) {
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const account = accounts[next++];
      const [file, args, options] = command(account);
      const done = await new Promise((resolve) => {
        const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      if (done.code !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${done.stderr}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

export const servers = {
  'xmpp-wasm': {
    /** `profileDir`: a V8 CPU profile of the whole run is written there when the server exits. */
    async start(dir, accounts, tls, { profileDir } = {}) {
      const data = join(dir, 'data');
      if (!existsSync(join(data, 'accounts.json'))) {
        const store = new AccountStore(data);
        for (const { username, password } of accounts) store.add(username, password, ITERATIONS);
      }
      const port = await freePort();
      const child = spawn(
        process.execPath,
        [
          ...(profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir]),
          SERVER_BIN,
          'start',
          '--domain',
          DOMAIN,
          '--data',
          data,
          '--c2s-port',
          String(port),
          '--no-websocket',
          '--rate',
          '0',
          '--max-connections',
          '100000',
          '--cert',
          tls.certFile,
          '--key',
          tls.keyFile,
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      await waitForPort(port, child, 'xmpp-wasm-server');
      return { port, pid: child.pid, stop: () => stopChild(child) };
    },
  },

  prosody: {
    async start(dir, accounts, tls) {
      const port = await freePort();
      const config = join(dir, 'prosody.cfg.lua');
      const lua = JSON.stringify;
      mkdirSync(join(dir, 'data'), { recursive: true });
      writeFileSync(
        config,
        [
          `pidfile = ${lua(join(dir, 'prosody.pid'))}`,
          `data_path = ${lua(join(dir, 'data'))}`,
          'run_as_root = true',
          `log = { { levels = { min = "warn" }, to = "file", filename = ${lua(join(dir, 'prosody.log'))} } }`,
          'interfaces = { "127.0.0.1" }',
          `c2s_ports = { ${port} }`,
          'c2s_interfaces = { "127.0.0.1" }',
          'c2s_direct_tls_ports = { }',
          'legacy_ssl_ports = { }',
          'http_ports = { }',
          'https_ports = { }',
          'c2s_require_encryption = true',
          'authentication = "internal_hashed"',
          'storage = "internal"',
          `default_iteration_count = ${ITERATIONS}`,
          'c2s_stanza_size_limit = 262144',
          'modules_enabled = { "roster", "saslauth", "tls", "disco", "ping" }',
          'modules_disabled = { "s2s", "offline", "limits" }',
          `ssl = { certificate = ${lua(tls.certFile)}, key = ${lua(tls.keyFile)} }`,
          `VirtualHost ${lua(DOMAIN)}`,
          '',
        ].join('\n'),
      );
      if (!existsSync(join(dir, 'data', 'example%2etest', 'accounts'))) {
        await forAccounts(accounts, 4, ({ username, password }) => [
          'prosodyctl',
          ['--config', config, 'register', username, DOMAIN, password],
        ]);
      }
      const child = spawn('prosody', ['--config', config, '-F'], { stdio: ['ignore', 'ignore', 'inherit'] });
      await waitForPort(port, child, 'prosody');
      return { port, pid: child.pid, stop: () => stopChild(child) };
    },
  },

  ejabberd: {
    async start(dir, accounts, tls) {
      const port = await freePort();
      for (const sub of ['spool', 'logs']) mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, 'cert-and-key.pem'), `${tls.cert}\n${tls.key}`);
      writeFileSync(join(dir, 'ejabberd.yml'), ejabberdConfig(port, join(dir, 'cert-and-key.pem')));
      // Our own ctl config: the node name, and Erlang's distribution and port mapper on loopback.
      writeFileSync(
        join(dir, 'ejabberdctl.cfg'),
        'ERLANG_NODE=xmppbench@localhost\nINET_DIST_INTERFACE=127.0.0.1\nERL_EPMD_ADDRESS=127.0.0.1\n',
      );
      chownTree(dir, 'ejabberd');
      const ctl = [
        '--config-dir',
        dir,
        '--config',
        join(dir, 'ejabberd.yml'),
        '--ctl-config',
        join(dir, 'ejabberdctl.cfg'),
        '--spool',
        join(dir, 'spool'),
        '--logs',
        join(dir, 'logs'),
      ];
      const child = spawn(...asEjabberd([...ctl, 'foreground'], { stdio: ['ignore', 'ignore', 'inherit'] }));
      await waitForPort(port, child, 'ejabberd');
      if (!existsSync(join(dir, 'registered'))) {
        await forAccounts(accounts, 4, ({ username, password }) => asEjabberd([...ctl, 'register', username, DOMAIN, password]));
        writeFileSync(join(dir, 'registered'), '');
      }
      const tree = processTree(child.pid);
      const stop = async () => {
        spawnSync(...asEjabberd([...ctl, 'stop'], { stdio: 'ignore', timeout: 60_000 }));
        await stopChild(child);
        // The node outlives ejabberdctl at times: end what this start began, by process id.
        for (const pid of tree) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {}
        }
      };
      return { port, pid: child.pid, stop };
    },
  },
};

/**
 * ejabberdctl run as the ejabberd user directly (Debian's ejabberdctl requires that user): when
 * started as root it switches with su, whose PAM session drops the open-file limit to 1024, and
 * ejabberd would refuse the idle phase's connections. setpriv keeps the limit the other servers get.
 */
function asEjabberd(args, options = {}) {
  const setpriv = ['--reuid=ejabberd', '--regid=ejabberd', '--init-groups', '--', 'ejabberdctl', ...args];
  return ['setpriv', setpriv, { ...options, env: { ...process.env, HOME: '/var/lib/ejabberd' } }];
}

function ejabberdConfig(port, certfile) {
  return `hosts: ["${DOMAIN}"]
loglevel: warning
certfiles: ["${certfile}"]
listen:
  - port: ${port}
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls_required: true
    max_stanza_size: 262144
    backlog: 1024
auth_method: internal
auth_password_format: scram
auth_scram_hash: sha
acl: {}
access_rules:
  c2s: {allow: all}
  local: {allow: all}
shaper_rules:
  max_user_sessions: 100000
modules:
  mod_roster: {}
  mod_disco: {}
  mod_ping: {}
`;
}

function chownTree(path, user) {
  const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout);
  const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout);
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), user);
}
