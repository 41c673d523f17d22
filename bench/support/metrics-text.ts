/** The service's Prometheus /metrics text; undefined when it does not answer (a benchmark goes on without it). */
export async function readMetricsText(baseUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${baseUrl}/metrics`);
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}
