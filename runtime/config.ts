import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './temporal-binaries';

const port = (fallback: number, min = 1) =>
  z.coerce
    .number()
    .int('måste vara ett heltal')
    .min(min, `måste vara ${min}–65535`)
    .max(65535, `måste vara ${min}–65535`)
    .default(fallback);

/** Every environment variable the product reads, validated at start. Documented in README.md § Configuration. */
export const envSchema = z.object({
  /** 0 picks a free port (tests). */
  PORT: port(3000, 0),
  HOST: z.string().min(1).default('127.0.0.1'),
  BF_DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'data')),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'måste vara värd:port, t.ex. temporal:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('beslutsflode'),
  TEMPORAL_DEV_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  BF_RENDER_PAGES: z.coerce.number().int().min(1).max(16).optional(),
  BF_DEMO_DATA: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parses the environment; a bad variable stops the start with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (värde: ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Felaktig konfiguration i miljövariablerna:\n${lines.join('\n')}`);
  }
  return result.data;
}
