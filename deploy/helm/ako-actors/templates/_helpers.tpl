{{/*
Names and labels. The ConfigMap and Secret keep AKO's names (avi-k8s-config, avi-secret) because the controller and
AKO's users look for them by those names; everything else is called ako-actors.
*/}}
{{- define "ako-actors.name" -}}ako-actors{{- end -}}

{{- define "ako-actors.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ako-actors.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "ako-actors.labels" -}}
{{ include "ako-actors.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* The label selector Akka cluster bootstrap lists pods with: exactly this release's controller pods. */}}
{{- define "ako-actors.podSelector" -}}
app.kubernetes.io/name={{ include "ako-actors.name" . }},app.kubernetes.io/instance={{ .Release.Name }}
{{- end -}}

{{/* "true" for true and "true", "false" otherwise: AKO's values mix booleans and strings for the same switches. */}}
{{- define "ako-actors.isTrue" -}}
{{- if eq (toString .) "true" }}true{{ else }}false{{ end -}}
{{- end -}}

{{/*
The data of avi-k8s-config: the keys and values AKO's chart renders from the same values, plus AKO 1.3's flat VIP network
keys (networkName, subnetIP, subnetPrefix) and ControllerSettings.controllerIP, which the seed article's values still use
and AKO 1.3's chart rendered. Kept as one block so the pod template can hash it (see deployment.yaml).
*/}}
{{- define "ako-actors.configData" -}}
{{- $ako := .Values.AKOSettings -}}
{{- $net := .Values.NetworkSettings -}}
{{- $l7 := .Values.L7Settings -}}
{{- $l4 := .Values.L4Settings -}}
{{- $ctrl := .Values.ControllerSettings -}}
primaryInstance: {{ $ako.primaryInstance | quote }}
controllerIP: {{ coalesce $ctrl.controllerHost $ctrl.controllerIP | default "" | quote }}
controllerVersion: {{ $ctrl.controllerVersion | quote }}
cniPlugin: {{ $ako.cniPlugin | quote }}
shardVSSize: {{ $l7.shardVSSize | quote }}
passthroughShardSize: {{ $l7.passthroughShardSize | quote }}
fullSyncFrequency: {{ $ako.fullSyncFrequency | quote }}
cloudName: {{ $ctrl.cloudName | quote }}
clusterName: {{ $ako.clusterName | quote }}
servicesAPI: {{ $ako.servicesAPI | quote }}
enableEVH: {{ $ako.enableEVH | quote }}
layer7Only: {{ $ako.layer7Only | quote }}
vipPerNamespace: {{ $ako.vipPerNamespace | quote }}
tenantName: {{ $ctrl.tenantName | quote }}
vrfName: {{ $ctrl.vrfName | quote }}
dedicatedTenantMode: {{ $ctrl.dedicatedTenantMode | quote }}
defaultDomain: {{ coalesce $net.defaultDomain $l4.defaultDomain | default "" | quote }}
disableStaticRouteSync: {{ $ako.disableStaticRouteSync | quote }}
defaultIngController: {{ $l7.defaultIngController | quote }}
defaultLBController: {{ $l4.defaultLBController | quote }}
noPGForSNI: {{ $l7.noPGForSNI | quote }}
enableRHI: {{ $net.enableRHI | quote }}
nsxtT1LR: {{ $net.nsxtT1LR | quote }}
enableEvents: {{ $ako.enableEvents | quote }}
logLevel: {{ $ako.logLevel | quote }}
deleteConfig: {{ $ako.deleteConfig | quote }}
autoFQDN: {{ $l4.autoFQDN | quote }}
nsSyncLabelKey: {{ $ako.namespaceSelector.labelKey | quote }}
nsSyncLabelValue: {{ $ako.namespaceSelector.labelValue | quote }}
serviceType: {{ $l7.serviceType | quote }}
{{- if eq $l7.serviceType "NodePort" }}
nodeKey: {{ .Values.nodePortSelector.key | quote }}
nodeValue: {{ .Values.nodePortSelector.value | quote }}
{{- end }}
serviceEngineGroupName: {{ $ctrl.serviceEngineGroupName | quote }}
bgpPeerLabels: {{ $net.bgpPeerLabels | default list | mustToJson | quote }}
nodeNetworkList: {{ $net.nodeNetworkList | default list | mustToJson | quote }}
vipNetworkList: {{ $net.vipNetworkList | default list | mustToJson | quote }}
{{- if $net.networkName }}
networkName: {{ $net.networkName | quote }}
subnetIP: {{ $net.subnetIP | default "" | quote }}
subnetPrefix: {{ $net.subnetPrefix | default "" | quote }}
{{- end }}
apiServerPort: {{ default "8080" $ako.apiServerPort | quote }}
enableMCI: {{ $l7.enableMCI | quote }}
blockedNamespaceList: {{ $ako.blockedNamespaceList | default list | mustToJson | quote }}
ipFamily: {{ $ako.ipFamily | quote }}
istioEnabled: {{ $ako.istioEnabled | quote }}
useDefaultSecretsOnly: {{ $ako.useDefaultSecretsOnly | quote }}
vpcMode: {{ $ako.vpcMode | quote }}
enablePrometheus: {{ default "false" .Values.featureGates.EnablePrometheus | quote }}
fqdnReusePolicy: {{ default "InterNamespaceAllowed" $l7.fqdnReusePolicy | quote }}
akoCRDOperatorEnabled: {{ index .Values "ako-crd-operator" "enabled" | quote }}
{{- end -}}

{{/*
The ConfigMap keys the controller reads, each with the environment variable it reads it from (AkoConfigKey in
src/AkoActors.Domain/Settings); "optional" marks keys the ConfigMap carries only for some values.
*/}}
{{- define "ako-actors.configEnv" -}}
- {name: CLUSTER_NAME, key: clusterName}
- {name: LOG_LEVEL, key: logLevel}
- {name: ENABLE_EVENTS, key: enableEvents}
- {name: DELETE_CONFIG, key: deleteConfig}
- {name: DISABLE_STATIC_ROUTE_SYNC, key: disableStaticRouteSync}
- {name: FULL_SYNC_INTERVAL, key: fullSyncFrequency}
- {name: LAYER7_ONLY, key: layer7Only}
- {name: NAMESPACE_SYNC_LABEL_KEY, key: nsSyncLabelKey}
- {name: NAMESPACE_SYNC_LABEL_VALUE, key: nsSyncLabelValue}
- {name: BLOCKED_NS_LIST, key: blockedNamespaceList}
- {name: VIP_NETWORK_LIST, key: vipNetworkList}
- {name: NODE_NETWORK_LIST, key: nodeNetworkList}
- {name: DEFAULT_DOMAIN, key: defaultDomain}
- {name: SHARD_VS_SIZE, key: shardVSSize}
- {name: SERVICE_TYPE, key: serviceType}
- {name: DEFAULT_ING_CONTROLLER, key: defaultIngController}
- {name: FQDN_REUSE_POLICY, key: fqdnReusePolicy}
- {name: NODE_KEY, key: nodeKey, optional: true}
- {name: NODE_VALUE, key: nodeValue, optional: true}
- {name: DEFAULT_LB_CONTROLLER, key: defaultLBController}
- {name: AUTO_L4_FQDN, key: autoFQDN}
- {name: CTRL_IPADDRESS, key: controllerIP}
- {name: CTRL_VERSION, key: controllerVersion}
- {name: CLOUD_NAME, key: cloudName}
- {name: SEG_NAME, key: serviceEngineGroupName}
- {name: TENANT_NAME, key: tenantName}
- {name: VRF_NAME, key: vrfName}
- {name: NETWORK_NAME, key: networkName, optional: true}
- {name: SUBNET_IP, key: subnetIP, optional: true}
- {name: SUBNET_PREFIX, key: subnetPrefix, optional: true}
{{- end -}}
