/**
 * Commands that check a file against a digest or a signature (`sha256sum -c`, `gpg --verify`, `openssl dgst -sha256`),
 * and how strong the check is: rules about downloads ask whether something verified what arrived, and with what.
 */
import { appletWords, basename, type ShellWord, type SimpleCommand } from './shell';
import { findOption, readArguments } from './options';

export interface ContentCheck {
  /** The word naming the tool (`sha256sum`, `gpg`, `openssl`). */
  word: ShellWord;
  /** The last word of the check as written (the option or operand that makes it one). */
  last: ShellWord;
  /** `sha256`, `md5`, `signature`, or `unknown` where the checksum file decides (`shasum -c` without `-a`). */
  algorithm: string;
  /** MD5 and SHA-1 have practical collisions: a check with them does not bind a file to what its publisher meant. */
  weak: boolean;
  /**
   * The digest is computed for a comparison, not checked against a list (`"$(sha256sum f | cut …)"`): it verifies
   * only the files it names, which may be built ones (a binary compared with another), not downloads.
   */
  computed: boolean;
  /** The files the command names, as written (`-` and options left out). */
  files: string[];
}

const SUM_TOOLS = /^(md5|sha1|sha224|sha256|sha384|sha512|b2)sum$/;
const WEAK = new Set(['md5', 'sha1']);
/** `shasum -a N`: the algorithms it takes (`512224` is SHA-512/224). */
const SHASUM_ALGORITHMS = new Set(['1', '224', '256', '384', '512', '512224', '512256']);
/** `openssl dgst -<digest>` and `openssl <digest>`: the digests read as checks. */
const OPENSSL_DIGEST = /^-?(md5|sha1|sha224|sha256|sha384|sha512|sha3-256|sha3-384|sha3-512)$/;

/** The check a command performs, or undefined when it verifies nothing. */
export function contentCheckOf(cmd: SimpleCommand): ContentCheck | undefined {
  const words = appletWords(cmd);
  const word = words[0];
  if (!word || word.dynamic) return undefined;
  const name = basename(word.value);
  const rest = words.slice(1);

  const sum = SUM_TOOLS.exec(name);
  if (sum) {
    const args = readArguments(rest, {});
    const check = findOption(args, '-c', '--check');
    // A digest computed for a comparison (`[ "$(sha256sum f | cut -d' ' -f1)" = "$SHA" ]`, `sha256sum f | grep`)
    // checks as `-c` does; one only printed checks nothing.
    if (!check && cmd.nested !== 'substitution' && cmd.next !== '|') return undefined;
    const algorithm = sum[1] === 'b2' ? 'blake2' : sum[1];
    return {
      word,
      last: check?.word ?? word,
      algorithm,
      weak: WEAK.has(algorithm),
      computed: !check,
      files: names(args.operands),
    };
  }
  if (name === 'shasum') {
    const args = readArguments(rest, { shortWithValue: 'a', longWithValue: ['--algorithm'] });
    const check = findOption(args, '-c', '--check');
    if (!check) return undefined;
    const chosen = findOption(args, '-a', '--algorithm')?.value;
    // Checking, shasum picks the algorithm from each digest's length unless `-a` names one.
    const algorithm = chosen && SHASUM_ALGORITHMS.has(chosen) ? `sha${chosen}` : 'unknown';
    return {
      word,
      last: check.word,
      algorithm,
      weak: algorithm === 'sha1',
      computed: false,
      files: names(args.operands),
    };
  }
  if (name === 'openssl') {
    const [sub, ...more] = rest;
    if (!sub) return undefined;
    let digest = OPENSSL_DIGEST.exec(sub.value)?.[1];
    let last = sub;
    if (sub.value === 'dgst') {
      const option = more.find((w) => OPENSSL_DIGEST.test(w.value) && w.value.startsWith('-'));
      // `openssl dgst` alone hashes with SHA-256; `-verify`/`-signature` check a signature.
      if (more.some((w) => w.value === '-verify' || w.value === '-prverify' || w.value === '-signature'))
        return { word, last: sub, algorithm: 'signature', weak: false, computed: false, files: names(more) };
      digest = option ? OPENSSL_DIGEST.exec(option.value)![1] : 'sha256';
      if (option) last = option;
    }
    if (!digest) return undefined;
    return { word, last, algorithm: digest, weak: WEAK.has(digest), computed: true, files: names(more) };
  }
  if (name === 'gpg' || name === 'gpg2') {
    const verify = rest.find((w) => w.value === '--verify' || w.value === '--verify-files');
    if (!verify) return undefined;
    return { word, last: verify, algorithm: 'signature', weak: false, computed: false, files: names(rest) };
  }
  if (name === 'gpgv' || name === 'gpgv2') {
    return { word, last: word, algorithm: 'signature', weak: false, computed: false, files: names(rest) };
  }
  if (name === 'cosign' && rest[0]?.value === 'verify-blob') {
    return { word, last: rest[0], algorithm: 'signature', weak: false, computed: false, files: names(rest.slice(1)) };
  }
  if (
    (name === 'minisign' || name === 'signify') &&
    rest.some((w) => w.value === '-V' || /^-[A-Za-z]*V/.test(w.value))
  ) {
    return { word, last: word, algorithm: 'signature', weak: false, computed: false, files: names(rest) };
  }
  return undefined;
}

function names(words: readonly ShellWord[]): string[] {
  return words.map((w) => w.value).filter((v) => v !== '-' && !v.startsWith('-'));
}

/**
 * Whether a check can be what verifies `file` (a path or URL as the download wrote it): a check against a list or a
 * signature may cover any file; a computed digest covers only the files it names.
 */
export function checkCovers(check: ContentCheck, file: string | undefined): boolean {
  if (!check.computed) return true;
  const name = file === undefined ? undefined : basename(file.replace(/[?#].*$/, '').replace(/\/+$/, ''));
  return name !== undefined && name !== '' && check.files.some((f) => basename(f) === name);
}
