/** `permission denied (EACCES)`: what went wrong, short, with the code people search for. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && FS_ERROR_WORDS[code]) return `${FS_ERROR_WORDS[code]}, ${code}`;
  return error instanceof Error ? error.message : String(error);
}

const FS_ERROR_WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder',
  ENOTDIR: 'not a folder',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENXIO: 'no such device',
  EAGAIN: 'not ready to be read',
  EIO: 'input/output error',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
};
