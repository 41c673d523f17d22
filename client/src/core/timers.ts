/**
 * setTimeout that does not keep a Node process alive: a script using the SDK exits when its own work
 * is done (call `rg.close()` to send what is queued first). Browsers and React Native ignore this.
 */
export function setBackgroundTimeout(
  callback: () => void,
  delayMs: number,
): ReturnType<typeof setTimeout> {
  const handle = setTimeout(callback, delayMs);
  (handle as { unref?: () => void }).unref?.();
  return handle;
}
