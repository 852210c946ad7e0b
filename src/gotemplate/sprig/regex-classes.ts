// Go's regexp character classes spelled for a JavaScript RegExp with the `u` flag: Perl classes and
// POSIX classes are ASCII in Go; \pX names are Unicode general categories or scripts.

const SPACE = '\\t\\n\\f\\r ';
export const PERL = new Map([
  ['d', '0-9'],
  ['w', '0-9A-Za-z_'],
  ['s', SPACE],
]);
export const POSIX = new Map([
  ['alnum', '0-9A-Za-z'],
  ['alpha', 'A-Za-z'],
  ['ascii', '\\x00-\\x7f'],
  ['blank', '\\t '],
  ['cntrl', '\\x00-\\x1f\\x7f'],
  ['digit', '0-9'],
  ['graph', '!-~'],
  ['lower', 'a-z'],
  ['print', ' -~'],
  ['punct', '!-\\/:-@\\[-`{-~'],
  ['space', '\\t\\n\\v\\f\\r '],
  ['upper', 'A-Z'],
  ['word', '0-9A-Za-z_'],
  ['xdigit', '0-9A-Fa-f'],
]);
export const CATEGORIES = new Set(['C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs']);

/** A code point as a JS regexp literal that is safe inside and outside classes under the `u` flag. */
export function lit(cp: number): string {
  const c = String.fromCodePoint(cp);
  if (/[A-Za-z0-9_ ]/.test(c) || cp > 0x7f) return c;
  return '\\u{' + cp.toString(16) + '}';
}

