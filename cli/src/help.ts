import { version } from '../../package.json';
import { BASELINE_FILE_NAME } from '../../shared/src/baseline/file';
import { CONFIG_FILE_NAME } from '../../shared/src/config';

export const VERSION: string = version;

export const USAGE = `Usage:
  bulkhead [scan] [PATH ...] [options]   scan Dockerfiles, Compose files and dev containers
  bulkhead rules [--format text|json]    list every rule and its metadata
  bulkhead report [PATH ...] [-c FILE] [-o FILE]
                                         the security posture of each service, image and dev container, as Markdown
  bulkhead baseline [PATH ...] [-c FILE] [-o FILE]
                                         accept today's findings: write them to ${BASELINE_FILE_NAME}
                                         (default: in the first PATH when it is a folder, else here)

Scans each PATH (default: the current folder). A folder is walked for Dockerfile, Dockerfile.*, *.Dockerfile,
Containerfile, compose.y(a)ml, compose.*.y(a)ml, docker-compose*.y(a)ml, .devcontainer/devcontainer.json,
.devcontainer/*/devcontainer.json and .devcontainer.json, skipping .git, node_modules, the configured excludes and
links that lead out of the folder. A file named on the command line is scanned whatever its name (and whatever the
excludes say): as Compose when it ends in .yml or .yaml, as a dev container when it is named devcontainer.json or
.devcontainer.json, else as a Dockerfile.

Options:
  -f, --format FORMAT   text (default), json or sarif
  -s, --severity LEVEL  fail (exit 1) on problems at or above error, warning (default) or info
      --fix             apply every safe fix in place, then report what remains
  -c, --config FILE     configuration file (default: ${CONFIG_FILE_NAME} in the first PATH when it is a
                        folder, else in the current folder)
  -q, --quiet           report only problems at or above --severity; no summary or notices
      --exit-zero       exit 0 even when problems are found (usage and configuration errors still exit 2)
  -o, --output FILE     write the report to FILE instead of standard output
      --baseline FILE   report only findings FILE does not list (default: ${BASELINE_FILE_NAME} where
                        ${CONFIG_FILE_NAME} is looked for, when there is one)
      --no-baseline     report every finding, whatever the baseline lists
      --changed-since REF
                        report only findings on lines changed since the Git ref REF (read with your git)
  -h, --help            show this help
  -v, --version         show the version

Exit status: 0 no new problem at or above --severity, 1 some, 2 usage, configuration or I/O error.
Colours are used on a terminal unless NO_COLOR is set (FORCE_COLOR turns them on elsewhere).
`;
