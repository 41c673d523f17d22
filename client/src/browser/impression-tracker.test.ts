import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Recograph } from '../core/recograph.js';
import { createImpressionTracker } from './impression-tracker.js';

/** Just enough of IntersectionObserver to say which entries became visible, and how much. */
class FakeIntersectionObserver {
  static current: FakeIntersectionObserver;
  observed = new Set<unknown>();
  constructor(
    private callback: (
      changes: Array<{ target: unknown; isIntersecting: boolean; intersectionRatio: number }>,
    ) => void,
  ) {
    FakeIntersectionObserver.current = this;
  }
  observe(target: unknown) {
    this.observed.add(target);
  }
  unobserve(target: unknown) {
    this.observed.delete(target);
  }
  disconnect() {
    this.observed.clear();
  }
  show(targets: unknown[], ratio = 1) {
    this.callback(
      targets
        .filter((target) => this.observed.has(target))
        .map((target) => ({ target, isIntersecting: ratio > 0, intersectionRatio: ratio })),
    );
  }
}

const entry = (itemId: string, itemType = 'product') =>
  ({ dataset: { itemId, itemType } }) as unknown as HTMLElement;

function setup() {
  const track = vi.fn();
  const tracker = createImpressionTracker(() => ({ track }) as unknown as Recograph);
  return { track, tracker, observer: FakeIntersectionObserver.current };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createImpressionTracker', () => {
  it('reports the items that came into view together as one impression with the recommendation id', () => {
    const { track, tracker, observer } = setup();
    const [a, b, c] = [entry('a'), entry('b'), entry('c')];
    tracker.watch('r1', [a, b, c]);
    observer.show([a, b]);
    vi.advanceTimersByTime(200);
    expect(track.mock.calls).toEqual([
      ['impression', { items: ['a', 'b'], itemType: 'product', recommendationId: 'r1' }],
    ]);
  });

  it('does not count an item that is less than half visible', () => {
    const { track, tracker, observer } = setup();
    const a = entry('a');
    tracker.watch('r1', [a]);
    observer.show([a], 0.3);
    vi.advanceTimersByTime(1000);
    expect(track).not.toHaveBeenCalled();
  });

  it('reports each item once per recommendation id, and again under a new one', () => {
    const { track, tracker, observer } = setup();
    const a = entry('a');
    tracker.watch('r1', [a]);
    observer.show([a]);
    vi.advanceTimersByTime(200);
    tracker.watch('r1', [a]); // the same list again (a 304, a re-render)
    observer.show([a]);
    vi.advanceTimersByTime(200);
    tracker.watch('r2', [a]); // a live update: a new recommendation
    observer.show([a]);
    vi.advanceTimersByTime(200);
    expect(track.mock.calls.map((call) => call[1].recommendationId)).toEqual(['r1', 'r2']);
  });

  it('sends one event per item type', () => {
    const { track, tracker, observer } = setup();
    const entries = [entry('a'), entry('x', 'article'), entry('b')];
    tracker.watch('r1', entries);
    observer.show(entries);
    vi.advanceTimersByTime(200);
    expect(track.mock.calls.map((call) => [call[1].itemType, call[1].items])).toEqual([
      ['product', ['a', 'b']],
      ['article', ['x']],
    ]);
  });

  it('reports what was seen but not yet sent when it stops', () => {
    const { track, tracker, observer } = setup();
    const a = entry('a');
    tracker.watch('r1', [a]);
    observer.show([a]);
    tracker.stop();
    expect(track).toHaveBeenCalledOnce();
  });
});
