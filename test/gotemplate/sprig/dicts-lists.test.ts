// mergo 0.3.12 merge rules, dict and list functions, DeepEqual, dig, and their panics.
// Expected values: real Go 1.19 + Sprig 3.2.3 (the oracle), for the same templates.
import test from 'ava';
import { checkCases, type OracleCase } from './oracle-cases.js';

const CASES: OracleCase[] = [
  { template: "{{ $d := deepCopy .dst }}{{ merge $d .src }}", data: {"dst": {"a": "", "b": [], "c": {"x": 1}, "d": "s", "e": 0, "f": [1], "g": null, "h": {}}, "src": {"a": "A", "b": [2], "c": {"x": 2, "y": 3}, "d": {"m": 1}, "e": 5, "f": [9], "g": "G", "h": {"k": 1}, "i": null, "j": []}}, output: "map[a:A b:[2] c:map[x:1 y:3] d:s e:5 f:[1] g:G h:map[k:1] j:[]]" },
  { template: "{{ $d := deepCopy .dst }}{{ mergeOverwrite $d .src }}", data: {"dst": {"a": "", "b": [], "c": {"x": 1}, "d": "s", "e": 0, "f": [1], "g": null, "h": {}}, "src": {"a": "A", "b": [2], "c": {"x": 2, "y": 3}, "d": {"m": 1}, "e": 5, "f": [9], "g": "G", "h": {"k": 1}, "i": null, "j": []}}, output: "map[a:A b:[2] c:map[x:2 y:3] d:s e:5 f:[9] g:G h:map[k:1] i:<nil> j:[]]" },
  { template: "{{ $d := deepCopy .dst }}{{ mergeOverwrite $d .src }}", data: {"dst": {"a": "x", "b": [1], "c": {"x": 1}, "d": {"z": 1}, "e": 1, "n": {"p": {"q": 1}}}, "src": {"a": "", "b": [], "c": "str", "d": "", "e": 0, "f": false, "n": {"p": {"r": 2}}}}, output: "map[a: b:[] c:str d: e:0 f:false n:map[p:map[q:1 r:2]]]" },
  { template: "{{ $d := deepCopy .dst }}{{ merge $d .src }}", data: {"dst": {"a": "x", "b": [1], "c": {"x": 1}, "d": {"z": 1}, "e": 1, "n": {"p": {"q": 1}}}, "src": {"a": "", "b": [], "c": "str", "d": "", "e": 0, "f": false, "n": {"p": {"r": 2, "q": 5}}}}, output: "map[a:x b:[1] c:map[x:1] d:map[z:1] e:1 f:false n:map[p:map[q:1 r:2]]]" },
  { template: "{{ merge .nil (dict \"a\" 1) }} {{ mergeOverwrite (dict) (dict \"a\" nil) }} {{ merge (dict \"a\" 1) }} {{ $x := dict \"a\" (dict \"b\" 1) }}{{ $_ := merge (dict) $x }}{{ $x }}", output: "map[a:1] map[a:<nil>] map[a:1] map[a:map[b:1]]" },
  { template: "{{ $s := .src }}{{ $d := dict }}{{ $_ := merge $d $s }}{{ $_ := set $d.n \"new\" 1 }}{{ $s }}", data: {"src": {"n": {"q": 9}}}, output: "map[n:map[new:1 q:9]]" },
  { template: "{{ dig \"a\" \"b\" \"c\" \"dflt\" .m }} {{ dig \"a\" \"x\" \"dflt\" .m }} {{ dig \"a\" .m }}", data: {"m": {"a": {"b": {"c": 5}}}}, error: "template: inject:1:63: executing \"inject\" at <dig \"a\" .m>: error calling dig: dig needs at least three arguments" },
  { template: "{{ dig \"a\" \"b\" \"dflt\" .m }}", data: {"m": {"a": "str"}}, error: "template: inject:1:3: executing \"inject\" at <dig \"a\" \"b\" \"dflt\" .m>: error calling dig: interface conversion: interface {} is string, not map[string]interface {}" },
  { template: "{{ dig 1 \"dflt\" .m }}", data: {"m": {"a": "str"}}, error: "template: inject:1:3: executing \"inject\" at <dig 1 \"dflt\" .m>: error calling dig: interface conversion: interface {} is int, not string" },
  { template: "{{ get .m \"a\" }} {{ get .m \"zz\" }} {{ hasKey .m \"a\" }} {{ keys .m .m2 }} {{ values .m }} {{ pluck \"a\" .m .m2 }}", data: {"m": {"a": "str", "b": 2}, "m2": {"a": 3}}, output: "str  true [a b a] [str 2] [str 3]" },
  { template: "{{ set .m \"x\" 1 }} {{ unset .m \"a\" }} {{ .m }}", data: {"m": {"a": "str", "b": 2}}, output: "map[a:str b:2 x:1] map[b:2 x:1] map[b:2 x:1]" },
  { template: "{{ set .nothing \"x\" 1 }}", error: "template: inject:1:3: executing \"inject\" at <set .nothing \"x\" 1>: error calling set: assignment to entry in nil map" },
  { template: "{{ $l := list 1 2 3 }}{{ slice $l 1 2 | typeOf }} {{ slice (splitList \",\" \"a,b,c\") 1 | typeOf }} {{ slice $l 2 1 }}", error: "template: inject:1:100: executing \"inject\" at <slice $l 2 1>: error calling slice: reflect.Value.Slice: slice index out of bounds" },
  { template: "{{ slice (list 1 2) 0 5 }}", error: "template: inject:1:3: executing \"inject\" at <slice (list 1 2) 0 5>: error calling slice: reflect.Value.Slice: slice index out of bounds" },
  { template: "{{ first \"\" }}", error: "template: inject:1:3: executing \"inject\" at <first \"\">: error calling first: Cannot find first on type string" },
  { template: "{{ first nil }}", error: "template: inject:1:3: executing \"inject\" at <first nil>: error calling first: runtime error: invalid memory address or nil pointer dereference" },
  { template: "{{ concat (list 1) nil }}", error: "template: inject:1:3: executing \"inject\" at <concat (list 1) nil>: error calling concat: runtime error: invalid memory address or nil pointer dereference" },
  { template: "{{ has 1 (list 1) }} {{ has 1.0 .l }} {{ has \"1\" .l }} {{ uniq (list 1 1.0 \"1\" 1) }} {{ without (list nil 1 nil) nil }} {{ has nil (list nil) }} {{ compact (list (list) (dict) 0.0 false nil \"a\") }}", data: {"l": [1, 2]}, output: "true true false [1 1 1] [1] true [a]" },
  { template: "{{ chunk 0 (list 1 2) }}", error: "template: inject:1:3: executing \"inject\" at <chunk 0 (list 1 2)>: error calling chunk: runtime error: makeslice: len out of range" },
  { template: "{{ chunk 3 (list) }} {{ chunk -1 (list 1 2 3) | len }} {{ rest (list) | typeOf }} {{ rest (list) | toJson }} {{ initial (list 1) }} {{ concat | toJson }} {{ append nil 1 }}", error: "template: inject:1:24: executing \"inject\" at <chunk -1 (list 1 2 3)>: error calling chunk: runtime error: makeslice: len out of range" },
  { template: "{{ deepEqual (list 1 2) (list 1 2) }} {{ deepEqual (dict) (dict) }} {{ deepEqual 1 1.0 }} {{ deepEqual .a .b }} {{ deepEqual nil nil }} {{ deepEqual (list) .e }} {{ deepEqual \"a\" \"a\" }}", data: {"a": {"x": [1, {"y": null}]}, "b": {"x": [1, {"y": null}]}, "e": []}, output: "true true false true true true true" },
  { template: "{{ deepCopy nil }} {{ mustDeepCopy .x }} {{ deepCopy 3 }} {{ deepCopy (list 1 (dict \"a\" (list))) }}", data: {"x": null}, error: "template: inject:1:3: executing \"inject\" at <deepCopy nil>: error calling deepCopy: reflect: call of reflect.Value.Type on zero Value" },
  { template: "{{ pick .m \"a\" \"zz\" }} {{ dict \"a\" }} {{ dict nil 1 }} {{ dict 1.5 2 true 3 }} {{ dict \"k\" .missing }} {{ toJson (dict \"k\" .missing) }}", data: {"m": {"a": 1, "b": 2}}, output: "map[a:1] map[a:] map[<nil>:1] map[1.5:2 true:3] map[k:<nil>] {\"k\":null}" },
];

test('dicts-lists: Go and Sprig print these', (t) => checkCases(t, CASES));
