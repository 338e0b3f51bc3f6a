;; fastText skipgram update (Model::update + NegativeSamplingLoss::forward, fastText 0.9.2), WebAssembly +
;; 128-bit SIMD. Mirrors `../kernel.ts` (TsFastTextKernel) operation by operation, so both give bit-identical
;; vectors:
;;   - hidden = sum of the input rows (f32 adds, row by row), times f32(1 / count);
;;   - per target (the first positive, the rest negatives): dot(hidden, out) in four f32 lanes (lane = j % 4)
;;     then (l0 + l1) + (l2 + l3); score from fastText's 512-bin sigmoid table, index computed in f32;
;;     alpha = f32(lr * (label - score)); grad += alpha * out (old out); out += alpha * hidden; each
;;     product and sum rounded to f32;
;;   - every input row += grad (the full gradient, not divided by the number of rows);
;;   - loss = sum of -log(score) / -log(1 - score) from the 512-bin log table (f64 sum).
;; The memory is imported and shared (Hogwild worker threads each run an instance on it); all pointers
;; are byte offsets set by `configure` (scratch per thread), vectors 16-byte aligned, dim a multiple of 4.
(module
  (import "env" "memory" (memory 1 65536 shared))

  (global $dimBytes (mut i32) (i32.const 0))
  (global $wi (mut i32) (i32.const 0))       ;; input rows  [nwords + bucket, dim] f32
  (global $wo (mut i32) (i32.const 0))       ;; output rows [nwords, dim] f32
  (global $hidden (mut i32) (i32.const 0))   ;; f32[dim]
  (global $grad (mut i32) (i32.const 0))     ;; f32[dim]
  (global $sig (mut i32) (i32.const 0))      ;; f32[513] sigmoid table over [-8, 8]
  (global $log (mut i32) (i32.const 0))      ;; f32[513] log table over (0, 1]

  (func (export "configure") (param $dim i32) (param $wi i32) (param $wo i32) (param $hidden i32) (param $grad i32) (param $sig i32) (param $log i32)
    (global.set $dimBytes (i32.shl (local.get $dim) (i32.const 2)))
    (global.set $wi (local.get $wi))
    (global.set $wo (local.get $wo))
    (global.set $hidden (local.get $hidden))
    (global.set $grad (local.get $grad))
    (global.set $sig (local.get $sig))
    (global.set $log (local.get $log)))

  ;; fastText's Loss::sigmoid: 0 below -8, 1 above 8, else t[int((x + 8) * 512 / 8 / 2)] (f32 arithmetic).
  (func $sigmoid (param $x f32) (result f32)
    (if (f32.lt (local.get $x) (f32.const -8)) (then (return (f32.const 0))))
    (if (f32.gt (local.get $x) (f32.const 8)) (then (return (f32.const 1))))
    (f32.load (i32.add (global.get $sig) (i32.shl
      (i32.trunc_f32_s (f32.div (f32.div (f32.mul (f32.add (local.get $x) (f32.const 8)) (f32.const 512)) (f32.const 8)) (f32.const 2)))
      (i32.const 2)))))

  ;; fastText's Loss::log: 0 above 1, else t[int(x * 512)].
  (func $stdlog (param $x f32) (result f32)
    (if (f32.gt (local.get $x) (f32.const 1)) (then (return (f32.const 0))))
    (f32.load (i32.add (global.get $log) (i32.shl (i32.trunc_f32_s (f32.mul (local.get $x) (f32.const 512))) (i32.const 2)))))

  ;; dot(a, b) over dim floats: lanes j % 4, then (l0 + l1) + (l2 + l3).
  (func $dot (param $a i32) (param $b i32) (result f32)
    (local $acc v128) (local $i i32)
    (local.set $acc (v128.const f32x4 0 0 0 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (global.get $dimBytes)))
      (local.set $acc (f32x4.add (local.get $acc)
        (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $i))) (v128.load (i32.add (local.get $b) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next)))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))

  ;; One example: hidden from the input rows, a positive and negatives, the input rows updated.
  ;; $rows: i32[$nrows] input row ids; $targets: i32[$ntargets], the first is the positive.
  (func (export "update") (param $rows i32) (param $nrows i32) (param $targets i32) (param $ntargets i32) (param $lr f64) (result f64)
    (local $k i32) (local $i i32) (local $row i32) (local $out i32) (local $score f32) (local $alpha f32)
    (local $va v128) (local $loss f64) (local $scale v128)
    ;; hidden = mean of the rows
    (local.set $i (i32.const 0))
    (block $z (loop $zl
      (br_if $z (i32.ge_u (local.get $i) (global.get $dimBytes)))
      (v128.store (i32.add (global.get $hidden) (local.get $i)) (v128.const f32x4 0 0 0 0))
      (v128.store (i32.add (global.get $grad) (local.get $i)) (v128.const f32x4 0 0 0 0))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $zl)))
    (local.set $k (i32.const 0))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $k) (local.get $nrows)))
      (local.set $row (i32.add (global.get $wi) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (global.get $dimBytes))))
      (local.set $i (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $i) (global.get $dimBytes)))
        (v128.store (i32.add (global.get $hidden) (local.get $i))
          (f32x4.add (v128.load (i32.add (global.get $hidden) (local.get $i))) (v128.load (i32.add (local.get $row) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rl)))
    (local.set $scale (f32x4.splat (f32.demote_f64 (f64.div (f64.const 1) (f64.convert_i32_u (local.get $nrows))))))
    (local.set $i (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (global.get $dimBytes)))
      (v128.store (i32.add (global.get $hidden) (local.get $i)) (f32x4.mul (v128.load (i32.add (global.get $hidden) (local.get $i))) (local.get $scale)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $l)))
    ;; targets
    (local.set $k (i32.const 0))
    (block $td (loop $tl
      (br_if $td (i32.ge_u (local.get $k) (local.get $ntargets)))
      (local.set $out (i32.add (global.get $wo) (i32.mul (i32.load (i32.add (local.get $targets) (i32.shl (local.get $k) (i32.const 2)))) (global.get $dimBytes))))
      (local.set $score (call $sigmoid (call $dot (global.get $hidden) (local.get $out))))
      (local.set $alpha (f32.demote_f64 (f64.mul (local.get $lr)
        (f64.sub (select (f64.const 1) (f64.const 0) (i32.eqz (local.get $k))) (f64.promote_f32 (local.get $score))))))
      (local.set $va (f32x4.splat (local.get $alpha)))
      (local.set $i (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $i) (global.get $dimBytes)))
        (v128.store (i32.add (global.get $grad) (local.get $i))
          (f32x4.add (v128.load (i32.add (global.get $grad) (local.get $i))) (f32x4.mul (local.get $va) (v128.load (i32.add (local.get $out) (local.get $i))))))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (f32x4.add (v128.load (i32.add (local.get $out) (local.get $i))) (f32x4.mul (local.get $va) (v128.load (i32.add (global.get $hidden) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l)))
      (local.set $loss (f64.sub (local.get $loss) (f64.promote_f32 (call $stdlog
        (select (local.get $score) (f32.sub (f32.const 1) (local.get $score)) (i32.eqz (local.get $k)))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $tl)))
    ;; every input row += grad
    (local.set $k (i32.const 0))
    (block $ud (loop $ul
      (br_if $ud (i32.ge_u (local.get $k) (local.get $nrows)))
      (local.set $row (i32.add (global.get $wi) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (global.get $dimBytes))))
      (local.set $i (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $i) (global.get $dimBytes)))
        (v128.store (i32.add (local.get $row) (local.get $i))
          (f32x4.add (v128.load (i32.add (local.get $row) (local.get $i))) (v128.load (i32.add (global.get $grad) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $ul)))
    (local.get $loss))
)
