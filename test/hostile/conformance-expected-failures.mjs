// W3C conformance cases this parser does not pass yet, each with its reason. The conformance
// test fails when a listed case starts passing, so the entry gets removed with the fix.
const badEncodingName =
  'binding: an encoding name outside EncName [81] is reported as unsupported-encoding; the declaration is not well-formed (checkDeclaration accepts any quoted text as the name)';

export const expectedFailures = new Map([
  ['not-wf-sa-101', badEncodingName], // encoding=" UTF-8"
  ['encoding01', badEncodingName], // " utf-8"
  ['encoding02', badEncodingName], // "a/b"
  ['encoding03', badEncodingName], // "just&#41;word"
  ['encoding04', badEncodingName], // "utf:8"
  ['encoding05', badEncodingName], // "@import(sys-encoding)"
  ['encoding06', badEncodingName], // "XYZ+999"
  ['ibm-not-wf-P81-ibm81n01.xml', badEncodingName], // "_UTF-8"
  ['ibm-not-wf-P81-ibm81n02.xml', badEncodingName], // "-UTF-8"
  ['ibm-not-wf-P81-ibm81n03.xml', badEncodingName], // ".UTF-8"
  ['ibm-not-wf-P81-ibm81n04.xml', badEncodingName], // "8-UTF"
  ['ibm-not-wf-P81-ibm81n05.xml', badEncodingName], // "UTF~8"
  ['ibm-not-wf-P81-ibm81n06.xml', badEncodingName], // "UTF#8"
  ['ibm-not-wf-P81-ibm81n07.xml', badEncodingName], // "UTF:8"
  ['ibm-not-wf-P81-ibm81n08.xml', badEncodingName], // "UTF/8"
  ['ibm-not-wf-P81-ibm81n09.xml', badEncodingName], // "UTF;8"
  [
    'x-rmt-008b',
    'deliberate: XML 1.0 5th edition reads version="1.7" as 1.0, but an XMPP stream must be XML 1.0 (RFC 6120 §11.6), so any other version is refused as not-well-formed',
  ],
]);
