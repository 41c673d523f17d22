import { describe, expect, it } from 'vitest';
import { pickCause } from './push-cause.js';

describe('pickCause', () => {
  it('prefers a catalogue removal over a user event over a similarity change', () => {
    expect(pickCause(['item-change', 'user-event'])).toBe('user-event');
    expect(pickCause(['user-event', 'catalog', 'item-change'])).toBe('catalog');
    expect(pickCause(['item-change'])).toBe('item-change');
  });

  it('calls the first list initial whatever else happened before it was sent', () => {
    expect(pickCause(['catalog', 'initial'])).toBe('initial');
  });
});
