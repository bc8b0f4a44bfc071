// Counts, in its own process, how often each WebAssembly module of the package is compiled and
// instantiated while a scenario runs, and prints the counts after each step as JSON:
// { "<step>": { "compile:parser": 1, "instantiate:parser": 1, … }, … }.
// Usage: node compile-counter.mjs <scenario> [sync-limit]. With a sync limit, synchronous
// compilation of larger modules throws the RangeError a browser's main thread throws.
const [scenario, syncLimit] = process.argv.slice(2);
const counts = {};
const steps = {};

const moduleName = (module) => {
  const exports = WebAssembly.Module.exports(module).map((e) => e.name);
  if (exports.includes('lex')) return 'parser';
  if (exports.includes('prepare')) return 'stringprep';
  if (exports.includes('enforce')) return 'precis';
  return 'unknown';
};
const count = (what, module) => {
  const key = `${what}:${moduleName(module)}`;
  counts[key] = (counts[key] ?? 0) + 1;
};

WebAssembly.Module = new Proxy(WebAssembly.Module, {
  construct(target, args) {
    if (syncLimit !== undefined && args[0].byteLength > Number(syncLimit)) {
      throw new RangeError('WebAssembly.Module is disallowed on the main thread, if the buffer size is larger than the limit');
    }
    const module = Reflect.construct(target, args);
    count('compile', module);
    return module;
  },
});
const compile = WebAssembly.compile;
WebAssembly.compile = async (bytes) => {
  const module = await compile(bytes);
  count('compile', module);
  return module;
};
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args) {
    count('instantiate', args[0]);
    return Reflect.construct(target, args);
  },
});

const step = (name) => {
  steps[name] = { ...counts };
};
const outcome = (run) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error.message;
  }
};

const stream = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><message/>";

if (scenario === 'parse-then-prepare') {
  const pkg = await import('../../dist/index.js');
  step('import');
  pkg.parse("<message xmlns='jabber:client'><body>hi</body></message>");
  new pkg.StreamParser().write(stream);
  step('parse');
  pkg.nodeprep('Juliet');
  step('nodeprep');
  pkg.nodeprep('Ĵuliet');
  pkg.resourceprep('balcony');
  pkg.parseJid('romeo@example.net/orchard');
  step('more stringprep');
  pkg.enforce('UsernameCaseMapped', 'Juliet');
  step('enforce');
} else if (scenario === 'ready') {
  const pkg = await import('../../dist/index.js');
  step('import');
  await pkg.ready;
  step('ready');
  pkg.parse('<a/>');
  pkg.nodeprep('Ĵuliet');
  step('parse and nodeprep');
} else if (scenario === 'ready-parser-only') {
  const { parse } = await import('../../dist/parser/parse.js');
  const { ready } = await import('../../dist/runtime/wasm.js');
  await ready;
  step('ready');
  parse('<a/>');
  step('parse');
} else if (scenario === 'refused-sync') {
  const pkg = await import('../../dist/index.js');
  steps.parse = outcome(() => pkg.parse('<a/>'));
  steps['nodeprep before ready'] = outcome(() => pkg.nodeprep('Juliet'));
  await pkg.ready;
  steps['nodeprep after ready'] = outcome(() => pkg.nodeprep('Juliet'));
  step('counts');
}
process.stdout.write(JSON.stringify(steps));
