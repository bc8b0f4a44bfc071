// Every condition and type built, read back and re-parsed: readStanzaError(stanzaError(x, c, o))
// gives c and o back; the same for stream errors and SASL failures; every built element
// serializes and parses to itself.
import { describe, expect, it } from 'vitest';
import {
  parse,
  readSaslFailure,
  readStanzaError,
  readStreamError,
  SASL_FAILURE_CONDITIONS,
  saslFailure,
  STANZA_ERROR_CONDITIONS,
  STANZA_ERROR_DEFAULT_TYPES,
  STANZA_ERROR_TYPES,
  stanzaError,
  STREAM_ERROR_CONDITIONS,
  streamError,
  type Element,
  type StanzaErrorOptions,
  type XmlElement,
} from '../../bindings/index.js';
import { plain } from '../helpers/element-data.js';
import { stanza } from './stanzas.js';

const TEXTS = [undefined, '', 'plain', 'a <tag> & "quotes" \'too\'\r\nnext\tline', 'Jürgen 日本 🎉'];
const APP = parse("<special-condition xmlns='urn:example:app' detail='x &amp; y'><sub/>text</special-condition>");
const ORIGINAL = "<iq from='juliet@im.example.com/balcony' to='im.example.com' id='rt1' type='set'><query xmlns='jabber:iq:roster'/></iq>";

/** The element parses back from its serialization to the same tree. */
function reparses(element: Element): XmlElement {
  const again = parse(element.toString());
  expect(plain(again)).toEqual(plain(element));
  return again;
}

/** Details as the readers give them: the app element compared by its XML. */
const comparable = (details: object | null) =>
  details === null ? null : { ...details, ...('app' in details && details.app ? { app: String(details.app) } : {}) };

describe('stanza errors', () => {
  for (const condition of STANZA_ERROR_CONDITIONS) {
    it(`${condition}: every type and option read back, from the element and its re-parse`, () => {
      const redirect = condition === 'gone' || condition === 'redirect' ? 'xmpp:romeo@afterlife.example.net' : undefined;
      const optionSets: StanzaErrorOptions[] = [
        {},
        ...STANZA_ERROR_TYPES.map((type) => ({ type })),
        ...TEXTS.map((text) => ({ text, lang: text === undefined ? undefined : 'en' })),
        { by: 'example.net', app: APP, redirect, includeOriginal: true, text: 'all of it', lang: 'fr', type: 'wait' },
      ];
      for (const options of optionSets) {
        const built = stanzaError(stanza(ORIGINAL), condition, options);
        const expected = {
          condition,
          type: options.type ?? STANZA_ERROR_DEFAULT_TYPES[condition],
          text: options.text,
          lang: options.text === undefined ? undefined : options.lang,
          by: options.by,
          app: options.app === undefined ? undefined : String(options.app),
          redirect: options.redirect,
        };
        expect(comparable(readStanzaError(built))).toEqual(expected);
        expect(comparable(readStanzaError(reparses(built)))).toEqual(expected);
      }
    });
  }
});

describe('stream errors', () => {
  for (const condition of STREAM_ERROR_CONDITIONS) {
    it(`${condition}: text, lang and application element read back`, () => {
      const seeOtherHost = condition === 'see-other-host' ? 'other.example.net:5222' : undefined;
      for (const text of TEXTS) {
        const options = { text, lang: text === undefined ? undefined : 'en', app: text === 'plain' ? APP : undefined, seeOtherHost };
        const built = streamError(condition, options);
        const expected = { condition, text, lang: options.lang, app: options.app === undefined ? undefined : String(APP), seeOtherHost };
        expect(comparable(readStreamError(built))).toEqual(expected);
        expect(comparable(readStreamError(reparses(built)))).toEqual(expected);
      }
    });
  }
});

describe('SASL failures', () => {
  for (const condition of SASL_FAILURE_CONDITIONS) {
    it(`${condition}: with and without text read back`, () => {
      for (const text of TEXTS) {
        const lang = text === undefined ? undefined : 'en';
        const built = saslFailure(condition, text, { lang });
        expect(readSaslFailure(built)).toEqual({ condition, text, lang });
        expect(readSaslFailure(reparses(built))).toEqual({ condition, text, lang });
      }
    });
  }
});
