// empty/default, reflection names, hashes, derivePassword, base64/32 decoding, duration, decryptAES.
// Expected values: real Go 1.19 + Sprig 3.2.3 (the oracle), for the same templates.
import test from 'ava';
import { checkCases, type OracleCase } from './oracle-cases.js';

const CASES: OracleCase[] = [
  { template: "{{ empty .st }} {{ empty (list) }} {{ empty .m }} {{ default \"d\" .m }} {{ default \"d\" false }} {{ default \"d\" }} {{ coalesce nil .missing }} {{ ternary 1 2 true | typeOf }}", data: {"st": "", "m": {}}, output: "true true true d d d <no value> int" },
  { template: "{{ typeOf .p }} {{ kindOf .p }} {{ typeOf (list 1) }} {{ typeOf (splitList \",\" \"a\") }} {{ typeOf (until 2) }} {{ typeOf (split \",\" \"a\") }} {{ typeOf (chunk 1 (list 1)) }} {{ typeOf (int 1) }} {{ typeOf (int64 1) }} {{ typeOf (add 1 1) }} {{ typeOf (atoi \"1\") }} {{ typeOf (float64 1) }} {{ typeOf (addf 1) }} {{ kindOf (int 1) }} {{ typeOf true }} {{ typeOf (semver \"1.0.0\").Major }}", data: {"p": 1}, output: "float64 float64 []interface {} []string []int map[string]string [][]interface {} int int64 int64 int float64 float64 int bool uint64" },
  { template: "{{ typeIsLike \"semver.Version\" (semver \"1.0.0\") }} {{ kindIs \"ptr\" (semver \"1.0.0\") }} {{ typeIs \"int64\" (add 1) }}", output: "true true true" },
  { template: "{{ derivePassword 3 \"long\" \"p\" \"u\" \"s\" }} {{ derivePassword 1 \"nope\" \"p\" \"u\" \"s\" }} {{ derivePassword 1 \"pin\" \"pässwörd\" \"üser\" \"sité\" }}", output: "Xuqu2!YiqdKols cannot find password template nope 1762" },
  { template: "{{ sha1sum \"\" }} {{ sha256sum \"é\" }} {{ adler32sum \"\" }} {{ adler32sum \"The quick brown fox jumps over the lazy dog\" }}", output: "da39a3ee5e6b4b0d3255bfef95601890afd80709 4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c 1 1541148634" },
  { template: "{{ b64enc \"é😀\" }} {{ b64dec \"6Q==\" }} {{ b32enc \"é😀\" }}", output: "w6nwn5iA � YOU7BH4YQA======" },
  { template: "{{ duration \"95\" }} {{ duration \"-3\" }} {{ duration (int64 3661) }} {{ duration \"x\" }} {{ duration (int64 999999999999) }} {{ durationRound \"2h10m\" }} {{ durationRound \"1.5h\" }} {{ durationRound \"-36h\" }} {{ durationRound \"45s\" }} {{ durationRound \"x\" }} {{ durationRound (int64 7200000000001) }} {{ durationRound \"400d\" }} {{ durationRound \"9000h\" }} {{ durationRound \"1s\" }}", output: "1m35s -3s 1h1m1s 0s 1076616h40m18.684212736s 2h 1h 1d 45s 0s 2h 0s 1y 0s" },
  { template: "{{ decryptAES \"secretkey\" \"x\" }}", error: "template: inject:1:3: executing \"inject\" at <decryptAES \"secretkey\" \"x\">: error calling decryptAES: illegal base64 data at input byte 0" },
  { template: "{{ hello }} {{ max 1 \"5\" 3.9 }} {{ min }}", error: "template: inject:1:35: executing \"inject\" at <min>: wrong number of args for min: want at least 1 got 0" },
  { template: "{{ b64dec \"YQ\" }}|{{ b64dec \"YQ=\" }}|{{ b64dec \"YQ==\" }}|{{ b64dec \"YQ==YQ==\" }}|{{ b64dec \"Y\\nQ==\" }}|{{ b64dec \"YR==\" }}|{{ b64dec \"Y===\" }}|{{ b64dec \"YWJj\" }}|{{ b64dec \"YQ==\\n\" }}|{{ b64dec \"YQ==x\" }}", output: "illegal base64 data at input byte 0|illegal base64 data at input byte 3|a|illegal base64 data at input byte 4|a|a|illegal base64 data at input byte 1|abc|a|illegal base64 data at input byte 4" },
  { template: "{{ b32dec \"ME\" }}|{{ b32dec \"ME======\" }}|{{ b32dec \"MFRGG===\" }}|{{ b32dec \"MFRGGZDF\" }}|{{ b32dec \"M=======\" }}|{{ b32enc \"\" }}|{{ b32enc \"abcdefg\" }}|{{ b32dec \"mfrgg===\" }}", output: "illegal base32 data at input byte 0|a|abc|abcde|illegal base32 data at input byte 1||MFRGGZDFMZTQ====|illegal base32 data at input byte 0" },
];

test('misc: Go and Sprig print these', (t) => checkCases(t, CASES));
