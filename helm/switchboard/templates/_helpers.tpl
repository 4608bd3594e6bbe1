{{/* Shared named templates: every workload is rendered from these, never from copies. */}}

{{/* The release-derived prefix of every object name. */}}
{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Object name of one service: <fullname>-<service>. Call with (dict "root" $ "name" $service). */}}
{{- define "switchboard.componentName" -}}
{{- printf "%s-%s" (include "switchboard.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "switchboard.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Labels that select one service's pods. (dict "root" $ "name" $service) */}}
{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Every object's labels. (dict "root" $ "name" $service) */}}
{{- define "switchboard.labels" -}}
{{ include "switchboard.selectorLabels" . }}
app.kubernetes.io/part-of: switchboard
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* The image of one service. (dict "root" $ "name" $service) */}}
{{- define "switchboard.image" -}}
{{- $image := .root.Values.image -}}
{{- $prefix := ternary "" (printf "%s/" $image.registry) (empty $image.registry) -}}
{{- printf "%s%s/%s:%s" $prefix $image.repository .name ($image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* URL of one service inside the cluster. (dict "root" $ "name" $service) */}}
{{- define "switchboard.serviceUrl" -}}
{{- $svc := index .root.Values.services .name -}}
{{- printf "http://%s:%v" (include "switchboard.componentName" .) $svc.port -}}
{{- end -}}

{{/* Name of the Secret with the database URLs, the LLM key and the JWT key. */}}
{{- define "switchboard.secretName" -}}
{{- printf "%s-secrets" (include "switchboard.fullname" .) -}}
{{- end -}}

{{- define "switchboard.internalAuthSecretName" -}}
{{- default (include "switchboard.secretName" .) .Values.internalAuth.existingSecret -}}
{{- end -}}

{{/* The keys of internal identity: every service verifies with the public ones; three sign with their own. */}}
{{- define "switchboard.internalAuthEnv" -}}
{{- $root := .root -}}
{{- $secret := include "switchboard.internalAuthSecretName" $root -}}
- name: INTERNAL_AUTH_GATEWAY_PUBLIC_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: gateway-public-key
- name: INTERNAL_AUTH_LLM_FALLBACK_PUBLIC_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: llm-fallback-public-key
- name: INTERNAL_AUTH_INTENT_PUBLIC_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: intent-public-key
{{- if eq .name "gateway-service" }}
- name: INTERNAL_AUTH_PRIVATE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: gateway-private-key
{{- else if eq .name "llm-fallback-service" }}
- name: INTERNAL_AUTH_PRIVATE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: llm-fallback-private-key
{{- else if eq .name "intent-service" }}
- name: INTERNAL_AUTH_PRIVATE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: intent-private-key
{{- end }}
{{- end -}}

{{- define "switchboard.databaseSecretName" -}}
{{- default (include "switchboard.secretName" .) .Values.database.existingSecret -}}
{{- end -}}

{{/*
The pod template of one service, shared by the gateway's StatefulSet and every Deployment: image, env, probes on
the actuator health groups, resources, hardened security context, a writable /tmp only.
(dict "root" $ "name" $service)
*/}}
{{- define "switchboard.podTemplate" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $svc := index $root.Values.services $name -}}
{{- /* where the actuator (probes, Prometheus) answers: the gateway's management port, else the service's own */ -}}
{{- $actuatorPort := ternary "management" "http" (hasKey $svc "managementPort") -}}
metadata:
  labels:
    {{- include "switchboard.labels" . | nindent 4 }}
  annotations:
    checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    checksum/secret: {{ include (print $root.Template.BasePath "/secret.yaml") $root | sha256sum }}
    {{- if $root.Values.prometheusAnnotations }}
    prometheus.io/scrape: "true"
    prometheus.io/path: /actuator/prometheus
    prometheus.io/port: {{ $svc.managementPort | default $svc.port | quote }}
    {{- end }}
spec:
  serviceAccountName: {{ include "switchboard.serviceAccountName" $root }}
  automountServiceAccountToken: false
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  # lets a rolling update finish what the pod consumed: Spring shuts down gracefully on SIGTERM
  terminationGracePeriodSeconds: 45
  containers:
    - name: {{ $name }}
      image: {{ include "switchboard.image" . }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      ports:
        - name: http
          containerPort: {{ $svc.port }}
          protocol: TCP
        {{- if hasKey $svc "managementPort" }}
        - name: management
          containerPort: {{ $svc.managementPort }}
          protocol: TCP
        {{- end }}
      envFrom:
        - configMapRef:
            name: {{ include "switchboard.fullname" $root }}-config
      env:
        - name: SERVER_PORT
          value: {{ $svc.port | quote }}
        {{- if hasKey $svc "managementPort" }}
        - name: MANAGEMENT_PORT
          value: {{ $svc.managementPort | quote }}
        {{- end }}
        - name: JAVA_TOOL_OPTIONS
          value: {{ printf "%s -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" $svc.javaOpts | quote }}
        # examples and documents embedded once per model and content; /tmp (an emptyDir) outlives a container restart
        - name: EMBEDDING_CACHE_DIR
          value: /tmp/embeddings
        {{- if $root.Values.kafka.staticMembership }}
        # unique per replica and kept across container restarts: a restarted container's consumers get their
        # partitions back at once
        - name: KAFKA_GROUP_INSTANCE_ID
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        {{- end }}
        {{- if $svc.database }}
        - name: DATABASE_URL
          valueFrom:
            secretKeyRef:
              name: {{ include "switchboard.databaseSecretName" $root }}
              key: {{ $name }}-database-url
        {{- end }}
        {{- include "switchboard.internalAuthEnv" . | trim | nindent 8 }}
        {{- if eq $name "gateway-service" }}
        {{- include "switchboard.gatewayEnv" $root | trim | nindent 8 }}
        {{- end }}
        {{- if eq $name "intent-service" }}
        # the knowledge base versions it trains on
        - name: KNOWLEDGE_SERVICE_URL
          value: {{ include "switchboard.serviceUrl" (dict "root" $root "name" "knowledge-service") | quote }}
        {{- end }}
        {{- if eq $name "llm-fallback-service" }}
        # the conversation's turns its prompts include
        - name: CHAT_SERVICE_URL
          value: {{ include "switchboard.serviceUrl" (dict "root" $root "name" "chat-service") | quote }}
        # the knowledge base versions its guardrail compares messages with
        - name: KNOWLEDGE_SERVICE_URL
          value: {{ include "switchboard.serviceUrl" (dict "root" $root "name" "knowledge-service") | quote }}
        {{- include "switchboard.llmEnv" $root | trim | nindent 8 }}
        {{- end }}
        {{- if eq $name "account-service" }}
        # the tool-calling agent that answers the guided flows' turns when the chat model is on
        {{- include "switchboard.llmEnv" $root | trim | nindent 8 }}
        - name: ACCOUNT_AGENT_FLOWS
          value: {{ $root.Values.llm.agentFlows | quote }}
        {{- end }}
        {{- with $svc.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      # the readiness group: started and warm (the path of a first message has run once, Kafka clients joined)
      startupProbe:
        httpGet:
          path: /actuator/health/readiness
          port: {{ $actuatorPort }}
        periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
        failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: /actuator/health/liveness
          port: {{ $actuatorPort }}
        periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ $root.Values.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: /actuator/health/readiness
          port: {{ $actuatorPort }}
        periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ $root.Values.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
      resources:
        {{- toYaml $svc.resources | nindent 8 }}
      securityContext:
        {{- toYaml $root.Values.securityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $root.Values.tmpSizeLimit }}
{{- end -}}

{{/* The gateway's own variables: its reply partition, the routed services, identity. */}}
{{- define "switchboard.gatewayEnv" -}}
{{- $gateway := index .Values.services "gateway-service" -}}
{{- if $gateway.instanceFromPodIndexLabel }}
# the StatefulSet ordinal is the reply partition this replica owns
- name: GATEWAY_INSTANCE
  valueFrom:
    fieldRef:
      fieldPath: metadata.labels['apps.kubernetes.io/pod-index']
{{- end }}
{{- range $name, $svc := .Values.services }}
{{- if ne $name "gateway-service" }}
- name: {{ printf "%s_URL" ($name | upper | replace "-" "_") }}
  value: {{ include "switchboard.serviceUrl" (dict "root" $ "name" $name) | quote }}
{{- end }}
{{- end }}
- name: JWT_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "switchboard.secretName" . }}
      key: jwt-secret-key
- name: JWT_ISSUER_URI
  value: {{ .Values.jwt.issuerUri | quote }}
- name: DEMO_USERS_ENABLED
  value: {{ .Values.jwt.demoUsers | quote }}
- name: REDIS_URL
  value: {{ .Values.redisUrl | quote }}
- name: CORS_ALLOWED_ORIGINS
  value: {{ .Values.corsAllowedOrigins | quote }}
- name: TRUSTED_PROXIES
  value: {{ .Values.trustedProxies | quote }}
{{- end -}}

{{/* Fails the render on values that cannot work, with the reason. */}}
{{- define "switchboard.validate" -}}
{{- if and (empty .Values.jwt.secretKey) (empty .Values.jwt.issuerUri) -}}
{{- fail "set jwt.secretKey (32+ bytes, the gateway's token issuer) or jwt.issuerUri (an external OIDC issuer)" -}}
{{- end -}}
{{- if and .Values.jwt.secretKey (lt (len .Values.jwt.secretKey) 32) -}}
{{- fail "jwt.secretKey must be at least 32 bytes" -}}
{{- end -}}
{{- if empty .Values.internalAuth.existingSecret -}}
{{- range $key := list "gatewayPrivateKey" "gatewayPublicKey" "llmFallbackPrivateKey" "llmFallbackPublicKey" "intentPrivateKey" "intentPublicKey" -}}
{{- if empty (index $.Values.internalAuth $key) -}}
{{- fail (printf "set internalAuth.%s (or internalAuth.existingSecret): the services accept only internal tokens signed with these keys; docs/deployment.md shows how to make them" $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $gateway := index .Values.services "gateway-service" -}}
{{- if or (gt (int $gateway.replicas) 8) (gt (int $gateway.autoscaling.maxReplicas) 8) -}}
{{- fail "gateway-service: at most 8 replicas, one per reply partition of chat.replies" -}}
{{- end -}}
{{- if empty .Values.database.existingSecret -}}
{{- range $name, $svc := .Values.services -}}
{{- if and $svc.database (empty (index $.Values.database.urls $name)) -}}
{{- fail (printf "set database.urls.%s (or database.existingSecret)" $name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* An egress rule to one dependency: its port, and its peers when the values name them (else any address). */}}
{{- define "switchboard.egressRule" -}}
- ports:
    - port: {{ .port }}
      protocol: TCP
  {{- with .to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/* The chat model's settings, for the services that call it (llm-fallback-service, account-service's agent). */}}
{{- define "switchboard.llmEnv" -}}
- name: OPENAI_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "switchboard.secretName" . }}
      key: openai-api-key
- name: OPENAI_BASE_URL
  value: {{ .Values.llm.baseUrl | quote }}
- name: OPENAI_MODEL
  value: {{ .Values.llm.model | quote }}
- name: SPRING_AI_CHAT_MODEL
  value: {{ .Values.llm.chatModel | quote }}
{{- end }}
