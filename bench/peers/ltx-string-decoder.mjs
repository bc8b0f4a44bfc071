// ltx fed correctly: a StringDecoder keeps characters split across reads whole, which
// ltx's own per-chunk toString() does not. The verified form of the baseline.
import { StringDecoder } from 'node:string_decoder';
import { createLtxParser } from './ltx.mjs';

export const description = 'ltx SAX parser, strings from a StringDecoder';

export const createParser = (onElement) => createLtxParser(onElement, () => new StringDecoder('utf8'));
