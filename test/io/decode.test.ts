import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBytes, describeEncoding, encodeText, UnencodableTextError } from '../../shared/src/io/decode';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('decodeBytes / encodeText', () => {
  const cases: { name: string; input: Uint8Array; text: string; encoding: string }[] = [
    {
      name: 'plain UTF-8',
      input: bytes('FROM alpine # café 😀\n'),
      text: 'FROM alpine # café 😀\n',
      encoding: 'UTF-8',
    },
    {
      name: 'UTF-8 with BOM (stripped)',
      input: bytes([0xef, 0xbb, 0xbf], 'FROM x\r\n'),
      text: 'FROM x\r\n',
      encoding: 'UTF-8 with BOM',
    },
    {
      name: 'a second BOM is text',
      input: bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'x'),
      text: '\ufeffx',
      encoding: 'UTF-8 with BOM',
    },
    {
      name: 'UTF-16LE with BOM',
      input: Uint8Array.from(Buffer.from('\ufeffFROM é 😀\n', 'utf16le')),
      text: 'FROM é 😀\n',
      encoding: 'UTF-16LE with BOM',
    },
    {
      name: 'UTF-16BE with BOM',
      input: Uint8Array.from(Buffer.from('\ufeffFROM é 😀\n', 'utf16le').swap16()),
      text: 'FROM é 😀\n',
      encoding: 'UTF-16BE with BOM',
    },
    {
      name: 'invalid UTF-8 read as latin1, C1 bytes included',
      input: bytes('# r', [0xe9, 0x80, 0x9f, 0xff], '\n'),
      text: '# r\u00e9\u0080\u009f\u00ff\n',
      encoding: 'latin1',
    },
    {
      name: 'a UTF-16 BOM on an odd number of bytes is not UTF-16',
      input: bytes([0xff, 0xfe, 0x41]),
      text: '\u00ff\u00feA',
      encoding: 'latin1',
    },
    {
      name: 'a lone surrogate in UTF-16 is not UTF-16',
      input: bytes([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]),
      text: '\u00ff\u00fe\u0000\u00d8A\u0000',
      encoding: 'latin1',
    },
    { name: 'empty', input: new Uint8Array(), text: '', encoding: 'UTF-8' },
  ];
  for (const c of cases) {
    it(`${c.name}: decodes, and writes back the same bytes`, () => {
      const decoded = decodeBytes(c.input);
      assert.equal(decoded.text, c.text);
      assert.equal(describeEncoding(decoded.encoding), c.encoding);
      assert.deepEqual(encodeText(decoded.text, decoded.encoding), c.input);
    });
  }

  it('reads a large latin1 file (beyond one argument list) exactly', () => {
    const input = Uint8Array.from({ length: 300_000 }, (_, i) => (i % 255) + 1);
    const decoded = decodeBytes(input);
    assert.equal(decoded.encoding.name, 'latin1');
    assert.equal(decoded.text.length, input.length);
    assert.deepEqual(encodeText(decoded.text, decoded.encoding), input);
  });

  it('refuses to write a character latin1 cannot store, rather than corrupt it', () => {
    assert.throws(
      () => encodeText('x — y', { name: 'latin1', bom: false }),
      (e: unknown) => e instanceof UnencodableTextError && /U\+2014/.test(e.message),
    );
  });
});
