// The published declarations (dist/, built by `npm test` before the tests): nothing marked
// @internal in the sources is in them, they compile on their own, and the package root exports
// exactly the names bindings/index.ts lists, no more (no `export *` can add one unnoticed).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');

const VALUES = [
  'Element',
  'Jid',
  'JidError',
  'MAX_PRECIS_INPUT',
  'MAX_STRINGPREP_INPUT',
  'PRECIS_PROFILES',
  'PrecisError',
  'SASL_FAILURE_CONDITIONS',
  'SASL_NS',
  'STANZAS_NS',
  'STANZA_ERROR_CONDITIONS',
  'STANZA_ERROR_DEFAULT_TYPES',
  'STANZA_ERROR_TYPES',
  'STREAMS_NS',
  'STREAM_ERRORS_NS',
  'STREAM_ERROR_CONDITIONS',
  'StreamError',
  'StreamParser',
  'StringprepError',
  'XMLNS_NS',
  'XML_NS',
  'checkStanza',
  'clearJidCache',
  'compare',
  'compareVersions',
  'domainToAscii',
  'domainToUnicode',
  'enforce',
  'escapeAttribute',
  'escapeLocal',
  'escapeText',
  'jid',
  'jidCanonicalForms',
  'jidProfilesDiffer',
  'legacyConditions',
  'nameprep',
  'nodeprep',
  'parse',
  'parseJid',
  'parseVersion',
  'prepare',
  'prepareDomain',
  'prepareLocal',
  'prepareResource',
  'readSaslFailure',
  'readStanzaError',
  'readStreamError',
  'ready',
  'resourceprep',
  'saslFailure',
  'saslprep',
  'serialize',
  'setJidCacheLimit',
  'setPrecisCacheLimit',
  'setStringprepCacheLimit',
  'stanzaError',
  'streamClose',
  'streamError',
  'streamHeader',
  'stringprep',
  'unescapeLocal',
];
const TYPES = [
  'AttributeOverrides',
  'Attributes',
  'CheckStanzaOptions',
  'DroppedStanza',
  'ElementApi',
  'ElementConstructor',
  'JidCanonicalForms',
  'JidErrorReason',
  'JidOptions',
  'JidPart',
  'JidProfile',
  'LazyElement',
  'LegacyStanzaErrorCondition',
  'LegacyStreamErrorCondition',
  'ParserEvents',
  'ParserOptions',
  'PrecisErrorReason',
  'PrecisProfile',
  'SaslFailureCondition',
  'SaslFailureDetails',
  'StanzaCheck',
  'StanzaErrorCondition',
  'StanzaErrorDetails',
  'StanzaErrorOptions',
  'StanzaErrorType',
  'StanzaProblem',
  'StanzaSide',
  'StanzaSource',
  'StreamErrorCondition',
  'StreamErrorDetails',
  'StreamErrorOptions',
  'StreamHeaderOptions',
  'StreamProblem',
  'StreamVersion',
  'StringprepErrorCode',
  'StringprepMode',
  'StringprepOptions',
  'StringprepProfile',
  'XmlElement',
  'XmlNode',
];

const filesUnder = (dir: string, suffix: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file));

/** A program over the published declarations, as a consumer with strict settings sees them. */
function declarationsProgram(files: string[]): ts.Program {
  return ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'], // the Node stream adapter's declarations use Node's types
  });
}

describe('published declarations', () => {
  it('hold none of the members and functions marked @internal', () => {
    const internal: { name: string; declaredIn: string }[] = [];
    for (const source of filesUnder(join(root, 'bindings'), '.ts')) {
      const text = readFileSync(source, 'utf8');
      for (const m of text.matchAll(
        /\/\*\*\s*@internal[\s\S]*?\*\/\s*(?:export\s+)?(?:static\s+|readonly\s+|get\s+|function\s+|const\s+)*(\w+)/g,
      )) {
        internal.push({ name: m[1] ?? '', declaredIn: relative(join(root, 'bindings'), source).replace(/\.ts$/, '.d.ts') });
      }
    }
    expect(internal.map(({ name }) => name)).toEqual(expect.arrayContaining(['withText', 'markPrecis', 'windowOffset', 'stanzaStarts']));
    for (const { name, declaredIn } of internal) {
      const declarations = readFileSync(join(dist, declaredIn), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*/g, '');
      expect(declarations, `${name} in dist/${declaredIn}`).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('compile on their own', () => {
    const program = declarationsProgram(filesUnder(dist, '.d.ts'));
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('of the package root are the listed names', async () => {
    const program = declarationsProgram([join(dist, 'index.d.ts')]);
    const checker = program.getTypeChecker();
    const rootFile = program.getSourceFile(join(dist, 'index.d.ts'));
    const moduleSymbol = rootFile && checker.getSymbolAtLocation(rootFile);
    expect(moduleSymbol).toBeDefined();
    const exported = checker.getExportsOfModule(moduleSymbol as ts.Symbol).map((symbol) => symbol.name);
    expect(exported.sort()).toEqual([...VALUES, ...TYPES].sort());
    const runtime = await import('../../dist/index.js');
    expect(Object.keys(runtime).sort()).toEqual([...VALUES].sort());
  });
});
