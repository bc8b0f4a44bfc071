// Human-readable and JSON forms of parsed Elements, for the CLI and for logs.
import type { XmlElement, XmlNode } from '../xml/element.js';
import { serialize, startTag as startTagOf } from '../xml/serialize.js';

const startTag = (element: XmlElement): string => startTagOf(element.name, element.attrs);

const isElement = (node: XmlNode): node is XmlElement => typeof node === 'object' && node !== null;
const isBlank = (node: XmlNode): boolean => typeof node === 'string' && node.trim() === '';

/**
 * Indented XML: an element whose children are all elements (whitespace aside) gets one line per
 * child; one with text keeps its content on one line, since re-indenting text would change it.
 */
export function prettyXml(element: XmlElement, indent = '  ', depth = 0): string {
  const pad = indent.repeat(depth);
  const children = element.children;
  if (children.length === 0) return pad + startTag(element) + '/>';
  const onlyElements = children.every((child) => isElement(child) || isBlank(child));
  if (!onlyElements) return pad + serialize(element);
  const lines = [pad + startTag(element) + '>'];
  for (const child of children) if (isElement(child)) lines.push(prettyXml(child, indent, depth + 1));
  lines.push(pad + '</' + element.name + '>');
  return lines.join('\n');
}

export interface JsonElement {
  name: string;
  attrs: Record<string, string>;
  children: (JsonElement | string)[];
}

/** A plain-data copy of an element tree (text children stay strings). */
export function elementToJson(element: XmlElement): JsonElement {
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(element.attrs)) if (value !== undefined && value !== null) attrs[name] = String(value);
  return {
    name: element.name,
    attrs,
    children: element.children.map((child) => (isElement(child) ? elementToJson(child) : String(child))),
  };
}
