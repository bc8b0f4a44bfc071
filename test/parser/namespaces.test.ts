// XML Namespaces (undeclared prefixes, empty prefixed declarations, the reserved xml and xmlns
// prefixes → not-well-formed) and the stream's own namespaces (→ invalid-namespace).
import { describe } from 'vitest';
import { H, HEADER, START, STREAMS_NS, at, inStream, runFixtures, stanza, type Fixture, type LoggedEvent } from '../helpers/event-log.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

describe('prefixes in stanzas', () => {
  runFixtures([
    inStream('an undeclared element prefix', '<p:a/>', [{ error: 'not-well-formed', offset: H }]),
    inStream('an undeclared attribute prefix', '<a p:b="1"/>', [{ error: 'not-well-formed', offset: H }]),
    inStream('an undeclared prefix on a child', '<a><p:b/></a>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('a prefix declared on the element itself', '<p:a xmlns:p="u" p:b="1"/>', [stanza('<p:a xmlns:p="u" p:b="1"/>', H)]),
    inStream('a prefix declared on an ancestor', '<a xmlns:p="u"><b><p:c p:d="1"/></b></a>', [
      stanza('<a xmlns:p="u"><b><p:c p:d="1"/></b></a>', H),
    ]),
    // Serialized with the header's declaration of the prefix, so that the stanza parses alone.
    inStream('a prefix declared on the stream header', '<stream:features/>', [
      stanza('<stream:features/>', H, `<stream:features xmlns:stream="${STREAMS_NS}"/>`),
    ]),
    inStream('a declaration does not outlive its stanza', '<a xmlns:p="u"/><p:b/>', [
      stanza('<a xmlns:p="u"/>', H),
      { error: 'not-well-formed', offset: H + 16 },
    ]),
    inStream('a declaration does not reach a sibling', '<a><b xmlns:p="u"/><p:c/></a>', [{ error: 'not-well-formed', offset: H + 19 }]),
    inStream('the xml prefix needs no declaration', '<a xml:lang="de"/>', [stanza('<a xml:lang="de"/>', H)]),
    inStream('an element in the xmlns prefix', '<xmlns:a/>', [{ error: 'not-well-formed', offset: H }]),
    inStream('attributes merely starting with "xmlns" are ordinary', '<a xmlnsx="1" xmlns-y="2"/>', [
      stanza('<a xmlnsx="1" xmlns-y="2"/>', H),
    ]),
    // Namespaces in XML: the local part of a QName is an NCName, so it starts with a NameStartChar.
    // As for other name errors, the offset is that of the offending character.
    inStream('a local part starting with a digit', '<p:1a xmlns:p="u"/>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('an attribute local part starting with a hyphen', '<a xmlns:p="u" p:-b="1"/>', [{ error: 'not-well-formed', offset: H + 17 }]),
  ]);
});

describe('prefix scopes', () => {
  const withDialback = HEADER.replace('<stream:stream', "<stream:stream xmlns:db='jabber:server:dialback'");
  runFixtures([
    inStream('a prefix goes out of scope with the element that declared it, at any depth', '<a><b><c xmlns:q="v"/><q:d/></b></a>', [
      { error: 'not-well-formed', offset: H + 22 },
    ]),
    inStream('a declaring child between non-declaring ones', '<a><b/><c xmlns:p="u"><p:e/></c><d><p:f/></d></a>', [
      { error: 'not-well-formed', offset: H + 35 },
    ]),
    inStream(
      'an inner declaration shadows an outer one, then the outer one is back',
      '<a xmlns:p="u1"><b xmlns:p="u2"><p:c/></b><p:d/></a>',
      [stanza('<a xmlns:p="u1"><b xmlns:p="u2"><p:c/></b><p:d/></a>', H)],
    ),
    // Past eight declarations in scope prefixes resolve through a map: shadowing and leaving hold.
    ...(() => {
      const many = Array.from({ length: 10 }, (_, i) => ` xmlns:p${i}="u${i}"`).join('');
      const ok = `<a${many}><b xmlns:p2="u1"><c/></b><d p1:x="1" p2:x="2"/></a>`;
      const inner = at(`<a${many}><b xmlns:p2="u1">▼<d p1:x="1" p2:x="2"/></b></a>`);
      const after = at(`<a${many}/>▼<p3:e/>`);
      return [
        inStream('many declarations: a shadowing one ends with its element', ok, [stanza(ok, H)]),
        inStream('many declarations: duplicates are judged with the shadowing prefix', inner.body, [
          { error: 'not-well-formed', offset: inner.offset },
        ]),
        inStream('many declarations do not outlive their stanza', after.body, [
          stanza(`<a${many}/>`, H),
          { error: 'not-well-formed', offset: after.offset },
        ]),
      ];
    })(),
    inStream('duplicates are judged with the shadowing prefix', '<a xmlns:p="u" xmlns:q="v"><b xmlns:q="u" p:x="1" q:x="2"/></a>', [
      { error: 'not-well-formed', offset: H + 27 },
    ]),
    inStream('a shadowed prefix no longer clashes', '<a xmlns:q="u"><b xmlns:p="u" xmlns:q="v" p:x="1" q:x="2"/></a>', [
      stanza('<a xmlns:q="u"><b xmlns:p="u" xmlns:q="v" p:x="1" q:x="2"/></a>', H),
    ]),
    inStream('deep nesting, declarations at alternate levels', '<a xmlns:p="1"><b><c xmlns:q="2"><d><p:e q:f="x"/></d></c><p:g/></b></a>', [
      stanza('<a xmlns:p="1"><b><c xmlns:q="2"><d><p:e q:f="x"/></d></c><p:g/></b></a>', H),
    ]),
    {
      name: 'a prefix of the old stream header is gone after a restart',
      input: withDialback + '<success/>' + HEADER + '<db:x/>',
      resetAfter: 'success',
      events: [
        { ...START, attrs: { 'xmlns:db': 'jabber:server:dialback', ...START.attrs } },
        stanza('<success/>', withDialback.length),
        START,
        { error: 'not-well-formed', offset: withDialback.length + 10 + H },
      ],
    },
  ]);
});

describe('namespace declarations', () => {
  const declaration = (name: string, attrs: string, ok: boolean): Fixture =>
    inStream(name, `<a ${attrs}/>`, [ok ? stanza(`<a ${attrs}/>`, H) : { error: 'not-well-formed', offset: H }]);
  runFixtures([
    declaration('xmlns:p="" is not allowed', 'xmlns:p=""', false),
    declaration('xmlns="" undeclares the default namespace', 'xmlns=""', true),
    declaration('xml may be declared to its own namespace', `xmlns:xml="${XML_NS}"`, true),
    declaration('xml may not be rebound', 'xmlns:xml="urn:other"', false),
    declaration('another prefix may not take the xml namespace', `xmlns:p="${XML_NS}"`, false),
    declaration('the default namespace may not be the xml namespace', `xmlns="${XML_NS}"`, false),
    declaration('xmlns may not be declared', 'xmlns:xmlns="urn:other"', false),
    declaration('xmlns may not be declared even to its own namespace', `xmlns:xmlns="${XMLNS_NS}"`, false),
    declaration('no prefix may take the xmlns namespace', `xmlns:p="${XMLNS_NS}"`, false),
    declaration('the default namespace may not be the xmlns namespace', `xmlns="${XMLNS_NS}"`, false),
  ]);
});

const bareStart = (attrs: Record<string, string>, name = 'stream:stream'): LoggedEvent => ({ start: name, attrs });

describe('the stream element and its namespaces', () => {
  const prefixedHeader = `<s:stream xmlns='jabber:client' xmlns:s='${STREAMS_NS}'>`;
  const serverHeader = `<stream:stream xmlns='jabber:server' xmlns:db='jabber:server:dialback' xmlns:stream='${STREAMS_NS}'>`;
  const componentHeader = `<stream:stream xmlns='jabber:component:accept' xmlns:stream='${STREAMS_NS}' to='c.example'>`;
  runFixtures([
    {
      name: 'a wrong streams namespace',
      input: "<stream:stream xmlns='jabber:client' xmlns:stream='urn:wrong'>",
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    {
      name: 'a wrong element name in the streams namespace',
      input: `<stream:streams xmlns='jabber:client' xmlns:stream='${STREAMS_NS}'>`,
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    {
      name: 'an unprefixed stream element in the content namespace',
      input: "<stream xmlns='jabber:client'>",
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    {
      name: 'a stream element whose default namespace is the streams namespace',
      input: `<stream xmlns='${STREAMS_NS}'>`,
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    {
      name: 'an undeclared stream prefix',
      input: "<?xml version='1.0'?><stream:stream xmlns='jabber:client'>",
      events: [{ error: 'not-well-formed', offset: 21 }],
    },
    {
      name: 'any prefix may stand for the streams namespace',
      input: `${prefixedHeader}<a/></s:stream>`,
      events: [
        bareStart({ xmlns: 'jabber:client', 'xmlns:s': STREAMS_NS }, 's:stream'),
        stanza('<a/>', prefixedHeader.length),
        { end: 's:stream' },
      ],
    },
    {
      name: 'no content namespace',
      input: `<stream:stream xmlns:stream='${STREAMS_NS}'>`,
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    {
      name: 'an unsupported content namespace',
      input: `<stream:stream xmlns='jabber:foo' xmlns:stream='${STREAMS_NS}'>`,
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    {
      name: 'jabber:server with a dialback declaration',
      input: `${serverHeader}<db:verify/>`,
      events: [
        bareStart({ xmlns: 'jabber:server', 'xmlns:db': 'jabber:server:dialback', 'xmlns:stream': STREAMS_NS }),
        stanza('<db:verify/>', serverHeader.length, '<db:verify xmlns:db="jabber:server:dialback"/>'),
      ],
    },
    {
      name: 'jabber:component:accept is not allowed by default',
      input: `<stream:stream xmlns='jabber:component:accept' xmlns:stream='${STREAMS_NS}'>`,
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    {
      name: 'jabber:component:accept when configured',
      options: { contentNamespaces: ['jabber:component:accept'] },
      input: `${componentHeader}<handshake>abc</handshake>`,
      events: [
        bareStart({ xmlns: 'jabber:component:accept', 'xmlns:stream': STREAMS_NS, to: 'c.example' }),
        stanza('<handshake>abc</handshake>', componentHeader.length),
      ],
    },
    {
      name: 'jabber:client when only jabber:component:accept is configured',
      options: { contentNamespaces: ['jabber:component:accept'] },
      input: `<stream:stream xmlns='jabber:client' xmlns:stream='${STREAMS_NS}'>`,
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    inStream('stanzas may use other namespaces', "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", [
      stanza("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", H, '<starttls xmlns="urn:ietf:params:xml:ns:xmpp-tls"/>'),
    ]),
  ]);
});
