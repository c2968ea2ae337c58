/**
 * A small SQL lexer for the two jobs that must not be fooled by quotes or comments:
 * finding placeholders to rewrite, and splitting a migration into single statements
 * (the Data API runs one statement per call).
 *
 * It knows PostgreSQL's quoting: '...' (with '' inside), E'...' (with backslash escapes),
 * "identifiers", $tag$ dollar quotes $tag$, -- line comments and nested block comments.
 */
export interface SqlSegment {
  /** True for text the server parses as SQL; false inside strings, identifiers and comments. */
  readonly code: boolean;
  readonly text: string;
}

const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

/** Splits SQL text into code and non-code segments, in order; joining them gives the input back. */
export function scanSql(sql: string): SqlSegment[] {
  const segments: SqlSegment[] = [];
  let code = '';
  let i = 0;
  const pushCode = () => {
    if (code) segments.push({ code: true, text: code });
    code = '';
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    let end = -1;
    if (ch === "'") {
      const escapes = i > 0 && /[eE]/.test(sql[i - 1]!) && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? ' ');
      end = endOfQuoted(sql, i, "'", escapes);
    } else if (ch === '"') {
      end = endOfQuoted(sql, i, '"', false);
    } else if (ch === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      end = nl === -1 ? sql.length : nl;
    } else if (ch === '/' && next === '*') {
      end = endOfBlockComment(sql, i);
    } else if (ch === '$' && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? ' ')) {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 64));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        end = close === -1 ? sql.length : close + tag[0].length;
      }
    }
    if (end === -1) {
      code += ch;
      i += 1;
    } else {
      pushCode();
      segments.push({ code: false, text: sql.slice(i, end) });
      i = end;
    }
  }
  pushCode();
  return segments;
}

function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashEscapes && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return sql.length;
}

function endOfBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth += 1;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/** Splits a script into statements at top-level semicolons; empty statements are dropped. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let hasCode = false;
  for (const segment of scanSql(sql)) {
    if (!segment.code) {
      current += segment.text;
      if (!segment.text.startsWith('--') && !segment.text.startsWith('/*')) hasCode = true;
      continue;
    }
    const parts = segment.text.split(';');
    parts.forEach((part, index) => {
      current += part;
      if (part.trim()) hasCode = true;
      if (index < parts.length - 1) {
        if (hasCode) statements.push(current.trim());
        current = '';
        hasCode = false;
      }
    });
  }
  if (hasCode) statements.push(current.trim());
  return statements;
}

/** Counts the statements in `sql` (comments and empty statements do not count). */
export function countStatements(sql: string): number {
  return splitStatements(sql).length;
}

/**
 * Rewrites the placeholders that `pattern` matches in code segments only.
 * `pattern` must be global; `replace` gets the match and returns its replacement.
 */
export function rewritePlaceholders(
  sql: string,
  pattern: RegExp,
  replace: (match: RegExpExecArray) => string,
) {
  return scanSql(sql)
    .map((segment) =>
      segment.code ? segment.text.replace(pattern, (...args) => replace(toExec(args))) : segment.text,
    )
    .join('');
}

function toExec(args: unknown[]): RegExpExecArray {
  // String.replace passes (match, ...groups, offset, input[, namedGroups]).
  const hasNamed = typeof args[args.length - 1] === 'object';
  const groupsEnd = args.length - (hasNamed ? 3 : 2);
  const result = args.slice(0, groupsEnd) as unknown as RegExpExecArray;
  result.index = args[groupsEnd] as number;
  return result;
}
