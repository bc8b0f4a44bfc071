// Routing between the local sessions (RFC 6120 §10, RFC 6121 §8.5): who gets a stanza given
// its `to`, what the server answers itself (roster, disco#info, ping, RFC 6120 §8.4's
// service-unavailable), and presence broadcast to the account's own resources. Forwarded
// stanzas are the sender's bytes with `from` stamped, not re-serialized.
import { stanzaError } from 'xmpp-wasm';
import { declareClientNamespace } from './stanza-bytes.js';
import { answerIq } from './server-iq.js';

/** Bytes queued on a recipient's connection beyond which the sender stops being read. */
const HIGH_WATER = 1 << 20;

const MESSAGE_TYPES = new Set(['normal', 'chat', 'groupchat', 'headline', 'error']);

/** A message's type as RFC 6121 §5.2.2 reads it: absent or not understood is `normal`. */
function messageType(stanza) {
  const type = stanza.attrs.type;
  return MESSAGE_TYPES.has(type) ? type : 'normal';
}

export class Router {
  constructor(server) {
    this.server = server;
    /** bare JID → (resource → Session) */
    this.accounts = new Map();
  }

  resources(bare) {
    return this.accounts.get(bare);
  }

  /** Makes a bound session reachable; one already bound to the same full JID is replaced (RFC 6120 §7.7.2.2). */
  bind(session) {
    const bare = `${session.username}@${this.server.domain}`;
    session.bare = bare;
    let resources = this.accounts.get(bare);
    if (resources === undefined) this.accounts.set(bare, (resources = new Map()));
    const previous = resources.get(session.resource);
    resources.set(session.resource, session);
    if (previous !== undefined) {
      previous.replaced = true;
      previous.fail('conflict', 'replaced by a new session');
    }
  }

  unbind(session) {
    if (session.bare === undefined || session.replaced) return;
    const resources = this.accounts.get(session.bare);
    if (resources?.get(session.resource) !== session) return;
    resources.delete(session.resource);
    if (resources.size === 0) this.accounts.delete(session.bare);
    if (session.available) this.broadcastOwn(session, Buffer.from(`<presence type='unavailable'${session.fromAttribute.toString()}/>`));
  }

  route(sender, stanza, to) {
    if (to === null) return this.toSelf(sender, stanza);
    if (to.domain !== this.server.domain) return this.bounce(sender, stanza, 'remote-server-not-found', stanza.attrs.to);
    if (to.local === '') {
      if (to.resource !== '') return this.bounce(sender, stanza, 'service-unavailable', stanza.attrs.to);
      return stanza.name === 'iq' ? answerIq(this.server, sender, stanza, null) : this.bounceUnlessError(sender, stanza, stanza.attrs.to);
    }
    const bare = `${to.local}@${to.domain}`;
    if (!this.server.store.has(to.local)) return this.bounceUnlessError(sender, stanza, stanza.attrs.to);
    if (to.resource !== '') {
      const target = this.accounts.get(bare)?.get(to.resource);
      if (target !== undefined) return this.deliver(sender, target, this.stamped(sender, stanza, target));
      return this.toMissingResource(sender, stanza, bare);
    }
    return this.toBare(sender, stanza, bare);
  }

  /** No `to`: addressed to the sender's own account (RFC 6120 §10.3). */
  toSelf(sender, stanza) {
    if (stanza.name === 'iq') return answerIq(this.server, sender, stanza, sender.bare);
    if (stanza.name === 'presence') return this.presence(sender, stanza);
    return this.toBare(sender, stanza, sender.bare);
  }

  /** Broadcast presence (RFC 6121 §4.2, §4.4): to all the account's available resources. */
  presence(sender, stanza) {
    const type = stanza.attrs.type;
    if (type !== undefined && type !== 'unavailable') return;
    const initial = !sender.available && type === undefined;
    sender.available = type === undefined;
    sender.priority = Number.parseInt(stanza.getChildText('priority') ?? '0', 10) || 0;
    const bytes = stanza.bytes({ from: sender.jid });
    sender.lastPresence = sender.available ? bytes : null;
    this.broadcastOwn(sender, bytes, true);
    if (initial) {
      for (const other of this.accounts.get(sender.bare).values()) {
        if (other !== sender && other.lastPresence !== null) this.deliver(other, sender, other.lastPresence);
      }
    }
  }

  broadcastOwn(sender, bytes, includeSender = false) {
    const resources = this.accounts.get(sender.bare);
    if (resources === undefined) return;
    for (const target of resources.values()) {
      if ((target !== sender || includeSender) && target.available) this.deliver(sender, target, bytes);
    }
  }

  /** To a bare JID (RFC 6121 §8.5.2). */
  toBare(sender, stanza, bare) {
    if (stanza.name === 'iq') return answerIq(this.server, sender, stanza, bare);
    const type = stanza.name === 'message' ? messageType(stanza) : stanza.attrs.type;
    const available = [...(this.accounts.get(bare)?.values() ?? [])].filter(
      (s) => s.available && (stanza.name === 'presence' || s.priority >= 0),
    );
    if (stanza.name === 'message' && available.length === 0) {
      // No offline storage: chat and normal messages are answered with an error (§8.5.2.2.1).
      if (type === 'normal' || type === 'chat' || type === 'groupchat') this.bounce(sender, stanza, 'service-unavailable', stanza.attrs.to);
      return;
    }
    if (stanza.name === 'message' && type === 'groupchat') return this.bounce(sender, stanza, 'service-unavailable', stanza.attrs.to);
    for (const target of available) this.deliver(sender, target, this.stamped(sender, stanza, target));
  }

  /** To a full JID with no such session (RFC 6121 §8.5.3.2). */
  toMissingResource(sender, stanza, bare) {
    const type = stanza.name === 'message' ? messageType(stanza) : stanza.attrs.type;
    if (stanza.name === 'message' && (type === 'normal' || type === 'chat')) return this.toBare(sender, stanza, bare);
    if (stanza.name === 'presence' || type === 'error' || type === 'result' || type === 'headline') return;
    this.bounce(sender, stanza, 'service-unavailable', stanza.attrs.to);
  }

  /**
   * The sender's bytes with its full JID as `from` (RFC 6120 §8.1.2.1), as the engine received
   * them: the parsers run in lazy mode, whose stanzas keep their bytes on both transports.
   */
  stamped(sender, stanza, target) {
    const bytes = stanza.bytes({ from: sender.jid });
    return target.transport.framed ? declareClientNamespace(bytes) : bytes;
  }

  bounceUnlessError(sender, stanza, from) {
    const type = stanza.attrs.type;
    if (stanza.name === 'presence' || type === 'error' || type === 'result') return;
    this.bounce(sender, stanza, 'service-unavailable', from);
  }

  bounce(sender, stanza, condition, from) {
    if (stanza.attrs.type === 'error') return;
    sender.send(stanzaError(stanza, condition, { to: sender.jid, from }).toString());
  }

  /** Sends, and stops reading the sender while the recipient's connection is backed up. */
  deliver(sender, target, bytes) {
    target.send(bytes);
    if (sender !== target && !sender.paused && target.transport.writableLength > HIGH_WATER) {
      sender.paused = true;
      sender.transport.pause();
      target.transport.onceDrained(() => {
        sender.paused = false;
        sender.transport.resume();
      });
    }
  }
}
