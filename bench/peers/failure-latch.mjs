// For parsers that report errors as events: keeps the first one, and makes the wrapped calls
// throw it, so the harness sees a failing peer the same way whatever its error style.
export function createFailureLatch() {
  let failure = null;
  const check = () => {
    if (failure) throw failure;
  };
  return {
    record: (error) => void (failure ??= error instanceof Error ? error : new Error(String(error))),
    /** fn, followed by throwing the recorded failure, if any. */
    guard:
      (fn) =>
      (...args) => {
        fn(...args);
        check();
      },
  };
}
