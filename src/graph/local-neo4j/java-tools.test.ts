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
