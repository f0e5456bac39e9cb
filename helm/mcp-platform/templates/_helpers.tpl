{{/* Chart name, truncated to the 63 characters Kubernetes allows in a label. */}}
{{- define "mcp-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "mcp-platform.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "mcp-platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mcp-platform.labels" -}}
helm.sh/chart: {{ include "mcp-platform.chart" . }}
{{ include "mcp-platform.selectorLabels" . }}
app.kubernetes.io/version: {{ include "mcp-platform.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mcp-platform
{{- end }}

{{- define "mcp-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mcp-platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Selector of the server pods (the migration Job's pods carry component=migration instead). */}}
{{- define "mcp-platform.serverSelectorLabels" -}}
{{ include "mcp-platform.selectorLabels" . }}
app.kubernetes.io/component: server
{{- end }}

{{- define "mcp-platform.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mcp-platform.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "mcp-platform.migrationName" -}}
{{- printf "%s-migrate" (include "mcp-platform.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{- define "mcp-platform.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{- define "mcp-platform.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s:%s@%s" .Values.image.repository (include "mcp-platform.imageTag" .) .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (include "mcp-platform.imageTag" .) }}
{{- end }}
{{- end }}

{{- define "mcp-platform.workloadIdentity" -}}
{{- if eq .Values.entra.credentialMode "workloadIdentity" }}true{{ end }}
{{- end }}

{{/* Name of the Secret whose keys become the server's environment. */}}
{{- define "mcp-platform.serverSecretName" -}}
{{- if eq .Values.secrets.source "existingSecret" }}
{{- .Values.secrets.existingSecret }}
{{- else if eq .Values.secrets.source "keyVault" }}
{{- printf "%s-kv" (include "mcp-platform.fullname" . | trunc 60 | trimSuffix "-") }}
{{- else }}
{{- include "mcp-platform.fullname" . }}
{{- end }}
{{- end }}

{{/* Name of the Secret holding DB_OWNER_PASSWORD for the migration Job. */}}
{{- define "mcp-platform.migrationSecretName" -}}
{{- if eq .Values.secrets.source "existingSecret" }}
{{- default .Values.secrets.existingSecret .Values.secrets.existingMigrationSecret }}
{{- else if eq .Values.secrets.source "keyVault" }}
{{- printf "%s-kv" (include "mcp-platform.migrationName" .) }}
{{- else }}
{{- include "mcp-platform.migrationName" . }}
{{- end }}
{{- end }}

{{- define "mcp-platform.keyVaultClientId" -}}
{{- default .Values.entra.workloadIdentity.clientId .Values.keyVault.clientId }}
{{- end }}

{{/* The public host: ingress.host, else the host of platform.externalBaseUrl. */}}
{{- define "mcp-platform.publicHost" -}}
{{- if .Values.ingress.host }}
{{- .Values.ingress.host }}
{{- else }}
{{- (urlParse .Values.platform.externalBaseUrl).host | splitList ":" | first }}
{{- end }}
{{- end }}

{{/* The external base URL without trailing slashes. */}}
{{- define "mcp-platform.externalBaseUrl" -}}
{{- .Values.platform.externalBaseUrl | trimSuffix "/" }}
{{- end }}

{{/* Pod and container security contexts shared by the server and the migration Job. */}}
{{- define "mcp-platform.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext }}
{{- end }}

{{- define "mcp-platform.containerSecurityContext" -}}
{{- toYaml .Values.securityContext }}
{{- end }}

{{/* A SecretProviderClass for Azure Key Vault; args: dict root name objects secretName hook */}}
{{- define "mcp-platform.secretProviderClass" -}}
{{- $root := .root }}
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "mcp-platform.labels" $root | nindent 4 }}
  {{- if .hook }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: {{ sub (int $root.Values.migration.hookWeight) 10 | quote }}
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
  {{- end }}
spec:
  provider: azure
  parameters:
    usePodIdentity: "false"
    clientID: {{ include "mcp-platform.keyVaultClientId" $root | quote }}
    keyvaultName: {{ $root.Values.keyVault.name | quote }}
    tenantId: {{ $root.Values.keyVault.tenantId | quote }}
    objects: |
      array:
      {{- range .objects }}
        - |
          objectName: {{ .objectName }}
          objectType: secret
      {{- end }}
  secretObjects:
    - secretName: {{ .secretName }}
      type: Opaque
      data:
      {{- range .objects }}
        - objectName: {{ .objectName }}
          key: {{ .envName }}
      {{- end }}
{{- end }}
