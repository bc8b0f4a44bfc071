// Parses a small stream with one limit option set to a given value, in its own process (so a
// parser that hangs can be stopped by the test), and prints the events as JSON.
// Usage: node limit-child.mjs <option> <value>; the value may be Infinity.
import { StreamParser } from '../../dist/index.js';

const [option, value] = process.argv.slice(2);
const parser = new StreamParser({ [option]: Number(value) });
const events = [];
parser.on('element', (element) => events.push(element.toString()));
parser.on('error', (error) => events.push(error.condition));
parser.write("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
parser.write('<a b="1" c="2"><d/></a>');
process.stdout.write(JSON.stringify(events));
