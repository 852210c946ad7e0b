// SelectionOptions from the run's Settings: computed once per run, like the settings themselves.
import type { Settings } from '../config/types.js';
import type { SelectionOptions } from './types.js';

export function selectionOptions(settings: Settings, selector: SelectionOptions['selector'] = 'webhook'): SelectionOptions {
  return {
    selector,
    revision: settings.revision,
    revisionTags: settings.revisionTags,
    enableNamespacesByDefault: settings.enableNamespacesByDefault,
    policy: settings.injector.policy,
    neverInjectSelector: settings.injector.neverInjectSelector,
    alwaysInjectSelector: settings.injector.alwaysInjectSelector,
  };
}
