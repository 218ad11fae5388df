// WebAssembly text of the SIMD kernel, for one precision. It is lib/sparse-kernel.ts moved
// into wasm: same layout (W' input-major, c, R), same formulas, with 128-bit vectors over the
// hidden nodes (f64x2 or f32x4). Hidden rows are padded to a multiple of 8 nodes whose
// activations are held at exactly 0, so padding never changes a result. exp is imported
// (Math.exp) for the 10 outputs; the hidden layer's sigmoids are computed in wasm on whole vectors.
// `npm run assemble` turns this into lib/simd-kernel-wasm.ts (checked by a test). One generator
// per wasm function below, each given the precision's helpers (`Wat`, simd-wat-helpers.ts).

import {sigmoidVectorWat, type Precision, type Wat, watHelpers} from "./simd-wat-helpers.js";

export type {Precision};

/** The imported exp, the memory, and the addresses configure sets. */
function globalsWat(): string {
  return `
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (memory (export "memory") 1)
  (global $H (mut i32) (i32.const 0))
  (global $I (mut i32) (i32.const 0))
  (global $O (mut i32) (i32.const 0))
  (global $rowBytes (mut i32) (i32.const 0))
  (global $wT (mut i32) (i32.const 0))
  (global $c (mut i32) (i32.const 0))
  (global $R (mut i32) (i32.const 0))
  (global $who (mut i32) (i32.const 0))
  (global $h (mut i32) (i32.const 0))
  (global $dh (mut i32) (i32.const 0))
  (global $o (mut i32) (i32.const 0))
  (global $e (mut i32) (i32.const 0))
  (global $nz (mut i32) (i32.const 0))
  (global $s (mut i32) (i32.const 0))
  (global $sumS (mut f64) (f64.const 0))
  (global $spare (mut i32) (i32.const 0))
  (global $table (mut i32) (i32.const 0))
  (global $idx (mut i32) (i32.const 0))
  (global $val (mut i32) (i32.const 0))
  (global $off (mut i32) (i32.const 0))
  ;; 1 when the chunk's values are f64 offsets s (lib/offset-images.ts), 0 for grey-level bytes
  (global $offsets (mut i32) (i32.const 0))`;
}

/** configure: where each array lives in memory, and the network's sizes. */
function configureWat(wat: Wat): string {
  const {B} = wat;
  return `
  (func (export "configure") (param $H i32) (param $Hp i32) (param $I i32) (param $O i32)
      (param $wT i32) (param $c i32) (param $R i32) (param $who i32) (param $h i32) (param $dh i32)
      (param $o i32) (param $e i32) (param $nz i32) (param $s i32) (param $spare i32)
      (param $table i32) (param $idx i32) (param $val i32) (param $off i32)
    (global.set $spare (local.get $spare)) (global.set $table (local.get $table))
    (global.set $idx (local.get $idx)) (global.set $val (local.get $val)) (global.set $off (local.get $off))
    (global.set $H (local.get $H)) (global.set $rowBytes (i32.mul (local.get $Hp) (i32.const ${B})))
    (global.set $I (local.get $I)) (global.set $O (local.get $O))
    (global.set $wT (local.get $wT)) (global.set $c (local.get $c)) (global.set $R (local.get $R))
    (global.set $who (local.get $who)) (global.set $h (local.get $h)) (global.set $dh (local.get $dh))
    (global.set $o (local.get $o)) (global.set $e (local.get $e)) (global.set $nz (local.get $nz))
    (global.set $s (local.get $s)))`;
}

/** valueFormat: whether the chunk holds grey levels or f64 offsets. */
function valueFormatWat(): string {
  return `
  (func (export "valueFormat") (param $offsets i32)
    (global.set $offsets (local.get $offsets)))`;
}

/** $load: one image's nonzero pixels. */
function loadWat(wat: Wat): string {
  const {T, demote, at} = wat;
  return `
  ;; The nonzero pixels of one image, entries $from..$to of the chunk's sparse form (pixel
  ;; indices $idx; at $val grey levels, or f64 offsets when $offsets is set): $nz gets the
  ;; byte address of each one's W' row, $s its value s_i (pixel / 255 * 0.99 from $table, or
  ;; the offset itself), $sumS their sum. Returns how many.
  (func $load (param $from i32) (param $to i32) (result i32)
    (local $m i32) (local $count i32) (local $v f64) (local $sum f64)
    (local.set $m (local.get $from))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $m) (local.get $to)))
      (local.set $v (if (result f64) (global.get $offsets)
        (then (f64.load (i32.add (global.get $val) (i32.shl (local.get $m) (i32.const 3)))))
        (else (f64.load (i32.add (global.get $table) (i32.shl (i32.load8_u (i32.add (global.get $val) (local.get $m))) (i32.const 3)))))))
      (i32.store ${at("$nz", "(local.get $count)", 4)}
        (i32.add (global.get $wT) (i32.mul (i32.load16_u ${at("$idx", "(local.get $m)", 2)}) (global.get $rowBytes))))
      (${T}.store ${at("$s", "(local.get $count)")} ${demote("(local.get $v)")})
      (local.set $sum (f64.add (local.get $sum) (local.get $v)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br $next)))
    (global.set $sumS (local.get $sum))
    ;; pad to a multiple of 4 with s = 0 entries on a spare zero row: adding 0 changes nothing
    (block $padded (loop $pad
      (br_if $padded (i32.eqz (i32.and (local.get $count) (i32.const 3))))
      (i32.store ${at("$nz", "(local.get $count)", 4)} (global.get $spare))
      (${T}.store ${at("$s", "(local.get $count)")} (${T}.const 0))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (br $pad)))
    (local.get $count))`;
}

/** $forward: the hidden and output signals of the loaded image. */
function forwardWat(wat: Wat): string {
  const {T, V, B, demote, hsum, sigmoid, at, vectorLoop, fourRows, rowLocals, vec, store} = wat;
  return `
  ;; h = sig(0.01 R + c sum(x) + W' s), o = sig(who h).
  (func $forward (param $count i32)
    (local $j i32) (local $m i32) (local $k i32) (local $row i32)
    (local $sumX v128) (local $acc v128) (local $rb i32) (local $hp i32) ${rowLocals}
    (local.set $rb (global.get $rowBytes))
    (local.set $hp (global.get $h))
    (local.set $sumX (${V}.splat ${demote("(f64.add (f64.mul (f64.const 0.01) (f64.convert_i32_u (global.get $I))) (global.get $sumS))")}))
    ${vectorLoop("$init", store("$h", `(${V}.add (${V}.mul (${V}.splat (${T}.const 0.01)) ${vec("$R")}) (${V}.mul ${vec("$c")} (local.get $sumX)))`))}
    ;; four nonzero pixels at a time ($load pads the list with s = 0 rows)
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $m) (local.get $count)))
      ${fourRows}
      ${vectorLoop(
        "$axpy",
        `(v128.store (i32.add (local.get $hp) (local.get $j))
        (${V}.add (${V}.add (${V}.add (${V}.add (v128.load (i32.add (local.get $hp) (local.get $j)))
          (${V}.mul (local.get $s0) (v128.load (i32.add (local.get $r0) (local.get $j)))))
          (${V}.mul (local.get $s1) (v128.load (i32.add (local.get $r1) (local.get $j)))))
          (${V}.mul (local.get $s2) (v128.load (i32.add (local.get $r2) (local.get $j)))))
          (${V}.mul (local.get $s3) (v128.load (i32.add (local.get $r3) (local.get $j))))))`
      )}
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (br $rows)))
    ;; sigmoid on the hidden nodes, then padded ones are held at 0
    ${vectorLoop("$sig", store("$h", `(call $sigmoidv ${vec("$h")})`))}
    (local.set $j (global.get $H))
    (block $done (loop $pad
      (br_if $done (i32.ge_u (local.get $j) (i32.div_u (local.get $rb) (i32.const ${B}))))
      (${T}.store ${at("$h", "(local.get $j)")} (${T}.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $pad)))
    (block $done (loop $out
      (br_if $done (i32.ge_u (local.get $k) (global.get $O)))
      (local.set $row (i32.add (global.get $who) (i32.mul (local.get $k) (global.get $rowBytes))))
      (local.set $acc (${V}.splat (${T}.const 0)))
      ${vectorLoop("$dot", `(local.set $acc (${V}.add (local.get $acc) (${V}.mul (v128.load (i32.add (local.get $row) (local.get $j))) ${vec("$h")})))`)}
      (${T}.store ${at("$o", "(local.get $k)")} ${demote(sigmoid(hsum))})
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $out))))`;
}

/** train: one SGD step per image of the chunk. */
function trainWat(wat: Wat): string {
  const {T, V, demote, at, vectorLoop, fourRows, rowLocals, vec, store} = wat;
  return `
  ;; Trains on the chunk's n images in order (labels at $labels), one SGD step each.
  (func (export "train") (param $labels i32) (param $n i32) (param $lr f64)
    (local $i i32) (local $count i32) (local $label i32) (local $k i32) (local $j i32) (local $m i32)
    (local $row i32) (local $ek ${T}) (local $ok ${T}) (local $lrT ${T}) (local $sv v128) (local $lrV v128) (local $one v128)
    (local $rb i32) (local $dhp i32) ${rowLocals}
    (local.set $rb (global.get $rowBytes))
    (local.set $dhp (global.get $dh))
    (local.set $lrT ${demote("(local.get $lr)")})
    (local.set $lrV (${V}.splat (local.get $lrT)))
    (local.set $one (${V}.splat (${T}.const 1)))
    (block $done (loop $sample
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $count (call $load (i32.load ${at("$off", "(local.get $i)", 4)}) (i32.load ${at("$off", "(i32.add (local.get $i) (i32.const 1))", 4)})))
      (call $forward (local.get $count))
      (local.set $label (i32.load8_u (i32.add (local.get $labels) (local.get $i))))
      ;; e = t - o
      (local.set $k (i32.const 0))
      (block $d (loop $err
        (br_if $d (i32.ge_u (local.get $k) (global.get $O)))
        (${T}.store ${at("$e", "(local.get $k)")}
          (${T}.sub (select (${T}.const 0.99) (${T}.const 0.01) (i32.eq (local.get $k) (local.get $label)))
                  (${T}.load ${at("$o", "(local.get $k)")})))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $err)))
      ;; dh = who^T e (before who changes) ...
      ${vectorLoop("$zero", store("$dh", `(${V}.splat (${T}.const 0))`))}
      (local.set $k (i32.const 0))
      (block $d (loop $back
        (br_if $d (i32.ge_u (local.get $k) (global.get $O)))
        (local.set $row (i32.add (global.get $who) (i32.mul (local.get $k) (global.get $rowBytes))))
        (local.set $sv (${V}.splat (${T}.load ${at("$e", "(local.get $k)")})))
        ${vectorLoop("$acc", store("$dh", `(${V}.add ${vec("$dh")} (${V}.mul (v128.load (i32.add (local.get $row) (local.get $j))) (local.get $sv)))`))}
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $back)))
      ;; ... then dh = lr e_h h (1 - h)
      ${vectorLoop("$grad", store("$dh", `(${V}.mul (${V}.mul (${V}.mul (local.get $lrV) ${vec("$dh")}) ${vec("$h")}) (${V}.sub (local.get $one) ${vec("$h")}))`))}
      ;; who[k, :] += (lr e_k o_k (1 - o_k)) h
      (local.set $k (i32.const 0))
      (block $d (loop $upd
        (br_if $d (i32.ge_u (local.get $k) (global.get $O)))
        (local.set $row (i32.add (global.get $who) (i32.mul (local.get $k) (global.get $rowBytes))))
        (local.set $ek (${T}.load ${at("$e", "(local.get $k)")}))
        (local.set $ok (${T}.load ${at("$o", "(local.get $k)")}))
        (local.set $sv (${V}.splat (${T}.mul (${T}.mul (${T}.mul (local.get $lrT) (local.get $ek)) (local.get $ok)) (${T}.sub (${T}.const 1) (local.get $ok)))))
        ${vectorLoop("$whoRow", `(v128.store (i32.add (local.get $row) (local.get $j)) (${V}.add (v128.load (i32.add (local.get $row) (local.get $j))) (${V}.mul (local.get $sv) ${vec("$h")})))`)}
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $upd)))
      ;; c += 0.01 dh, R += dh sum(s)
      (local.set $sv (${V}.splat ${demote("(global.get $sumS)")}))
      ${vectorLoop(
        "$cR",
        `${store("$c", `(${V}.add ${vec("$c")} (${V}.mul (${V}.splat (${T}.const 0.01)) ${vec("$dh")}))`)}
      ${store("$R", `(${V}.add ${vec("$R")} (${V}.mul ${vec("$dh")} (local.get $sv)))`)}`
      )}
      ;; W'[i, :] += dh s_i for the nonzero pixels only
      (local.set $m (i32.const 0))
      (block $d (loop $rows
        (br_if $d (i32.ge_u (local.get $m) (local.get $count)))
        ${fourRows}
        ${vectorLoop(
          "$wRow",
          `(local.set $sv (v128.load (i32.add (local.get $dhp) (local.get $j))))
        ${[0, 1, 2, 3]
          .map(
            (r) => `(v128.store (i32.add (local.get $r${r}) (local.get $j))
          (${V}.add (v128.load (i32.add (local.get $r${r}) (local.get $j))) (${V}.mul (local.get $sv) (local.get $s${r}))))`
          )
          .join("\n        ")}`
        )}
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (br $rows)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $sample))))`;
}

/** query: the outputs of each image of the chunk. */
function queryWat(wat: Wat): string {
  const {T, at} = wat;
  return `
  ;; Queries the chunk's n images; writes O float32 outputs per image at $out.
  (func (export "query") (param $n i32) (param $out i32)
    (local $i i32) (local $k i32)
    (block $done (loop $sample
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (call $forward (call $load (i32.load ${at("$off", "(local.get $i)", 4)}) (i32.load ${at("$off", "(i32.add (local.get $i) (i32.const 1))", 4)})))
      (local.set $k (i32.const 0))
      (block $d (loop $copy
        (br_if $d (i32.ge_u (local.get $k) (global.get $O)))
        (f32.store (i32.add (local.get $out) (i32.mul (i32.add (i32.mul (local.get $i) (global.get $O)) (local.get $k)) (i32.const 4)))
          ${T === "f64" ? `(f32.demote_f64 (f64.load ${at("$o", "(local.get $k)")}))` : `(f32.load ${at("$o", "(local.get $k)")})`})
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $copy)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $sample))))`;
}

export function simdKernelWat(precision: Precision): string {
  const wat = watHelpers(precision);
  const functions = [sigmoidVectorWat, configureWat, valueFormatWat, loadWat, forwardWat, trainWat, queryWat];
  return `(module${globalsWat()}\n${functions.map((f) => f(wat)).join("\n")}\n)`;
}
