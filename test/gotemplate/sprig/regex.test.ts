// Go RE2 semantics through the regex functions: ASCII classes, (?flags), \\A \\z \\Q..\\E, empty matches, $name expansion, Go's parse errors.
// Expected values: real Go 1.19 + Sprig 3.2.3 (the oracle), for the same templates.
import test from 'ava';
import { checkCases, type OracleCase } from './oracle-cases.js';

const CASES: OracleCase[] = [
  { template: "{{ regexFindAll \"a*\" \"baaac\" -1 }} {{ regexFindAll \"\" \"abc\" -1 }} {{ regexFindAll \"a|\" \"bab\" 2 }} {{ regexSplit \"a*\" \"baaac\" -1 }} {{ regexSplit \"\" \"abc\" -1 }} {{ regexSplit \",\" \"\" -1 }} {{ regexSplit \",\" \"a,b,c\" 2 }} {{ regexSplit \",\" \"a,b\" 0 }}", output: "[ aaa ] [   ] [ a] [b c] [a b c] [] [a b,c] []" },
  { template: "{{ regexReplaceAll \"a*\" \"baaac\" \"X\" }} {{ regexReplaceAll \"(?P<first>\\\\w+) (?P<last>\\\\w+)\" \"John Smith\" \"${last}, $first\" }} {{ regexReplaceAll \"(a)(b)\" \"ab\" \"$1x$2\" }} {{ regexReplaceAll \"(a)(b)\" \"ab\" \"${1}x$2$$\" }} {{ regexReplaceAll \"(a)\" \"a\" \"${3}|$9|${x}|${}\" }}", output: "XbXcX Smith, John b axb$ |||${}" },
  { template: "{{ regexMatch \"^a.c$\" \"a\\nc\" }} {{ regexMatch \"(?s)^a.c$\" \"a\\nc\" }} {{ regexMatch \"(?i)ABC\" \"xabcx\" }} {{ regexMatch \"(?m)^b$\" \"a\\nb\\nc\" }} {{ regexMatch \"^b$\" \"a\\nb\" }} {{ regexMatch \"a$\" \"a\\n\" }} {{ regexMatch \"\\\\s\" \"\\u00a0\" }} {{ regexMatch \"\\\\w\" \"é\" }} {{ regexMatch \"\\\\pL\" \"é\" }} {{ regexMatch \"\\\\p{Greek}\" \"α\" }} {{ regexMatch \"[[:alpha:]]+\" \"abc\" }} {{ regexMatch \"\\\\Aab\\\\z\" \"ab\" }} {{ regexMatch \"\\\\Qa.b\\\\E\" \"a.b\" }} {{ regexMatch \"\\\\Qa.b\\\\E\" \"axb\" }}", output: "false true true true false false false false true true true true true false" },
  { template: "{{ regexFind \"a{2,3}\" \"aaaa\" }} {{ regexFind \"a{,3}\" \"a{,3}\" }} {{ regexFind \"x{\" \"x{\" }} {{ regexFind \"[]a]+\" \"]a]\" }} {{ regexFind \"[^]a]+\" \"xyz]\" }} {{ regexFind \"\\\\x41\\\\x{42}\" \"AB\" }} {{ regexFind \"[a-c-]+\" \"a-b\" }} {{ regexFind \"\\\\bfoo\\\\b\" \"a foo b\" }} {{ regexFind \"(?U)a+\" \"aaa\" }} {{ regexFind \"a+?\" \"aaa\" }} {{ regexFind \"\\\\.\\\\-\\\\#\" \".-#\" }} {{ regexFind \"😀+\" \"x😀😀\" }}", output: "aaa a{,3} x{ ]a] xyz AB a-b foo a a .-# 😀😀" },
  { template: "{{ mustRegexFind \"a**\" \"a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustRegexFind \"a**\" \"a\">: error calling mustRegexFind: error parsing regexp: invalid nested repetition operator: `**`" },
  { template: "{{ mustRegexFind \"*a\" \"a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustRegexFind \"*a\" \"a\">: error calling mustRegexFind: error parsing regexp: missing argument to repetition operator: `*`" },
  { template: "{{ mustRegexFind \"a{1001}\" \"a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustRegexFind \"a{1001}\" \"a\">: error calling mustRegexFind: error parsing regexp: invalid repeat count: `{1001}`" },
  { template: "{{ mustRegexFind \"[a\" \"a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustRegexFind \"[a\" \"a\">: error calling mustRegexFind: error parsing regexp: missing closing ]: `[a`" },
  { template: "{{ mustRegexFind \"a)\" \"a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustRegexFind \"a)\" \"a\">: error calling mustRegexFind: error parsing regexp: unexpected ): `a)`" },
  { template: "{{ mustRegexFind \"\\\\1\" \"a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustRegexFind \"\\\\1\" \"a\">: error calling mustRegexFind: error parsing regexp: invalid escape sequence: `\\1`" },
  { template: "{{ mustRegexFind \"(?=a)\" \"a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustRegexFind \"(?=a)\" \"a\">: error calling mustRegexFind: error parsing regexp: invalid or unsupported Perl syntax: `(?=`" },
  { template: "{{ mustRegexFind \"[z-a]\" \"a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustRegexFind \"[z-a]\" \"a\">: error calling mustRegexFind: error parsing regexp: invalid character class range: `z-a`" },
  { template: "{{ mustRegexFind \"\\\\e\" \"a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustRegexFind \"\\\\e\" \"a\">: error calling mustRegexFind: error parsing regexp: invalid escape sequence: `\\e`" },
  { template: "{{ mustRegexFind \"(?P<n>a)(?P<n>b)\" \"ab\" }}", output: "ab" },
  { template: "{{ regexFind \"(\" \"a\" }}", errorLike: "error calling regexFind" },
  { template: "{{ regexQuoteMeta \"a.b*c+d?e(f)g|h[i]j{k}l^m$n\\\\o\" }}", output: "a\\.b\\*c\\+d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o" },
  { template: "{{ regexFindAll \"\\\\d\" \"a1b2c3d4\" 2 }} {{ regexFindAll \"x\" \"abc\" -1 }} {{ regexFindAll \"^\" \"abc\" -1 }} {{ regexFindAll \"$\" \"abc\" -1 }} {{ regexFindAll \"\\\\b\" \"ab cd\" -1 | len }}", output: "[1 2] [] [] [] 4" },
  { template: "{{ regexReplaceAllLiteral \"b\" \"abc\" \"$1\" }} {{ regexReplaceAll \"\" \"abc\" \"-\" }} {{ regexReplaceAll \"x*\" \"abc\" \"-\" }} {{ regexReplaceAll \"b*\" \"abbc\" \"-\" }}", output: "a$1c -a-b-c- -a-b-c- -a-c-" },
];

test('regex: Go and Sprig print these', (t) => checkCases(t, CASES));
