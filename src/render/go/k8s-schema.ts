// The Kubernetes types an injection template can reach from `.ObjectMeta`, `.Spec` and `.TypeMeta`, in
// k8s.io/api's Go field order (the order encoding/json prints them in), with Go's pointer-ness.
//
// One entry per type: `jsonName:kind` items separated by spaces. Kinds:
//   s b i32 i64            string, bool, int32, int64 (a non-pointer scalar)
//   *s *b *i32 *i64        pointer to one (nil when absent)
//   []s []i32 []i64        slices of scalars       {s}  map[string]string      {q}  ResourceList
//   q *q                   resource.Quantity (prints and marshals as its canonical string)
//   ios                    intstr.IntOrString       time *time  metav1.Time (opaque)
//   raw *raw []raw         a type no template reads: opaque, marshals as the JSON it came from
//   Name *Name []Name      a struct of this table (by its key)
// A trailing `!` marks a field without `omitempty` (encoding/json prints it even when zero).
// Go field names are the JSON names capitalised except for the initialisms in GO_NAME_EXCEPTIONS.
// Struct fields embedded with `json:",inline"` (ProbeHandler, VolumeSource, LocalObjectReference) are
// listed flat: their fields are promoted in Go, so templates address them the same way.

const CONTAINER_FIELDS =
    'name:s! image:s command:[]s args:[]s workingDir:s ports:[]v1.ContainerPort envFrom:[]v1.EnvFromSource env:[]v1.EnvVar ' +
    'resources:v1.ResourceRequirements resizePolicy:[]v1.ContainerResizePolicy restartPolicy:*s ' +
    'restartPolicyRules:[]v1.ContainerRestartRule volumeMounts:[]v1.VolumeMount volumeDevices:[]v1.VolumeDevice ' +
    'livenessProbe:*v1.Probe readinessProbe:*v1.Probe startupProbe:*v1.Probe lifecycle:*v1.Lifecycle ' +
    'terminationMessagePath:s terminationMessagePolicy:s imagePullPolicy:s securityContext:*v1.SecurityContext ' +
    'stdin:b stdinOnce:b tty:b';

const POD_AFFINITY_FIELDS =
  'requiredDuringSchedulingIgnoredDuringExecution:[]v1.PodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution:[]v1.WeightedPodAffinityTerm';

export const K8S_SCHEMA: Readonly<Record<string, string>> = {
  'v1.TypeMeta': 'kind:s apiVersion:s',
  'v1.ObjectMeta':
    'name:s generateName:s namespace:s selfLink:s uid:s resourceVersion:s generation:i64 creationTimestamp:time! ' +
    'deletionTimestamp:*time deletionGracePeriodSeconds:*i64 labels:{s} annotations:{s} ownerReferences:[]v1.OwnerReference ' +
    'finalizers:[]s managedFields:[]raw',
  'v1.OwnerReference': 'apiVersion:s! kind:s! name:s! uid:s! controller:*b blockOwnerDeletion:*b',
  'v1.PodSpec':
    'volumes:[]v1.Volume initContainers:[]v1.Container containers:[]v1.Container! ephemeralContainers:[]v1.EphemeralContainer ' +
    'restartPolicy:s terminationGracePeriodSeconds:*i64 activeDeadlineSeconds:*i64 dnsPolicy:s nodeSelector:{s} ' +
    'serviceAccountName:s serviceAccount:s automountServiceAccountToken:*b nodeName:s hostNetwork:b hostPID:b hostIPC:b ' +
    'shareProcessNamespace:*b securityContext:*v1.PodSecurityContext imagePullSecrets:[]v1.LocalObjectReference hostname:s ' +
    'subdomain:s affinity:*v1.Affinity schedulerName:s tolerations:[]v1.Toleration hostAliases:[]v1.HostAlias ' +
    'priorityClassName:s priority:*i32 dnsConfig:*v1.PodDNSConfig readinessGates:[]v1.PodReadinessGate runtimeClassName:*s ' +
    'enableServiceLinks:*b preemptionPolicy:*s overhead:{q} topologySpreadConstraints:[]v1.TopologySpreadConstraint ' +
    'setHostnameAsFQDN:*b os:*v1.PodOS hostUsers:*b schedulingGates:[]v1.PodSchedulingGate resourceClaims:[]v1.PodResourceClaim ' +
    'resources:*v1.ResourceRequirements hostnameOverride:*s',
  'v1.Container': CONTAINER_FIELDS,
  'v1.EphemeralContainer': `${CONTAINER_FIELDS} targetContainerName:s`,
  'v1.ContainerPort': 'name:s hostPort:i32 containerPort:i32! protocol:s hostIP:s',
  'v1.EnvFromSource': 'prefix:s configMapRef:*v1.ConfigMapEnvSource secretRef:*v1.SecretEnvSource',
  'v1.ConfigMapEnvSource': 'name:s optional:*b',
  'v1.SecretEnvSource': 'name:s optional:*b',
  'v1.EnvVar': 'name:s! value:s valueFrom:*v1.EnvVarSource',
  'v1.EnvVarSource':
    'fieldRef:*v1.ObjectFieldSelector resourceFieldRef:*v1.ResourceFieldSelector configMapKeyRef:*v1.ConfigMapKeySelector ' +
    'secretKeyRef:*v1.SecretKeySelector fileKeyRef:*v1.FileKeySelector',
  'v1.ObjectFieldSelector': 'apiVersion:s fieldPath:s!',
  'v1.ResourceFieldSelector': 'containerName:s resource:s! divisor:q',
  'v1.ConfigMapKeySelector': 'name:s key:s! optional:*b',
  'v1.SecretKeySelector': 'name:s key:s! optional:*b',
  'v1.FileKeySelector': 'volumeName:s! path:s! key:s! optional:*b',
  'v1.ResourceRequirements': 'limits:{q} requests:{q} claims:[]v1.ResourceClaim',
  'v1.ResourceClaim': 'name:s! request:s',
  'v1.ContainerResizePolicy': 'resourceName:s! restartPolicy:s!',
  'v1.ContainerRestartRule': 'action:s! exitCodes:*v1.ContainerRestartRuleOnExitCodes',
  'v1.ContainerRestartRuleOnExitCodes': 'operator:s! values:[]i32',
  'v1.VolumeMount': 'name:s! readOnly:b recursiveReadOnly:*s mountPath:s! subPath:s mountPropagation:*s subPathExpr:s',
  'v1.VolumeDevice': 'name:s! devicePath:s!',
  'v1.Probe':
    'exec:*v1.ExecAction httpGet:*v1.HTTPGetAction tcpSocket:*v1.TCPSocketAction grpc:*v1.GRPCAction initialDelaySeconds:i32 ' +
    'timeoutSeconds:i32 periodSeconds:i32 successThreshold:i32 failureThreshold:i32 terminationGracePeriodSeconds:*i64',
  'v1.ExecAction': 'command:[]s',
  'v1.HTTPGetAction': 'path:s port:ios! host:s scheme:s httpHeaders:[]v1.HTTPHeader',
  'v1.HTTPHeader': 'name:s! value:s!',
  'v1.TCPSocketAction': 'port:ios! host:s',
  'v1.GRPCAction': 'port:i32! service:*s!',
  'v1.SleepAction': 'seconds:i64!',
  'v1.Lifecycle': 'postStart:*v1.LifecycleHandler preStop:*v1.LifecycleHandler stopSignal:*s',
  'v1.LifecycleHandler': 'exec:*v1.ExecAction httpGet:*v1.HTTPGetAction tcpSocket:*v1.TCPSocketAction sleep:*v1.SleepAction',
  'v1.SecurityContext':
    'capabilities:*v1.Capabilities privileged:*b seLinuxOptions:*v1.SELinuxOptions windowsOptions:*v1.WindowsSecurityContextOptions ' +
    'runAsUser:*i64 runAsGroup:*i64 runAsNonRoot:*b readOnlyRootFilesystem:*b allowPrivilegeEscalation:*b procMount:*s ' +
    'seccompProfile:*v1.SeccompProfile appArmorProfile:*v1.AppArmorProfile',
  'v1.Capabilities': 'add:[]s drop:[]s',
  'v1.SELinuxOptions': 'user:s role:s type:s level:s',
  'v1.WindowsSecurityContextOptions': 'gmsaCredentialSpecName:*s gmsaCredentialSpec:*s runAsUserName:*s hostProcess:*b',
  'v1.SeccompProfile': 'type:s! localhostProfile:*s',
  'v1.AppArmorProfile': 'type:s! localhostProfile:*s',
  'v1.PodSecurityContext':
    'seLinuxOptions:*v1.SELinuxOptions windowsOptions:*v1.WindowsSecurityContextOptions runAsUser:*i64 runAsGroup:*i64 ' +
    'runAsNonRoot:*b supplementalGroups:[]i64 supplementalGroupsPolicy:*s fsGroup:*i64 sysctls:[]v1.Sysctl ' +
    'fsGroupChangePolicy:*s seccompProfile:*v1.SeccompProfile appArmorProfile:*v1.AppArmorProfile seLinuxChangePolicy:*s',
  'v1.Sysctl': 'name:s! value:s!',
  'v1.LocalObjectReference': 'name:s',
  'v1.Toleration': 'key:s operator:s value:s effect:s tolerationSeconds:*i64',
  'v1.HostAlias': 'ip:s! hostnames:[]s',
  'v1.PodDNSConfig': 'nameservers:[]s searches:[]s options:[]v1.PodDNSConfigOption',
  'v1.PodDNSConfigOption': 'name:s value:*s',
  'v1.PodReadinessGate': 'conditionType:s!',
  'v1.PodSchedulingGate': 'name:s!',
  'v1.PodResourceClaim': 'name:s! resourceClaimName:*s resourceClaimTemplateName:*s',
  'v1.PodOS': 'name:s!',
  'v1.TopologySpreadConstraint':
    'maxSkew:i32! topologyKey:s! whenUnsatisfiable:s! labelSelector:*v1.LabelSelector minDomains:*i32 ' +
    'nodeAffinityPolicy:*s nodeTaintsPolicy:*s matchLabelKeys:[]s',
  'v1.LabelSelector': 'matchLabels:{s} matchExpressions:[]v1.LabelSelectorRequirement',
  'v1.LabelSelectorRequirement': 'key:s! operator:s! values:[]s',
  'v1.Affinity': 'nodeAffinity:*v1.NodeAffinity podAffinity:*v1.PodAffinity podAntiAffinity:*v1.PodAntiAffinity',
  'v1.NodeAffinity':
    'requiredDuringSchedulingIgnoredDuringExecution:*v1.NodeSelector preferredDuringSchedulingIgnoredDuringExecution:[]v1.PreferredSchedulingTerm',
  'v1.NodeSelector': 'nodeSelectorTerms:[]v1.NodeSelectorTerm!',
  'v1.NodeSelectorTerm': 'matchExpressions:[]v1.NodeSelectorRequirement matchFields:[]v1.NodeSelectorRequirement',
  'v1.NodeSelectorRequirement': 'key:s! operator:s! values:[]s',
  'v1.PreferredSchedulingTerm': 'weight:i32! preference:v1.NodeSelectorTerm!',
  'v1.PodAffinity': POD_AFFINITY_FIELDS,
  'v1.PodAntiAffinity': POD_AFFINITY_FIELDS,
  'v1.PodAffinityTerm':
    'labelSelector:*v1.LabelSelector namespaces:[]s topologyKey:s! namespaceSelector:*v1.LabelSelector matchLabelKeys:[]s mismatchLabelKeys:[]s',
  'v1.WeightedPodAffinityTerm': 'weight:i32! podAffinityTerm:v1.PodAffinityTerm!',
  'v1.Volume':
    'name:s! hostPath:*v1.HostPathVolumeSource emptyDir:*v1.EmptyDirVolumeSource gcePersistentDisk:*raw awsElasticBlockStore:*raw ' +
    'gitRepo:*raw secret:*v1.SecretVolumeSource nfs:*v1.NFSVolumeSource iscsi:*raw glusterfs:*raw ' +
    'persistentVolumeClaim:*v1.PersistentVolumeClaimVolumeSource rbd:*raw flexVolume:*raw cinder:*raw cephfs:*raw flocker:*raw ' +
    'downwardAPI:*v1.DownwardAPIVolumeSource fc:*raw azureFile:*raw configMap:*v1.ConfigMapVolumeSource vsphereVolume:*raw ' +
    'quobyte:*raw azureDisk:*raw photonPersistentDisk:*raw projected:*v1.ProjectedVolumeSource portworxVolume:*raw scaleIO:*raw ' +
    'storageos:*raw csi:*v1.CSIVolumeSource ephemeral:*raw image:*v1.ImageVolumeSource',
  'v1.HostPathVolumeSource': 'path:s! type:*s',
  'v1.EmptyDirVolumeSource': 'medium:s sizeLimit:*q',
  'v1.SecretVolumeSource': 'secretName:s items:[]v1.KeyToPath defaultMode:*i32 optional:*b',
  'v1.ConfigMapVolumeSource': 'name:s items:[]v1.KeyToPath defaultMode:*i32 optional:*b',
  'v1.KeyToPath': 'key:s! path:s! mode:*i32',
  'v1.NFSVolumeSource': 'server:s! path:s! readOnly:b',
  'v1.PersistentVolumeClaimVolumeSource': 'claimName:s! readOnly:b',
  'v1.DownwardAPIVolumeSource': 'items:[]v1.DownwardAPIVolumeFile defaultMode:*i32',
  'v1.DownwardAPIVolumeFile': 'path:s! fieldRef:*v1.ObjectFieldSelector resourceFieldRef:*v1.ResourceFieldSelector mode:*i32',
  'v1.ProjectedVolumeSource': 'sources:[]v1.VolumeProjection! defaultMode:*i32',
  'v1.VolumeProjection':
    'secret:*v1.SecretProjection downwardAPI:*v1.DownwardAPIProjection configMap:*v1.ConfigMapProjection ' +
    'serviceAccountToken:*v1.ServiceAccountTokenProjection clusterTrustBundle:*raw podCertificate:*raw',
  'v1.SecretProjection': 'name:s items:[]v1.KeyToPath optional:*b',
  'v1.ConfigMapProjection': 'name:s items:[]v1.KeyToPath optional:*b',
  'v1.DownwardAPIProjection': 'items:[]v1.DownwardAPIVolumeFile',
  'v1.ServiceAccountTokenProjection': 'audience:s expirationSeconds:*i64 path:s!',
  'v1.CSIVolumeSource': 'driver:s! readOnly:*b fsType:*s volumeAttributes:{s} nodePublishSecretRef:*v1.LocalObjectReference',
  'v1.ImageVolumeSource': 'reference:s pullPolicy:s',
};

/** JSON names whose Go field name is not just the name capitalised (Go initialisms). */
export const GO_NAME_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['apiVersion', 'APIVersion'], ['uid', 'UID'], ['dnsPolicy', 'DNSPolicy'], ['dnsConfig', 'DNSConfig'],
  ['hostPID', 'HostPID'], ['hostIPC', 'HostIPC'], ['hostIP', 'HostIP'], ['ip', 'IP'], ['httpGet', 'HTTPGet'],
  ['tcpSocket', 'TCPSocket'], ['grpc', 'GRPC'], ['httpHeaders', 'HTTPHeaders'], ['seLinuxOptions', 'SELinuxOptions'],
  ['seLinuxChangePolicy', 'SELinuxChangePolicy'], ['fsGroup', 'FSGroup'], ['fsGroupChangePolicy', 'FSGroupChangePolicy'],
  ['gmsaCredentialSpec', 'GMSACredentialSpec'], ['gmsaCredentialSpecName', 'GMSACredentialSpecName'], ['tty', 'TTY'],
  ['os', 'OS'], ['setHostnameAsFQDN', 'SetHostnameAsFQDN'], ['nfs', 'NFS'], ['iscsi', 'ISCSI'], ['rbd', 'RBD'],
  ['cephfs', 'CephFS'], ['fc', 'FC'], ['csi', 'CSI'], ['scaleIO', 'ScaleIO'], ['storageos', 'StorageOS'],
  ['awsElasticBlockStore', 'AWSElasticBlockStore'], ['gcePersistentDisk', 'GCEPersistentDisk'], ['downwardAPI', 'DownwardAPI'],
  ['fsType', 'FSType'], ['serviceAccount', 'DeprecatedServiceAccount'],
]);

/** The Go field name of a JSON field name. */
export function goFieldName(jsonName: string): string {
  return GO_NAME_EXCEPTIONS.get(jsonName) ?? jsonName.charAt(0).toUpperCase() + jsonName.slice(1);
}
