;; word2vec inner loops (skip-gram and CBOW with negative sampling), WebAssembly + 128-bit SIMD.
;;
;; Mirrors word2vec.c (tmikolov/word2vec) step by step, and `../ts-kernel.ts` operation by operation, so the
;; two give bit-identical vectors for the same memory and seed:
;;   - random numbers: next = next * 25214903917 + 11 (mod 2^64), one stream per instance (global $rng);
;;   - subsampling: drop word w when keep[w] < ((next >> 16) & 0xFFFF) / 65536;
;;   - window shrink: b = (next >> 16) % window, context positions pos-window+b .. pos+window-b;
;;     (bits 16+ as gensim's random_int32: word2vec.c's low bits have short periods, next % 4 has period 4)
;;   - negatives: word2vec's table[(next >> 16) % tableSize], or (cumulative mode) gensim's
;;     bisect_left(cum, (next >> 16) % cum[V-1]); skipped when equal to the positive word;
;;   - sigmoid from a 1000-entry table indexed (int)((f + 6) * 83), clipped outside [-6, 6];
;;   - dot products in two 4-lane float32 accumulators (even/odd 4-float chunks) added, then
;;     (l0 + l1) + (l2 + l3); saxpy y += g * x rounded per op.
;; The memory is imported (shared, so worker threads can run Hogwild on the same weights). All pointers are
;; byte offsets set by `configure`; vectors are 16-byte aligned and dim is a multiple of 4.
(module
  (import "env" "memory" (memory 1 65536 shared))

  (global $dim (mut i32) (i32.const 0))      ;; floats per vector
  (global $dimBytes (mut i32) (i32.const 0))
  (global $window (mut i32) (i32.const 0))
  (global $negative (mut i32) (i32.const 0))
  (global $syn0 (mut i32) (i32.const 0))     ;; input vectors  [V, dim] f32
  (global $syn1 (mut i32) (i32.const 0))     ;; output vectors [V, dim] f32
  (global $table (mut i32) (i32.const 0))    ;; unigram^0.75 table i32[tableSize]
  (global $tableSize (mut i64) (i64.const 1))
  (global $keep (mut i32) (i32.const 0))     ;; keep probability f32[V], 0 = no subsampling
  (global $exp (mut i32) (i32.const 0))      ;; sigmoid table f32[1000]
  (global $losst (mut i32) (i32.const 0))    ;; -log sigmoid table f32[1000]
  (global $lock (mut i32) (i32.const 0))     ;; u8[V], 1 = row locked; 0 = no lock mask
  (global $neu1 (mut i32) (i32.const 0))     ;; scratch f32[dim] (CBOW hidden layer)
  (global $neu1e (mut i32) (i32.const 0))    ;; scratch f32[dim] (error to propagate to the input rows)
  (global $sen (mut i32) (i32.const 0))      ;; scratch i32[max sentence length] (subsampled sentence)
  (global $cbow (mut i32) (i32.const 0))
  (global $rng (mut i64) (i64.const 0))
  (global $kept (mut i32) (i32.const 0))     ;; words left after subsampling in the last call
  (global $pairs (mut i32) (i32.const 0))    ;; positive examples in the last call
  (global $cumulative (mut i32) (i32.const 0)) ;; 1: $table is a cumulative table of $tableSize words
  (global $buckets (mut i32) (i32.const 0))  ;; cumulative mode: i32[65537], first word with cum >= k * 2^15 (0 = none)
  (global $skipSaturated (mut i32) (i32.const 0)) ;; 1: no update when |f| >= 6 (gensim), 0: clipped gradient (word2vec.c)
  ;; Shared negatives (skip-gram only): scratch of the window batch, 0 = the plain per-pair path. Inside it:
  ;; context row pointers i32[2 window], output row pointers i32[negative + 1] (-1 = skipped), G f32[2 window][negative + 1],
  ;; then (16-aligned) the input-gradient rows E f32[2 window][dim].
  (global $batch (mut i32) (i32.const 0))
  (global $bOut (mut i32) (i32.const 0))
  (global $bG (mut i32) (i32.const 0))
  (global $bE (mut i32) (i32.const 0))

  (func (export "configure")
    (param $dim i32) (param $window i32) (param $negative i32) (param $syn0 i32) (param $syn1 i32)
    (param $table i32) (param $tableSize i32) (param $keep i32) (param $exp i32) (param $losst i32)
    (param $lock i32) (param $neu1 i32) (param $neu1e i32) (param $sen i32) (param $cbow i32) (param $cumulative i32) (param $skipSaturated i32) (param $buckets i32) (param $batch i32)
    (global.set $dim (local.get $dim))
    (global.set $dimBytes (i32.shl (local.get $dim) (i32.const 2)))
    (global.set $window (local.get $window))
    (global.set $negative (local.get $negative))
    (global.set $syn0 (local.get $syn0))
    (global.set $syn1 (local.get $syn1))
    (global.set $table (local.get $table))
    (global.set $tableSize (i64.extend_i32_u (local.get $tableSize)))
    (global.set $keep (local.get $keep))
    (global.set $exp (local.get $exp))
    (global.set $losst (local.get $losst))
    (global.set $lock (local.get $lock))
    (global.set $neu1 (local.get $neu1))
    (global.set $neu1e (local.get $neu1e))
    (global.set $sen (local.get $sen))
    (global.set $cbow (local.get $cbow))
    (global.set $cumulative (local.get $cumulative))
    (global.set $skipSaturated (local.get $skipSaturated))
    (global.set $buckets (local.get $buckets))
    (global.set $batch (local.get $batch))
    (global.set $bOut (i32.add (local.get $batch) (i32.shl (local.get $window) (i32.const 3))))
    (global.set $bG (i32.add (global.get $bOut) (i32.shl (i32.add (local.get $negative) (i32.const 1)) (i32.const 2))))
    (global.set $bE (i32.and (i32.add (i32.add (global.get $bG)
      (i32.shl (i32.mul (local.get $window) (i32.add (local.get $negative) (i32.const 1))) (i32.const 3))) (i32.const 15)) (i32.const -16))))

  ;; A negative sample. Table mode: table[(r >> 16) % tableSize]. Cumulative mode (gensim's cum_table):
  ;; the first index i with cum[i] >= (r >> 16) % cum[size - 1].
  (func $negative (result i32)
    (local $x i32) (local $lo i32) (local $hi i32) (local $mid i32) (local $c i32)
    (if (i32.eqz (global.get $cumulative))
      (then (return (i32.load (i32.add (global.get $table)
        (i32.shl (i32.wrap_i64 (i64.rem_u (i64.shr_u (call $next) (i64.const 16)) (global.get $tableSize))) (i32.const 2)))))))
    (local.set $hi (i32.wrap_i64 (global.get $tableSize)))
    (local.set $x (i32.wrap_i64 (i64.rem_u (i64.shr_u (call $next) (i64.const 16))
      (i64.extend_i32_u (i32.load (i32.add (global.get $table) (i32.shl (i32.sub (local.get $hi) (i32.const 1)) (i32.const 2))))))))
    ;; Narrow the search with the bucket index: the answer lies in [start[k], start[k+1]], k = x >> 15.
    ;; Same result as a full bisection, in a few steps instead of log2(V).
    (if (global.get $buckets)
      (then
        (local.set $mid (i32.add (global.get $buckets) (i32.shl (i32.shr_u (local.get $x) (i32.const 15)) (i32.const 2))))
        (local.set $lo (i32.load (local.get $mid)))
        (local.set $c (i32.add (i32.load offset=4 (local.get $mid)) (i32.const 1)))
        (local.set $hi (select (local.get $c) (local.get $hi) (i32.lt_u (local.get $c) (local.get $hi))))))
    (block $done (loop $search
      (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      ;; branch-free (select = cmov): the comparisons are unpredictable, so branches would mispredict half the time
      (local.set $c (i32.lt_u (i32.load (i32.add (global.get $table) (i32.shl (local.get $mid) (i32.const 2)))) (local.get $x)))
      (local.set $lo (select (i32.add (local.get $mid) (i32.const 1)) (local.get $lo) (local.get $c)))
      (local.set $hi (select (local.get $hi) (local.get $mid) (local.get $c)))
      (br $search)))
    (local.get $lo))

  (func (export "setRng") (param $s i64) (global.set $rng (local.get $s)))
  (func (export "getRng") (result i64) (global.get $rng))
  (func (export "kept") (result i32) (global.get $kept))
  (func (export "pairs") (result i32) (global.get $pairs))

  (func $next (result i64)
    (global.set $rng (i64.add (i64.mul (global.get $rng) (i64.const 25214903917)) (i64.const 11)))
    (global.get $rng))

  ;; sum_i a[i] * b[i] over dim floats. Two f32x4 accumulators (even and odd 4-float chunks, the odd
  ;; one zero when there is a single tail chunk) so two add chains run in parallel; then acc = even + odd
  ;; and the result is (l0 + l1) + (l2 + l3).
  (func $dot (param $a i32) (param $b i32) (result f32)
    (local $i i32) (local $acc v128) (local $acc1 v128) (local $n2 i32)
    (local.set $acc (v128.const f32x4 0 0 0 0))
    (local.set $acc1 (v128.const f32x4 0 0 0 0))
    (local.set $n2 (i32.and (global.get $dimBytes) (i32.const -32)))
    (block $pairsDone
      (br_if $pairsDone (i32.eqz (local.get $n2)))
      (loop $l
        (local.set $acc (f32x4.add (local.get $acc)
          (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $i))) (v128.load (i32.add (local.get $b) (local.get $i))))))
        (local.set $acc1 (f32x4.add (local.get $acc1)
          (f32x4.mul (v128.load offset=16 (i32.add (local.get $a) (local.get $i))) (v128.load offset=16 (i32.add (local.get $b) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 32)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n2)))))
    (if (i32.lt_u (local.get $i) (global.get $dimBytes))
      (then (local.set $acc (f32x4.add (local.get $acc)
        (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $i))) (v128.load (i32.add (local.get $b) (local.get $i))))))))
    (local.set $acc (f32x4.add (local.get $acc) (local.get $acc1)))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))

  ;; Fused negative-sampling step for one output row: neu1e += g * out (old value), then out += g * in.
  ;; Element-wise, so identical to two separate saxpy passes, but reads the output row once.
  (func $step (param $g f32) (param $in i32) (param $out i32)
    (local $i i32) (local $gv v128) (local $o v128) (local $o2 v128) (local $p i32) (local $e i32) (local $n2 i32)
    (local.set $gv (f32x4.splat (local.get $g)))
    (local.set $n2 (i32.and (global.get $dimBytes) (i32.const -32)))
    ;; two 4-float chunks per iteration, then the odd tail chunk
    (block $pairsDone
      (br_if $pairsDone (i32.eqz (local.get $n2)))
      (loop $l
        (local.set $p (i32.add (local.get $out) (local.get $i)))
        (local.set $e (i32.add (global.get $neu1e) (local.get $i)))
        (local.set $o (v128.load (local.get $p)))
        (local.set $o2 (v128.load offset=16 (local.get $p)))
        (v128.store (local.get $e) (f32x4.add (v128.load (local.get $e)) (f32x4.mul (local.get $gv) (local.get $o))))
        (v128.store offset=16 (local.get $e) (f32x4.add (v128.load offset=16 (local.get $e)) (f32x4.mul (local.get $gv) (local.get $o2))))
        (v128.store (local.get $p) (f32x4.add (local.get $o)
          (f32x4.mul (local.get $gv) (v128.load (i32.add (local.get $in) (local.get $i))))))
        (v128.store offset=16 (local.get $p) (f32x4.add (local.get $o2)
          (f32x4.mul (local.get $gv) (v128.load offset=16 (i32.add (local.get $in) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 32)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n2)))))
    (if (i32.lt_u (local.get $i) (global.get $dimBytes))
      (then
        (local.set $p (i32.add (local.get $out) (local.get $i)))
        (local.set $e (i32.add (global.get $neu1e) (local.get $i)))
        (local.set $o (v128.load (local.get $p)))
        (v128.store (local.get $e) (f32x4.add (v128.load (local.get $e)) (f32x4.mul (local.get $gv) (local.get $o))))
        (v128.store (local.get $p) (f32x4.add (local.get $o)
          (f32x4.mul (local.get $gv) (v128.load (i32.add (local.get $in) (local.get $i)))))))))

  ;; y += x
  (func $add (param $x i32) (param $y i32)
    (local $i i32) (local $p i32)
    (loop $l
      (local.set $p (i32.add (local.get $y) (local.get $i)))
      (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (v128.load (i32.add (local.get $x) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $i) (global.get $dimBytes)))))

  (func $zero (param $y i32)
    (local $i i32)
    (loop $l
      (v128.store (i32.add (local.get $y) (local.get $i)) (v128.const f32x4 0 0 0 0))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $i) (global.get $dimBytes)))))

  ;; y /= c
  (func $scale_div (param $y i32) (param $c f32)
    (local $i i32) (local $cv v128) (local $p i32)
    (local.set $cv (f32x4.splat (local.get $c)))
    (loop $l
      (local.set $p (i32.add (local.get $y) (local.get $i)))
      (v128.store (local.get $p) (f32x4.div (v128.load (local.get $p)) (local.get $cv)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $i) (global.get $dimBytes)))))

  ;; -log sigmoid(z) from the table, 0 above 6 and -z below -6 (both within 0.0025 of the exact value)
  (func $nlogsig (param $z f32) (result f64)
    (if (result f64) (f32.gt (local.get $z) (f32.const 6))
      (then (f64.const 0))
      (else
        (if (result f64) (f32.lt (local.get $z) (f32.const -6))
          (then (f64.promote_f32 (f32.neg (local.get $z))))
          (else (f64.promote_f32 (f32.load (i32.add (global.get $losst)
            (i32.shl (i32.trunc_f32_s (f32.mul (f32.add (local.get $z) (f32.const 6)) (f32.const 83))) (i32.const 2))))))))))

  ;; One positive + `negative` negative updates for input vector at $in and output word $word.
  ;; Accumulates the input's gradient into neu1e and updates the output rows. Returns the loss.
  (func $update (param $in i32) (param $word i32) (param $alpha f32) (result f64)
    (local $d i32) (local $target i32) (local $label f32) (local $l2 i32) (local $f f32) (local $g f32) (local $loss f64)
    (local.set $d (i32.const 0))
    (loop $neg
      (block $skip
        (if (i32.eqz (local.get $d))
          (then (local.set $target (local.get $word)) (local.set $label (f32.const 1)))
          (else
            (local.set $target (call $negative))
            (br_if $skip (i32.eq (local.get $target) (local.get $word)))
            (local.set $label (f32.const 0))))
        (local.set $l2 (i32.add (global.get $syn1) (i32.mul (local.get $target) (global.get $dimBytes))))
        (local.set $f (call $dot (local.get $in) (local.get $l2)))
        (local.set $loss (f64.add (local.get $loss)
          (call $nlogsig (if (result f32) (i32.eqz (local.get $d)) (then (local.get $f)) (else (f32.neg (local.get $f)))))))
        ;; gensim skips saturated examples (|f| >= 6); word2vec.c applies the clipped gradient below.
        (br_if $skip (i32.and (global.get $skipSaturated)
          (i32.or (f32.ge (local.get $f) (f32.const 6)) (f32.le (local.get $f) (f32.const -6)))))
        (if (f32.gt (local.get $f) (f32.const 6))
          (then (local.set $g (f32.mul (f32.sub (local.get $label) (f32.const 1)) (local.get $alpha))))
          (else (if (f32.lt (local.get $f) (f32.const -6))
            (then (local.set $g (f32.mul (local.get $label) (local.get $alpha))))
            (else (local.set $g (f32.mul (f32.sub (local.get $label)
              (f32.load (i32.add (global.get $exp)
                (i32.shl (i32.trunc_f32_s (f32.mul (f32.add (local.get $f) (f32.const 6)) (f32.const 83))) (i32.const 2)))))
              (local.get $alpha)))))))
        (call $step (local.get $g) (local.get $in) (local.get $l2)))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br_if $neg (i32.le_u (local.get $d) (global.get $negative))))
    (global.set $pairs (i32.add (global.get $pairs) (i32.const 1)))
    (local.get $loss))

;; Skip-gram with negatives shared by the window (Ji et al. 2016, pWord2Vec): the centre word's output row
  ;; and `negative` negatives drawn once per window form the outputs, the m context rows the inputs. All
  ;; scores use the values from before the window (a small GEMM): G[j][k] = (label_k - sigma(in_j . out_k))
  ;; alpha; then E_j = sum_k G[j][k] out_k, out_k += sum_j G[j][k] in_j (both from old values), in_j += E_j.
  ;; With one context per window and distinct outputs this is the plain path operation for operation.
  ;; Two dot products against one output row, each summed exactly as $dot does (so the results are the
  ;; same bits), with the output row's chunks loaded once for both. Stores a . o at $dst and b . o at $dst + $stride.
  (func $dot2 (param $a i32) (param $b i32) (param $o i32) (param $dst i32) (param $stride i32)
    (local $i i32) (local $n2 i32) (local $oc v128) (local $oc1 v128)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local.set $n2 (i32.and (global.get $dimBytes) (i32.const -32)))
    (block $pairsDone
      (br_if $pairsDone (i32.eqz (local.get $n2)))
      (loop $l
        (local.set $oc (v128.load (i32.add (local.get $o) (local.get $i))))
        (local.set $oc1 (v128.load offset=16 (i32.add (local.get $o) (local.get $i))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $i))) (local.get $oc))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (i32.add (local.get $a) (local.get $i))) (local.get $oc1))))
        (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (v128.load (i32.add (local.get $b) (local.get $i))) (local.get $oc))))
        (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (v128.load offset=16 (i32.add (local.get $b) (local.get $i))) (local.get $oc1))))
        (local.set $i (i32.add (local.get $i) (i32.const 32)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n2)))))
    (if (i32.lt_u (local.get $i) (global.get $dimBytes))
      (then
        (local.set $oc (v128.load (i32.add (local.get $o) (local.get $i))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $i))) (local.get $oc))))
        (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (v128.load (i32.add (local.get $b) (local.get $i))) (local.get $oc))))))
    (local.set $a0 (f32x4.add (local.get $a0) (local.get $a1)))
    (local.set $b0 (f32x4.add (local.get $b0) (local.get $b1)))
    (f32.store (local.get $dst) (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
      (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
    (f32.store (i32.add (local.get $dst) (local.get $stride)) (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $b0)) (f32x4.extract_lane 1 (local.get $b0)))
      (f32.add (f32x4.extract_lane 2 (local.get $b0)) (f32x4.extract_lane 3 (local.get $b0))))))

  ;; Skip-gram with negatives shared by the window (Ji et al. 2016, pWord2Vec): the centre word's output row
  ;; and `negative` negatives drawn once per window form the outputs, the m context rows the inputs. All
  ;; scores use the values from before the window (a small GEMM): G[j][k] = (label_k - sigma(in_j . out_k))
  ;; alpha; then E_j = sum_k G[j][k] out_k, out_k += sum_j G[j][k] in_j (both from old values), in_j += E_j.
  ;; With one context per window and distinct outputs this is the plain path operation for operation.
  ;; The batch holds context row pointers (not ids), so the inner loops do no address arithmetic.
  (func $sgShared (param $pos i32) (param $n i32) (param $word i32) (param $b i32) (param $alpha f32) (result f64)
    (local $a i32) (local $c i32) (local $end i32) (local $m i32) (local $k i32) (local $j i32) (local $K1 i32)
    (local $t i32) (local $l2 i32) (local $in i32) (local $f f32) (local $g f32) (local $label f32) (local $loss f64)
    (local $i i32) (local $o v128) (local $acc v128) (local $gv v128) (local $e i32) (local $gp i32) (local $cp i32) (local $rowStride i32)
    (local.set $end (i32.sub (i32.add (i32.shl (global.get $window) (i32.const 1)) (i32.const 1)) (local.get $b)))
    (local.set $a (local.get $b))
    (block $ctxDone (loop $ctx
      (br_if $ctxDone (i32.ge_s (local.get $a) (local.get $end)))
      (local.set $c (i32.add (i32.sub (local.get $pos) (global.get $window)) (local.get $a)))
      (if (i32.and (i32.ne (local.get $a) (global.get $window))
            (i32.and (i32.ge_s (local.get $c) (i32.const 0)) (i32.lt_s (local.get $c) (local.get $n))))
        (then
          (i32.store (i32.add (global.get $batch) (i32.shl (local.get $m) (i32.const 2)))
            (i32.add (global.get $syn0) (i32.mul (i32.load (i32.add (global.get $sen) (i32.shl (local.get $c) (i32.const 2)))) (global.get $dimBytes))))
          (local.set $m (i32.add (local.get $m) (i32.const 1)))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $ctx)))
    (if (i32.eqz (local.get $m)) (then (return (f64.const 0))))
    (global.set $pairs (i32.add (global.get $pairs) (local.get $m)))
    (local.set $K1 (i32.add (global.get $negative) (i32.const 1)))
    (local.set $rowStride (i32.shl (local.get $K1) (i32.const 2)))
    ;; outputs: the centre word's row, then the negatives' (-1 where a draw equals the centre word, as the plain path skips it)
    (i32.store (global.get $bOut) (i32.add (global.get $syn1) (i32.mul (local.get $word) (global.get $dimBytes))))
    (local.set $k (i32.const 1))
    (block $negDone (loop $negs
      (br_if $negDone (i32.ge_u (local.get $k) (local.get $K1)))
      (local.set $t (call $negative))
      (i32.store (i32.add (global.get $bOut) (i32.shl (local.get $k) (i32.const 2)))
        (select (i32.const -1) (i32.add (global.get $syn1) (i32.mul (local.get $t) (global.get $dimBytes))) (i32.eq (local.get $t) (local.get $word))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $negs)))
    ;; scores F[j][k] (into G), two contexts per pass over an output row
    (local.set $k (i32.const 0))
    (block $kDone (loop $ks
      (br_if $kDone (i32.ge_u (local.get $k) (local.get $K1)))
      (local.set $l2 (i32.load (i32.add (global.get $bOut) (i32.shl (local.get $k) (i32.const 2)))))
      (if (i32.ne (local.get $l2) (i32.const -1))
        (then
          (local.set $j (i32.const 0))
          (local.set $gp (i32.add (global.get $bG) (i32.shl (local.get $k) (i32.const 2))))
          (local.set $cp (global.get $batch))
          (block $jDone (loop $js
            (br_if $jDone (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $m)))
            (call $dot2 (i32.load (local.get $cp)) (i32.load offset=4 (local.get $cp)) (local.get $l2) (local.get $gp) (local.get $rowStride))
            (local.set $gp (i32.add (local.get $gp) (i32.shl (local.get $rowStride) (i32.const 1))))
            (local.set $cp (i32.add (local.get $cp) (i32.const 8)))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $js)))
          (if (i32.lt_u (local.get $j) (local.get $m))
            (then (f32.store (local.get $gp) (call $dot (i32.load (local.get $cp)) (local.get $l2)))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $ks)))
    ;; loss and gradients, k-major as the plain path sums the loss
    (local.set $k (i32.const 0))
    (block $k2Done (loop $k2s
      (br_if $k2Done (i32.ge_u (local.get $k) (local.get $K1)))
      (if (i32.ne (i32.load (i32.add (global.get $bOut) (i32.shl (local.get $k) (i32.const 2)))) (i32.const -1))
        (then
          (local.set $label (select (f32.const 1) (f32.const 0) (i32.eqz (local.get $k))))
          (local.set $gp (i32.add (global.get $bG) (i32.shl (local.get $k) (i32.const 2))))
          (local.set $j (i32.const 0))
          (loop $js3
            (local.set $f (f32.load (local.get $gp)))
            (local.set $loss (f64.add (local.get $loss)
              (call $nlogsig (if (result f32) (i32.eqz (local.get $k)) (then (local.get $f)) (else (f32.neg (local.get $f)))))))
            (if (i32.and (global.get $skipSaturated)
                  (i32.or (f32.ge (local.get $f) (f32.const 6)) (f32.le (local.get $f) (f32.const -6))))
              (then (local.set $g (f32.const 0)))
              (else (if (f32.gt (local.get $f) (f32.const 6))
                (then (local.set $g (f32.mul (f32.sub (local.get $label) (f32.const 1)) (local.get $alpha))))
                (else (if (f32.lt (local.get $f) (f32.const -6))
                  (then (local.set $g (f32.mul (local.get $label) (local.get $alpha))))
                  (else (local.set $g (f32.mul (f32.sub (local.get $label)
                    (f32.load (i32.add (global.get $exp)
                      (i32.shl (i32.trunc_f32_s (f32.mul (f32.add (local.get $f) (f32.const 6)) (f32.const 83))) (i32.const 2)))))
                    (local.get $alpha)))))))))
            (f32.store (local.get $gp) (local.get $g))
            (local.set $gp (i32.add (local.get $gp) (local.get $rowStride)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $js3 (i32.lt_u (local.get $j) (local.get $m))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $k2s)))
    ;; E = 0
    (local.set $j (i32.const 0))
    (block $zDone (loop $zs
      (br_if $zDone (i32.ge_u (local.get $j) (local.get $m)))
      (call $zero (i32.add (global.get $bE) (i32.mul (local.get $j) (global.get $dimBytes))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $zs)))
    ;; per output row, one pass over its chunks: E_j += G[j][k] out_k (old), out_k = out_k + sum_j G[j][k] in_j in j order
    (local.set $k (i32.const 0))
    (block $uDone (loop $us
      (br_if $uDone (i32.ge_u (local.get $k) (local.get $K1)))
      (local.set $l2 (i32.load (i32.add (global.get $bOut) (i32.shl (local.get $k) (i32.const 2)))))
      (if (i32.ne (local.get $l2) (i32.const -1))
        (then
          (local.set $i (i32.const 0))
          (loop $chunks
            (local.set $o (v128.load (i32.add (local.get $l2) (local.get $i))))
            (local.set $acc (local.get $o))
            (local.set $j (i32.const 0))
            (local.set $gp (i32.add (global.get $bG) (i32.shl (local.get $k) (i32.const 2))))
            (local.set $cp (global.get $batch))
            (local.set $e (i32.add (global.get $bE) (local.get $i)))
            (loop $js2
              (local.set $gv (v128.load32_splat (local.get $gp)))
              (v128.store (local.get $e) (f32x4.add (v128.load (local.get $e)) (f32x4.mul (local.get $gv) (local.get $o))))
              (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $gv)
                (v128.load (i32.add (i32.load (local.get $cp)) (local.get $i))))))
              (local.set $gp (i32.add (local.get $gp) (local.get $rowStride)))
              (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
              (local.set $e (i32.add (local.get $e) (global.get $dimBytes)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br_if $js2 (i32.lt_u (local.get $j) (local.get $m))))
            (v128.store (i32.add (local.get $l2) (local.get $i)) (local.get $acc))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br_if $chunks (i32.lt_u (local.get $i) (global.get $dimBytes))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $us)))
    ;; in_j += E_j (locked rows: the id is (pointer - syn0) / dimBytes)
    (local.set $j (i32.const 0))
    (block $iDone (loop $is
      (br_if $iDone (i32.ge_u (local.get $j) (local.get $m)))
      (local.set $in (i32.load (i32.add (global.get $batch) (i32.shl (local.get $j) (i32.const 2)))))
      (if (i32.eqz (call $locked (i32.div_u (i32.sub (local.get $in) (global.get $syn0)) (global.get $dimBytes))))
        (then (call $add (i32.add (global.get $bE) (i32.mul (local.get $j) (global.get $dimBytes))) (local.get $in))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $is)))
    (local.get $loss))

  (func $locked (param $w i32) (result i32)
    (if (result i32) (global.get $lock)
      (then (i32.load8_u (i32.add (global.get $lock) (local.get $w))))
      (else (i32.const 0))))

  ;; Train on one sentence of token ids at byte offset $ptr. Returns the summed loss.
  (func (export "trainSentence") (param $ptr i32) (param $len i32) (param $alpha f32) (result f64)
    (local $i i32) (local $n i32) (local $w i32) (local $pos i32) (local $word i32) (local $b i32)
    (local $a i32) (local $end i32) (local $c i32) (local $last i32) (local $l1 i32) (local $cw i32) (local $loss f64)
    ;; subsample into sen
    (block $done
      (loop $sub
        (br_if $done (i32.ge_s (local.get $i) (local.get $len)))
        (local.set $w (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (global.get $keep)
          (then
            (br_if $sub (f32.lt
              (f32.load (i32.add (global.get $keep) (i32.shl (local.get $w) (i32.const 2))))
              (f32.div (f32.convert_i32_u (i32.and (i32.wrap_i64 (i64.shr_u (call $next) (i64.const 16))) (i32.const 0xffff))) (f32.const 65536))))))
        (i32.store (i32.add (global.get $sen) (i32.shl (local.get $n) (i32.const 2))) (local.get $w))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $sub)))
    (global.set $kept (local.get $n))
    (global.set $pairs (i32.const 0))
    (local.set $pos (i32.const 0))
    (block $sentDone
      (loop $words
        (br_if $sentDone (i32.ge_s (local.get $pos) (local.get $n)))
        (local.set $word (i32.load (i32.add (global.get $sen) (i32.shl (local.get $pos) (i32.const 2)))))
        (local.set $b (i32.wrap_i64 (i64.rem_u (i64.shr_u (call $next) (i64.const 16)) (i64.extend_i32_u (global.get $window)))))
        (local.set $end (i32.sub (i32.add (i32.shl (global.get $window) (i32.const 1)) (i32.const 1)) (local.get $b)))
        (if (global.get $cbow)
          (then
            (call $zero (global.get $neu1))
            (call $zero (global.get $neu1e))
            (local.set $cw (i32.const 0))
            (local.set $a (local.get $b))
            (block $ctxDone (loop $ctx
              (br_if $ctxDone (i32.ge_s (local.get $a) (local.get $end)))
              (local.set $c (i32.add (i32.sub (local.get $pos) (global.get $window)) (local.get $a)))
              (if (i32.and (i32.ne (local.get $a) (global.get $window))
                    (i32.and (i32.ge_s (local.get $c) (i32.const 0)) (i32.lt_s (local.get $c) (local.get $n))))
                (then
                  (local.set $last (i32.load (i32.add (global.get $sen) (i32.shl (local.get $c) (i32.const 2)))))
                  (call $add (i32.add (global.get $syn0) (i32.mul (local.get $last) (global.get $dimBytes))) (global.get $neu1))
                  (local.set $cw (i32.add (local.get $cw) (i32.const 1)))))
              (local.set $a (i32.add (local.get $a) (i32.const 1)))
              (br $ctx)))
            (if (local.get $cw)
              (then
                (call $scale_div (global.get $neu1) (f32.convert_i32_u (local.get $cw)))
                (local.set $loss (f64.add (local.get $loss) (call $update (global.get $neu1) (local.get $word) (local.get $alpha))))
                (local.set $a (local.get $b))
                (block $backDone (loop $back
                  (br_if $backDone (i32.ge_s (local.get $a) (local.get $end)))
                  (local.set $c (i32.add (i32.sub (local.get $pos) (global.get $window)) (local.get $a)))
                  (if (i32.and (i32.ne (local.get $a) (global.get $window))
                        (i32.and (i32.ge_s (local.get $c) (i32.const 0)) (i32.lt_s (local.get $c) (local.get $n))))
                    (then
                      (local.set $last (i32.load (i32.add (global.get $sen) (i32.shl (local.get $c) (i32.const 2)))))
                      (if (i32.eqz (call $locked (local.get $last)))
                        (then (call $add (global.get $neu1e) (i32.add (global.get $syn0) (i32.mul (local.get $last) (global.get $dimBytes))))))))
                  (local.set $a (i32.add (local.get $a) (i32.const 1)))
                  (br $back))))))
          (else (if (global.get $batch)
           (then (local.set $loss (f64.add (local.get $loss) (call $sgShared (local.get $pos) (local.get $n) (local.get $word) (local.get $b) (local.get $alpha)))))
           (else
            (local.set $a (local.get $b))
            (block $ctxDone2 (loop $ctx2
              (br_if $ctxDone2 (i32.ge_s (local.get $a) (local.get $end)))
              (local.set $c (i32.add (i32.sub (local.get $pos) (global.get $window)) (local.get $a)))
              (if (i32.and (i32.ne (local.get $a) (global.get $window))
                    (i32.and (i32.ge_s (local.get $c) (i32.const 0)) (i32.lt_s (local.get $c) (local.get $n))))
                (then
                  (local.set $last (i32.load (i32.add (global.get $sen) (i32.shl (local.get $c) (i32.const 2)))))
                  (local.set $l1 (i32.add (global.get $syn0) (i32.mul (local.get $last) (global.get $dimBytes))))
                  (call $zero (global.get $neu1e))
                  (local.set $loss (f64.add (local.get $loss) (call $update (local.get $l1) (local.get $word) (local.get $alpha))))
                  (if (i32.eqz (call $locked (local.get $last)))
                    (then (call $add (global.get $neu1e) (local.get $l1))))))
              (local.set $a (i32.add (local.get $a) (i32.const 1)))
              (br $ctx2)))))))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (br $words)))
    (local.get $loss))
)
