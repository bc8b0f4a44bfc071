// Stream versions (RFC 3920 §4.4.1, RFC 6120 §4.7.5): major and minor compared as separate
// integers, leading zeros ignored, a missing version meaning 0.9; the parser's `version`.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StreamParser, compareVersions, parseVersion } from '../../bindings/index.js';
import { STREAMS_NS } from '../helpers/event-log.js';

describe('compareVersions', () => {
  it('compares major and minor as integers: 2.4 < 2.13 < 12.3', () => {
    expect(compareVersions('2.4', '2.13')).toBeLessThan(0);
    expect(compareVersions('2.13', '12.3')).toBeLessThan(0);
    expect(compareVersions('2.4', '12.3')).toBeLessThan(0);
    expect(compareVersions('12.3', '2.13')).toBeGreaterThan(0);
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('1.0', '1.0')).toBe(0);
  });

  it('ignores leading zeros', () => {
    expect(compareVersions('01.00', '1.0')).toBe(0);
    expect(compareVersions('1.01', '1.1')).toBe(0);
    expect(compareVersions('2.004', '2.4')).toBe(0);
    expect(compareVersions('1.010', '1.9')).toBeGreaterThan(0);
  });

  it('treats a missing version as 0.9', () => {
    expect(compareVersions(undefined, '0.9')).toBe(0);
    expect(compareVersions(undefined, '1.0')).toBeLessThan(0);
    expect(compareVersions('0.8', undefined)).toBeLessThan(0);
  });

  it('accepts parsed versions', () => {
    expect(compareVersions({ major: 1, minor: 0 }, '1.0')).toBe(0);
    expect(compareVersions('1.0', { major: 0, minor: 9 })).toBeGreaterThan(0);
  });

  it('rejects text that is not major.minor', () => {
    for (const bad of ['1', '1.0.0', 'a.b', '', ' 1.0', '1.0 ', '-1.0', '1.-0', '1.', '.1', '1,0', '１.0']) {
      expect(() => compareVersions(bad, '1.0'), bad).toThrow(TypeError);
      expect(() => compareVersions('1.0', bad), bad).toThrow(TypeError);
    }
  });

  it('orders like the integer pairs, whatever the zero padding', () => {
    const part = fc.nat({ max: 100_000 });
    const padded = (n: number, zeros: number) => '0'.repeat(zeros) + String(n);
    fc.assert(
      fc.property(part, part, part, part, fc.nat(3), fc.nat(3), (a1, a2, b1, b2, z1, z2) => {
        const expected = a1 !== b1 ? Math.sign(a1 - b1) : Math.sign(a2 - b2);
        const result = compareVersions(`${padded(a1, z1)}.${padded(a2, z2)}`, `${padded(b1, z2)}.${padded(b2, z1)}`);
        expect(Math.sign(result)).toBe(expected);
        expect(Math.sign(compareVersions(`${b1}.${b2}`, `${a1}.${a2}`)) || 0).toBe(-expected || 0); // || 0: -0 is not 0 for toBe
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseVersion', () => {
  it('parses major.minor, a missing version as 0.9, anything else as null', () => {
    expect(parseVersion('1.0')).toEqual({ major: 1, minor: 0 });
    expect(parseVersion('007.010')).toEqual({ major: 7, minor: 10 });
    expect(parseVersion(undefined)).toEqual({ major: 0, minor: 9 });
    expect(parseVersion(null)).toEqual({ major: 0, minor: 9 });
    expect(parseVersion('1')).toBeNull();
    expect(parseVersion('x.y')).toBeNull();
  });
});

describe("the parser's version", () => {
  const headerWith = (versionAttribute: string) => `<stream:stream xmlns='jabber:client' xmlns:stream='${STREAMS_NS}'${versionAttribute}>`;
  const versionSeen = (versionAttribute: string) => {
    const parser = new StreamParser();
    const seen: unknown[] = [];
    // Read inside the listener: it must be set by the time `start` is emitted.
    parser.on('start', () => seen.push(parser.version));
    parser.write(headerWith(versionAttribute));
    return { seen, parser };
  };

  it('is null before the header', () => {
    expect(new StreamParser().version).toBeNull();
  });
  it("is the header's version when `start` is emitted", () => {
    expect(versionSeen(" version='1.0'").seen).toEqual([{ major: 1, minor: 0 }]);
    expect(versionSeen(" version='02.13'").seen).toEqual([{ major: 2, minor: 13 }]);
  });
  it('is 0.9 without a version attribute', () => {
    expect(versionSeen('').seen).toEqual([{ major: 0, minor: 9 }]);
  });
  it('is null for a malformed version, and the stream still starts', () => {
    const { seen, parser } = versionSeen(" version='one'");
    expect(seen).toEqual([null]);
    expect(parser.error).toBeNull();
  });
  it('is cleared by reset()', () => {
    const { parser } = versionSeen(" version='1.0'");
    parser.reset();
    expect(parser.version).toBeNull();
  });
});

describe('compareVersions beyond 2^53', () => {
  it('is exact', () => {
    expect(compareVersions('99999999999999999999.1', '100000000000000000000.1')).toBe(-1);
    expect(compareVersions('1.00000000000000000001', '1.1')).toBe(0);
  });
});
