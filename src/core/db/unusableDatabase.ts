/**
 * A database Navi will not open: damaged, empty, or not writable. The message is one line a person
 * can act on; the SQLite code stays on `cause` for the log.
 */
export class DatabaseUnusableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnusableError';
  }
}

const READ_ONLY_CODES = new Set(['SQLITE_CANTOPEN', 'SQLITE_PERM', 'EACCES', 'EPERM', 'EROFS']);
const DAMAGED_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** True when a failure means the file or its folder cannot be written (permissions, read-only disk). */
export function isNotWritable(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_READONLY') || READ_ONLY_CODES.has(code);
}

export function cannotWrite(what: string, path: string, cause: unknown): DatabaseUnusableError {
  return new DatabaseUnusableError(
    `Navi cannot write to its ${what} ${path}: it is read-only or belongs to another user. ` +
      'Check its permissions, or start Navi with another data directory.',
    { cause },
  );
}

export function damaged(file: string, why: string, cause?: unknown): DatabaseUnusableError {
  return new DatabaseUnusableError(
    `The database ${file} is damaged (${why}), so Navi will not open it or start over on top of it. ` +
      'Move it away to start with a new database, or restore it from a backup.',
    { cause },
  );
}

/** Turns SQLite's own words for an unusable file into a readable refusal; anything else passes through. */
export function explainOpenFailure(file: string, error: unknown): unknown {
  if (error instanceof DatabaseUnusableError) return error;
  if (isNotWritable(error)) return cannotWrite('database', file, error);
  const code = codeOf(error);
  if (DAMAGED_CODES.has(code) || code.startsWith('SQLITE_CORRUPT')) {
    return damaged(file, error instanceof Error ? error.message : code, error);
  }
  return error;
}
