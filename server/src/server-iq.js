// The iq the server answers itself: for its domain (disco#info, XEP-0030; ping, XEP-0199) and
// on behalf of an account (roster get, RFC 6121 §2.1.3). Any other get or set is answered
// with service-unavailable (RFC 6120 §8.4).
import { escapeAttribute, escapeText, stanzaError } from 'xmpp-wasm';

const NS = {
  roster: 'jabber:iq:roster',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  ping: 'urn:xmpp:ping',
};

const SERVER_FEATURES = [NS.discoInfo, NS.ping, NS.roster, 'urn:ietf:params:xml:ns:xmpp-session'];

function rosterItems(items) {
  return items
    .map(({ jid, name, subscription = 'none', groups = [] }) => {
      const children = groups.map((group) => `<group>${escapeText(group)}</group>`).join('');
      return `<item jid='${escapeAttribute(jid)}'${name === undefined ? '' : ` name='${escapeAttribute(name)}'`} subscription='${escapeAttribute(subscription)}'>${children}</item>`;
    })
    .join('');
}

function discoInfo(forServer) {
  const identity = forServer
    ? "<identity category='server' type='im' name='xmpp-wasm-server'/>"
    : "<identity category='account' type='registered'/>";
  const features = (forServer ? SERVER_FEATURES : [NS.discoInfo]).map((f) => `<feature var='${f}'/>`).join('');
  return `<query xmlns='${NS.discoInfo}'>${identity}${features}</query>`;
}

/** The payload of the result, or null when the request is not one answered here. */
function payload(server, sender, stanza, bare) {
  const [child] = stanza.children.filter((c) => typeof c !== 'string');
  const ns = child.getNS();
  const own = bare === sender.bare;
  if (stanza.attrs.type === 'get') {
    if (ns === NS.ping && child.name === 'ping') return '';
    if (ns === NS.discoInfo && child.name === 'query' && !child.attrs.node && (bare === null || own)) return discoInfo(bare === null);
    if (ns === NS.roster && child.name === 'query' && own)
      return `<query xmlns='${NS.roster}'>${rosterItems(server.store.roster(sender.username))}</query>`;
  }
  return null;
}

/** Answers an iq addressed to the server (`bare` null) or to an account's bare JID. */
export function answerIq(server, sender, stanza, bare) {
  const type = stanza.attrs.type;
  if (type === 'result' || type === 'error') return;
  const from = stanza.attrs.to;
  const result = payload(server, sender, stanza, bare);
  if (result === null) return sender.send(stanzaError(stanza, 'service-unavailable', { to: sender.jid, from }).toString());
  const fromAttr = from === undefined ? '' : ` from='${escapeAttribute(from)}'`;
  sender.send(`<iq type='result' id='${escapeAttribute(stanza.attrs.id)}'${fromAttr} to='${escapeAttribute(sender.jid)}'>${result}</iq>`);
}
