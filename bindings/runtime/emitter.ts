// A minimal event emitter (no Node built-ins, so the same code runs in browsers), with Node's
// conventions: listeners must be functions, and an `error` event nobody listens to is thrown.
import { checkFunction } from './arguments.js';

// biome-ignore lint/suspicious/noExplicitAny: each event declares its own arguments; `unknown[]` would reject them
type Listener = (...args: any[]) => void;

export class Emitter<Events extends Record<string, Listener>> {
  private listeners: { [K in keyof Events]?: Events[K][] } | null = null;

  on<K extends keyof Events>(event: K, listener: Events[K]): this {
    checkFunction(`${this.constructor.name}.on`, 'listener', listener);
    const all = (this.listeners ??= {} as { [K in keyof Events]?: Events[K][] });
    const list = all[event];
    // A one-element literal: push() onto [] would reserve 17 slots, per parser.
    if (list === undefined) all[event] = [listener];
    else list.push(listener);
    return this;
  }

  once<K extends keyof Events>(event: K, listener: Events[K]): this {
    checkFunction(`${this.constructor.name}.once`, 'listener', listener);
    const wrapper = ((...args: unknown[]) => {
      this.off(event, wrapper);
      listener(...args);
    }) as Events[K];
    return this.on(event, wrapper);
  }

  off<K extends keyof Events>(event: K, listener: Events[K]): this {
    const list = this.listeners?.[event];
    if (list) {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    }
    return this;
  }

  /** Alias of `on`, as in Node's EventEmitter (@xmpp/events subscribes with it). */
  addListener<K extends keyof Events>(event: K, listener: Events[K]): this {
    return this.on(event, listener);
  }

  /** Alias of `off`, as in Node's EventEmitter. */
  removeListener<K extends keyof Events>(event: K, listener: Events[K]): this {
    return this.off(event, listener);
  }

  listenerCount(event: keyof Events): number {
    return this.listeners?.[event]?.length ?? 0;
  }

  /**
   * For a source stopped by `error` (when not null): with no `error` listener the error is thrown
   * again, so that input given to a stopped source is never dropped without a word.
   */
  protected throwIfUnheard(error: Error | null): void {
    if (error !== null && this.listenerCount('error') === 0) throw error;
  }

  // Every event here has at most two arguments: no rest parameters on the per-stanza path.
  protected emit<K extends keyof Events>(event: K, a?: Parameters<Events[K]>[0], b?: Parameters<Events[K]>[1]): void {
    const list = this.listeners?.[event];
    if (list === undefined || list.length === 0) {
      if (event === 'error') throw a;
      return;
    }
    if (list.length === 1) {
      list[0]!(a, b);
      return;
    }
    for (const listener of list.slice()) listener(a, b);
  }
}
