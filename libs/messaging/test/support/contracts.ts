import { z } from 'zod';
import { defineContract } from '@homi/contracts';

/** Contracts under a subject prefix of the test file's own. */
export function testContracts(prefix: string) {
  const thing = z.strictObject({ thingId: z.string().min(1), n: z.number().int() });
  return {
    ThingCreated: defineContract(`${prefix}.thing.created.v1`, 1, thing),
    ThingDeleted: defineContract(`${prefix}.thing.deleted.v1`, 1, thing),
  };
}
