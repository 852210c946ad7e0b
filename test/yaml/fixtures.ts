// Shared inputs for the yaml tests: a torture document with every formatting trap we promise to keep.
export const TORTURE = `# file header comment

# doc comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: torture   # aligned inline comment
  labels: {app: web, tier: "front"}
  annotations:
    'quoted.key': 'single quoted'
    "double.key": "double \\u0041"
    config.kubernetes.io/index: '0'
data:
  oct: 0755
  leading8: 08
  hex: 0x1F
  big: 12345678901234567890
  ver: 1.10
  date: 2020-01-01
  stamp: 2001-12-14t21:59:43.10-05:00
  yes_: yes
  on_: on
  Off_: Off
  tilde: ~
  nothing:
  plus: +1
  dot5: .5
  exp: 1e3
  under: 1_000
  inf: .inf
  folded: >
    this is folded
    text, over lines
  literal: |
    line one
      indented

    line four
  strip: |-
    no final newline
  long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbb cccccccccccccc
  multi plain: first
    second
  base: &base
    a: 1
    b: two
  derived:
    <<: *base
    c: 3
  ref: *base
  flowseq: [1, "two", three]
  list:
  - x    # item comment
  - {y: 1}
  - - nested
`;

export const DEPLOYMENT = `# second document
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  annotations:
    keep: "1"   # keep me
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app   # main container
        image: nginx:1.10
        ports:
        - containerPort: 80
        env:
        - name: MODE
          value: "on"
`;

export const STREAM = `---\n${TORTURE}---\n${DEPLOYMENT}...\n# trailing comment after the stream\n`;

/** A ResourceList as kpt sends it: compact items, orchestrator annotations, a comment before `- `. */
export const RESOURCE_LIST = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- # leading comment on the first item
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    annotations:
      config.kubernetes.io/index: '0'
      config.kubernetes.io/path: 'deploy.yaml'
      internal.config.kubernetes.io/index: '0'
      internal.config.kubernetes.io/path: 'deploy.yaml'
      internal.config.kubernetes.io/seqindent: 'compact'
      internal.config.kubernetes.io/id: '1'
      config.k8s.io/id: '1'
      kustomize.config.k8s.io/id: |
        group: apps
        kind: Deployment
        name: web
        version: v1
  spec:
    template:
      spec:
        containers:
        - name: app
          image: nginx
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: zeta
    annotations:
      config.kubernetes.io/index: '1'
  data:
    mode: 0755
    on: yes
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: alpha
  data: {a: "1"}
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: alpha
  data: {a: "1"}
functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: function-input
  data:
    revision: canary
`;
