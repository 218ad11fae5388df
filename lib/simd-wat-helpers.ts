// The SIMD kernel's text helpers for one precision (f64x2 or f32x4 lanes): addressing, the
// unrolled loop over a padded hidden row, horizontal sums, and the vector sigmoid. Shared by every
// wasm function's generator in simd-kernel-wat.ts.

export type Precision = "f64" | "f32";

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** The text helpers every function's generator uses, for one precision. */
export function watHelpers(precision: Precision) {
  const T = precision;
  const V = precision === "f64" ? "f64x2" : "f32x4";
  const B = precision === "f64" ? 8 : 4;
  const demote = (x: string) => (T === "f64" ? x : `(f32.demote_f64 ${x})`);
  const promote = (x: string) => (T === "f64" ? x : `(f64.promote_f32 ${x})`);
  const lanes = Array.from({length: 16 / B}, (_, i) => `(${V}.extract_lane ${i} (local.get $acc))`);
  const hsum = promote(lanes.reduce((sum, lane) => `(${T}.add ${sum} ${lane})`));
  const sigmoid = (z: string) => `(f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg ${z}))))`;
  const at = (base: string, index: string, size = B) =>
    `(i32.add (global.get ${base}) (i32.mul ${index} (i32.const ${size})))`;
  // A loop over the padded hidden row in bytes: $j = 0, 16, ..., rowBytes - 16.
  // Unrolled twice (rows are padded to a multiple of 8 nodes): the second copy addresses the
  // next vector through the load/store offset.
  const vectorLoop = (label: string, body: string) => `
    (local.set $j (i32.const 0))
    (loop ${label}
      ${body}
      ${body.replaceAll("v128.load (", "v128.load offset=16 (").replaceAll("v128.store (", "v128.store offset=16 (")}
      (local.set $j (i32.add (local.get $j) (i32.const 32)))
      (br_if ${label} (i32.lt_u (local.get $j) (local.get $rb))))`;
  // Rows r0..r3 and splatted values s0..s3 of nonzero pixels m..m+3.
  const fourRows = [0, 1, 2, 3]
    .map(
      (r) => `(local.set $r${r} (i32.load ${at("$nz", `(i32.add (local.get $m) (i32.const ${r}))`, 4)}))
      (local.set $s${r} (${V}.splat (${T}.load ${at("$s", `(i32.add (local.get $m) (i32.const ${r}))`)})))`
    )
    .join("\n      ");
  const rowLocals =
    "(local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)";
  const vec = (base: string) => `(v128.load (i32.add (global.get ${base}) (local.get $j)))`;
  const store = (base: string, value: string) => `(v128.store (i32.add (global.get ${base}) (local.get $j)) ${value})`;
  return {T, V, B, demote, hsum, sigmoid, at, vectorLoop, fourRows, rowLocals, vec, store};
}

export type Wat = ReturnType<typeof watHelpers>;

/** $sigmoidv: the sigmoid of a whole vector. */
export function sigmoidVectorWat(wat: Wat): string {
  const {T, V} = wat;
  // sigmoid(z) = 1 / (1 + exp(-z)) on a whole vector. exp: x = k ln2 + r with |r| <= ln2 / 2
  // (ln2 split in two so k ln2 is exact), exp(r) by its Taylor series to below the type's
  // rounding (degree 13 for f64: r^14 / 14! < 1e-17; degree 7 for f32), times 2^k built in
  // the exponent bits. Calling Math.exp for each of 100 hidden nodes cost a third of an epoch.
  const taylor = Array.from({length: (T === "f64" ? 13 : 7) + 1}, (_, n) => 1 / factorial(n));
  const horner = taylor
    .slice(0, -1)
    .reduceRight(
      (acc, coefficient) => `(${V}.add (${V}.mul ${acc} (local.get $r)) (${V}.splat (${T}.const ${coefficient})))`,
      `(${V}.splat (${T}.const ${taylor[taylor.length - 1]}))`
    );
  const [lo, hi, ln2hi, ln2lo] =
    T === "f64" ? [-708, 709, 0.6931471803691238, 1.9082149292705877e-10] : [-87, 88, 0.693359375, -2.1219444e-4];
  const twoToK =
    T === "f64"
      ? `(i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (i64x2.splat (i64.const 1023))) (i32.const 52))`
      : `(i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $k)) (i32x4.splat (i32.const 127))) (i32.const 23))`;
  return `
  (func $sigmoidv (param $z v128) (result v128)
    (local $x v128) (local $k v128) (local $r v128)
    (local.set $x (${V}.min (${V}.max (${V}.neg (local.get $z)) (${V}.splat (${T}.const ${lo}))) (${V}.splat (${T}.const ${hi}))))
    (local.set $k (${V}.nearest (${V}.mul (local.get $x) (${V}.splat (${T}.const ${Math.LOG2E})))))
    (local.set $r (${V}.sub (${V}.sub (local.get $x) (${V}.mul (local.get $k) (${V}.splat (${T}.const ${ln2hi}))))
      (${V}.mul (local.get $k) (${V}.splat (${T}.const ${ln2lo})))))
    (${V}.div (${V}.splat (${T}.const 1)) (${V}.add (${V}.splat (${T}.const 1)) (${V}.mul ${horner} ${twoToK}))))`;
}
