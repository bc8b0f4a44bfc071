// ltx as it is often fed: Buffers given directly, which it decodes per read (toString), so a
// multi-byte character split across two reads is corrupted.
import { createLtxParser } from './ltx.mjs';

export const description = 'ltx SAX parser, Buffers decoded per read by ltx (toString)';

export const createParser = (onElement) => createLtxParser(onElement, null);
