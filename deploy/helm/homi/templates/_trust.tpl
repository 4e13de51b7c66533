{{/* Database roles per service and TLS to NATS and Postgres (ADR 39) ------------------------- */}}

{{/* A service's database, also the name of its runtime role: homi_tenant_data. Args: dict root name */}}
{{- define "homi.db.name" -}}
homi_{{ .name | replace "-" "_" }}
{{- end -}}

{{/* The Secret (kubernetes.io/basic-auth: username, password) of a service's owner or runtime role. Args: dict root name kind */}}
{{- define "homi.db.secretName" -}}
{{- printf "%s-db-%s" (include "homi.serviceName" (dict "root" .root "name" .name)) .kind | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "homi.postgres.host" -}}
{{- if .Values.postgres.cnpg.enabled -}}
{{- include "homi.postgres.clusterName" . }}-rw
{{- else -}}
{{- required "set postgres.external.host (the Postgres server the per-service roles connect to)" .Values.postgres.external.host -}}
{{- end -}}
{{- end -}}

{{/* Where every pod finds the CA (tls.ca), and the libpq parameters that make a URL verify the server. */}}
{{- define "homi.tls.caFile" -}}/etc/homi/tls/ca.crt{{- end -}}
{{- define "homi.postgres.tlsParams" -}}
{{- if .Values.tls.enabled -}}?sslmode=verify-full&sslrootcert={{ include "homi.tls.caFile" . }}{{- end -}}
{{- end -}}

{{/*
Env of a service's database as its owner (the migrations Job: it migrates, then grants the runtime
role) or as its runtime role (the pods: no DDL, MIGRATIONS=skip). Args: dict root name kind ("owner" or "runtime").
*/}}
{{- define "homi.db.env" -}}
{{- $db := include "homi.db.name" . -}}
{{- $role := ternary (printf "%s_owner" $db) $db (eq .kind "owner") -}}
{{- $port := .root.Values.postgres.external.port -}}
{{- if .root.Values.postgres.cnpg.enabled }}{{ $port = 5432 }}{{ end -}}
- name: HOMI_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "homi.db.secretName" . }}
      key: password
- name: {{ include "homi.envName" .name }}_DATABASE_URL
  value: {{ printf "postgresql://%s:$(HOMI_DB_PASSWORD)@%s:%v/%s%s" $role (include "homi.postgres.host" .root) $port $db (include "homi.postgres.tlsParams" .root) | quote }}
{{- if eq .kind "owner" }}
- name: DATABASE_RUNTIME_ROLE
  value: {{ $db }}
{{- else }}
- name: MIGRATIONS
  value: skip
{{- end }}
{{- end -}}

{{/* TLS env every service gets in its ConfigMap (a YAML map). */}}
{{- define "homi.tls.configEnv" -}}
{{- if .Values.tls.enabled -}}
NATS_TLS_CA_FILE: {{ include "homi.tls.caFile" . }}
NODE_EXTRA_CA_CERTS: {{ include "homi.tls.caFile" . }}
{{- end -}}
{{- end -}}

{{- define "homi.tls.volumeMount" -}}
{{- if .Values.tls.enabled }}
- name: tls-ca
  mountPath: /etc/homi/tls
  readOnly: true
{{- end }}
{{- end -}}

{{- define "homi.tls.volume" -}}
{{- if .Values.tls.enabled }}
- name: tls-ca
  secret:
    secretName: {{ required "tls.ca.secretName is required (a Secret with the CA of the NATS and Postgres server certificates)" .Values.tls.ca.secretName }}
    items:
      - key: {{ .Values.tls.ca.key }}
        path: ca.crt
{{- end }}
{{- end -}}
