// Libraries construct their parser classes without arguments (`new this.Parser()`): this binds
// options (an Element class, limits) to a subclass that such a library can construct.
import type { ParserOptions } from '../parser/stream-parser.js';

export function withOptions<C extends new (...args: any[]) => object>(Base: C, bound: ParserOptions): C {
  return class extends Base {
    constructor(...args: any[]) {
      super({ ...bound, ...(args[0] as ParserOptions | undefined) });
    }
  };
}
