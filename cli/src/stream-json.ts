/** Stands for the streamed array in the skeleton; no report string can contain a NUL character unescaped. */
const MARK = '\u0000bulkhead-streamed-array\u0000';

/** The skeleton's value where the streamed array goes. */
export const STREAMED = MARK as unknown as unknown[];

/**
 * Writes `JSON.stringify(value, null, 2) + '\n'` where the one `STREAMED` value of `value` is the array of `items`,
 * byte for byte, without ever holding the whole text: a report of thousands of files is megabytes of JSON. Each item
 * is stringified alone and indented to its depth (JSON strings hold no raw line breaks, so indenting lines is exact).
 */
export function writeJsonStreaming(value: object, items: Iterable<unknown>, write: (chunk: string) => void): void {
  const text = JSON.stringify(value, null, 2);
  const quoted = JSON.stringify(MARK);
  const at = text.indexOf(quoted);
  if (at < 0) throw new Error('writeJsonStreaming: the skeleton has no STREAMED value');
  const indent = /^ */.exec(text.slice(text.lastIndexOf('\n', at) + 1))![0];
  const inner = `${indent}  `;
  write(text.slice(0, at));
  let first = true;
  for (const item of items) {
    write(`${first ? '[\n' : ',\n'}${inner}${JSON.stringify(item, null, 2).replace(/\n/g, `\n${inner}`)}`);
    first = false;
  }
  write(first ? '[]' : `\n${indent}]`);
  write(`${text.slice(at + quoted.length)}\n`);
}
