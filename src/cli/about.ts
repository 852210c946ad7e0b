// What the program says about itself: its version (kept equal to package.json's by a test) and the
// one repository URL every message, report and document points to.
export const VERSION = '0.1.0';
export const REPOSITORY_URL = 'https://github.com/inject-istio-sidecar/inject-istio-sidecar';
