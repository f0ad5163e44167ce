/**
 * Bytes ↔ text for files Bulkhead reads and fixes. Pure (no file system), so the CLI and the server share it.
 *
 * A file is read as UTF-8 (with or without a BOM), as UTF-16 when it starts with a UTF-16 BOM, and otherwise — when the
 * bytes are not valid UTF-8 — as latin1, which maps every byte to one character and so always reads back to the same
 * bytes. The BOM is not part of the text (editors hide it too, and `FROM` must be the first word the parser sees); it
 * is put back when the text is written.
 */

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

export interface TextEncodingInfo {
  name: EncodingName;
  /** Whether the file started with a byte order mark. */
  bom: boolean;
}

export interface DecodedText {
  text: string;
  encoding: TextEncodingInfo;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF8_BOM)) {
    const text = decodeStrict('utf-8', bytes.subarray(3));
    if (text !== undefined) return { text, encoding: { name: 'utf-8', bom: true } };
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    const text = decodeStrict('utf-16le', bytes.subarray(2));
    if (text !== undefined) return { text, encoding: { name: 'utf-16le', bom: true } };
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    const text = decodeStrict('utf-16be', bytes.subarray(2));
    if (text !== undefined) return { text, encoding: { name: 'utf-16be', bom: true } };
  } else {
    const text = decodeStrict('utf-8', bytes);
    if (text !== undefined) return { text, encoding: { name: 'utf-8', bom: false } };
  }
  // Not what it claims to be: latin1 keeps every byte (a binary file then shows its NUL bytes to `skipReason`).
  return { text: decodeLatin1(bytes), encoding: { name: 'latin1', bom: false } };
}

/** Thrown when a text holds characters its file's encoding cannot store (a non-latin1 character in a latin1 file). */
export class UnencodableTextError extends Error {
  constructor(
    readonly encoding: EncodingName,
    readonly character: string,
  ) {
    super(
      `${encoding} cannot store the character U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    );
  }
}

/** The bytes of a text in the given encoding, BOM included when the file had one: `decodeBytes` reversed. */
export function encodeText(text: string, encoding: TextEncodingInfo): Uint8Array {
  switch (encoding.name) {
    case 'utf-8': {
      const body = new TextEncoder().encode(text);
      return encoding.bom ? concat(Uint8Array.from(UTF8_BOM), body) : body;
    }
    case 'utf-16le':
    case 'utf-16be': {
      const littleEndian = encoding.name === 'utf-16le';
      const offset = encoding.bom ? 2 : 0;
      const out = new Uint8Array(offset + text.length * 2);
      const view = new DataView(out.buffer);
      if (encoding.bom) view.setUint16(0, 0xfeff, littleEndian);
      for (let i = 0; i < text.length; i++) view.setUint16(offset + i * 2, text.charCodeAt(i), littleEndian);
      return out;
    }
    case 'latin1': {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code > 0xff) throw new UnencodableTextError('latin1', String.fromCodePoint(text.codePointAt(i)!));
        out[i] = code;
      }
      return out;
    }
  }
}

/** A short name for messages: `UTF-8`, `UTF-16LE with BOM`, `latin1`. */
export function describeEncoding(encoding: TextEncodingInfo): string {
  const name = encoding.name === 'latin1' ? 'latin1' : encoding.name.toUpperCase();
  return encoding.bom ? `${name} with BOM` : name;
}

/** Undefined when the bytes are not valid in that encoding: lenient decoding would not write back the same bytes. */
function decodeStrict(label: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string | undefined {
  if (label !== 'utf-8' && bytes.length % 2 !== 0) return undefined;
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeLatin1(bytes: Uint8Array): string {
  // TextDecoder's `latin1` label is windows-1252, which remaps 0x80–0x9F; true ISO-8859-1 is byte = code point.
  let text = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) text += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return text;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
