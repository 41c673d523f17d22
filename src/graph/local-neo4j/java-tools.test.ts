import { describe, expect, it } from 'vitest';
import { parseJavaMajorVersion } from './java-tools.js';

describe('parseJavaMajorVersion', () => {
  it('reads modern and legacy version strings', () => {
    expect(parseJavaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajorVersion('openjdk version "25" 2025-09-16')).toBe(25);
    expect(parseJavaMajorVersion('java version "1.8.0_292"')).toBe(8);
    expect(parseJavaMajorVersion('something else')).toBe(0);
  });
});

describe('findJava', () => {
  it('says what to install, or how to do without, when Java cannot be run', async () => {
    const { findJava, MissingToolError } = await import('./java-tools.js');
    let error: unknown;
    try {
      findJava('/nonexistent/jdk');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingToolError);
    expect((error as Error).message).toMatch(/Java 17 or newer/);
    expect((error as Error).message).toMatch(/NEO4J_URI/);
    expect((error as Error).message).toMatch(/docker compose up/);
  });
});
