// The istio-discovery chart's `values` key of the istio-sidecar-injector ConfigMap as the chart renders
// it (profile `empty`, pilot enabled, chart defaults). Istio 1.28.10, 1.30.3 and master render the same
// document except for the image hub and tag, which a release build stamps into its chart (a development
// chart carries a CI registry and `latest`); istio-versions.ts sets those per version. Embedded so a
// user clone without the conformance corpus still injects exactly like a stock install.
import type { JsonObject } from '../../k8s/types.js';

/** The chart's values with master's development hub and tag (registry.istio.io/testing, latest). */
export const CHART_VALUES: JsonObject = {
  "gateways": {
    "seccompProfile": {},
    "securityContext": {}
  },
  "global": {
    "caAddress": "",
    "caName": "",
    "certSigners": [],
    "configCluster": false,
    "configValidation": true,
    "defaultPodDisruptionBudget": {
      "enabled": true
    },
    "defaultResources": {
      "requests": {
        "cpu": "10m"
      }
    },
    "externalIstiod": false,
    "hub": "registry.istio.io/testing",
    "imagePullPolicy": "",
    "imagePullSecrets": [],
    "istioNamespace": "istio-system",
    "istiod": {
      "enableAnalysis": false
    },
    "logAsJson": false,
    "logging": {
      "level": "default:info"
    },
    "meshID": "",
    "meshNetworks": {},
    "mountMtlsCerts": false,
    "multiCluster": {
      "clusterName": ""
    },
    "nativeNftables": false,
    "network": "",
    "networkPolicy": {
      "enabled": false
    },
    "omitSidecarInjectorConfigMap": false,
    "operatorManageWebhooks": false,
    "pilotCertProvider": "istiod",
    "priorityClassName": "",
    "proxy": {
      "autoInject": "enabled",
      "clusterDomain": "cluster.local",
      "componentLogLevel": "misc:error",
      "excludeIPRanges": "",
      "excludeInboundPorts": "",
      "excludeOutboundPorts": "",
      "image": "proxyv2",
      "includeIPRanges": "*",
      "includeInboundPorts": "*",
      "includeOutboundPorts": "",
      "logLevel": "warning",
      "outlierLogPath": "",
      "privileged": false,
      "readinessFailureThreshold": 4,
      "readinessInitialDelaySeconds": 0,
      "readinessPeriodSeconds": 15,
      "resources": {
        "limits": {
          "cpu": "2000m",
          "memory": "1024Mi"
        },
        "requests": {
          "cpu": "100m",
          "memory": "128Mi"
        }
      },
      "seccompProfile": {},
      "startupProbe": {
        "enabled": true,
        "failureThreshold": 600
      },
      "statusPort": 15020,
      "tracer": "none"
    },
    "proxy_init": {
      "forceApplyIptables": false,
      "image": "proxyv2"
    },
    "remotePilotAddress": "",
    "resourceScope": "all",
    "sds": {
      "token": {
        "aud": "istio-ca"
      }
    },
    "sts": {
      "servicePort": 0
    },
    "tag": "latest",
    "variant": "",
    "waypoint": {
      "affinity": {},
      "nodeSelector": {},
      "resources": {
        "limits": {
          "cpu": "2",
          "memory": "1Gi"
        },
        "requests": {
          "cpu": "100m",
          "memory": "128Mi"
        }
      },
      "tolerations": [],
      "topologySpreadConstraints": []
    }
  },
  "pilot": {
    "cni": {
      "enabled": false,
      "provider": "default"
    },
    "env": {}
  },
  "revision": "",
  "sidecarInjectorWebhook": {
    "alwaysInjectSelector": [],
    "defaultTemplates": [],
    "enableNamespacesByDefault": false,
    "injectedAnnotations": {},
    "neverInjectSelector": [],
    "reinvocationPolicy": "Never",
    "rewriteAppHTTPProbe": true,
    "templates": {}
  }
};
