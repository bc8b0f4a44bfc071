// Command-line arguments: each command's options through node:util's parseArgs, and the two
// kinds of failure the entry point turns into one line: usage (exit 2) and bad input (exit 1).
import { parseArgs } from 'node:util';
import { HELP } from './help.js';

/** A command line that cannot run: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

/** Input that cannot be used (a missing file, a malformed table): one line, exit code 1. */
export class InputError extends Error {}

export type Values = { [name: string]: string | boolean | undefined } & {
  help?: boolean;
  json?: boolean;
  quiet?: boolean;
  stored?: boolean;
  document?: boolean;
};

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function options(command: string, args: string[], spec: OptionSpec): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, ...spec },
    });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${HELP[command]}`);
  }
}

export function positiveNumber(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined || typeof value === 'boolean') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

export function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
