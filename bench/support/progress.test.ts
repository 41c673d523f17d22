import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, formatProgress } from './progress.js';

describe('formatProgress', () => {
  it('shows counts, share, rate and the time left', () => {
    expect(formatProgress('events', 2500, 10_000, 5000)).toBe(
      'events: 2,500/10,000 (25%), 500/s, ETA 15 s',
    );
    expect(formatProgress('events', 10_000, 10_000, 125_000)).toBe(
      'events: 10,000/10,000 (100%), 80/s, done in 2 min 5 s',
    );
  });
});

describe('formatDuration', () => {
  it('uses tenths below ten seconds', () => {
    expect(formatDuration(2.345)).toBe('2.3 s');
  });
});

describe('createProgress', () => {
  it('prints at most once per interval and always at the end', () => {
    const lines: string[] = [];
    const progress = createProgress('rows', 3, {
      intervalMs: 60_000,
      write: (line) => lines.push(line),
    });
    progress.add(1);
    progress.add(1);
    progress.add(1);
    progress.finish();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^rows: 3\/3 \(100%\)/);
  });
});
