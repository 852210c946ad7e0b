// New nodes for values update() introduces: block collections, strings quoted when a YAML 1.1/1.2 reader
// could mistype them, multi-line strings as literal blocks.
import { Pair, Scalar } from 'yaml';
import type { Node } from 'yaml';
import type { Json } from '../k8s/types.js';
import { newStringType } from './string-style.js';
import { NewMap, NewSeq } from './new-collections.js';

export function jsonToNode(value: Json | undefined): Node {
  if (Array.isArray(value)) {
    const seq = new NewSeq();
    for (const item of value) seq.items.push(jsonToNode(item === undefined ? null : item));
    return seq;
  }
  if (value !== null && typeof value === 'object') {
    const map = new NewMap();
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item !== undefined) map.items.push(newPair(key, item));
    }
    return map;
  }
  return newScalar(value === undefined ? null : value);
}

export function newPair(key: string, value: Json): Pair<Scalar, Node> {
  return new Pair(newScalar(key), jsonToNode(value));
}

function newScalar(value: null | boolean | number | string): Scalar {
  const scalar = new Scalar(value);
  if (typeof value === 'string') {
    scalar.type = newStringType(value);
    // yaml would print "<<" through the merge tag, unquoted; as a key that would become a merge.
    if (value === '<<') scalar.tag = 'tag:yaml.org,2002:str';
  }
  return scalar;
}
