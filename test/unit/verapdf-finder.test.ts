/** Where veraPDF is found: VERAPDF_PATH (launcher or jar folder) → .tools/verapdf-<version> → PATH; clear errors. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeMissingVeraPdf, findVeraPdf, VERAPDF, verapdfPom } from '../../runtime/verapdf';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'verapdf-finder-'));
const exe = (p: string) => {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, 0o755);
  return p;
};
const java = exe(path.join(tmp, 'jdk', 'bin', 'java'));
const jarDir = path.join(tmp, 'jars');
mkdirSync(path.join(jarDir, 'lib'), { recursive: true });
writeFileSync(path.join(jarDir, 'lib', `greenfield-apps-${VERAPDF.version}.jar`), '');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('VERAPDF_PATH may name the launcher of the official installer', () => {
  const launcher = exe(path.join(tmp, 'bin', 'verapdf'));
  expect(findVeraPdf({ VERAPDF_PATH: launcher, PATH: '' })).toEqual({ command: launcher, args: [], source: 'env' });
});

test('VERAPDF_PATH may name a folder with lib/*.jar: run with Java (JAVA_HOME first) and the CLI main class', () => {
  expect(findVeraPdf({ VERAPDF_PATH: jarDir, JAVA_HOME: path.join(tmp, 'jdk'), PATH: '' })).toEqual({
    command: java,
    args: ['-cp', path.join(jarDir, 'lib', '*'), 'org.verapdf.apps.GreenfieldCliWrapper'],
    source: 'env',
  });
  expect(() => findVeraPdf({ VERAPDF_PATH: jarDir, PATH: '' })).toThrow(/Java saknas/);
  expect(() => findVeraPdf({ VERAPDF_PATH: path.join(tmp, 'finns-inte'), PATH: '' })).toThrow(/VERAPDF_PATH/);
});

test('the generated pom pins greenfield-apps at the pinned version, and the missing-message says what to install', () => {
  expect(verapdfPom()).toContain(`<artifactId>greenfield-apps</artifactId>\n      <version>${VERAPDF.version}</version>`);
  expect(describeMissingVeraPdf()).toMatch(/default-jre-headless maven/);
  expect(describeMissingVeraPdf()).toContain(`org.verapdf.apps:greenfield-apps:${VERAPDF.version}`);
});
