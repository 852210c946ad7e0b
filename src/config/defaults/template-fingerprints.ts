// SHA-256 of Istio 1.32's built-in injection template bodies, trimmed of leading/trailing white
// space (shared/conformance/istio/templates/README.md). A ConfigMap carrying these exact bodies is
// a stock install, for which our ejs ports are exact; any other body is a customisation we cannot run.
export const TEMPLATE_FINGERPRINTS: Readonly<Record<string, string>> = {
  sidecar: 'c42c60b82d5847ba2958ee20aea5bd1ee69ff4db4f6b4f769d1a517a5199e079',
  gateway: 'd0d59c33b435d71871709b286ed3bb2a7ac1bb26fb9b3156a927a1f8d96d404c',
  'grpc-simple': 'd06a1a954ca7bc861bc988215a60347b9a40d2e4d92f6a0c3d4c146681c39f4e',
  'grpc-agent': 'eff101f9de060a206af4021d149f1ae131b57851be7d6e2ce38504055c857063',
  waypoint: 'b924a58df413690bcfc86b4a5a3532f7b52b2cd448555cea03ff79f0f1cb1e01',
  'kube-gateway': '1e08224739b2c7ec7e0877f051b0ddf6093858c3c003518eeead764efaa65575',
  agentgateway: '3488002be542673b659f58d2791ce5022a69dc476b4c6ab8b05150a62c66e58a',
  'agentgateway-waypoint': 'fff0c64dba0f5dac93ddf4ebc0d4c21d963e0b741631a9dc15cad572859b3725',
};

/** Templates that inject pods and have an ejs equivalent in src/render/. */
export const POD_TEMPLATES_WITH_EJS_EQUIVALENT = ['sidecar', 'gateway', 'grpc-agent', 'grpc-simple'] as const;
