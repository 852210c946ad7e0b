// Go `encoding/json` output of the k8s.io/api types Istio marshals into annotations and env values
// (`proxy.istio.io/overrides`, `ISTIO_KUBE_APP_PROBERS`). Go writes struct fields in declaration order,
// drops `omitempty` zero values but keeps set pointers (so `readOnlyRootFilesystem: false` survives),
// always writes non-pointer structs (`"resources":{}`), drops fields the struct does not know, prints
// quantities canonically and escapes <, >, & in strings. Each type below is one table of its Go fields.
import type { Json, JsonObject } from '../k8s/types.js';
import { canonicalQuantity } from '../k8s/quantity.js';
import { isObject } from '../k8s/json.js';

/** How one Go struct field is written. */
export type Kind =
  | 'str' // string, omitempty
  | 'str!' // string, always written
  | 'int' // int32/int64, omitempty
  | 'int!' // int32, always written
  | 'ptr' // pointer to a scalar, omitempty: written whenever set, whatever the value
  | 'ptr!' // pointer to a scalar without omitempty: null when unset
  | 'bool' // bool, omitempty
  | 'intOrString' // intstr.IntOrString, always written
  | 'quantity!' // resource.Quantity, a struct: always written ("0" when unset)
  | 'quantities' // ResourceList, omitempty, keys sorted
  | 'strings' // []string, omitempty
  | 'raw' // a type we do not model field by field: copied when set
  | { ptrTo: GoType } // pointer to a struct, omitempty
  | { struct: GoType } // struct value: always written
  | { listOf: GoType }; // slice of structs, omitempty

export type GoType = [jsonName: string, kind: Kind][];

const objectFieldSelector: GoType = [['apiVersion', 'str'], ['fieldPath', 'str!']];
const resourceFieldSelector: GoType = [['containerName', 'str'], ['resource', 'str!'], ['divisor', 'quantity!']];
const keySelector: GoType = [['name', 'str'], ['key', 'str!'], ['optional', 'ptr']];
const envSourceRef: GoType = [['name', 'str'], ['optional', 'ptr']];

const envVarSource: GoType = [
  ['fieldRef', { ptrTo: objectFieldSelector }],
  ['resourceFieldRef', { ptrTo: resourceFieldSelector }],
  ['configMapKeyRef', { ptrTo: keySelector }],
  ['secretKeyRef', { ptrTo: keySelector }],
  ['fileKeyRef', 'raw'],
];
const envVar: GoType = [['name', 'str!'], ['value', 'str'], ['valueFrom', { ptrTo: envVarSource }]];
const envFromSource: GoType = [['prefix', 'str'], ['configMapRef', { ptrTo: envSourceRef }], ['secretRef', { ptrTo: envSourceRef }]];

export const containerPortType: GoType = [
  ['name', 'str'],
  ['hostPort', 'int'],
  ['containerPort', 'int!'],
  ['protocol', 'str'],
  ['hostIP', 'str'],
];

const resourceRequirements: GoType = [
  ['limits', 'quantities'],
  ['requests', 'quantities'],
  ['claims', { listOf: [['name', 'str!'], ['request', 'str']] }],
];
const resizePolicy: GoType = [['resourceName', 'str!'], ['restartPolicy', 'str!']];
const volumeMount: GoType = [
  ['name', 'str!'],
  ['readOnly', 'bool'],
  ['recursiveReadOnly', 'ptr'],
  ['mountPath', 'str!'],
  ['subPath', 'str'],
  ['mountPropagation', 'ptr'],
  ['subPathExpr', 'str'],
];
const volumeDevice: GoType = [['name', 'str!'], ['devicePath', 'str!']];

const execAction: GoType = [['command', 'strings']];
export const httpGetActionType: GoType = [
  ['path', 'str'],
  ['port', 'intOrString'],
  ['host', 'str'],
  ['scheme', 'str'],
  ['httpHeaders', { listOf: [['name', 'str!'], ['value', 'str!']] }],
];
export const tcpSocketActionType: GoType = [['port', 'intOrString'], ['host', 'str']];
// GRPCAction.Service is `*string json:"service"` (no omitempty): Go writes "service":null when unset.
export const grpcActionType: GoType = [['port', 'int!'], ['service', 'ptr!']];

export const probeType: GoType = [
  ['exec', { ptrTo: execAction }],
  ['httpGet', { ptrTo: httpGetActionType }],
  ['tcpSocket', { ptrTo: tcpSocketActionType }],
  ['grpc', { ptrTo: grpcActionType }],
  ['initialDelaySeconds', 'int'],
  ['timeoutSeconds', 'int'],
  ['periodSeconds', 'int'],
  ['successThreshold', 'int'],
  ['failureThreshold', 'int'],
  ['terminationGracePeriodSeconds', 'ptr'],
];
const lifecycleHandler: GoType = [
  ['exec', { ptrTo: execAction }],
  ['httpGet', { ptrTo: httpGetActionType }],
  ['tcpSocket', { ptrTo: tcpSocketActionType }],
  ['sleep', { ptrTo: [['seconds', 'int!']] }],
];
const lifecycle: GoType = [
  ['postStart', { ptrTo: lifecycleHandler }],
  ['preStop', { ptrTo: lifecycleHandler }],
  ['stopSignal', 'ptr'],
];
const securityContext: GoType = [
  ['capabilities', { ptrTo: [['add', 'strings'], ['drop', 'strings']] }],
  ['privileged', 'ptr'],
  ['seLinuxOptions', { ptrTo: [['user', 'str'], ['role', 'str'], ['type', 'str'], ['level', 'str']] }],
  [
    'windowsOptions',
    { ptrTo: [['gmsaCredentialSpecName', 'ptr'], ['gmsaCredentialSpec', 'ptr'], ['runAsUserName', 'ptr'], ['hostProcess', 'ptr']] },
  ],
  ['runAsUser', 'ptr'],
  ['runAsGroup', 'ptr'],
  ['runAsNonRoot', 'ptr'],
  ['readOnlyRootFilesystem', 'ptr'],
  ['allowPrivilegeEscalation', 'ptr'],
  ['procMount', 'ptr'],
  ['seccompProfile', { ptrTo: [['type', 'str!'], ['localhostProfile', 'ptr']] }],
  ['appArmorProfile', { ptrTo: [['type', 'str!'], ['localhostProfile', 'ptr']] }],
];

export const containerType: GoType = [
  ['name', 'str!'],
  ['image', 'str'],
  ['command', 'strings'],
  ['args', 'strings'],
  ['workingDir', 'str'],
  ['ports', { listOf: containerPortType }],
  ['envFrom', { listOf: envFromSource }],
  ['env', { listOf: envVar }],
  ['resources', { struct: resourceRequirements }],
  ['resizePolicy', { listOf: resizePolicy }],
  ['restartPolicy', 'ptr'],
  ['restartPolicyRules', 'raw'],
  ['volumeMounts', { listOf: volumeMount }],
  ['volumeDevices', { listOf: volumeDevice }],
  ['livenessProbe', { ptrTo: probeType }],
  ['readinessProbe', { ptrTo: probeType }],
  ['startupProbe', { ptrTo: probeType }],
  ['lifecycle', { ptrTo: lifecycle }],
  ['terminationMessagePath', 'str'],
  ['terminationMessagePolicy', 'str'],
  ['imagePullPolicy', 'str'],
  ['securityContext', { ptrTo: securityContext }],
  ['stdin', 'bool'],
  ['stdinOnce', 'bool'],
  ['tty', 'bool'],
];

/** Istio's `Prober` (app_probe.go): one entry of ISTIO_KUBE_APP_PROBERS. */
export const proberType: GoType = [
  ['httpGet', { ptrTo: httpGetActionType }],
  ['tcpSocket', { ptrTo: tcpSocketActionType }],
  ['grpc', { ptrTo: grpcActionType }],
  ['timeoutSeconds', 'int'],
];

/** Istio's `PrometheusScrapeConfiguration` (ISTIO_PROMETHEUS_ANNOTATIONS). */
export const prometheusScrapeType: GoType = [
  ['scrape', 'str!'],
  ['path', 'str!'],
  ['port', 'str!'],
  ['targets', { listOf: [['port', 'str!'], ['path', 'str!']] }],
];

/** The value Go would marshal after decoding `v` into the struct `type`: fields in Go order, zero values
 *  and unknown fields dropped. Serialize it with `goJsonText`. */
export function goShape(v: Json | undefined, type: GoType): JsonObject {
  const src = isObject(v) ? v : {};
  const out: JsonObject = {};
  for (const [name, kind] of type) {
    const x = shapeField(src[name], kind);
    if (x !== undefined) out[name] = x;
  }
  return out;
}

/** True when Go's record leaves this value of this field out (a zero value of an `omitempty` field, or a
 *  value of the wrong type, which our shaping drops where Go would not decode it). */
export function goDrops(v: Json, kind: Kind): boolean {
  return shapeField(v, kind) === undefined;
}

function shapeField(v: Json | undefined, kind: Kind): Json | undefined {
  switch (kind) {
    case 'str':
      return typeof v === 'string' && v !== '' ? v : undefined;
    case 'str!':
      return typeof v === 'string' ? v : '';
    case 'int':
      return typeof v === 'number' && v !== 0 ? v : undefined;
    case 'int!':
      return typeof v === 'number' ? v : 0;
    case 'ptr':
      return v === null ? undefined : v;
    case 'ptr!':
      return v === undefined ? null : v;
    case 'bool':
      return v === true ? true : undefined;
    case 'intOrString':
      return typeof v === 'number' || typeof v === 'string' ? v : 0;
    case 'quantity!':
      return typeof v === 'string' || typeof v === 'number' ? quantityText(v) : '0';
    case 'quantities':
      return quantityMap(v);
    case 'strings':
      return Array.isArray(v) && v.length > 0 ? v.map((s) => (typeof s === 'string' ? s : s === null ? '' : String(s))) : undefined;
    case 'raw':
      return v === null ? undefined : v;
  }
  if ('ptrTo' in kind) return isObject(v) ? goShape(v, kind.ptrTo) : undefined;
  if ('struct' in kind) return goShape(v, kind.struct);
  return Array.isArray(v) && v.length > 0 ? v.map((e) => goShape(e, kind.listOf)) : undefined;
}

function quantityText(v: string | number): string {
  try {
    return canonicalQuantity(v);
  } catch {
    return String(v);
  }
}

function quantityMap(v: Json | undefined): JsonObject | undefined {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v).filter((k) => v[k] !== null).sort();
  if (keys.length === 0) return undefined;
  const out: JsonObject = {};
  for (const k of keys) {
    const q = v[k];
    // defineProperty: a resource named `__proto__` is data, not the prototype.
    Object.defineProperty(out, k, { value: typeof q === 'string' || typeof q === 'number' ? quantityText(q) : q, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A container as Go marshals a corev1.Container. */
export function goContainer(c: Json | undefined): JsonObject {
  return goShape(c, containerType);
}

/** JSON text as Go's encoding/json writes it: no spaces, HTML-sensitive characters escaped. */
export function goJsonText(v: Json): string {
  const s = JSON.stringify(v);
  return /[<>&\u2028\u2029]/.test(s) ? s.replace(/[<>&\u2028\u2029]/g, goEscape) : s;
}

function goEscape(ch: string): string {
  return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
}

/** `{"containers":[…],"initContainers":[…]}` (Istio's ParsedContainers, each list omitted when empty). */
export function goOverridesText(containers: Json[], initContainers: Json[]): string {
  const out: JsonObject = {};
  if (containers.length > 0) out.containers = containers.map(goContainer);
  if (initContainers.length > 0) out.initContainers = initContainers.map(goContainer);
  return goJsonText(out);
}
