// Benchmark corpora: realistic XMPP byte streams generated deterministically from a seed, and
// the real captures in test/fixtures/captures replayed with their recorded read sizes.
//
// The generator builds each stanza as a tree first and serializes it second, so the expected
// stanza count and per-stanza checksums come from the tree itself, not from any parser.
//
//   node bench/corpus.mjs                 writes every generated corpus to bench/.corpus/
//   node bench/corpus.mjs c2s-1mb small   only these
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChecksum } from './checksum.mjs';
import { streamRestartOffsets } from '../dist/parser/restart.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const cacheDir = join(benchDir, '.corpus');
const capturesDir = join(benchDir, '..', 'test', 'fixtures', 'captures');

// Bump when the generator's output changes, so cached corpora are rebuilt.
const GENERATOR_VERSION = 5;

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG (sfc32 seeded through splitmix32): the same seed gives the same bytes on
// every machine and Node version, which Math.random cannot promise.

export function createRandom(seed) {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(),
    b = splitmix(),
    c = splitmix(),
    d = splitmix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const random = {
    next,
    float: () => next() / 4294967296,
    int: (n) => Math.floor((next() / 4294967296) * n),
    range: (min, max) => min + Math.floor((next() / 4294967296) * (max - min + 1)),
    chance: (p) => next() / 4294967296 < p,
    pick: (list) => list[Math.floor((next() / 4294967296) * list.length)],
    bytes(n) {
      const out = Buffer.allocUnsafe(n);
      for (let i = 0; i < n; i += 4) {
        const v = next();
        out[i] = v & 255;
        if (i + 1 < n) out[i + 1] = (v >>> 8) & 255;
        if (i + 2 < n) out[i + 2] = (v >>> 16) & 255;
        if (i + 3 < n) out[i + 3] = v >>> 24;
      }
      return out;
    },
    /** Picks a key of `weights` ({ key: weight }) in proportion to its weight. */
    weighted(weights) {
      const entries = Object.entries(weights);
      let total = 0;
      for (const [, w] of entries) total += w;
      let r = (next() / 4294967296) * total;
      for (const [key, w] of entries) if ((r -= w) < 0) return key;
      return entries[entries.length - 1][0];
    },
  };
  return random;
}

// ---------------------------------------------------------------------------------------------
// The element model and its serializer. Elements are ltx-shaped, so the checksum code that
// reads parsers' output reads the model too.

const element = (name, attrs = {}, ...children) => {
  const kept = [];
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    kept.push(child);
  }
  return { name, attrs, children: kept };
};

/** Serializes an element the way a real XMPP library would, varying only what XML allows. */
function createSerializer(random) {
  const hex = (cp) => (random.chance(0.5) ? `&#x${cp.toString(16).toUpperCase()};` : `&#${cp};`);
  const characterReference = (ch) => hex(ch.codePointAt(0));

  function escapeText(text, useCharRefs) {
    let out = '';
    for (const ch of text) {
      if (ch === '&') out += random.chance(0.9) ? '&amp;' : '&#38;';
      else if (ch === '<') out += random.chance(0.9) ? '&lt;' : '&#60;';
      else if (ch === '>') out += '&gt;';
      else if (ch === '"') out += random.chance(0.3) ? '&quot;' : '"';
      else if (ch === "'") out += random.chance(0.3) ? '&apos;' : "'";
      else if (useCharRefs && ch.codePointAt(0) > 127 && random.chance(0.4)) out += characterReference(ch);
      else out += ch;
    }
    return out;
  }

  function escapeAttr(value, quote) {
    let out = '';
    for (const ch of value) {
      if (ch === '&') out += '&amp;';
      else if (ch === '<') out += '&lt;';
      else if (ch === '>') out += random.chance(0.5) ? '&gt;' : '>';
      else if (ch === quote) out += quote === '"' ? '&quot;' : '&apos;';
      else out += ch;
    }
    return out;
  }

  function write(node, style, out) {
    out.push('<', node.name);
    for (const key of Object.keys(node.attrs)) {
      out.push(' ', key, '=', style.quote, escapeAttr(String(node.attrs[key]), style.quote), style.quote);
    }
    if (node.children.length === 0 && style.selfClose) {
      out.push(style.spaceBeforeSlash ? ' />' : '/>');
      return;
    }
    out.push('>');
    for (const child of node.children) {
      if (typeof child === 'string') out.push(escapeText(child, style.charRefs));
      else write(child, style, out);
    }
    out.push('</', node.name, '>');
  }

  return function serialize(node) {
    const style = {
      quote: random.chance(0.5) ? "'" : '"',
      charRefs: random.chance(0.15),
      selfClose: random.chance(0.95),
      spaceBeforeSlash: random.chance(0.2),
    };
    const out = [];
    write(node, style, out);
    return out.join('');
  };
}

/** Indents an element whose children are all elements, as some clients send them. */
function prettyPrint(node, depth = 1) {
  if (node.children.length === 0 || node.children.some((c) => typeof c === 'string')) return node;
  const indent = (d) => '\n' + '  '.repeat(d);
  const children = [];
  for (const child of node.children) children.push(indent(depth), prettyPrint(child, depth + 1));
  children.push(indent(depth - 1));
  return { ...node, children };
}

// ---------------------------------------------------------------------------------------------
// Realistic content.

const words = {
  english: [
    'hello',
    'meeting',
    'tomorrow',
    'at',
    'the',
    'office',
    'coffee',
    'sounds',
    'good',
    'see',
    'you',
    'later',
    'deploy',
    'is',
    'done',
    'thanks',
    'for',
    'the',
    'update',
    'ok',
  ],
  german: ['Grüße', 'aus', 'München', 'schön', 'dass', 'du', 'da', 'bist', 'Straße', 'Übermorgen', 'größer', 'Häuschen', 'bitte'],
  french: ['à', 'bientôt', 'ça', 'va', 'très', 'bien', 'déjà', 'été', 'garçon', 'où', 'es-tu', 'Noël'],
  polish: ['cześć', 'dziękuję', 'źródło', 'łódź', 'żółć', 'jutro', 'świetnie'],
  vietnamese: ['xin', 'chào', 'Việt', 'Nam', 'cảm', 'ơn', 'bạn', 'nhiều', 'tiếng'],
  russian: ['привет', 'как', 'дела', 'увидимся', 'завтра', 'в', 'офисе', 'спасибо', 'отлично', 'ёлка', 'щука'],
  ukrainian: ['привіт', 'дякую', 'їжак', 'ґанок', 'добре', 'побачимось'],
  greek: ['γειά', 'σου', 'τι', 'κάνεις', 'ευχαριστώ', 'πολύ', 'καλημέρα', 'αύριο', 'ψυχή'],
  arabic: ['مرحبا', 'كيف', 'حالك', 'شكرا', 'جزيلا', 'إلى', 'اللقاء', 'غدا', 'في', 'المكتب'],
  hebrew: ['שלום', 'מה', 'שלומך', 'תודה', 'רבה', 'להתראות', 'מחר', 'במשרד'],
  chinese: ['你好', '明天', '见', '谢谢', '我们', '开会', '没问题', '好的', '朋友', '𠜎𠝹'],
  japanese: ['こんにちは', 'ありがとう', 'ございます', '明日', '会議', 'です', 'カタカナ', 'よろしく'],
  korean: ['안녕하세요', '감사합니다', '내일', '만나요', '회의', '좋아요'],
  hindi: ['नमस्ते', 'धन्यवाद', 'कल', 'मिलते', 'हैं', 'कार्यालय', 'में', 'ठीक', 'है'],
  thai: ['สวัสดี', 'ขอบคุณ', 'พรุ่งนี้', 'เจอกัน'],
};
const emoji = ['😀', '😂', '🎉', '👍🏽', '👨‍👩‍👧', '🇩🇪', '🇯🇵', '❤️', '🤖', '🔥', '✅', '🙏', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '🏳️‍🌈', '☕'];
// How often each script is chosen for a body: mostly Latin, as on most public servers.
const scriptWeights = {
  english: 30,
  german: 6,
  french: 6,
  polish: 3,
  vietnamese: 3,
  russian: 8,
  ukrainian: 3,
  greek: 3,
  arabic: 5,
  hebrew: 3,
  chinese: 8,
  japanese: 6,
  korean: 4,
  hindi: 4,
  thai: 2,
};

const localparts = ['alice', 'bob', 'carol', 'dave', 'eve', 'mallory', 'trent', 'peggy', 'victor', 'walter', 'zoe', 'oscar'];
const internationalLocalparts = ['jürgen', 'françois', 'мария', 'δημήτρης', '李雷', 'さくら', 'محمد', 'דוד', 'राहुल', 'zoë'];
const domains = ['example.org', 'jabber.example', 'xmpp.example.net', 'chat.example.com', 'im.example.de'];
const resources = ['gajim.X4Y2QZ', 'Conversations.abcd', 'slixmpp', 'phone', 'laptop-7f3a', 'Dino.a1b2c3', 'Monal-iOS.51e3', 'xmpp.js'];
const groups = ['Friends', 'Family', 'Work', 'Coworkers', 'Друзья', 'Familie', '家族', 'Club & Co', 'Ελλάδα', 'אנשים'];
const features = [
  'http://jabber.org/protocol/caps',
  'http://jabber.org/protocol/disco#info',
  'http://jabber.org/protocol/disco#items',
  'http://jabber.org/protocol/muc',
  'http://jabber.org/protocol/chatstates',
  'http://jabber.org/protocol/ibb',
  'http://jabber.org/protocol/si',
  'http://jabber.org/protocol/si/profile/file-transfer',
  'http://jabber.org/protocol/xhtml-im',
  'jabber:iq:version',
  'jabber:iq:last',
  'jabber:x:conference',
  'jabber:x:data',
  'urn:xmpp:ping',
  'urn:xmpp:time',
  'urn:xmpp:receipts',
  'urn:xmpp:carbons:2',
  'urn:xmpp:mam:2',
  'urn:xmpp:message-correct:0',
  'urn:xmpp:chat-markers:0',
  'urn:xmpp:jingle:1',
  'urn:xmpp:jingle:apps:rtp:1',
  'urn:xmpp:jingle:apps:rtp:audio',
  'urn:xmpp:jingle:apps:rtp:video',
  'urn:xmpp:jingle:transports:ice-udp:1',
  'urn:xmpp:avatar:metadata+notify',
  'urn:xmpp:microblog:0+notify',
  'http://jabber.org/protocol/nick+notify',
  'http://jabber.org/protocol/tune+notify',
  'eu.siacs.conversations.axolotl.devicelist+notify',
  'urn:xmpp:bookmarks:1+notify',
  'urn:xmpp:reactions:0',
  'urn:xmpp:reply:0',
  'urn:xmpp:sid:0',
  'urn:xmpp:hints',
];

function createContent(random) {
  let clock = Date.UTC(2026, 0, 1, 8, 0, 0);
  const content = {
    id: () => {
      if (random.chance(0.4))
        return random
          .bytes(16)
          .toString('hex')
          .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
      const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
      let s = '';
      for (let i = random.range(8, 24); i > 0; i--) s += alphabet[random.int(alphabet.length)];
      return s;
    },
    localpart: () => random.pick(random.chance(0.15) ? internationalLocalparts : localparts),
    bare: () => `${content.localpart()}@${random.pick(domains)}`,
    full: () => `${content.bare()}/${random.pick(resources)}`,
    room: () => `${random.pick(['dev', 'lounge', 'support', 'разработка', 'café', 'général'])}@conference.${random.pick(domains)}`,
    stamp: () => {
      clock += random.range(100, 90_000);
      return new Date(clock).toISOString().replace(/\.\d+Z$/, random.chance(0.5) ? 'Z' : '.123Z');
    },
    base64: (min, max) => random.bytes(random.range(min, max)).toString('base64'),
    script: () => random.weighted(scriptWeights),
    phrase(script = content.script(), count = random.range(2, 14)) {
      const list = words[script];
      const out = [];
      for (let i = 0; i < count; i++) out.push(random.pick(list));
      return out.join(' ');
    },
    /** A message body: mostly one script, sometimes mixed, with emoji and XML-special characters. */
    body() {
      const parts = [content.phrase()];
      if (random.chance(0.3)) parts.push(content.phrase());
      if (random.chance(0.35)) parts.push(random.pick(emoji) + (random.chance(0.3) ? random.pick(emoji) : ''));
      if (random.chance(0.12))
        parts.push(random.pick(['<&>"\'', 'a < b && c > d', 'Tom & Jerry', '"quoted" \'single\'', 'x<y>z', '&amp; literally']));
      if (random.chance(0.08))
        parts.push(`https://example.org/search?q=${random.pick(['xmpp', 'wasm'])}&lang=${random.pick(['en', 'de'])}`);
      let text = parts.join(random.chance(0.1) ? '\n' : ' ');
      if (random.chance(0.04)) text = '\t' + text + '\n';
      if (random.chance(0.03)) text = content.phrase('english', random.range(80, 300));
      return text;
    },
    caps: () =>
      element('c', {
        xmlns: 'http://jabber.org/protocol/caps',
        hash: 'sha-1',
        node: random.pick(['https://gajim.org', 'http://conversations.im', 'https://dino.im', 'https://xmpp.js.org']),
        ver: random.bytes(20).toString('base64'),
      }),
  };
  return content;
}

// ---------------------------------------------------------------------------------------------
// Stanzas.

function createStanzas(random, content, ns) {
  const { id, bare, full, room, stamp, body, caps, phrase } = content;
  const chatState = () =>
    element(random.pick(['active', 'composing', 'paused', 'inactive', 'gone']), { xmlns: 'http://jabber.org/protocol/chatstates' });

  const chatMessageChildren = () => [
    element('body', {}, body()),
    random.chance(0.1) &&
      element(
        'html',
        { xmlns: 'http://jabber.org/protocol/xhtml-im' },
        element(
          'body',
          { xmlns: 'http://www.w3.org/1999/xhtml' },
          element(
            'p',
            {},
            phrase(),
            ' ',
            element('strong', {}, phrase()),
            ' ',
            element('em', { style: 'color: #c00' }, phrase()),
            random.pick(emoji),
          ),
        ),
      ),
    random.chance(0.7) && element('active', { xmlns: 'http://jabber.org/protocol/chatstates' }),
    random.chance(0.6) && element('origin-id', { xmlns: 'urn:xmpp:sid:0', id: id() }),
    random.chance(0.4) && element('request', { xmlns: 'urn:xmpp:receipts' }),
    random.chance(0.4) && element('markable', { xmlns: 'urn:xmpp:chat-markers:0' }),
    random.chance(0.3) && element('stanza-id', { xmlns: 'urn:xmpp:sid:0', id: id(), by: bare() }),
  ];
  const chat = () =>
    element(
      'message',
      {
        from: full(),
        to: full(),
        type: 'chat',
        id: id(),
        ...(random.chance(0.5) && { 'xml:lang': random.pick(['en', 'de', 'ru', 'ja', 'ar']) }),
      },
      chatMessageChildren(),
    );
  const forwarded = (inner) =>
    element('forwarded', { xmlns: 'urn:xmpp:forward:0' }, element('delay', { xmlns: 'urn:xmpp:delay', stamp: stamp() }), inner);

  return {
    chat,
    chatState: () => element('message', { to: full(), type: 'chat', id: id() }, chatState()),
    presence: () =>
      element(
        'presence',
        { from: full(), ...(random.chance(0.5) && { to: bare() }), id: id() },
        random.chance(0.5) && element('show', {}, random.pick(['away', 'chat', 'dnd', 'xa'])),
        random.chance(0.6) && element('status', {}, body()),
        element('priority', {}, String(random.range(-1, 50))),
        caps(),
        random.chance(0.4) && element('x', { xmlns: 'vcard-temp:x:update' }, element('photo', {}, random.bytes(20).toString('hex'))),
        random.chance(0.2) && element('delay', { xmlns: 'urn:xmpp:delay', from: bare(), stamp: stamp() }),
      ),
    mucPresence: () =>
      element(
        'presence',
        { from: `${room()}/${content.localpart()}`, to: full(), id: id() },
        caps(),
        element(
          'x',
          { xmlns: 'http://jabber.org/protocol/muc#user' },
          element('item', {
            affiliation: random.pick(['owner', 'admin', 'member', 'none']),
            role: random.pick(['moderator', 'participant', 'visitor']),
            ...(random.chance(0.5) && { jid: full() }),
          }),
          random.chance(0.3) && element('status', { code: '110' }),
          random.chance(0.2) && element('status', { code: '100' }),
        ),
        element('occupant-id', { xmlns: 'urn:xmpp:occupant-id:0', id: content.base64(16, 32) }),
      ),
    groupchat: () =>
      element(
        'message',
        { from: `${room()}/${content.localpart()}`, to: full(), type: 'groupchat', id: id(), 'xml:lang': 'en' },
        element('body', {}, body()),
        element('stanza-id', { xmlns: 'urn:xmpp:sid:0', id: id(), by: room() }),
        element('occupant-id', { xmlns: 'urn:xmpp:occupant-id:0', id: content.base64(16, 32) }),
      ),
    rosterResult: () => {
      const items = [];
      for (let n = random.range(50, 200); n > 0; n--) {
        const itemGroups = [];
        for (let g = random.range(0, 2); g > 0; g--) itemGroups.push(element('group', {}, random.pick(groups)));
        items.push(
          element(
            'item',
            {
              jid: bare(),
              ...(random.chance(0.8) && { name: phrase(content.script(), random.range(1, 2)) }),
              subscription: random.pick(['both', 'to', 'from', 'none']),
              ...(random.chance(0.05) && { ask: 'subscribe' }),
            },
            itemGroups,
          ),
        );
      }
      return element('iq', { type: 'result', id: id(), to: full() }, element('query', { xmlns: 'jabber:iq:roster', ver: id() }, items));
    },
    discoInfoResult: () => {
      const offered = features.filter(() => random.chance(0.7));
      return element(
        'iq',
        { type: 'result', id: id(), from: full(), to: full() },
        element(
          'query',
          { xmlns: 'http://jabber.org/protocol/disco#info', node: `https://gajim.org#${random.bytes(20).toString('base64')}` },
          element('identity', {
            category: 'client',
            type: random.pick(['pc', 'phone', 'web']),
            name: random.pick(['Gajim', 'Conversations', 'Dino', 'Monal']),
          }),
          random.chance(0.5) && element('identity', { category: 'client', type: 'pc', name: 'Гаджим', 'xml:lang': 'ru' }),
          offered.map((v) => element('feature', { var: v })),
          element(
            'x',
            { xmlns: 'jabber:x:data', type: 'result' },
            element('field', { var: 'FORM_TYPE', type: 'hidden' }, element('value', {}, 'urn:xmpp:dataforms:softwareinfo')),
            element('field', { var: 'os' }, element('value', {}, random.pick(['Linux', 'Windows', 'Android', 'iOS']))),
            element('field', { var: 'software' }, element('value', {}, random.pick(['Gajim', 'Conversations', 'Dino']))),
            element(
              'field',
              { var: 'software_version' },
              element('value', {}, `${random.range(1, 2)}.${random.range(0, 9)}.${random.range(0, 20)}`),
            ),
          ),
        ),
      );
    },
    pepItem: () =>
      element(
        'message',
        { from: bare(), to: full(), type: 'headline', id: id() },
        element(
          'event',
          { xmlns: 'http://jabber.org/protocol/pubsub#event' },
          element(
            'items',
            { node: 'urn:xmpp:microblog:0' },
            element(
              'item',
              { id: id(), publisher: bare() },
              element(
                'entry',
                { xmlns: 'http://www.w3.org/2005/Atom' },
                element('title', { type: 'text' }, phrase()),
                element('author', {}, element('name', {}, phrase(content.script(), 2)), element('uri', {}, `xmpp:${bare()}`)),
                element('published', {}, stamp()),
                element('updated', {}, stamp()),
                element('content', { type: random.pick(['text', 'html']) }, body() + ' ' + body()),
                element('link', { rel: 'alternate', type: 'text/html', href: `https://blog.example.org/${id()}?a=1&b=2` }),
                element('id', {}, `tag:${random.pick(domains)},2026:${id()}`),
              ),
            ),
          ),
        ),
      ),
    mamResult: () =>
      element(
        'message',
        { to: full(), id: id() },
        element(
          'result',
          { xmlns: 'urn:xmpp:mam:2', queryid: id(), id: id() },
          forwarded(element('message', { xmlns: ns, from: full(), to: bare(), type: 'chat', id: id() }, chatMessageChildren())),
        ),
      ),
    carbon: () => {
      const me = bare();
      return element(
        'message',
        { from: me, to: `${me}/${random.pick(resources)}`, type: 'chat' },
        element(
          random.pick(['received', 'sent']),
          { xmlns: 'urn:xmpp:carbons:2' },
          forwarded(element('message', { xmlns: ns, from: full(), to: full(), type: 'chat', id: id() }, chatMessageChildren())),
        ),
      );
    },
    ibbData: () =>
      element(
        'iq',
        { from: full(), to: full(), type: 'set', id: id() },
        element(
          'data',
          { xmlns: 'http://jabber.org/protocol/ibb', seq: String(random.range(0, 65535)), sid: id() },
          content.base64(4096, 32768),
        ),
      ),
    vcard: () => {
      let photo = content.base64(4096, 32768);
      // Many servers store vCard photos wrapped at 76 columns.
      if (random.chance(0.5)) photo = photo.replace(/(.{76})/g, '$1\n');
      return element(
        'iq',
        { type: 'result', id: id(), from: bare(), to: full() },
        element(
          'vCard',
          { xmlns: 'vcard-temp' },
          element('FN', {}, phrase(content.script(), 2)),
          element('NICKNAME', {}, content.localpart()),
          element('EMAIL', {}, element('INTERNET'), element('USERID', {}, `${random.pick(['alice', 'bob'])}@example.org`)),
          element('PHOTO', {}, element('TYPE', {}, 'image/png'), element('BINVAL', {}, photo)),
        ),
      );
    },
    ping: () =>
      element('iq', { from: full(), to: random.pick(domains), type: 'get', id: id() }, element('ping', { xmlns: 'urn:xmpp:ping' })),
    iqResult: () => element('iq', { to: full(), type: 'result', id: id() }),
    smRequest: () => element('r', { xmlns: 'urn:xmpp:sm:3' }),
    smAck: () => element('a', { xmlns: 'urn:xmpp:sm:3', h: String(random.range(0, 100000)) }),
  };
}

// ---------------------------------------------------------------------------------------------
// Corpora.

const streamsNs = 'http://etherx.jabber.org/streams';

const header = (attrs, quote = "'") =>
  `<?xml version=${quote}1.0${quote}?><stream:stream ${Object.entries(attrs)
    .map(([k, v]) => `${k}=${quote}${v}${quote}`)
    .join(' ')}>`;

/** Emits stanzas picked by weight until the stream reaches `targetBytes`. */
function generateStream({
  seed,
  targetBytes,
  streamHeader,
  ns,
  weights,
  pretty = 0.04,
  maxStanzaBytes = Infinity,
  addressed = false,
  extra = () => ({}),
}) {
  const random = createRandom(seed);
  const content = createContent(random);
  const stanzas = { ...createStanzas(random, content, ns), ...extra(random, content) };
  const serialize = createSerializer(random);
  const checksum = createChecksum();
  const parts = [streamHeader];
  let bytes = Buffer.byteLength(streamHeader);
  while (bytes < targetBytes) {
    const kind = random.weighted(weights);
    if (kind === 'keepalive') {
      const ws = random.pick([' ', '\n', ' ', '\r\n', '\t']);
      parts.push(ws);
      bytes += ws.length;
      continue;
    }
    let stanza = stanzas[kind]();
    // Between servers every stanza carries both addresses (RFC 6120 §8.1.1.1, §8.1.2.1).
    if (addressed && /^(message|presence|iq)$/.test(stanza.name))
      stanza.attrs = { from: content.full(), to: content.full(), ...stanza.attrs };
    if (random.chance(pretty)) stanza = prettyPrint(stanza);
    const text = serialize(stanza);
    const size = Buffer.byteLength(text);
    if (size >= maxStanzaBytes) continue;
    checksum.add(stanza);
    parts.push(text);
    bytes += size;
  }
  parts.push('</stream:stream>');
  const { count, checksum: sum, digests } = checksum.result();
  return { bytes: Buffer.from(parts.join(''), 'utf8'), stanzas: count, checksum: sum, digests };
}

const c2sWeights = {
  chat: 40,
  presence: 15,
  mucPresence: 8,
  groupchat: 6,
  chatState: 6,
  smRequest: 3,
  smAck: 3,
  ping: 2,
  iqResult: 2,
  rosterResult: 0.3,
  discoInfoResult: 1.5,
  pepItem: 2,
  mamResult: 5,
  carbon: 4,
  ibbData: 0.4,
  vcard: 0.2,
  keepalive: 3,
};

const c2s = (seed, targetBytes) => () =>
  generateStream({
    seed,
    targetBytes,
    ns: 'jabber:client',
    weights: c2sWeights,
    streamHeader: header({
      xmlns: 'jabber:client',
      'xmlns:stream': streamsNs,
      from: 'example.org',
      to: 'alice@example.org',
      id: 'c2s-4f9d2a',
      version: '1.0',
      'xml:lang': 'en',
    }),
  });

const s2s = (seed, targetBytes) => () =>
  generateStream({
    seed,
    targetBytes,
    ns: 'jabber:server',
    addressed: true,
    weights: {
      dialbackResult: 2,
      dialbackVerify: 2,
      chat: 40,
      presence: 20,
      mucPresence: 8,
      groupchat: 8,
      pepItem: 4,
      discoInfoResult: 2,
      ping: 4,
      iqResult: 4,
      keepalive: 2,
    },
    streamHeader: header(
      {
        xmlns: 'jabber:server',
        'xmlns:stream': streamsNs,
        'xmlns:db': 'jabber:server:dialback',
        from: 'example.org',
        to: 'jabber.example',
        id: 's2s-77ab01',
        version: '1.0',
      },
      '"',
    ),
    extra: (random, content) => ({
      dialbackResult: () =>
        random.chance(0.5)
          ? element('db:result', { from: random.pick(domains), to: random.pick(domains) }, random.bytes(32).toString('hex'))
          : element('db:result', { from: random.pick(domains), to: random.pick(domains), type: random.pick(['valid', 'invalid']) }),
      dialbackVerify: () =>
        random.chance(0.5)
          ? element(
              'db:verify',
              { from: random.pick(domains), to: random.pick(domains), id: content.id() },
              random.bytes(32).toString('hex'),
            )
          : element('db:verify', { from: random.pick(domains), to: random.pick(domains), id: content.id(), type: 'valid' }),
    }),
  });

/** Tiny stanzas only, to weigh per-stanza overhead: every one is under 100 bytes. */
const smallStanzas = (seed, targetBytes) => () =>
  generateStream({
    seed,
    targetBytes,
    ns: 'jabber:client',
    pretty: 0,
    maxStanzaBytes: 100,
    weights: { tinyPresence: 20, unavailable: 6, composing: 20, smRequest: 12, smAck: 12, tinyPing: 6, tinyResult: 8, keepalive: 4 },
    streamHeader: header({ xmlns: 'jabber:client', 'xmlns:stream': streamsNs, to: 'example.org', version: '1.0' }),
    extra: (random, content) => {
      const shortJid = () => `${random.pick(['a', 'b', 'bob', 'eve', 'zoë', 'иван'])}@${random.pick(['ex.org', 'x.im'])}`;
      return {
        tinyPresence: () =>
          element(
            'presence',
            random.chance(0.5) ? {} : { from: `${shortJid()}/r` },
            random.chance(0.4) && element('show', {}, random.pick(['away', 'dnd'])),
          ),
        unavailable: () => element('presence', { type: 'unavailable', from: `${shortJid()}/m` }),
        composing: () =>
          element(
            'message',
            { to: shortJid(), type: 'chat' },
            element(random.pick(['composing', 'paused', 'active']), { xmlns: 'http://jabber.org/protocol/chatstates' }),
          ),
        tinyPing: () => element('iq', { type: 'get', id: content.id().slice(0, 8) }, element('ping', { xmlns: 'urn:xmpp:ping' })),
        tinyResult: () => element('iq', { type: 'result', id: content.id().slice(0, 8) }),
      };
    },
  });

/** Generated corpora by name: each a function returning { bytes, stanzas, checksum, digests }. */
export const generatedCorpora = {
  'c2s-1mb': c2s(0xc25, 1_000_000),
  'c2s-10mb': c2s(0xc2510, 10_000_000),
  s2s: s2s(0x525, 1_000_000),
  small: smallStanzas(0x5a11, 1_000_000),
};

/**
 * A generated corpus, from bench/.corpus/ when it was written there by this generator version,
 * else generated (and written there when `write` is set).
 */
export function loadCorpus(name, { write = true } = {}) {
  const generate = generatedCorpora[name];
  if (!generate) throw new Error(`unknown corpus ${name}; known: ${Object.keys(generatedCorpora).join(', ')}`);
  const bytesPath = join(cacheDir, `${name}.xml`);
  const metaPath = join(cacheDir, `${name}.json`);
  if (existsSync(bytesPath) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.version === GENERATOR_VERSION) return { name, ...meta, bytes: readFileSync(bytesPath) };
  }
  const corpus = generate();
  if (write) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(bytesPath, corpus.bytes);
    const { bytes, ...meta } = corpus;
    writeFileSync(metaPath, JSON.stringify({ version: GENERATOR_VERSION, ...meta }));
  }
  return { name, ...corpus };
}

/** Splits bytes into fixed-size Buffers, boundaries falling wherever they fall. */
export function chunksOf(bytes, size) {
  const chunks = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  return chunks;
}

// ---------------------------------------------------------------------------------------------
// Real captures.

/**
 * The real c2s captures as sessions: each one parser's input as the server's reads delivered
 * it, with RESET where the client restarted the stream (the parser must be reset there).
 */
export const RESET = null;

export function loadCaptures() {
  const sessions = [];
  for (const folder of readdirSync(capturesDir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const dir = join(capturesDir, folder.name);
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.chunks.tsv')) continue;
      const name = file.slice(0, -'.chunks.tsv'.length);
      const bytesPath = join(dir, `${name}.c2s.xml`);
      if (!existsSync(bytesPath)) continue;
      const bytes = readFileSync(bytesPath);
      // WebSocket sessions hold HTTP and frame bytes, not a plain XML stream.
      if (bytes[0] !== 0x3c /* < */) continue;
      const restarts = streamRestartOffsets(bytes);
      const rows = readFileSync(join(dir, file), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'))
        .filter(([, , dir]) => dir === 'c2s')
        .map(([seq, , , offset, length]) => ({ seq: Number(seq), offset: Number(offset), length: Number(length) }))
        .sort((a, b) => a.seq - b.seq);
      const feed = [];
      for (const { offset, length } of rows) {
        let start = offset;
        const end = offset + length;
        for (const restart of restarts) {
          if (restart < start || restart >= end) continue;
          if (restart > start) feed.push(bytes.subarray(start, restart));
          feed.push(RESET);
          start = restart;
        }
        feed.push(bytes.subarray(start, end));
      }
      sessions.push({ name: `${folder.name}/${name}`, bytes, feed });
    }
  }
  return sessions;
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(generatedCorpora);
  for (const name of names) {
    const started = performance.now();
    const corpus = loadCorpus(name);
    console.log(
      `${name}: ${corpus.bytes.length} bytes, ${corpus.stanzas} stanzas, checksum ${corpus.checksum} (${(performance.now() - started).toFixed(0)} ms)`,
    );
  }
}
