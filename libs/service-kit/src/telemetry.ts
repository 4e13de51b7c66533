import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { createServer, type Server } from 'node:http';
import type { Span } from '@opentelemetry/api';

const URL_ATTRIBUTES = ['http.url', 'http.target', 'url.full', 'url.path'];

export const stripQuery = (url: string): string => url.split('?')[0] ?? url;

/** Replaces URL attributes of a just-started HTTP span by their query-less form. */
export function redactQueryAttributes(span: Span): void {
  const attributes = (span as unknown as { attributes?: Record<string, unknown> }).attributes ?? {};
  for (const key of URL_ATTRIBUTES) {
    const value = attributes[key];
    if (typeof value === 'string' && value.includes('?')) span.setAttribute(key, stripQuery(value));
  }
  if (attributes['url.query'] !== undefined) span.setAttribute('url.query', '[redacted]');
}

export interface TelemetryOptions {
  serviceName: string;
  /** OTLP/HTTP endpoint of a collector; without it spans are made and propagated but not exported. */
  otlpEndpoint?: string;
  /** Tests pass an in-memory exporter here. */
  exporter?: SpanExporter;
  /**
   * Port of the Prometheus `/metrics` endpoint, kept off the service's own port so the public
   * gateway never serves it; undefined: no metrics endpoint.
   */
  metricsPort?: number;
  metricsHost?: string;
}

export interface Telemetry {
  /** Where `/metrics` listens, once started. */
  metricsPort?: number;
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for HTTP in and out (W3C trace context). Call before express or http are
 * loaded so the instrumentation can patch them. Metrics and log exporters stay off unless
 * configured, because without a collector the default exporters hang shutdown.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const { serviceName, otlpEndpoint, exporter, metricsPort, metricsHost = '0.0.0.0' } = options;
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  const traceExporter = exporter ?? (otlpEndpoint ? new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` }) : undefined);
  if (!traceExporter) process.env.OTEL_TRACES_EXPORTER ??= 'none';
  const prometheus = metricsPort === undefined ? undefined : new PrometheusExporter({ preventServerStart: true });
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    traceExporter,
    metricReaders: prometheus ? [prometheus] : [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => req.url === '/healthz' || req.url === '/readyz',
        // Query strings carry personal data (a client search `q`): spans keep the path only.
        requestHook: redactQueryAttributes,
      }),
    ],
  });
  sdk.start();
  const telemetry: Telemetry = { shutdown: () => sdk.shutdown() };
  if (prometheus && metricsPort !== undefined) {
    const server: Server = createServer((req, res) => {
      if (req.url === '/metrics') prometheus.getMetricsRequestHandler(req, res);
      else res.writeHead(404).end();
    });
    server.listen(metricsPort, metricsHost, () => {
      telemetry.metricsPort = (server.address() as { port: number }).port;
    });
    server.unref();
    telemetry.shutdown = async () => {
      server.close();
      await sdk.shutdown();
    };
  }
  return telemetry;
}

/**
 * Telemetry for a service process from its environment: OTLP traces when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, Prometheus metrics on METRICS_PORT when set.
 */
export function startServiceTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): Telemetry {
  return startTelemetry({
    serviceName,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    metricsPort: env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined,
  });
}
