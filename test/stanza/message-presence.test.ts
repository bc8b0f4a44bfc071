// The types of message (RFC 6121 §5.2.2: an unknown type is handled as normal, not refused) and
// of presence (RFC 6121 §4.7.1: absent means available; anything else unknown is bad-request).
import { describe, expect, it } from 'vitest';
import { verdict } from './stanzas.js';

describe('message types', () => {
  it('chat, error (with its <error/>), groupchat, headline, normal and none are good', () => {
    for (const type of ['chat', 'groupchat', 'headline', 'normal']) {
      expect(verdict(`<message to='juliet@example.com' type='${type}'><body>hi</body></message>`)).toBe('ok');
    }
    expect(verdict("<message to='juliet@example.com'><body>hi</body></message>")).toBe('ok');
  });

  it('an unknown type is treated as normal, not refused', () => {
    expect(verdict("<message to='juliet@example.com' type='shout'><body>hi</body></message>")).toBe('ok');
  });

  it('a message of any kind may carry any payload, or none', () => {
    expect(verdict("<message to='juliet@example.com'/>")).toBe('ok');
    expect(verdict("<message to='juliet@example.com'><a xmlns='x'/><b xmlns='y'/></message>")).toBe('ok');
  });
});

describe('presence types', () => {
  it('the seven of RFC 6121, and none (available), are good', () => {
    for (const type of ['probe', 'subscribe', 'subscribed', 'unavailable', 'unsubscribe', 'unsubscribed']) {
      expect(verdict(`<presence to='romeo@example.net' type='${type}'/>`)).toBe('ok');
    }
    expect(verdict('<presence><show>away</show></presence>')).toBe('ok');
  });

  it('another type is bad-request', () => {
    expect(verdict("<presence type='available'/>")).toBe('stanza bad-request');
    expect(verdict("<presence type='invisible'/>")).toBe('stanza bad-request');
  });
});
