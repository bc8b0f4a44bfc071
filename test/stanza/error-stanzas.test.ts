// A stanza of type error carries one <error/> with a type of auth, cancel, continue, modify or
// wait and exactly one defined condition (RFC 6120 §8.3.2). A bad one is dropped, never
// answered: an error is not answered with an error (§8.3.1).
import { describe, expect, it } from 'vitest';
import { checkStanza } from '../../bindings/index.js';
import { stanza, verdict } from './stanzas.js';

const NS = "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'";

describe('error stanzas', () => {
  it('one <error/> with a type and one defined condition is good, with a text and an application element', () => {
    for (const type of ['auth', 'cancel', 'continue', 'modify', 'wait']) {
      expect(verdict(`<message type='error'><error type='${type}'><conflict ${NS}/></error></message>`)).toBe('ok');
    }
    expect(
      verdict(
        `<presence type='error'><error type='cancel' by='example.net'><item-not-found ${NS}/><text ${NS}>gone</text><x xmlns='urn:example'/></error></presence>`,
      ),
    ).toBe('ok');
  });

  it('RFC 3920 payment-required is still read as a defined condition', () => {
    expect(verdict(`<message type='error'><error type='auth'><payment-required ${NS}/></error></message>`)).toBe('ok');
  });

  it('no <error/>, or two, is dropped as bad-request', () => {
    expect(verdict("<message type='error'><body>x</body></message>")).toBe('drop bad-request');
    expect(
      verdict(
        `<message type='error'><error type='cancel'><conflict ${NS}/></error><error type='cancel'><conflict ${NS}/></error></message>`,
      ),
    ).toBe('drop bad-request');
  });

  it('an <error/> in another namespace is not the stanza error', () => {
    expect(verdict(`<message type='error'><error xmlns='urn:example' type='cancel'><conflict ${NS}/></error></message>`)).toBe(
      'drop bad-request',
    );
  });

  it('a missing or unknown error type is dropped', () => {
    expect(verdict(`<message type='error'><error><conflict ${NS}/></error></message>`)).toBe('drop bad-request');
    expect(verdict(`<message type='error'><error type='fatal'><conflict ${NS}/></error></message>`)).toBe('drop bad-request');
  });

  it('no condition, two conditions, or an undefined one is dropped', () => {
    expect(verdict(`<message type='error'><error type='cancel'><text ${NS}>why</text></error></message>`)).toBe('drop bad-request');
    expect(verdict(`<message type='error'><error type='cancel'><conflict ${NS}/><gone ${NS}/></error></message>`)).toBe('drop bad-request');
    expect(verdict(`<message type='error'><error type='cancel'><broken ${NS}/></error></message>`)).toBe('drop bad-request');
    expect(verdict("<message type='error'><error type='cancel'><conflict/></error></message>")).toBe('drop bad-request');
  });

  it('an iq error may carry the request payload as well, not more', () => {
    const error = `<error type='cancel'><service-unavailable ${NS}/></error>`;
    expect(verdict(`<iq id='a' type='error'>${error}</iq>`)).toBe('ok');
    expect(verdict(`<iq id='a' type='error'><query xmlns='jabber:iq:roster'/>${error}</iq>`)).toBe('ok');
    expect(verdict(`<iq id='a' type='error'><a xmlns='x'/><b xmlns='x'/>${error}</iq>`)).toBe('drop bad-request');
    expect(verdict("<iq id='a' type='error'/>")).toBe('drop bad-request');
  });

  it('a bad address on an error stanza is dropped too, with the reason', () => {
    const result = checkStanza(stanza(`<message type='error' to='@x'><error type='cancel'><conflict ${NS}/></error></message>`));
    expect(result).toMatchObject({ kind: 'drop', condition: 'jid-malformed', type: 'modify' });
  });
});
