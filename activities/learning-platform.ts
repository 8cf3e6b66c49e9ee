/**
 * SKR's learning platform, where a connected municipality's staff get accounts (kontoadministration, seed 000).
 * The product reaches it through `LearningPlatform`; the integration itself lies outside the product, so the only
 * implementation here is the fake (selected by BF_LEARNING_PLATFORM=fake, the default).
 */
import type { AccountAdmin } from '../domain/onboarding-actions';

export interface ProvisionRequest {
  kommunkod: string;
  admins: AccountAdmin[];
  /** The same key twice creates the accounts once (the activity may be retried). */
  idempotencyKey: string;
}

export interface LearningPlatform {
  provisionAccounts(request: ProvisionRequest): Promise<{ accountIds: string[] }>;
}

/** In-memory stand-in: an organisation account plus one account per administrator; can be told to fail. */
export class FakeLearningPlatform implements LearningPlatform {
  readonly calls: ProvisionRequest[] = [];
  private readonly byKey = new Map<string, string[]>();
  private failures = 0;

  /** The next `n` calls fail as if the platform were unavailable (to exercise the activity's retries). */
  failNext(n: number): void {
    this.failures = n;
  }

  /** Accounts created, per idempotency key. */
  provisioned(): ReadonlyMap<string, string[]> {
    return this.byKey;
  }

  async provisionAccounts(request: ProvisionRequest) {
    this.calls.push(request);
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('Lärplattformen svarar inte (fejkat fel)');
    }
    const known = this.byKey.get(request.idempotencyKey);
    if (known) return { accountIds: known };
    const accountIds = [`org-${request.kommunkod}`, ...request.admins.map((a, i) => `adm-${request.kommunkod}-${i + 1}-${a.email}`)];
    this.byKey.set(request.idempotencyKey, accountIds);
    return { accountIds };
  }
}

export function learningPlatformFromEnv(env: NodeJS.ProcessEnv = process.env): LearningPlatform {
  const name = env.BF_LEARNING_PLATFORM ?? 'fake';
  if (name === 'fake') return new FakeLearningPlatform();
  throw new Error(`BF_LEARNING_PLATFORM=${name} är okänd: bara "fake" finns (integrationen ligger utanför produkten).`);
}

export interface ProvisionAccountsInput {
  kommunkod: string;
  program: string;
  /** Start of the agreement period the accounts are for. */
  periodStart: string;
  admins: AccountAdmin[];
}

/** Activity: create the municipality's accounts for an agreement period (idempotent by kommunkod + program + period). */
export function makeProvisionAccounts(platform: LearningPlatform) {
  return async function provisionAccounts(input: ProvisionAccountsInput): Promise<{ accountIds: string[] }> {
    return platform.provisionAccounts({
      kommunkod: input.kommunkod,
      admins: input.admins,
      idempotencyKey: `${input.kommunkod}-${input.program}-${input.periodStart}`,
    });
  };
}
