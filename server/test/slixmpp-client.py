"""A slixmpp client for the server's tests: logs in over STARTTLS trusting only the given
certificate, fetches the roster, sends presence, pings the server, sends TEXT to a peer, waits
for the peer's answer and closes. Prints one JSON object per event on stdout."""
import asyncio
import json
import sys

import slixmpp

host, port, jid, password, peer, ca_file, text = sys.argv[1:8]


def say(**event):
    print(json.dumps(event, ensure_ascii=False), flush=True)


class Client(slixmpp.ClientXMPP):
    def __init__(self):
        super().__init__(jid, password)
        self.ca_certs = ca_file
        self.register_plugin('xep_0199')
        self.register_plugin('xep_0030')
        self.add_event_handler('session_start', self.start)
        self.add_event_handler('message', self.message)
        self.add_event_handler('failed_auth', lambda _: say(event='failed_auth'))
        self.add_event_handler('disconnected', self.gone)
        self.add_event_handler('stream_error', lambda e: say(event='stream_error', condition=e['condition']))
        self.add_event_handler('auth_success', lambda _: say(event='auth', mechanism=self['feature_mechanisms'].mech.name))

    async def start(self, _):
        say(event='bound', jid=str(self.boundjid), encrypted=self.is_secure if hasattr(self, 'is_secure') else None)
        roster = await self.get_roster()
        say(event='roster', items=[str(item) for item in roster['roster']['items']])
        self.send_presence()
        rtt = await self['xep_0199'].ping(jid=self.boundjid.domain, timeout=10)
        say(event='pong', ok=rtt is not None)
        info = await self['xep_0030'].get_info(jid=self.boundjid.domain, timeout=10)
        say(event='disco', features=sorted(info['disco_info']['features']))
        say(event='ready')
        if peer != '-':
            self.send_message(mto=peer, mbody=text, mtype='chat')

    def message(self, msg):
        say(event='message', frm=str(msg['from']), body=msg['body'], type=msg['type'])
        if msg['type'] == 'chat':
            self.disconnect()

    def gone(self, _):
        say(event='disconnected')
        self.loop.stop()


client = Client()
client.connect(address=(host, int(port)), force_starttls=True)
try:
    client.loop.run_forever()
finally:
    say(event='exit')
