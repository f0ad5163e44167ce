/** `permission denied (EACCES)`: what went wrong, short, with the code people search for. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a folder',
    ENOTDIR: 'not a folder',
    ELOOP: 'too many levels of symbolic links',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
  };
  if (code && words[code]) return `${words[code]}, ${code}`;
  return error instanceof Error ? error.message : String(error);
}
