import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { as, startPrivacy, user, type Harness } from './harness';

class TestReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const reader = new TestReader();
let h: Harness;
beforeAll(async () => {
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  h = await startPrivacy();
});
afterAll(async () => {
  await h?.dispose();
  metrics.disable();
});

function points(collected: ResourceMetrics, name: string) {
  const metric = collected.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
  return Object.fromEntries((metric?.dataPoints ?? []).map((p) => [Object.values(p.attributes)[0], p.value]));
}

describe('privacy metrics', () => {
  it('count requests by status and open requests by days left before the deadline', async () => {
    const api = as(h, user());
    for (let i = 0; i < 2; i++) expect((await api.post('/requests', { type: 'access', subject: { kind: 'self' } })).status).toBe(202);
    const { resourceMetrics } = await reader.collect();
    const byStatus = points(resourceMetrics, 'homi_privacy_requests');
    expect(byStatus.received! + byStatus.in_progress!).toBeGreaterThanOrEqual(2);
    expect(points(resourceMetrics, 'homi_privacy_open_requests_by_days_left')).toMatchObject({ overdue: 0, '15+': expect.any(Number) });
    expect(points(resourceMetrics, 'homi_privacy_open_requests_by_days_left')['15+']).toBeGreaterThanOrEqual(2);
  });
});
