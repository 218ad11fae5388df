// A network's weights as one SHA-256: what the verify page compares with the build's run
// without downloading its weights. The same function runs in Node (the verify list) and in the
// browser's worker, over the same bytes.
import {sha256} from "@noble/hashes/sha2.js";
import {bytesToHex} from "@noble/hashes/utils.js";
import type {Network} from "./network.js";

/** What `weightsHash` hashes, named: change it whenever the bytes hashed change, so no stored hash of the old bytes is reused (data-loaders/verify-list.ts keeps them). */
export const WEIGHTS_HASH_FORMAT = "sha256 of wih then who, Float64 little-endian";

const bytesOf = (array: Float64Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/**
 * SHA-256 (hex, 64 characters) of `net`'s weights: the input-to-hidden matrix `wih`
 * (hidden x inputs) then the hidden-to-output matrix `who` (outputs x hidden), each as its
 * Float64 values' little-endian bytes (every engine the report runs in is little-endian).
 * @noble/hashes rather than crypto.subtle: the browser offers that only to pages served over
 * HTTPS or from localhost, and the report must work on any host.
 */
export function weightsHash(net: Pick<Network, "wih" | "who">): string {
  return bytesToHex(sha256.create().update(bytesOf(net.wih)).update(bytesOf(net.who)).digest());
}
