// The injection decision: emulated webhook selection (a.4) + injectRequired (a.2).
export type { Decision, ReasonCode, NamespaceView, SelectionOptions, SelectionResult } from './types.js';
export { decide } from './decide.js';
export { injectRequired, type InjectRequiredOptions } from './inject-required.js';
export { namespaceSelects, type NamespaceSelection, type NamespaceSelectOptions } from './namespace-selects.js';
export { selectionOptions } from './selection-options.js';
export {
  emulatedWebhooks,
  acceptedRevisionValues,
  revisionLabelValue,
  isDefaultRevision,
  IGNORED_NAMESPACES,
  INJECT_LABEL,
  REV_LABEL,
  INJECTION_LABEL,
  type EmulatedWebhook,
} from './webhook-selectors.js';
