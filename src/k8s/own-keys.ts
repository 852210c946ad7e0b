// Objects keyed by input text (annotations, labels, template names, aliases, values and mesh keys):
// `constructor`, `toString` or `__proto__` there are data. Reads see own properties only, writes never
// call the `__proto__` setter.

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** obj[key] if it is an own property, else undefined. */
export function ownValue<T>(obj: Readonly<Record<string, T>>, key: string): T | undefined {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** obj[key] = value, defining `__proto__` as a plain property instead of replacing the prototype. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}
