// encoding/json through toJson/toRawJson/toPrettyJson/fromJson: float format, HTML escaping, indentation, Go's syntax error texts.
// Expected values: real Go 1.19 + Sprig 3.2.3 (the oracle), for the same templates.
import test from 'ava';
import { checkCases, type OracleCase } from './oracle-cases.js';

const CASES: OracleCase[] = [
  { template: "{{ toJson 1e21 }} {{ toJson 1e20 }} {{ toJson 0.000001 }} {{ toJson 0.0000001 }} {{ toJson -0.0 }} {{ toJson 123456789.123 }} {{ toJson 1.5e-7 }} {{ toJson 100 }}", output: "1e+21 100000000000000000000 0.000001 1e-7 -0 123456789.123 1.5e-7 100" },
  { template: "{{ toJson .s }} {{ toRawJson .s }} {{ toPrettyJson .m }}", data: {"s": "a<b>&c \u0001\t\"\\é😀", "m": {"b": [1, {"x": []}], "a": {}, "c": null}}, output: "\"a\\u003cb\\u003e\\u0026c\\u2028\\u0001\\t\\\"\\\\é😀\" \"a<b>&c\\u2028\\u0001\\t\\\"\\\\é😀\" {\n  \"a\": {},\n  \"b\": [\n    1,\n    {\n      \"x\": []\n    }\n  ],\n  \"c\": null\n}" },
  { template: "{{ toJson (list 1 \"a\" nil (dict \"z\" 1 \"a\" 2)) }} {{ toJson (dict) }} {{ toJson (list) }} {{ toJson 3 }} {{ toJson true }}", output: "[1,\"a\",null,{\"a\":2,\"z\":1}] {} [] 3 true" },
  { template: "{{ mustFromJson \"[1,2\" }}", error: "template: inject:1:3: executing \"inject\" at <mustFromJson \"[1,2\">: error calling mustFromJson: unexpected end of JSON input" },
  { template: "{{ mustFromJson \"{\\\"a\\\":1,}\" }}", error: "template: inject:1:3: executing \"inject\" at <mustFromJson \"{\\\"a\\\":1,}\">: error calling mustFromJson: invalid character '}' looking for beginning of object key string" },
  { template: "{{ mustFromJson \"tru\" }}", errorLike: "error calling mustFromJson" },
  { template: "{{ mustFromJson \"[1 2]\" }}", error: "template: inject:1:3: executing \"inject\" at <mustFromJson \"[1 2]\">: error calling mustFromJson: invalid character '2' after array element" },
  { template: "{{ mustFromJson \"\\\"a\\\\x\\\"\" }}", error: "template: inject:1:3: executing \"inject\" at <mustFromJson \"\\\"a\\\\x\\\"\">: error calling mustFromJson: invalid character 'x' in string escape code" },
  { template: "{{ mustFromJson \"01\" }}", error: "template: inject:1:3: executing \"inject\" at <mustFromJson \"01\">: error calling mustFromJson: invalid character '1' after top-level value" },
  { template: "{{ mustFromJson \"-a\" }}", error: "template: inject:1:3: executing \"inject\" at <mustFromJson \"-a\">: error calling mustFromJson: invalid character 'a' in numeric literal" },
  { template: "{{ mustFromJson \"1.e5\" }}", error: "template: inject:1:3: executing \"inject\" at <mustFromJson \"1.e5\">: error calling mustFromJson: invalid character 'e' after decimal point in numeric literal" },
  { template: "{{ mustFromJson \"{\\\"a\\\" 1}\" }}", error: "template: inject:1:3: executing \"inject\" at <mustFromJson \"{\\\"a\\\" 1}\">: error calling mustFromJson: invalid character '1' after object key" },
  { template: "{{ mustFromJson \"\" }}", error: "template: inject:1:3: executing \"inject\" at <mustFromJson \"\">: error calling mustFromJson: unexpected end of JSON input" },
  { template: "{{ mustFromJson \"1e400\" }}", errorLike: "error calling mustFromJson" },
  { template: "{{ fromJson \"{\\\"__proto__\\\": 1, \\\"constructor\\\": 2}\" }} {{ (fromJson \"{\\\"a\\\":[1,{\\\"b\\\":null}]}\").a }} {{ fromJson \"1.0\" }} {{ fromJson \"12345678\" }}", output: "map[__proto__:1 constructor:2] [1 map[b:<nil>]] 1 1.2345678e+07" },
  { template: "{{ toPrettyJson (dict \"a\" (list) \"b\" (dict) \"c\" (list 1 (dict \"x\" (list 2)))) }}", output: "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"x\": [\n        2\n      ]\n    }\n  ]\n}" },
  { template: "{{ toRawJson (dict \"h\" \"<a href='x'>&amp;</a>\") }} {{ toJson (dict \"h\" \"<a href='x'>\") }} {{ mustToRawJson \"\\u2028\" }} {{ toPrettyJson \"<\" }}", output: "{\"h\":\"<a href='x'>&amp;</a>\"} {\"h\":\"\\u003ca href='x'\\u003e\"} \"\\u2028\" \"\\u003c\"" },
  { template: "{{ toJson .f }}", data: {"f": 1e-07}, output: "1e-7" },
  { template: "{{ toJson 5e-324 }} {{ toJson 1.7976931348623157e308 }} {{ toJson 0.1 }} {{ toJson 1e-6 }} {{ toJson 9.999999e20 }} {{ toJson -1e21 }}", output: "5e-324 1.7976931348623157e+308 0.1 0.000001 999999900000000000000 -1e+21" },
  { template: "{{ fromJson \"[]\" | typeOf }} {{ fromJson \"{}\" | typeOf }} {{ fromJson \"null\" }} {{ fromJson \"\\\"\\\\u00e9\\\\ud83d\\\\ude00\\\"\" }} {{ fromJson \" 1 \" }} {{ fromJson \"1e2\" }} {{ (fromJson \"{\\\"a\\\":1}\").a | typeOf }}", output: "[]interface {} map[string]interface {} <no value> é😀 1 100 float64" },
];

test('json: Go and Sprig print these', (t) => checkCases(t, CASES));
