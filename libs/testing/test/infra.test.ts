import { testInfra } from '../src/infra';

const noDocker = async () => false;
const dockerMustNotBeAsked = async (): Promise<boolean> => {
  throw new Error('asked for Docker although the environment names both servers');
};

describe('testInfra', () => {
  it('uses DATABASE_URL and NATS_URL from the environment without asking for Docker', async () => {
    const infra = await testInfra({
      env: { DATABASE_URL: 'postgres://postgres@db:5432/postgres', NATS_URL: 'nats://bus:4222' },
      dockerAnswers: dockerMustNotBeAsked,
    });
    expect(infra).toMatchObject({ databaseUrl: 'postgres://postgres@db:5432/postgres', natsUrl: 'nats://bus:4222' });
    await expect(infra.stop()).resolves.toBeUndefined();
  });

  it('says what is missing and how to provide it when there is no URL and no Docker engine', async () => {
    await expect(testInfra({ env: { NATS_URL: 'nats://bus:4222' }, dockerAnswers: noDocker })).rejects.toThrow(
      'DATABASE_URL is not set and no Docker engine answers: run `npm test`, which starts an embedded Postgres, or set DATABASE_URL',
    );
  });

  it('names NATS_URL when only the NATS server is missing', async () => {
    const failure = testInfra({ env: { DATABASE_URL: 'postgres://postgres@db:5432/postgres' }, dockerAnswers: noDocker });
    await expect(failure).rejects.toThrow(/^NATS_URL is not set and no Docker engine answers/);
  });

  it('treats an empty variable as not set', async () => {
    await expect(testInfra({ env: { DATABASE_URL: '', NATS_URL: '' }, dockerAnswers: noDocker })).rejects.toThrow(
      /DATABASE_URL is not set[^]*NATS_URL is not set/,
    );
  });
});
