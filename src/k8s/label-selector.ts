// Kubernetes LabelSelector semantics (metav1.LabelSelectorAsSelector + labels.Selector.Matches),
// used for Istio's never/alwaysInjectSelector and for emulating the webhook's namespace/object
// selectors. Selectors arrive as untyped JSON from user config, so every field is checked here and
// a bad selector becomes a message, never an exception.
import type { V1LabelSelector } from './types.js';

type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A selector checked once and ready to match many label sets. */
export type CompiledLabelSelector =
  | { valid: true; requirements: Requirement[]; /** no requirement at all: matches everything in Kubernetes, nothing in Istio's injector */ empty: boolean }
  | { valid: false; error: string };

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
// Qualified-name rules of apimachinery (validation.IsQualifiedName / IsValidLabelValue).
const NAME_PART = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function keyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return `label key ${JSON.stringify(key)} has an invalid prefix (must be a DNS subdomain)`;
  }
  if (name.length === 0 || name.length > 63 || !NAME_PART.test(name)) {
    return `label key ${JSON.stringify(key)} is not a valid label name (at most 63 characters: letters, digits, '-', '_', '.', starting and ending alphanumeric)`;
  }
  return undefined;
}

function valueProblem(key: string, value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME_PART.test(value)) {
    return `value ${JSON.stringify(value)} for label key ${JSON.stringify(key)} is not a valid label value`;
  }
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compile(selector: unknown): CompiledLabelSelector {
  if (!isPlainObject(selector)) return { valid: false, error: 'a label selector must be a mapping with matchLabels and/or matchExpressions' };
  // Unknown fields are ignored, as Go's decoding into metav1.LabelSelector does; the config loader
  // may warn about them, but the selector must behave as it does in Istio.
  const requirements: Requirement[] = [];
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isPlainObject(matchLabels)) return { valid: false, error: 'matchLabels must be a mapping of label key to value' };
    for (const [key, value] of Object.entries(matchLabels)) {
      if (typeof value !== 'string') return { valid: false, error: `matchLabels.${key} must be a string (quote it), got ${JSON.stringify(value)}` };
      const problem = keyProblem(key) ?? valueProblem(key, value);
      if (problem) return { valid: false, error: `matchLabels: ${problem}` };
      requirements.push({ key, operator: 'In', values: [value] });
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return { valid: false, error: 'matchExpressions must be a list' };
    for (const [i, expr] of matchExpressions.entries()) {
      const where = `matchExpressions[${i}]`;
      if (!isPlainObject(expr)) return { valid: false, error: `${where} must be a mapping with key, operator and values` };
      const { key, operator } = expr;
      const values = expr.values ?? [];
      if (typeof key !== 'string') return { valid: false, error: `${where}.key must be a string` };
      if (typeof operator !== 'string' || !OPERATORS.includes(operator)) {
        return { valid: false, error: `${where}.operator ${JSON.stringify(operator)} is not a valid label selector operator (In, NotIn, Exists, DoesNotExist)` };
      }
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
        return { valid: false, error: `${where}.values must be a list of strings` };
      }
      const op = operator as Operator;
      if ((op === 'In' || op === 'NotIn') && values.length === 0) {
        return { valid: false, error: `${where}: for 'In' and 'NotIn' operators, values can't be empty` };
      }
      if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
        return { valid: false, error: `${where}: values must be empty for 'Exists' and 'DoesNotExist' operators` };
      }
      const problem = keyProblem(key) ?? (values as string[]).map((v) => valueProblem(key, v)).find((p) => p !== undefined);
      if (problem) return { valid: false, error: `${where}: ${problem}` };
      requirements.push({ key, operator: op, values: values as string[] });
    }
  }
  return { valid: true, requirements, empty: requirements.length === 0 };
}

// Selectors come from settings that live for a whole run, so compiling each object once pays off.
const cache = new WeakMap<object, CompiledLabelSelector>();

/** Validate and prepare a selector; invalid ones carry a message saying which field is wrong. */
export function compileLabelSelector(selector: V1LabelSelector | unknown): CompiledLabelSelector {
  if (typeof selector !== 'object' || selector === null) return compile(selector);
  let compiled = cache.get(selector);
  if (!compiled) {
    compiled = compile(selector);
    cache.set(selector, compiled);
  }
  return compiled;
}

/** The problem with a selector, or undefined when it is valid (for config validation). */
export function labelSelectorProblem(selector: V1LabelSelector | unknown): string | undefined {
  const compiled = compileLabelSelector(selector);
  return compiled.valid ? undefined : compiled.error;
}

function requirementMatches(req: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(labels[req.key]!);
    case 'NotIn':
      return !has || !req.values.includes(labels[req.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/**
 * Kubernetes matching: every requirement must hold; a selector without requirements matches
 * everything. Invalid selectors match nothing (callers that must warn check `valid` first).
 */
export function labelSelectorMatches(selector: V1LabelSelector | unknown, labels: Record<string, string>): boolean {
  return compiledSelectorMatches(compileLabelSelector(selector), labels);
}

export function compiledSelectorMatches(compiled: CompiledLabelSelector, labels: Record<string, string>): boolean {
  if (!compiled.valid) return false;
  return compiled.requirements.every((r) => requirementMatches(r, labels));
}

/** Short human form, e.g. `foo=bar, never exists, tier notin (web)`. */
export function describeLabelSelector(selector: V1LabelSelector | unknown): string {
  const compiled = compileLabelSelector(selector);
  if (!compiled.valid) return `invalid selector (${compiled.error})`;
  if (compiled.empty) return 'empty selector';
  return compiled.requirements
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'Exists':
          return `${r.key} exists`;
        case 'DoesNotExist':
          return `!${r.key}`;
      }
    })
    .join(', ');
}
