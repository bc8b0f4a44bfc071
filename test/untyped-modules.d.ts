// Peers the tests drive that ship no type declarations: their values are `any` to the type check.
declare module '@xmpp/client';
declare module '@xmpp/xml';
declare module '@xmpp/tcp/lib/Connection.js';
declare module '@xmpp/websocket/lib/Connection.js';
declare module '@xmpp/websocket/lib/FramedParser.js';
declare module 'ws';
