// The event_at index (0003) served no query: Event nodes are pruned by storedAt (0004), and
// every event write paid for its upkeep.
DROP INDEX event_at IF EXISTS;
