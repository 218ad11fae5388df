// Fetching a file of the site as bytes, with an error that names it.

/** The bytes at `href`; `onBytes` hears each chunk's size as it arrives (for a progress line). */
export async function fetchBytes(href: string, onBytes?: (bytes: number) => void): Promise<ArrayBuffer> {
  const response = await fetch(href);
  if (!response.ok || !response.body) throw new Error(`${href}: HTTP ${response.status}`);
  if (!onBytes) return response.arrayBuffer();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    parts.push(value as Uint8Array<ArrayBuffer>);
    onBytes(value.byteLength);
  }
  return new Blob(parts).arrayBuffer();
}
