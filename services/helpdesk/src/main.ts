// Tracing first, from a module that loads no HTTP code itself: the instrumentation patches
// `http` when express requires it after this point.
import { startServiceTelemetry } from '@homi/service-kit/telemetry';

const telemetry = startServiceTelemetry('helpdesk');

import { runDatabaseService } from '@homi/service-kit';
import { readConfig } from './config';
import { buildService, openDatabase, SERVICE } from './service';

runDatabaseService({ name: SERVICE, telemetry, readConfig, openDatabase, buildService });
