// Parses a corpus a fixed number of times with the built package, for instruction counting:
// wall clock is noise on a shared machine, callgrind's instruction counts are not.
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//     node --single-threaded bench/instructions.mjs c2s-1mb 16384 3
//
// The same command with 0 passes gives the start-up cost to subtract.
import { chunksOf, loadCorpus } from './corpus.mjs';

const [name = 'c2s-1mb', chunkSize = '16384', passes = '3'] = process.argv.slice(2);
const corpus = loadCorpus(name);
const chunks = chunksOf(corpus.bytes, Number(chunkSize));
const { StreamParser, ready } = await import('../dist/index.js');
await ready;
let stanzas = 0;
for (let pass = 0; pass < Number(passes); pass++) {
  const parser = new StreamParser();
  parser.on('element', () => stanzas++);
  parser.on('error', (error) => {
    throw error;
  });
  for (const chunk of chunks) parser.write(chunk);
  parser.end();
}
console.log(`${name}: ${stanzas} stanzas in ${passes} passes`);
