// The one place the webhook face is wired to the core (select/ and inject.ts).
import type { Engine } from './review-admission.js';
import { injectPod } from '../inject.js';
import { injectRequired } from '../select/index.js';

export const coreEngine: Engine = {
  injectRequired(pod, settings) {
    const namespace = pod.metadata.namespace ?? '';
    return injectRequired(pod, namespace, {
      policy: settings.injector.policy,
      neverInjectSelector: settings.injector.neverInjectSelector,
      alwaysInjectSelector: settings.injector.alwaysInjectSelector,
    });
  },
  injectPod,
};
