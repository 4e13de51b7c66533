{{/* NATS users per service (ADR 37) ---------------------------------------------------------- */}}

{{/* The Secret holding NATS_PASSWORD_<SERVICE> for every service: natsAuth.existingSecret, else <fullname>-nats-passwords. */}}
{{- define "homi.natsAuth.secretName" -}}
{{- default (printf "%s-nats-passwords" (include "homi.fullname" .)) .Values.natsAuth.existingSecret -}}
{{- end -}}

{{/* A service's NATS_USER and NATS_PASSWORD env entries. Args: dict root name. */}}
{{- define "homi.service.natsEnv" -}}
{{- if .root.Values.natsAuth.enabled }}
- name: NATS_USER
  value: {{ .name | quote }}
- name: NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "homi.natsAuth.secretName" .root }}
      key: {{ printf "NATS_PASSWORD_%s" (.name | upper | replace "-" "_") }}
{{- end }}
{{- end -}}
