// Parses a corpus a fixed number of times with the built package, for instruction counting:
// wall clock is noise on a shared machine, callgrind's instruction counts are not.
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//     node --single-threaded bench/instructions.mjs c2s-1mb 16384 3
//
// The same command with 0 passes gives the start-up cost to subtract. The corpus `restarts` is
// 1 MiB of short streams, each restarted by reset() in the listener of its <success/>. A fourth
// argument `lazy` parses in lazy mode, reading what a router reads (to, from, type, id, length).
import { chunksOf, loadCorpus } from './corpus.mjs';

const SUCCESS = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
const HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

function restartingSessions() {
  const sessions = [];
  for (let length = 0, i = 0; length < 1 << 20; i++) {
    sessions.push(`${HEADER}<iq type='get' id='${i}'><ping xmlns='urn:xmpp:ping'/></iq>${SUCCESS}`);
    length += sessions[i].length;
  }
  return Buffer.from(sessions.join(''));
}

const [name = 'c2s-1mb', chunkSize = '16384', passes = '3', mode = 'eager'] = process.argv.slice(2);
const bytes = name === 'restarts' ? restartingSessions() : loadCorpus(name).bytes;
const chunks = chunksOf(bytes, Number(chunkSize));
const { StreamParser, ready } = await import('../dist/index.js');
await ready;
let stanzas = 0;
let routed = 0;
for (let pass = 0; pass < Number(passes); pass++) {
  const parser = new StreamParser({ lazy: mode === 'lazy' });
  parser.on('element', (element, source) => {
    stanzas++;
    const { to, from, type, id } = element.attrs;
    if (mode === 'lazy') routed += source.length + (to ? 1 : 0) + (from ? 1 : 0) + (type ? 1 : 0) + (id ? 1 : 0);
    if (name === 'restarts' && element.name === 'success') parser.reset();
  });
  parser.on('error', (error) => {
    throw error;
  });
  for (const chunk of chunks) parser.write(chunk);
  if (name !== 'restarts') parser.end();
}
console.log(`${name}: ${stanzas} stanzas in ${passes} passes (${mode}${mode === 'lazy' ? `, ${routed}` : ''})`);
