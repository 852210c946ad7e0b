// New nodes for values update() introduces: block collections, strings quoted when a YAML 1.1/1.2 reader
// could mistype them, multi-line strings as literal blocks.
import { Pair, Scalar } from 'yaml';
import type { Node } from 'yaml';
import type { Json } from '../k8s/types.js';
import { newStringType } from './string-style.js';
import { newCollection } from './new-collections.js';

export function jsonToNode(value: Json | undefined): Node {
  if (value !== null && typeof value === 'object') return newCollection(snapshot(value), buildNode);
  return newScalar(value === undefined ? null : value);
}

/** Like jsonToNode, for JSON that is already this module's own snapshot. */
function buildNode(value: Json | undefined): Node {
  if (value !== null && typeof value === 'object') return newCollection(value, buildNode);
  return newScalar(value === undefined ? null : value);
}

export function newPair(key: string, value: Json): Pair<Scalar, Node> {
  return new Pair(newScalar(key), jsonToNode(value));
}

export function newScalar(value: null | boolean | number | string): Scalar {
  const scalar = new Scalar(value);
  if (typeof value === 'string') {
    scalar.type = newStringType(value);
    // yaml would print "<<" through the merge tag, unquoted; as a key that would become a merge.
    if (value === '<<') scalar.tag = 'tag:yaml.org,2002:str';
  }
  return scalar;
}

// New collections keep their JSON and build child nodes only when something asks for them; a private
// copy keeps them independent of later edits to the caller's object, as built nodes would be.
function snapshot<T extends Json>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}
