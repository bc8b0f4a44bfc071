// Stanzas as a stream delivers them (their parent the stream header, so the content namespace
// is inherited), and the outcome of checkStanza written compactly for the rule tests.
import { StreamParser, checkStanza, streamHeader, type CheckStanzaOptions, type Element } from '../../bindings/index.js';

/** The first-level elements of `body` in a stream whose content namespace is `xmlns`. */
export function inStream(body: string, xmlns = 'jabber:client'): Element[] {
  const parser = new StreamParser({ contentNamespaces: [xmlns] });
  const elements: Element[] = [];
  parser.on('element', (element) => elements.push(element as Element));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(streamHeader({ xmlns, declaration: false }) + body);
  return elements;
}

/** The one stanza of `xml`, as a stream of `xmlns` delivers it. */
export const stanza = (xml: string, xmlns = 'jabber:client'): Element => {
  const elements = inStream(xml, xmlns);
  if (elements.length !== 1) throw new Error(`expected one element in ${xml}`);
  return elements[0]!;
};

/** 'ok', or the kind and condition checkStanza reports, e.g. 'stanza bad-request'. */
export function verdict(xml: string, options?: CheckStanzaOptions & { xmlns?: string }): string {
  const { xmlns, ...checkOptions } = options ?? {};
  const result = checkStanza(stanza(xml, xmlns), options === undefined ? undefined : checkOptions);
  return result === null ? 'ok' : `${result.kind} ${result.condition}`;
}
