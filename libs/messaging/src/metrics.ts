import { metrics, type BatchObservableResult, type Observable, type ObservableGauge } from '@opentelemetry/api';

// Gauges read on each scrape (Prometheus pulls): nothing is computed while nobody looks.

const meter = () => metrics.getMeter('@homi/messaging');

export interface Registration {
  remove(): void;
}

/** Registers one observable gauge whose value is read by `read` at scrape time. */
export function observeGauge(
  name: string,
  description: string,
  read: () => Promise<Array<{ value: number; attributes?: Record<string, string> }>>,
): Registration {
  const gauge: ObservableGauge = meter().createObservableGauge(name, { description });
  const callback = async (result: BatchObservableResult) => {
    try {
      for (const { value, attributes } of await read()) result.observe(gauge as Observable, value, attributes);
    } catch {
      // A failing read (database or NATS away) leaves the gauge without a value this scrape.
    }
  };
  meter().addBatchObservableCallback(callback, [gauge]);
  return { remove: () => meter().removeBatchObservableCallback(callback, [gauge]) };
}
