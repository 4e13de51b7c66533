{{/* Names ------------------------------------------------------------------------------------ */}}

{{- define "homi.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "homi.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's resources. Args: dict root name */}}
{{- define "homi.serviceName" -}}
{{- printf "%s-%s" (include "homi.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "homi.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "homi.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Labels ----------------------------------------------------------------------------------- */}}

{{- define "homi.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "homi.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: homi
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component. Args: dict root component */}}
{{- define "homi.selectorLabels" -}}
app.kubernetes.io/name: {{ include "homi.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Services ---------------------------------------------------------------------------------- */}}

{{/*
Deep merge of two maps where `over` wins, maps merge key by key, lists and scalars replace, and
`false`/`0` override (sprig's merge/mergeOverwrite skip such "empty" values). Args: dict base over.
Returns YAML.
*/}}
{{- define "homi.merge" -}}
{{- $out := deepCopy (default dict .base) -}}
{{- range $k, $v := (default dict .over) -}}
{{- if and (kindIs "map" $v) (kindIs "map" (get $out $k)) -}}
{{- $_ := set $out $k (include "homi.merge" (dict "base" (get $out $k) "over" $v) | fromYaml) -}}
{{- else -}}
{{- $_ := set $out $k $v -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* Whether a services entry is enabled (missing `enabled` means enabled). Args: the entry. Returns "true" or "". */}}
{{- define "homi.isEnabled" -}}
{{- $e := default dict . -}}
{{- if or (not (hasKey $e "enabled")) $e.enabled -}}true{{- end -}}
{{- end -}}

{{/* The enabled services, sorted, as a YAML list of names. */}}
{{- define "homi.enabledServices" -}}
{{- $names := list -}}
{{- range $name, $svc := .Values.services -}}
{{- if include "homi.isEnabled" $svc -}}
{{- $names = append $names $name -}}
{{- end -}}
{{- end -}}
{{- toYaml (sortAlpha $names) -}}
{{- end -}}

{{/* One service's settings: serviceDefaults merged with its entry, checked. Args: dict root name. Returns YAML. */}}
{{- define "homi.service" -}}
{{- $svc := include "homi.merge" (dict "base" .root.Values.serviceDefaults "over" (get .root.Values.services .name)) | fromYaml -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" .name) -}}
{{- fail (printf "services.%s: the name must be lowercase letters, digits and '-' (it becomes part of DNS names)" .name) -}}
{{- end -}}
{{- $_ := required (printf "services.%s.port is required" .name) $svc.port -}}
{{- range (default list $svc.ingressFrom) -}}
{{- if not (hasKey $.root.Values.services .) -}}
{{- fail (printf "services.%s.ingressFrom names %q, which is not in services" $.name .) -}}
{{- end -}}
{{- end -}}
{{- toYaml $svc -}}
{{- end -}}

{{/* UPPER_SNAKE of a service name: tenant-data -> TENANT_DATA */}}
{{- define "homi.envName" -}}
{{- . | upper | replace "-" "_" -}}
{{- end -}}

{{- define "homi.image" -}}
{{- $img := default dict .svc.image -}}
{{- $repo := default (printf "%s%s" .root.Values.image.repositoryPrefix .name) $img.repository -}}
{{- $ref := $repo -}}
{{- if .root.Values.image.registry -}}{{- $ref = printf "%s/%s" .root.Values.image.registry $repo -}}{{- end -}}
{{- if $img.digest -}}
{{- printf "%s@%s" $ref $img.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (toString (default (default .root.Chart.AppVersion .root.Values.image.tag) $img.tag)) -}}
{{- end -}}
{{- end -}}

{{/* Postgres ---------------------------------------------------------------------------------- */}}

{{- define "homi.postgres.clusterName" -}}
{{- default (printf "%s-pg" (include "homi.fullname" .)) .Values.postgres.cnpg.name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{/* secretKeyRef of DATABASE_URL (the server; each service swaps in its database name) */}}
{{- define "homi.postgres.urlSecretRef" -}}
{{- if .Values.postgres.cnpg.enabled -}}
name: {{ include "homi.postgres.clusterName" . }}-app
key: uri
{{- else -}}
name: {{ required "set postgres.external.existingSecret (a Secret with the Postgres URL) or enable postgres.cnpg" .Values.postgres.external.existingSecret }}
key: {{ required "postgres.external.key is required" .Values.postgres.external.key }}
{{- end -}}
{{- end -}}

{{/* NATS -------------------------------------------------------------------------------------- */}}

{{/* Same rule as the NATS chart's own fullname. */}}
{{- define "homi.nats.fullname" -}}
{{- $n := default dict .Values.nats -}}
{{- if $n.fullnameOverride -}}
{{- $n.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default "nats" $n.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "homi.nats.url" -}}
{{- if .Values.nats.enabled -}}
nats://{{ include "homi.nats.fullname" . }}:4222
{{- else -}}
{{- .Values.natsExternal.url -}}
{{- end -}}
{{- end -}}

{{/*
Copies of every stream and KV bucket the services create (NATS_REPLICAS, ADR 57): the bundled NATS
cluster's size, at most 5 (JetStream's limit); 1 without clustering; natsExternal.replicas for a server
outside the release.
*/}}
{{- define "homi.nats.replicas" -}}
{{- if .Values.nats.enabled -}}
{{- $cluster := default dict (default dict .Values.nats.config).cluster -}}
{{- if $cluster.enabled -}}
{{- min 5 (int (default 3 $cluster.replicas)) -}}
{{- else -}}
1
{{- end -}}
{{- else -}}
{{- int (default 1 .Values.natsExternal.replicas) -}}
{{- end -}}
{{- end -}}

{{/* Keycloak ---------------------------------------------------------------------------------- */}}

{{- define "homi.keycloak.name" -}}
{{- default (printf "%s-keycloak" (include "homi.fullname" .)) .Values.keycloak.operator.name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "homi.keycloak.publicUrl" -}}
{{- required "keycloak.publicUrl is required (the Keycloak base URL browsers use)" .Values.keycloak.publicUrl | trimSuffix "/" -}}
{{- end -}}

{{- define "homi.keycloak.internalUrl" -}}
{{- if .Values.keycloak.internalUrl -}}
{{- .Values.keycloak.internalUrl | trimSuffix "/" -}}
{{- else if .Values.keycloak.operator.enabled -}}
http://{{ include "homi.keycloak.name" . }}-service:8080
{{- else -}}
{{- include "homi.keycloak.publicUrl" . -}}
{{- end -}}
{{- end -}}

{{- define "homi.keycloak.issuerUrl" -}}
{{- printf "%s/realms/%s" (include "homi.keycloak.publicUrl" .) .Values.keycloak.realm -}}
{{- end -}}

{{- define "homi.keycloak.internalRealmUrl" -}}
{{- printf "%s/realms/%s" (include "homi.keycloak.internalUrl" .) .Values.keycloak.realm -}}
{{- end -}}

{{/* Env ---------------------------------------------------------------------------------------- */}}

{{/*
Non-secret env of one service as a YAML map (ConfigMap data, and inline env of its migrations Job,
which runs before the ConfigMap exists). Args: dict root name svc.
*/}}
{{- define "homi.service.configEnv" -}}
{{- $root := .root -}}
{{- $env := dict
  "NODE_ENV" "production"
  "LOG_LEVEL" (toString $root.Values.config.logLevel)
  "HOST" "0.0.0.0"
  "PORT" (toString .svc.port)
  "SHUTDOWN_TIMEOUT_MS" (toString $root.Values.config.shutdownTimeoutMs)
-}}
{{- if not $root.Values.natsExternal.existingSecret -}}
{{- $_ := set $env "NATS_URL" (required "set natsExternal.url (or natsExternal.existingSecret) when nats.enabled is false" (include "homi.nats.url" $root)) -}}
{{- end -}}
{{- $_ := set $env "NATS_REPLICAS" (include "homi.nats.replicas" $root) -}}
{{- if $root.Values.otel.endpoint -}}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_ENDPOINT" (toString $root.Values.otel.endpoint) -}}
{{- end -}}
{{- range $k, $v := (include "homi.tls.configEnv" $root | fromYaml) -}}
{{- $_ := set $env $k (toString $v) -}}
{{- end -}}
{{- /* URLs of the services this one may call */ -}}
{{- range $target := include "homi.enabledServices" $root | fromYamlArray -}}
{{- $t := include "homi.service" (dict "root" $root "name" $target) | fromYaml -}}
{{- if has $.name (default list $t.ingressFrom) -}}
{{- $_ := set $env (printf "%s_URL" (include "homi.envName" $target)) (printf "http://%s:%v" (include "homi.serviceName" (dict "root" $root "name" $target)) $t.port) -}}
{{- end -}}
{{- end -}}
{{- range $k, $v := (default dict .svc.env) -}}
{{- $_ := set $env $k (tpl (toString $v) $root) -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}

{{/* Env vars from Secrets of one service (a YAML list of EnvVar). Args: dict root name svc. */}}
{{- define "homi.service.secretEnv" -}}
{{- $root := .root -}}
{{- if and .svc.database $root.Values.postgres.roles.enabled }}
{{ include "homi.db.env" (dict "root" $root "name" $.name "kind" (default "runtime" $.dbRole)) }}
{{- else if .svc.database }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      {{- include "homi.postgres.urlSecretRef" $root | nindent 6 }}
{{- end }}
{{- if $root.Values.natsExternal.existingSecret }}
- name: NATS_URL
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.natsExternal.existingSecret }}
      key: {{ $root.Values.natsExternal.key }}
{{- end }}
{{- range $var := (default list .svc.secretEnv) }}
{{- $ref := get $root.Values.secrets $var }}
{{- if not $ref }}
{{- fail (printf "services.%s.secretEnv names %s, which is not in `secrets`" $.name $var) }}
{{- end }}
- name: {{ $var }}
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "secrets.%s.existingSecret is required" $var) $ref.existingSecret }}
      key: {{ default $var $ref.key }}
{{- end }}
{{- end -}}

{{/* NetworkPolicy rules ------------------------------------------------------------------------ */}}

{{/* One egress rule. Args: dict peers ports (list of numbers) protocol. Empty peers: any destination on the ports. */}}
{{- define "homi.egressRule" -}}
- ports:
  {{- range .ports }}
    - port: {{ . }}
      protocol: {{ default "TCP" $.protocol }}
  {{- end }}
  {{- with .peers }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{- define "homi.egress.dns" -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
  {{- with .Values.networkPolicy.dnsPeers }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{- define "homi.egress.postgres" -}}
{{- if .Values.postgres.cnpg.enabled -}}
{{- include "homi.egressRule" (dict "ports" (list 5432) "peers" (list (dict "podSelector" (dict "matchLabels" (dict "cnpg.io/cluster" (include "homi.postgres.clusterName" .)))))) -}}
{{- else -}}
{{- include "homi.egressRule" (dict "ports" (list .Values.postgres.external.port) "peers" .Values.postgres.external.networkPolicyPeers) -}}
{{- end -}}
{{- end -}}

{{- define "homi.egress.nats" -}}
{{- if .Values.nats.enabled -}}
{{- $sel := dict "app.kubernetes.io/name" (default "nats" .Values.nats.nameOverride) "app.kubernetes.io/instance" .Release.Name "app.kubernetes.io/component" "nats" -}}
{{- include "homi.egressRule" (dict "ports" (list 4222) "peers" (list (dict "podSelector" (dict "matchLabels" $sel)))) -}}
{{- else -}}
{{- include "homi.egressRule" (dict "ports" (list .Values.natsExternal.port) "peers" .Values.natsExternal.networkPolicyPeers) -}}
{{- end -}}
{{- end -}}

{{- define "homi.egress.keycloak" -}}
{{- if .Values.keycloak.operator.enabled -}}
{{- $sel := dict "app" "keycloak" "app.kubernetes.io/instance" (include "homi.keycloak.name" .) -}}
{{- include "homi.egressRule" (dict "ports" (list 8080) "peers" (list (dict "podSelector" (dict "matchLabels" $sel)))) -}}
{{- else -}}
{{- include "homi.egressRule" (dict "ports" .Values.keycloak.externalPorts "peers" .Values.keycloak.networkPolicyPeers) -}}
{{- end -}}
{{- end -}}

{{/* Pod spec parts shared by Deployments and migrations Jobs --------------------------------- */}}

{{- define "homi.pod.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .svc.tmpSizeLimit }}
{{- end -}}
