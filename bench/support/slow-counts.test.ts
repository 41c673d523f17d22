import { describe, expect, it } from 'vitest';
import { formatQueryTime, formatSlowCounts, parseSlowCounts } from './slow-counts.js';

const scrape = (
  fastRequests: number,
  slowRequests: number,
  slowQueries: number,
) => `# TYPE recograph_http_request_duration_seconds histogram
recograph_http_request_duration_seconds_bucket{le="0.05",method="GET",route="/v1/recommendations/:scenario",status="200"} ${fastRequests}
recograph_http_request_duration_seconds_bucket{le="0.1",method="GET",route="/v1/recommendations/:scenario",status="200"} ${fastRequests}
recograph_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/recommendations/:scenario",status="200"} ${fastRequests + slowRequests}
recograph_http_request_duration_seconds_bucket{le="0.1",method="POST",route="/v1/events",status="202"} 4
recograph_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/v1/events",status="202"} 5
recograph_graph_query_duration_seconds_bucket{le="0.1",query="recommend-personalized",outcome="ok"} 100
recograph_graph_query_duration_seconds_bucket{le="0.25",query="recommend-personalized",outcome="ok"} 100
recograph_graph_query_duration_seconds_bucket{le="+Inf",query="recommend-personalized",outcome="ok"} ${100 + slowQueries}
recograph_graph_query_duration_seconds_sum{query="recommend-personalized",outcome="ok"} ${slowQueries * 0.5}
recograph_graph_query_duration_seconds_count{query="recommend-personalized",outcome="ok"} ${100 + slowQueries}
recograph_graph_query_duration_seconds_sum{query="recommend-personalized",outcome="failed"} 0.2
recograph_graph_query_duration_seconds_count{query="recommend-personalized",outcome="failed"} 1
recograph_graph_query_duration_seconds_bucket{le="0.1",query="find-dirty-items",outcome="ok"} 7
recograph_graph_query_duration_seconds_bucket{le="+Inf",query="find-dirty-items",outcome="ok"} 7
recograph_nodejs_eventloop_lag_max_seconds ${slowRequests / 100}
recograph_nodejs_gc_duration_seconds_sum{kind="minor"} ${fastRequests / 100}
recograph_nodejs_gc_duration_seconds_sum{kind="major"} 0.5`;

describe('slow counts', () => {
  it('counts requests and statements over the bound from the histogram buckets', () => {
    expect(parseSlowCounts(scrape(50, 2, 3), 0.1)).toEqual({
      requests: 3,
      queries: { 'recommend-personalized': 3, 'find-dirty-items': 0 },
      loopMaxMs: 20,
      gcSeconds: 1,
      queryTime: { 'recommend-personalized': { count: 104, seconds: 1.7 } },
    });
  });

  it('formats the difference between two readings, slowest statement first', () => {
    expect(
      formatSlowCounts(
        parseSlowCounts(scrape(50, 2, 3), 0.1),
        parseSlowCounts(scrape(90, 4, 3), 0.1),
      ),
    ).toBe('requests 2; graph: none; loop max 40 ms; GC 0.40 s');
    expect(
      formatSlowCounts(
        parseSlowCounts(scrape(50, 2, 3), 0.1),
        parseSlowCounts(scrape(90, 2, 9), 0.1),
      ),
    ).toBe('requests 0; graph: recommend-personalized 6; loop max 20 ms; GC 0.40 s');
    expect(formatSlowCounts(undefined, parseSlowCounts(scrape(1, 1, 1), 0.1))).toBe('-');
  });

  it('sums statement time per query over outcomes, the largest total first', () => {
    expect(
      formatQueryTime(parseSlowCounts(scrape(1, 1, 3), 0.1), parseSlowCounts(scrape(1, 1, 9), 0.1)),
    ).toBe('3.0 s in all; recommend-personalized 6 × 500.0 ms = 3.0 s');
    expect(
      formatQueryTime(parseSlowCounts(scrape(1, 1, 3), 0.1), parseSlowCounts(scrape(1, 1, 3), 0.1)),
    ).toBe('none');
  });
});
