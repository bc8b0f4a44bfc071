// Parser options: defaults, limits clamped, and settings shared by parsers made from the same
// options object (a server makes thousands of parsers with one options object).
import { checkBoolean, checkFunction, checkNumber, checkOptions, checkString } from '../runtime/arguments.js';
import { Element, type ElementConstructor, type XmlElement } from '../xml/element.js';

/** Options of StreamParser and parse(); `E` is the class of the Elements built. */
export interface ParserOptions<E extends XmlElement = Element> {
  /** Bytes one stanza (and the stream header) may take; default 262144 (256 KiB, as Prosody's c2s). */
  maxStanzaBytes?: number;
  /** Element nesting, the stream element included; default 64. */
  maxDepth?: number;
  /** Attributes (namespace declarations included) on one element; default 64. */
  maxAttributes?: number;
  /** Elements in one stanza; default 10000. */
  maxElements?: number;
  /** Bytes in one element or attribute name; default 1024. */
  maxNameLength?: number;
  /** Content namespaces a stream may declare; default jabber:client and jabber:server. */
  contentNamespaces?: readonly string[];
  /** The class of the Elements built (ltx-compatible, e.g. @xmpp/xml's Element); default Element. */
  Element?: ElementConstructor<E>;
  /**
   * Lazy mode, for routers: each stanza's name and attributes are ready in its `element` event,
   * its children are built from its bytes when first read; default false.
   */
  lazy?: boolean;
}

const DEFAULTS = {
  maxStanzaBytes: 256 * 1024,
  maxDepth: 64,
  maxAttributes: 64,
  maxElements: 10000,
  maxNameLength: 1024,
};
const DEFAULT_CONTENT_NAMESPACES = ['jabber:client', 'jabber:server'];
const LIMIT_CEILING = 1 << 30;

/** A limit option: a number >= min (fractions rounded down, capped at 2^30), or the default. */
function limit(where: string, name: keyof typeof DEFAULTS, value: number | undefined, min: number): number {
  if (value === undefined) return DEFAULTS[name];
  checkNumber(where, `options.${name}`, value);
  if (!(value >= min)) throw new RangeError(`${where}: options.${name} must be >= ${min}, got ${value}`);
  return Math.min(Math.floor(value), LIMIT_CEILING);
}

function contentNamespaces(where: string, value: readonly string[] | undefined): readonly string[] {
  if (value === undefined) return DEFAULT_CONTENT_NAMESPACES;
  if (!Array.isArray(value)) {
    throw new TypeError(`${where}: options.contentNamespaces must be an array of strings, got ${typeof value}`);
  }
  value.forEach((uri, i) => {
    checkString(where, `options.contentNamespaces[${i}]`, uri);
  });
  return value;
}

function elementClass(where: string, value: ElementConstructor<XmlElement> | undefined): ElementConstructor<XmlElement> {
  if (value === undefined) return Element;
  checkFunction(where, 'options.Element', value);
  return value;
}

function lazyOption(where: string, value: boolean | undefined): boolean {
  if (value === undefined) return false;
  checkBoolean(where, 'options.lazy', value);
  return value;
}

/** Options resolved once; parsers made with the same options object share one (memory per stream). */
export interface Settings {
  readonly ElementClass: ElementConstructor<XmlElement>;
  readonly maxStanzaBytes: number;
  readonly maxDepth: number;
  readonly maxAttributes: number;
  readonly maxElements: number;
  readonly maxNameLength: number;
  readonly contentNamespaces: readonly string[];
  readonly lazy: boolean;
}

function resolveSettings(where: string, options: ParserOptions<XmlElement>): Settings {
  checkOptions(where, options, PARSER_OPTION_NAMES);
  return {
    ElementClass: elementClass(where, options.Element),
    maxStanzaBytes: limit(where, 'maxStanzaBytes', options.maxStanzaBytes, 16),
    maxDepth: limit(where, 'maxDepth', options.maxDepth, 2),
    maxAttributes: limit(where, 'maxAttributes', options.maxAttributes, 1),
    maxElements: limit(where, 'maxElements', options.maxElements, 1),
    maxNameLength: limit(where, 'maxNameLength', options.maxNameLength, 1),
    contentNamespaces: contentNamespaces(where, options.contentNamespaces),
    lazy: lazyOption(where, options.lazy),
  };
}

export const NO_OPTIONS: ParserOptions<XmlElement> = {};
/** The names of the parser's options, for adapters that take these and their own. */
export const PARSER_OPTION_NAMES: readonly (keyof ParserOptions)[] = [
  'Element',
  'maxStanzaBytes',
  'maxDepth',
  'maxAttributes',
  'maxElements',
  'maxNameLength',
  'contentNamespaces',
  'lazy',
];
const settingsCache = new WeakMap<object, { options: ParserOptions<XmlElement>; settings: Settings }>();

/**
 * Shared settings, unless the options object was changed since they were made from it. `where`
 * names the public function or class in the errors of invalid options.
 */
export function settingsFor(where: string, options: ParserOptions<XmlElement> | undefined = NO_OPTIONS): Settings {
  const cached = typeof options === 'object' && options !== null ? settingsCache.get(options) : undefined;
  if (cached !== undefined && PARSER_OPTION_NAMES.every((key) => cached.options[key] === options[key])) return cached.settings;
  const settings = resolveSettings(where, options);
  settingsCache.set(options, { options: { ...options }, settings });
  return settings;
}
