import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isExecutable, onPath } from './executable';
import { TOOLS_DIR } from './temporal-binaries';

/**
 * veraPDF, the reference validator for PDF/A and PDF/UA (veraPDF consortium, GPLv3/MPLv2), for the tests only.
 * Pinned like the Temporal binaries and installed the same way into .tools/ (git-ignored): here from Maven
 * Central, the jars of org.verapdf.apps:greenfield-apps and their dependencies, copied by Maven from a small
 * generated pom. Needs Java (17 works) and Maven on the machine; .ci/run installs them from Debian packages.
 *
 * Where veraPDF comes from, in order:
 * 1. VERAPDF_PATH: the `verapdf` launcher of the official installer, or a folder with lib/*.jar (like ours),
 * 2. the project-local install .tools/verapdf-<version>/lib,
 * 3. `verapdf` on the PATH.
 */
export const VERAPDF = {
  groupId: 'org.verapdf.apps',
  artifactId: 'greenfield-apps',
  version: '1.28.2',
  mainClass: 'org.verapdf.apps.GreenfieldCliWrapper',
  envVar: 'VERAPDF_PATH',
  /** The Maven plugin that copies the jars; pinned too, so that a fresh machine gets what worked here. */
  dependencyPlugin: 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1',
} as const;

export const VERAPDF_DIR = path.join(TOOLS_DIR, `verapdf-${VERAPDF.version}`);

export interface FoundVeraPdf {
  /** The program to start. */
  command: string;
  /** Arguments before veraPDF's own (for the jars: -cp … and the main class). */
  args: string[];
  source: 'env' | 'project' | 'path';
}

/** Java: JAVA_HOME's, else the PATH's. */
export function findJava(env = process.env): string | undefined {
  if (env.JAVA_HOME && isExecutable(path.join(env.JAVA_HOME, 'bin', 'java'))) return path.join(env.JAVA_HOME, 'bin', 'java');
  return onPath('java', env);
}

function hasJars(dir: string): boolean {
  try {
    return readdirSync(path.join(dir, 'lib')).some((f) => /^greenfield-apps-.*\.jar$/.test(f));
  } catch {
    return false;
  }
}

function fromJars(dir: string, source: FoundVeraPdf['source'], env: NodeJS.ProcessEnv): FoundVeraPdf | undefined {
  const java = findJava(env);
  if (!java) return undefined;
  // Java expands "lib/*" itself (no shell involved).
  return { command: java, args: ['-cp', path.join(dir, 'lib', '*'), VERAPDF.mainClass], source };
}

/** Finds veraPDF without installing anything; undefined means "not here" (or no Java to run the jars). */
export function findVeraPdf(env = process.env): FoundVeraPdf | undefined {
  const configured = env[VERAPDF.envVar];
  if (configured) {
    if (isExecutable(configured)) return { command: path.resolve(configured), args: [], source: 'env' };
    if (hasJars(configured)) {
      const found = fromJars(path.resolve(configured), 'env', env);
      if (found) return found;
      throw new Error(`${VERAPDF.envVar}=${configured} har veraPDF:s jar-filer, men Java saknas. Installera Java (Debian: default-jre-headless).`);
    }
    throw new Error(`${VERAPDF.envVar}=${configured} är varken programmet verapdf eller en mapp med lib/greenfield-apps-*.jar.`);
  }
  if (hasJars(VERAPDF_DIR)) {
    const found = fromJars(VERAPDF_DIR, 'project', env);
    if (found) return found;
  }
  const inPath = onPath('verapdf', env);
  return inPath ? { command: inPath, args: [], source: 'path' } : undefined;
}

/** The pom whose runtime dependencies are veraPDF's command-line application. */
export function verapdfPom(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>invalid.beslutsflode</groupId>
  <artifactId>verapdf-tool</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>${VERAPDF.groupId}</groupId>
      <artifactId>${VERAPDF.artifactId}</artifactId>
      <version>${VERAPDF.version}</version>
    </dependency>
  </dependencies>
</project>
`;
}

export function describeMissingVeraPdf(): string {
  return (
    `veraPDF ${VERAPDF.version} saknas. Kör "npm test" med Java och Maven installerade (Debian: ` +
    `"apt-get install default-jre-headless maven"; "bash .ci/run" gör det), så hämtas ${VERAPDF.groupId}:` +
    `${VERAPDF.artifactId}:${VERAPDF.version} från Maven Central till .tools/; eller sätt ${VERAPDF.envVar}.`
  );
}

/**
 * Installs the pinned veraPDF into .tools/verapdf-<version>/lib when it is nowhere to be found and Java and
 * Maven are here. Maven verifies the checksums Maven Central publishes (-C: a mismatch fails the install).
 */
export function ensureVeraPdf(log: (msg: string) => void = console.log, env = process.env): FoundVeraPdf | undefined {
  const found = findVeraPdf(env);
  if (found) return found;
  const mvn = onPath('mvn', env);
  if (!mvn || !findJava(env)) {
    log(describeMissingVeraPdf());
    return undefined;
  }
  mkdirSync(TOOLS_DIR, { recursive: true });
  const work = mkdtempSync(path.join(TOOLS_DIR, '.verapdf-install-'));
  try {
    writeFileSync(path.join(work, 'pom.xml'), verapdfPom());
    log(
      `Installerar veraPDF (${VERAPDF.groupId}:${VERAPDF.artifactId}:${VERAPDF.version}) från Maven Central till ${path.relative(path.dirname(TOOLS_DIR), VERAPDF_DIR)}/ …`,
    );
    const staging = path.join(work, 'verapdf');
    execFileSync(
      mvn,
      [
        '-B',
        '-q',
        '-C',
        `-Dmaven.repo.local=${path.join(work, 'm2')}`,
        '-f',
        path.join(work, 'pom.xml'),
        `${VERAPDF.dependencyPlugin}:copy-dependencies`,
        `-DoutputDirectory=${path.join(staging, 'lib')}`,
        '-DincludeScope=runtime',
      ],
      { stdio: 'inherit', cwd: work },
    );
    if (!hasJars(staging)) throw new Error(`Maven gav inga jar-filer för veraPDF i ${staging}/lib.`);
    if (existsSync(VERAPDF_DIR)) rmSync(VERAPDF_DIR, { recursive: true, force: true });
    renameSync(staging, VERAPDF_DIR); // whole or not at all: a half-copied lib/ is never found
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const installed = findVeraPdf(env);
  if (!installed) throw new Error(`Installationen av veraPDF gav inget körbart i ${VERAPDF_DIR}.`);
  return installed;
}
