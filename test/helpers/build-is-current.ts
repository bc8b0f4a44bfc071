// Run once before the tests (vitest's globalSetup): the tests import the build (dist/ and
// build/*.wasm), so a build older than a source it is made from would test yesterday's code.
import { staleOutputs } from '../../tools/build-state.mjs';

export default function buildIsCurrent(): void {
  const stale: string[] = staleOutputs();
  if (stale.length > 0) {
    throw new Error(
      `the tests run the build, which is older than its sources: run npm run build first\n  ${stale.slice(0, 5).join('\n  ')}`,
    );
  }
}
