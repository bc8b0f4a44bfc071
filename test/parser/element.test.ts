// The Element API on parsed stanzas (ltx's model: a stanza's parent is the stream header, so
// namespaces resolve through it) and the builder methods; the Element option.
import { describe, expect, it } from 'vitest';
import { Element as LtxElement } from 'ltx';
import { Element as XmppJsElement } from '@xmpp/xml';
import { Element, StreamParser, serialize } from '../../bindings/index.js';
import type { ParserOptions, XmlElement } from '../../bindings/index.js';
import { HEADER, STREAMS_NS } from '../helpers/event-log.js';

function stanzasOf(body: string, options?: ParserOptions): XmlElement[] {
  const parser = new StreamParser(options);
  const stanzas: XmlElement[] = [];
  parser.on('element', (element) => stanzas.push(element));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(HEADER + body);
  return stanzas;
}

const MESSAGE =
  '<message to="bob@example.com" type="chat">' +
  '<body>hi <b>there</b>!</body>' +
  '<x xmlns="jabber:x:data" type="form"><item n="1"/><item n="2"/></x>' +
  '<p:y xmlns:p="urn:p" p:a="1" a="2"/>' +
  '</message>';

describe('parsed stanzas', () => {
  const [message, features] = stanzasOf(MESSAGE + '<stream:features><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>');

  it('have the stream header as parent, so getNS() finds the content namespace', () => {
    expect(message!.parent?.name).toBe('stream:stream');
    expect(message!.getNS()).toBe('jabber:client');
    expect(message!.getChild('body')!.getNS()).toBe('jabber:client');
    expect(features!.getNS()).toBe(STREAMS_NS);
    expect(features!.getChild('bind')!.getNS()).toBe('urn:ietf:params:xml:ns:xmpp-bind');
  });

  it('is and getName', () => {
    expect(message!.is('message')).toBe(true);
    expect(message!.is('message', 'jabber:client')).toBe(true);
    expect(message!.is('message', 'jabber:server')).toBe(false);
    expect(features!.is('features', STREAMS_NS)).toBe(true);
    expect(features!.getName()).toBe('features');
    expect(features!.name).toBe('stream:features');
  });

  it('getAttr and attr, also with a namespace', () => {
    expect(message!.getAttr('to')).toBe('bob@example.com');
    expect(message!.attr('type')).toBe('chat');
    const y = message!.getChild('y', 'urn:p')!;
    expect(y.getAttr('a', 'urn:p')).toBe('1');
    expect(y.getAttr('a')).toBe('2');
  });

  it('getChild, getChildren, getChildText, getText and text', () => {
    const x = message!.getChild('x', 'jabber:x:data')!;
    expect(x.getChildren('item').map((item) => item.attrs.n)).toEqual(['1', '2']);
    expect(message!.getChild('x', 'urn:other')).toBeUndefined();
    expect(message!.getChildText('body')).toBe('hi !');
    expect(message!.getChildText('missing')).toBeNull();
    expect(message!.getChild('body')!.getText()).toBe('hi !');
    expect(message!.getChild('body')!.getChild('b')!.text()).toBe('there');
  });

  it('are Elements of this package whose toString() round-trips', () => {
    expect(message).toBeInstanceOf(Element);
    expect(message!.toString()).toBe(MESSAGE);
  });

  it('children link back to their parent, and root() reaches the header', () => {
    const body = message!.getChild('body')!;
    expect(body.parent).toBe(message);
    expect(body.up()).toBe(message);
    expect(body.root().name).toBe('stream:stream');
  });
});

describe('after a stream restart', () => {
  it('stanzas have the new header as parent and take its content namespace', () => {
    const second = HEADER.replace("xmlns='jabber:client'", "xmlns='jabber:server'").replace("<?xml version='1.0'?>", '');
    const parser = new StreamParser();
    const stanzas: XmlElement[] = [];
    parser.on('element', (element) => {
      stanzas.push(element);
      if (element.name === 'success') parser.reset();
    });
    parser.write(HEADER + '<success/>' + second + '<message/>');
    expect(stanzas.map((stanza) => [stanza.name, stanza.getNS(), stanza.parent === parser.header])).toEqual([
      ['success', 'jabber:client', false],
      ['message', 'jabber:server', true],
    ]);
  });
});

describe('building', () => {
  it('c, t, up, root and attr build the expected tree', () => {
    const element = new Element('iq', { type: 'set', id: '1' })
      .c('query', { xmlns: 'jabber:iq:roster' })
      .c('item', { jid: 'a@b' })
      .t('x')
      .up()
      .c('item')
      .attr('jid', 'c@d')
      .up()
      .root();
    expect(serialize(element)).toBe(
      '<iq type="set" id="1"><query xmlns="jabber:iq:roster"><item jid="a@b">x</item><item jid="c@d"/></query></iq>',
    );
    expect(element.getChild('query')!.getChildren('item')).toHaveLength(2);
  });

  it('c() creates Elements of the same class, which escape CR', () => {
    const child = new Element('a').c('b').t('\r');
    expect(child).toBeInstanceOf(Element);
    expect(child.root().toString()).toBe('<a><b>&#13;</b></a>');
  });

  it('text(value) replaces a single text child', () => {
    const element = new Element('a').t('old');
    element.text('new');
    expect(element.children).toEqual(['new']);
  });
});

describe('the default Element class', () => {
  it('is the Element of @xmpp/xml (ltx/lib/Element.js), so xmpp.js instanceof checks hold', () => {
    const [stanza] = stanzasOf('<a><b/></a>');
    expect(stanza).toBeInstanceOf(Element);
    expect(stanza).toBeInstanceOf(XmppJsElement);
    expect(stanza!.getChild('b')).toBeInstanceOf(XmppJsElement);
    expect(new Element('x')).toBeInstanceOf(XmppJsElement);
  });

  it("is not the class of ltx's ESM index, which ltx builds apart from its CommonJS one", () => {
    expect(new Element('x')).not.toBeInstanceOf(LtxElement);
    expect(XmppJsElement).not.toBe(LtxElement);
  });
});

describe('the Element option', () => {
  it('builds stanzas of the given class: ltx', () => {
    const [stanza] = stanzasOf('<a><b/></a>', { Element: LtxElement });
    expect(stanza!.constructor).toBe(LtxElement);
    expect(stanza!.getChild('b')!.constructor).toBe(LtxElement);
  });

  it('builds stanzas of the given class: @xmpp/xml', () => {
    const [stanza] = stanzasOf('<a x="1">t</a>', { Element: XmppJsElement as unknown as ParserOptions['Element'] });
    expect(stanza).toBeInstanceOf(XmppJsElement);
    expect(stanza!.toString()).toBe('<a x="1">t</a>');
  });
});
