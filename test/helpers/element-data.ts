// Elements as plain data, for deep comparison with readable diffs (no parent links, no class).
import type { XmlElement as LtxElement } from '../../bindings/index.js';

export interface PlainElement {
  name: string;
  attrs: Record<string, unknown>;
  children: (PlainElement | string)[];
}

export function plain(node: LtxElement): PlainElement;
export function plain(node: LtxElement | string): PlainElement | string;
export function plain(node: LtxElement | string): PlainElement | string {
  if (typeof node === 'string') return node;
  return { name: node.name, attrs: { ...node.attrs }, children: node.children.map((child) => plain(child as LtxElement | string)) };
}
