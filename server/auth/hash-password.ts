/**
 * Prints the argon2id hash of a password for config/users.json: `npx tsx server/auth/hash-password.ts`
 * (reads the password from stdin, so that it stays out of the shell history).
 */
import { hash } from '@node-rs/argon2';

async function main() {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.length < 12) throw new Error('Lösenordet måste vara minst 12 tecken');
  console.log(await hash(password)); // argon2id, m=19456 KiB, t=2, p=1 (OWASP's minimum recommendation)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
