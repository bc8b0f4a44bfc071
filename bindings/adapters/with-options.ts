// Libraries construct their parser classes without arguments (`new this.Parser()`): this binds
// options (an Element class, limits) to a subclass that such a library can construct.
import type { ParserOptions } from '../parser/stream-parser.js';
import { settingsFor } from '../parser/settings.js';
import { checkFunction } from '../runtime/arguments.js';

// biome-ignore lint/suspicious/noExplicitAny: TypeScript accepts a class as a mixin base only with `any[]` arguments
export function withOptions<C extends new (...args: any[]) => object>(Base: C, bound: ParserOptions): C {
  checkFunction('withOptions', 'Base', Base);
  settingsFor('withOptions', bound);
  return class extends Base {
    // biome-ignore lint/suspicious/noExplicitAny: a mixin constructor must take `any[]`
    constructor(...args: any[]) {
      super({ ...bound, ...(args[0] as ParserOptions | undefined) });
    }
  };
}
