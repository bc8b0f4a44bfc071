// Amplification: what hostile inputs cost beside ordinary traffic of the same size, fed with the
// same writes. Each shape has a hostile input and an ordinary one; xmpp-wasm, saxes and ltx parse
// the same bytes, each measurement in its own process, timed by CPU time (process.cpuUsage), so
// a machine busy with other work slows the figures less than it would wall time.
//
//   npm run amplification                        builds, then every shape, 3 rounds (ranges over rounds)
//   node bench/amplification.mjs --rounds 1 --shapes charref-text-1b,prefix-stanza
//   node bench/amplification.mjs --markdown      the table as docs/hostile-input.md shows it
//
// The ratio is ordinary MB/s ÷ hostile MB/s for xmpp-wasm (targets: at most 4×, 20× for the
// prefix-declaration stanza); "saxes ÷ xmpp-wasm" is how much faster saxes parses the hostile
// bytes (target: at most 2×).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";
const SUCCESS = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
const KIB = 1024;

/** A stanza with `count` attributes of `valueBytes` each (values from `value`). */
const attributeStanza = (count, valueBytes, value) =>
  `<message${Array.from({ length: count }, (_, i) => ` a${i}="${value(valueBytes)}"`).join('')}/>`;

/** 63 attributes of `valueBytes` (ordinary: 63 child elements with text of about that size). */
function attributeShape(valueBytes, write) {
  const child = (i) => {
    const name = `a${String(i).padStart(2, '0')}`;
    return `<${name}>${'v'.repeat(valueBytes - 10)}</${name}>`;
  };
  return {
    what: `63 attributes of ${valueBytes.toLocaleString('en')} bytes, ${write === 1 ? '1-byte' : `${write / KIB} KiB`} writes`,
    hostile: () => attributeStanza(63, valueBytes, (n) => 'v'.repeat(n)),
    ordinary: () => `<message>${Array.from({ length: 63 }, (_, i) => child(i)).join('')}</message>`,
    write,
  };
}

/** `levels` nested elements, each with `perLevel` attributes made by `attr`, then `inner` at the bottom. */
function nested(levels, perLevel, attr, inner) {
  let open = '';
  let close = '';
  for (let level = 0; level < levels; level++) {
    const name = level === 0 ? 'message' : `l${level}`;
    open += `<${name}${Array.from({ length: perLevel }, (_, i) => attr(level, i)).join('')}>`;
    close = `</${name}>` + close;
  }
  return open + inner + close;
}

// 14-character prefixes, as in the report that found the shape.
const prefix = (level, i) => `p${String(level).padStart(6, '0')}${String(i).padStart(7, '0')}`;

/** The prefix stanza: 62 levels × 63 declarations, then names in the oldest prefix up to ~256 KiB. */
function prefixStanza(prefixed) {
  const levels = 62;
  const perLevel = 63;
  const attr = prefixed ? (level, i) => ` xmlns:${prefix(level, i)}="u"` : (level, i) => ` a${prefix(level, i)}="u"`;
  const name = prefixed ? `${prefix(0, 0)}:e` : `a${prefix(0, 0)}e`;
  const shell = nested(levels, perLevel, attr, '');
  const element = `<${name}/>`;
  const count = Math.floor((250 * KIB - shell.length) / element.length);
  return nested(levels, perLevel, attr, element.repeat(count));
}

/**
 * Each shape: the stream's bytes after the header (hostile and ordinary, the same length within a
 * few bytes), the write size, and `resets` when a listener resets the stream after <success/>.
 */
const shapes = {
  // XML 1.0 §4.1 allows any number of leading zeros in a character reference.
  'charref-text-1b': {
    what: '`&#` + 32 KiB of zeros + `65;` in a body, 1-byte writes',
    hostile: () => `<message><body>&#${'0'.repeat(32 * KIB)}65;</body></message>`,
    ordinary: () => `<message><body>${'x'.repeat(32 * KIB + 3)}</body></message>`,
    write: 1,
  },
  'charref-text-16k': {
    what: 'the same with 256 KiB of zeros (a whole stanza), 16 KiB writes',
    hostile: () => `<message><body>&#${'0'.repeat(250 * KIB)}65;</body></message>`,
    ordinary: () => `<message><body>${'x'.repeat(250 * KIB + 3)}</body></message>`,
    write: 16 * KIB,
  },
  'charref-attribute-1b': {
    what: '`&#` + 32 KiB of zeros in an attribute value, 1-byte writes',
    hostile: () => `<message id="&#${'0'.repeat(32 * KIB)}65;"/>`,
    ordinary: () => `<message id="${'x'.repeat(32 * KIB + 3)}"/>`,
    write: 1,
  },
  'cdata-1b': {
    what: 'a 32 KiB CDATA section of `]`, 1-byte writes',
    hostile: () => `<message><body><![CDATA[${']'.repeat(32 * KIB)}]]></body></message>`,
    ordinary: () => `<message><body>${'x'.repeat(32 * KIB + 12)}</body></message>`,
    write: 1,
  },
  'long-names-1b': {
    what: '32 elements with 1,000-byte names, 1-byte writes',
    hostile: () =>
      `<message>${Array.from({ length: 32 }, (_, i) => `<${'n'.repeat(996)}${String(i).padStart(4, '0')}/>`).join('')}</message>`,
    ordinary: () => `<message>${Array.from({ length: 32 }, () => `<body>${'x'.repeat(990)}</body>`).join('')}</message>`,
    write: 1,
  },
  'attributes-1b': attributeShape(500, 1),
  'attributes-16k': attributeShape(4000, 16 * KIB),
  'xml-declaration-1b': {
    what: 'an XML declaration with 32 KiB of spaces, 1-byte writes (a new stream)',
    header: '',
    hostile: () => `<?xml version='1.0'${' '.repeat(32 * KIB)}?>` + HEADER.slice(HEADER.indexOf('?>') + 2) + '<message/>',
    ordinary: () => HEADER + `<message><body>${'x'.repeat(32 * KIB - 20)}</body></message>`,
    write: 1,
  },
  'stream-header-1b': {
    what: 'a stream header with a 32 KiB id, 1-byte writes (a new stream)',
    header: '',
    hostile: () => HEADER.replace("version='1.0'>", `version='1.0' id='${'i'.repeat(32 * KIB)}'>`) + '<message/>',
    ordinary: () => HEADER + `<message><body>${'x'.repeat(32 * KIB - 20)}</body></message>`,
    write: 1,
  },
  'prefix-stanza': {
    what: 'one ~256 KiB stanza: 62 levels × 63 prefix declarations, names in the oldest prefix, one write',
    hostile: () => prefixStanza(true),
    ordinary: () => prefixStanza(false),
    write: 0,
  },
  restarts: {
    what: '1 MiB of short streams, each reset after `<success/>` in the listener, one write (ordinary: one stream per write)',
    header: '',
    hostile: () => sessions().join(''),
    ordinary: () => sessions(),
    write: 0,
    resets: true,
  },
};

function sessions() {
  const list = [];
  for (let length = 0, i = 0; length < KIB * KIB; i++) {
    list.push(`${HEADER}<iq type='get' id='${i}'><ping xmlns='urn:xmpp:ping'/></iq>${SUCCESS}`);
    length += list[i].length;
  }
  return list;
}

const encoder = new TextEncoder();

/** The writes of one run: the header, then the body in writes of `size` bytes (0: one write; an array: one write each). */
function writesOf(shape, variant) {
  const body = shape[variant]();
  const header = shape.header ?? HEADER;
  const writes = header ? [encoder.encode(header)] : [];
  if (Array.isArray(body)) return [...writes, ...body.map((part) => encoder.encode(part))];
  const bytes = encoder.encode(body);
  const size = shape.write || bytes.length;
  for (let at = 0; at < bytes.length; at += size) writes.push(bytes.subarray(at, at + size));
  return writes;
}

// ---------------------------------------------------------------- one measurement (a child)

async function parserFor(name) {
  if (name === 'xmpp-wasm') {
    const { StreamParser, ready } = await import('../dist/index.js');
    await ready;
    return (onElement) => {
      const parser = new StreamParser();
      parser.on('element', (element) => onElement(element, () => parser.reset()));
      parser.on('error', (error) => {
        throw error;
      });
      return parser;
    };
  }
  const { createParser } = await import(name === 'saxes' ? './peers/saxes.mjs' : './peers/ltx.mjs');
  return (onElement) => {
    let parser;
    parser = createParser((element) => onElement(element, () => parser.reset()));
    return parser;
  };
}

async function measure(shapeName, asked, parserName) {
  const shape = shapes[shapeName];
  // The peers cannot restart inside a write: for them a reset comes between writes.
  const variant = shape.resets && parserName !== 'xmpp-wasm' ? 'ordinary' : asked;
  const writes = writesOf(shape, variant);
  const bytes = writes.reduce((sum, w) => sum + w.length, 0);
  const create = await parserFor(parserName);
  const resetsBetweenWrites = shape.resets && variant === 'ordinary';
  const resetInListener = shape.resets && !resetsBetweenWrites;
  let elements = 0;
  const once = () => {
    const parser = create((element, reset) => {
      elements++;
      if (resetInListener && element.name === 'success') reset();
    });
    for (let i = 0; i < writes.length; i++) {
      if (resetsBetweenWrites && i > 0) parser.reset();
      parser.write(Buffer.from(writes[i].buffer, writes[i].byteOffset, writes[i].length));
    }
    parser.end();
  };
  once(); // warm-up, and the element count
  if (elements === 0) throw new Error(`${parserName} delivered no element for ${shapeName} ${variant}`);
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const started = cpu();
  let runs = 0;
  do {
    once();
    runs++;
  } while (cpu() - started < 300);
  const milliseconds = (cpu() - started) / runs;
  return { bytes, writes: writes.length, milliseconds, mbps: bytes / 1e6 / (milliseconds / 1000) };
}

// ---------------------------------------------------------------- the table (the parent)

const script = fileURLToPath(import.meta.url);

function runChild(shape, variant, parser) {
  const run = spawnSync(process.execPath, [script, '--child', shape, variant, parser], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) return { error: (run.stderr || run.error?.message || 'failed').trim().split('\n').slice(-1)[0] };
  return JSON.parse(run.stdout);
}

const range = (values) => {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return '—';
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  return lo === hi || fmt(lo) === fmt(hi) ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
};

async function main() {
  const { values } = parseArgs({
    options: {
      child: { type: 'boolean' },
      rounds: { type: 'string', default: '3' },
      shapes: { type: 'string' },
      markdown: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: false,
  });
  if (values.child) {
    const [shape, variant, parser] = process.argv.slice(3);
    console.log(JSON.stringify(await measure(shape, variant, parser)));
    return;
  }
  const names = values.shapes ? values.shapes.split(',') : Object.keys(shapes);
  const rounds = Number(values.rounds);
  const rows = [];
  for (const name of names) {
    if (!shapes[name]) throw new Error(`unknown shape ${name}; one of ${Object.keys(shapes).join(', ')}`);
    const figures = { ordinary: [], hostile: [], ratio: [], saxes: [], ltx: [], saxesVsOurs: [] };
    for (let round = 0; round < rounds; round++) {
      const ordinary = runChild(name, 'ordinary', 'xmpp-wasm');
      const hostile = runChild(name, 'hostile', 'xmpp-wasm');
      const saxes = runChild(name, 'hostile', 'saxes');
      const ltx = runChild(name, 'hostile', 'ltx');
      for (const r of [ordinary, hostile, saxes, ltx]) if (r.error) console.error(`${name}: ${r.error}`);
      figures.ordinary.push(ordinary.mbps);
      figures.hostile.push(hostile.mbps);
      figures.ratio.push(ordinary.mbps / hostile.mbps);
      figures.saxes.push(saxes.mbps);
      figures.ltx.push(ltx.mbps);
      figures.saxesVsOurs.push(saxes.mbps / hostile.mbps);
      if (round === 0) figures.bytes = hostile.bytes ?? ordinary.bytes;
    }
    const row = [
      name,
      shapes[name].what,
      String(figures.bytes),
      range(figures.ordinary),
      range(figures.hostile),
      `${range(figures.ratio)}×`,
      range(figures.saxes),
      range(figures.ltx),
      `${range(figures.saxesVsOurs)}×`,
    ];
    rows.push(row);
    if (!values.markdown) console.log(row.join(' | '));
  }
  const head = ['shape', 'input', 'bytes', 'ordinary MB/s', 'hostile MB/s', 'ratio', 'saxes MB/s', 'ltx MB/s', 'saxes ÷ xmpp-wasm'];
  console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

await main();
