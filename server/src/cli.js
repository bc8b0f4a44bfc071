// The command line: `adduser` writes an account's SCRAM keys into a data folder, `start` runs
// the server and prints one line per listening port.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AccountStore, DEFAULT_ITERATIONS } from './accounts.js';
import { startServer, DEFAULT_LIMITS } from './server.js';

const USAGE = `usage:
  xmpp-wasm-server adduser --data DIR [--iterations N] USER PASSWORD
  xmpp-wasm-server start --domain DOMAIN --data DIR [--bind 127.0.0.1] [--c2s-port 5222]
                         [--ws-port 5280 | --no-websocket] [--cert FILE --key FILE]
                         [--rate N] [--rate-burst N] [--max-connections N] [--idle-timeout S]
                         [--max-stanza-bytes N] [--websocket-secure]`;

class UsageError extends Error {}

function integer(value, name, min = 0) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return n;
}

function adduser(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string' }, iterations: { type: 'string' } },
  });
  if (!values.data || positionals.length !== 2) throw new UsageError('adduser needs --data DIR, USER and PASSWORD');
  const iterations = values.iterations === undefined ? DEFAULT_ITERATIONS : integer(values.iterations, 'iterations', 1);
  const name = new AccountStore(values.data).add(positionals[0], positionals[1], iterations);
  console.log(`added ${name} (SCRAM-SHA-1 and SCRAM-SHA-256, ${iterations} iterations) in ${values.data}`);
}

const START_OPTIONS = {
  domain: { type: 'string' },
  data: { type: 'string' },
  bind: { type: 'string', default: '127.0.0.1' },
  'c2s-port': { type: 'string', default: '5222' },
  'ws-port': { type: 'string', default: '5280' },
  'no-websocket': { type: 'boolean' },
  cert: { type: 'string' },
  key: { type: 'string' },
  rate: { type: 'string' },
  'rate-burst': { type: 'string' },
  'max-connections': { type: 'string' },
  'idle-timeout': { type: 'string' },
  'max-stanza-bytes': { type: 'string' },
  'websocket-secure': { type: 'boolean' },
};

function limitsFrom(values) {
  const limits = {};
  if (values.rate !== undefined) limits.rate = integer(values.rate, 'rate');
  if (values['rate-burst'] !== undefined) limits.rateBurst = integer(values['rate-burst'], 'rate-burst', 1);
  if (values['max-connections'] !== undefined) limits.maxConnections = integer(values['max-connections'], 'max-connections', 1);
  if (values['idle-timeout'] !== undefined) limits.idleTimeout = integer(values['idle-timeout'], 'idle-timeout', 1) * 1000;
  if (values['max-stanza-bytes'] !== undefined) limits.maxStanzaBytes = integer(values['max-stanza-bytes'], 'max-stanza-bytes', 10000);
  if (values['websocket-secure']) limits.webSocketSecure = true;
  return limits;
}

async function start(args) {
  const { values } = parseArgs({ args, options: START_OPTIONS });
  if (!values.domain || !values.data) throw new UsageError('start needs --domain DOMAIN and --data DIR');
  if ((values.cert === undefined) !== (values.key === undefined)) throw new UsageError('--cert and --key go together');
  const tls = values.cert === undefined ? undefined : { cert: readFileSync(values.cert), key: readFileSync(values.key) };
  const server = await startServer({
    domain: values.domain,
    dataDir: values.data,
    bind: values.bind,
    c2sPort: integer(values['c2s-port'], 'c2s-port'),
    wsPort: values['no-websocket'] ? null : integer(values['ws-port'], 'ws-port'),
    tls,
    limits: limitsFrom(values),
  });
  console.log(
    `c2s (STARTTLS required) listening on ${values.bind}:${server.ports.c2s} for ${server.domain}${tls ? '' : ' (self-signed certificate)'}`,
  );
  if (server.ports.ws !== null) console.log(`WebSocket listening on ws://${values.bind}:${server.ports.ws}/xmpp-websocket`);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export async function main(argv) {
  const [command, ...args] = argv;
  try {
    if (command === 'adduser') return adduser(args);
    if (command === 'start') return await start(args);
    if (command === '--help' || command === 'help' || command === undefined) return console.log(USAGE);
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError) && error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw error;
    console.error(`xmpp-wasm-server: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
  }
}

export { DEFAULT_LIMITS };
