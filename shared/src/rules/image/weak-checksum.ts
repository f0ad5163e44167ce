import { defineRule, prose, file } from '../../rule';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { copyArguments } from '../../dockerfile/instructions';
import { downloadOf } from '../../dockerfile/downloads';
import { checkCovers, contentCheckOf } from '../../dockerfile/checksums';
import { findOption } from '../../dockerfile/options';
import { basename } from '../../dockerfile/shell';
import type { Finding } from '../../types';

type MessageId = 'weak';

export default defineRule({
  meta: {
    id: 'image/weak-checksum',
    title: 'Download checked with MD5 or SHA-1',
    kind: 'dockerfile',
    severity: 'info',
    threat: 'external-container',
    mitigation: prose`
        Check downloads with SHA-256 or SHA-512 (\`sha256sum -c\`, \`ADD --checksum=sha256:…\`); where upstream
        publishes only an MD5 or SHA-1 digest, verify once against it and a signature, then pin the SHA-256 you
        computed.
      `,
    cis: '4.11',
    peers: {},
    references: [
      { title: 'RFC 6151: security considerations for MD5', url: 'https://www.rfc-editor.org/rfc/rfc6151' },
      { title: 'SHAttered: the first SHA-1 collision', url: 'https://shattered.io/' },
      {
        title: 'Dockerfile reference: ADD --checksum',
        url: 'https://docs.docker.com/reference/dockerfile/#add---checksum',
      },
    ],
    fix: 'none',
    messages: {
      weak: prose`
        \`{{text}}\` checks a download with {{algorithm}}, which has practical collisions: a file prepared to share the
        digest passes the check.
      `,
    },
    docs: {
      description: prose`
        Reports digest checks with MD5 or SHA-1 in a stage that downloads (\`curl\`, \`wget\` or \`ADD\` of a URL
        earlier in the stage): \`md5sum -c\`, \`sha1sum -c\`, \`shasum -a 1 -c\`, a digest computed for a comparison
        (\`[ "$(md5sum f | cut -d' ' -f1)" = "$MD5" ]\`, \`sha1sum f | grep\`), \`openssl md5\`, \`openssl sha1\` and
        \`openssl dgst -md5\`/\`-sha1\`. Checks of files that the stage did not download (built or copied in) are not
        reported.

        MD5 and SHA-1 collisions can be computed: whoever shapes a file before it is published (a compromised
        maintainer account, a build server, a contributed binary) can prepare a harmless and a harmful file with the
        same digest and swap them later. A stranger on the network who must match a digest already published still
        needs a second preimage, which is not practical for either yet; so this is \`info\`, and the digest check
        still counts as verification for image/cleartext-download. \`shasum -c\` without \`-a\` picks the algorithm
        from each digest's length and is not reported. \`ADD --checksum\` accepts only SHA-256, SHA-384 and SHA-512
        digests (BuildKit refuses \`md5:\`), so it is never weak. There is no fix: the stronger digest must come from
        a source you trust, not from the file you downloaded.
      `,
      examples: {
        bad: [
          file`
            FROM debian:12
            RUN curl -fsSLo /tmp/x.tgz https://example.com/x-1.2.3.tgz \\
             && echo "d41d8cd98f00b204e9800998ecf8427e  /tmp/x.tgz" | md5sum -c -
          `,
        ],
        good: [
          file`
            FROM debian:12
            RUN curl -fsSLo /tmp/x.tgz https://example.com/x-1.2.3.tgz \\
             && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/x.tgz" | sha256sum -c -
          `,
          'FROM debian:12\nCOPY x.tgz /tmp/\nRUN md5sum -c /tmp/x.tgz.md5\n',
        ],
      },
      peerNotes: 'No peer in the corpus checks which digest a download is verified with.',
    },
  },

  check(model) {
    const findings: Finding<'weak'>[] = [];
    for (const stage of model.stages) {
      const downloads = downloadsOf(model, stage);
      if (!downloads.length) continue;
      for (const run of stage.runs) {
        for (const cmd of run.script.commands) {
          const check = contentCheckOf(cmd);
          if (!check?.weak) continue;
          // A digest computed of a file the stage built (`md5sum /usr/local/bin/redis-server`) checks no download.
          if (!downloads.some((d) => d.at < cmd.start && checkCovers(check, d.file))) continue;
          findings.push({
            messageId: 'weak',
            data: {
              text: model.source.text.slice(check.word.start, check.last.end),
              algorithm: check.algorithm === 'md5' ? 'MD5' : 'SHA-1',
            },
            range: model.source.rangeOf(check.word.start, check.last.end),
          });
        }
      }
    }
    return findings;
  },
});

interface StageDownload {
  at: number;
  /** The file written, as far as the command tells (its output option, or the URL's last segment). */
  file?: string;
}

/** Where the stage downloads, and to which file: curl and wget commands, and ADD of a URL. */
function downloadsOf(model: DockerfileModel, stage: Stage): StageDownload[] {
  const downloads: StageDownload[] = [];
  for (const run of stage.runs) {
    for (const cmd of run.script.commands) {
      const download = downloadOf(cmd);
      if (!download) continue;
      const output =
        download.tool === 'curl'
          ? findOption(download.args, '-o', '--output')
          : findOption(download.args, '-O', '--output-document');
      if (output?.value) downloads.push({ at: cmd.start, file: output.value });
      else for (const url of download.args.operands) downloads.push({ at: cmd.start, file: url.value });
      if (!output?.value && !download.args.operands.length) downloads.push({ at: cmd.start });
    }
  }
  for (const ins of stage.instructions) {
    if (ins.getKeyword() !== 'ADD') continue;
    const vars = stage.variables.before(ins.getRange().start.line);
    const args = copyArguments(ins, model);
    for (const src of args.sources) {
      const value = model.expander.use(src.value, vars, () => model.source.rangeOf(src.start, src.end)) ?? '';
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
      const into = args.destination?.value;
      const file = into && !into.endsWith('/') ? into : value;
      downloads.push({ at: model.source.offsetAt(ins.getRange().start), file: basename(file) });
    }
  }
  return downloads;
}
