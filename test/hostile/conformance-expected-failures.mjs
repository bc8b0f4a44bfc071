// W3C conformance cases this parser does not pass yet, each with its reason. The conformance
// test fails when a listed case starts passing, so the entry gets removed with the fix.
export const expectedFailures = new Map([
  [
    'x-rmt-008b',
    'deliberate: XML 1.0 5th edition reads version="1.7" as 1.0, but an XMPP stream must be XML 1.0 (RFC 6120 §11.6), so any other version is refused as not-well-formed',
  ],
]);
