;; The project's one SIMD GEMM (WebAssembly f32x4), shared by the Transformer's batched products and the
;; analogy search's similarity product.
;;   C (M x N) = A (M x K, element (i, k) at i*ars + k*acs) x B (K x N, row stride ldb), C row stride ldc.
;; N must be a multiple of 8 (callers pad). Rows are done 4 at a time (8 accumulators, each B load feeds 4
;; rows), the last M % 4 rows one at a time; columns go in tiles of `tn` so a K x tn panel of B stays in
;; cache while every row of A passes over it (without tiles a 100 x 65536 B is streamed from memory once per
;; 4 rows). Every element is summed in k order, c = c + a*b (a mul then an add, no fused madd), so tiling
;; and blocking never change a result bit.
;; Rebuild: build.sh (wabt); the .wasm is committed.
(module
  (memory (export "memory") 1)
  ;; 4-row block: rows i..i+3, columns j..j+7
  (func $rows4 (param $pa i32) (param $pb i32) (param $pc i32) (param $ldb4 i32) (param $ldc4 i32) (param $K i32) (param $ars4 i32) (param $acs4 i32)
    (local $k i32) (local $bv0 v128) (local $bv1 v128) (local $s v128) (local $pa_k i32) (local $ars8 i32) (local $ars12 i32)
    (local $c00 v128) (local $c01 v128)
    (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128)
    (local $c30 v128) (local $c31 v128)
    (local.set $k (i32.const 0))
    (local.set $pa_k (local.get $pa))
    ;; Row offsets hoisted out of the k loop; v128.load32_splat is one broadcast load (vbroadcastss).
    (local.set $ars8 (i32.shl (local.get $ars4) (i32.const 1)))
    (local.set $ars12 (i32.add (local.get $ars8) (local.get $ars4)))
    (block $done (loop $kloop
      (br_if $done (i32.ge_u (local.get $k) (local.get $K)))
      (local.set $bv0 (v128.load (local.get $pb)))
      (local.set $bv1 (v128.load offset=16 (local.get $pb)))
      (local.set $s (v128.load32_splat (local.get $pa_k)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (local.get $bv0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (local.get $bv1))))
      (local.set $s (v128.load32_splat (i32.add (local.get $pa_k) (local.get $ars4))))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $s) (local.get $bv0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $s) (local.get $bv1))))
      (local.set $s (v128.load32_splat (i32.add (local.get $pa_k) (local.get $ars8))))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $s) (local.get $bv0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $s) (local.get $bv1))))
      (local.set $s (v128.load32_splat (i32.add (local.get $pa_k) (local.get $ars12))))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $s) (local.get $bv0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $s) (local.get $bv1))))
      (local.set $pa_k (i32.add (local.get $pa_k) (local.get $acs4)))
      (local.set $pb (i32.add (local.get $pb) (local.get $ldb4)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $kloop)))
    (v128.store (local.get $pc) (local.get $c00))
    (v128.store offset=16 (local.get $pc) (local.get $c01))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc4)))
    (v128.store (local.get $pc) (local.get $c10))
    (v128.store offset=16 (local.get $pc) (local.get $c11))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc4)))
    (v128.store (local.get $pc) (local.get $c20))
    (v128.store offset=16 (local.get $pc) (local.get $c21))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc4)))
    (v128.store (local.get $pc) (local.get $c30))
    (v128.store offset=16 (local.get $pc) (local.get $c31))
  )
  ;; 1-row block: row i, columns j..j+7
  (func $rows1 (param $pa i32) (param $pb i32) (param $pc i32) (param $ldb4 i32) (param $K i32) (param $acs4 i32)
    (local $k i32) (local $bv0 v128) (local $bv1 v128) (local $s v128) (local $pa_k i32)
    (local $c00 v128) (local $c01 v128)
    (local.set $k (i32.const 0))
    (local.set $pa_k (local.get $pa))
    (block $done (loop $kloop
      (br_if $done (i32.ge_u (local.get $k) (local.get $K)))
      (local.set $bv0 (v128.load (local.get $pb)))
      (local.set $bv1 (v128.load offset=16 (local.get $pb)))
      (local.set $s (v128.load32_splat (local.get $pa_k)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (local.get $bv0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (local.get $bv1))))
      (local.set $pa_k (i32.add (local.get $pa_k) (local.get $acs4)))
      (local.set $pb (i32.add (local.get $pb) (local.get $ldb4)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $kloop)))
    (v128.store (local.get $pc) (local.get $c00))
    (v128.store offset=16 (local.get $pc) (local.get $c01))
  )
  ;; One product, pointers in bytes, strides and sizes in elements; tn: columns per tile (a multiple of 8).
  (func $gemm (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $M i32) (param $N i32) (param $K i32)
        (param $ars i32) (param $acs i32) (param $ldb i32) (param $ldc i32) (param $tn i32)
    (local $i i32) (local $j i32) (local $j0 i32) (local $j1 i32) (local $ldb4 i32) (local $ldc4 i32) (local $ars4 i32) (local $acs4 i32)
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $ldc4 (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $ars4 (i32.shl (local.get $ars) (i32.const 2)))
    (local.set $acs4 (i32.shl (local.get $acs) (i32.const 2)))
    (local.set $j0 (i32.const 0))
    (block $tdone (loop $tloop
      (br_if $tdone (i32.ge_u (local.get $j0) (local.get $N)))
      (local.set $j1 (i32.add (local.get $j0) (local.get $tn)))
      (if (i32.gt_u (local.get $j1) (local.get $N)) (then (local.set $j1 (local.get $N))))
      (local.set $i (i32.const 0))
      (block $idone (loop $iloop
        (br_if $idone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $M)))
        (local.set $j (local.get $j0))
        (block $jdone (loop $jloop
          (br_if $jdone (i32.ge_u (local.get $j) (local.get $j1)))
          (call $rows4
            (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars4)))
            (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))
            (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc4)) (i32.shl (local.get $j) (i32.const 2))))
            (local.get $ldb4) (local.get $ldc4) (local.get $K) (local.get $ars4) (local.get $acs4))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br $jloop)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $iloop)))
      (block $rdone (loop $rloop
        (br_if $rdone (i32.ge_u (local.get $i) (local.get $M)))
        (local.set $j (local.get $j0))
        (block $jdone1 (loop $jloop1
          (br_if $jdone1 (i32.ge_u (local.get $j) (local.get $j1)))
          (call $rows1
            (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars4)))
            (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))
            (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc4)) (i32.shl (local.get $j) (i32.const 2))))
            (local.get $ldb4) (local.get $K) (local.get $acs4))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br $jloop1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rloop)))
      (local.set $j0 (local.get $j1))
      (br $tloop)))
  )
  ;; `batch` products C[n] = A[n] x B[n] (B and C row-major, N wide), element strides between the pairs.
  (func (export "mm") (param $a i32) (param $b i32) (param $c i32) (param $batch i32)
        (param $M i32) (param $N i32) (param $K i32) (param $ars i32) (param $acs i32)
        (param $aStride i32) (param $bStride i32) (param $cStride i32)
    (local $n i32)
    (local.set $n (i32.const 0))
    (block $bdone (loop $bloop
      (br_if $bdone (i32.ge_u (local.get $n) (local.get $batch)))
      (call $gemm
        (i32.add (local.get $a) (i32.shl (i32.mul (local.get $n) (local.get $aStride)) (i32.const 2)))
        (i32.add (local.get $b) (i32.shl (i32.mul (local.get $n) (local.get $bStride)) (i32.const 2)))
        (i32.add (local.get $c) (i32.shl (i32.mul (local.get $n) (local.get $cStride)) (i32.const 2)))
        (local.get $M) (local.get $N) (local.get $K) (local.get $ars) (local.get $acs) (local.get $N) (local.get $N) (i32.const 256))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $bloop)))
  )
  ;; out[b] (C x R) = in[b] (R x C) transposed, for B^T in dA = dY B^T.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $batch i32) (param $R i32) (param $C i32)
    (local $n i32) (local $r i32) (local $c i32) (local $ps i32) (local $pd i32) (local $size i32)
    (local.set $size (i32.mul (local.get $R) (local.get $C)))
    (local.set $n (i32.const 0))
    (block $bdone (loop $bloop
      (br_if $bdone (i32.ge_u (local.get $n) (local.get $batch)))
      (local.set $ps (i32.add (local.get $src) (i32.shl (i32.mul (local.get $n) (local.get $size)) (i32.const 2))))
      (local.set $pd (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $n) (local.get $size)) (i32.const 2))))
      (local.set $r (i32.const 0))
      (block $rdone (loop $rloop
        (br_if $rdone (i32.ge_u (local.get $r) (local.get $R)))
        (local.set $c (i32.const 0))
        (block $cdone (loop $cloop
          (br_if $cdone (i32.ge_u (local.get $c) (local.get $C)))
          (f32.store
            (i32.add (local.get $pd) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $R)) (local.get $r)) (i32.const 2)))
            (f32.load (i32.add (local.get $ps) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $c)) (i32.const 2)))))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $cloop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rloop)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $bloop)))
  )
;; Block maxima for the analogy search's upper bounds: blocks of 32 consecutive columns (the last one may be
;; shorter). f32.max / f32x4.max: NaN if any value is NaN, max(-0, +0) = +0.
;; out [rows, ceil(n / 32)] = per row of x (rows x n, row stride n) the max of each block.
  (func (export "blockmax") (param $x i32) (param $rows i32) (param $n i32) (param $out i32)
    (local $r i32) (local $p i32) (local $end i32) (local $fullEnd i32) (local $m v128) (local $s f32)
    (local.set $r (i32.const 0))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $p (i32.add (local.get $x) (i32.shl (i32.mul (local.get $r) (local.get $n)) (i32.const 2))))
      (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
      (local.set $fullEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -32)) (i32.const 2))))
      (block $kdone (loop $kloop
        (br_if $kdone (i32.ge_u (local.get $p) (local.get $fullEnd)))
        (local.set $m
          (f32x4.max
            (f32x4.max
              (f32x4.max (v128.load (local.get $p)) (v128.load offset=16 (local.get $p)))
              (f32x4.max (v128.load offset=32 (local.get $p)) (v128.load offset=48 (local.get $p))))
            (f32x4.max
              (f32x4.max (v128.load offset=64 (local.get $p)) (v128.load offset=80 (local.get $p)))
              (f32x4.max (v128.load offset=96 (local.get $p)) (v128.load offset=112 (local.get $p))))))
        (f32.store (local.get $out)
          (f32.max
            (f32.max (f32x4.extract_lane 0 (local.get $m)) (f32x4.extract_lane 1 (local.get $m)))
            (f32.max (f32x4.extract_lane 2 (local.get $m)) (f32x4.extract_lane 3 (local.get $m)))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $p (i32.add (local.get $p) (i32.const 128)))
        (br $kloop)))
      (if (i32.lt_u (local.get $p) (local.get $end))
        (then
          (local.set $s (f32.load (local.get $p)))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (block $tdone (loop $tloop
            (br_if $tdone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $s (f32.max (local.get $s) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $tloop)))
          (f32.store (local.get $out) (local.get $s))
          (local.set $out (i32.add (local.get $out) (i32.const 4)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
  )
;; out [np, ceil(n / 32)] = per (a, b) row pair (i32 pairs at $pairs) the max of each block of x[b] - x[a]
;; (float32 subtraction).
  (func (export "pairmax") (param $x i32) (param $n i32) (param $pairs i32) (param $np i32) (param $out i32)
    (local $i i32) (local $pa i32) (local $pb i32) (local $end i32) (local $fullEnd i32) (local $m v128) (local $s f32)
    (local.set $i (i32.const 0))
    (block $idone (loop $iloop
      (br_if $idone (i32.ge_u (local.get $i) (local.get $np)))
      (local.set $pa (i32.add (local.get $x) (i32.shl (i32.mul (i32.load (local.get $pairs)) (local.get $n)) (i32.const 2))))
      (local.set $pb (i32.add (local.get $x) (i32.shl (i32.mul (i32.load offset=4 (local.get $pairs)) (local.get $n)) (i32.const 2))))
      (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $n) (i32.const 2))))
      (local.set $fullEnd (i32.add (local.get $pa) (i32.shl (i32.and (local.get $n) (i32.const -32)) (i32.const 2))))
      (block $kdone (loop $kloop
        (br_if $kdone (i32.ge_u (local.get $pa) (local.get $fullEnd)))
        (local.set $m
          (f32x4.max
            (f32x4.max
              (f32x4.max
                (f32x4.sub (v128.load (local.get $pb)) (v128.load (local.get $pa)))
                (f32x4.sub (v128.load offset=16 (local.get $pb)) (v128.load offset=16 (local.get $pa))))
              (f32x4.max
                (f32x4.sub (v128.load offset=32 (local.get $pb)) (v128.load offset=32 (local.get $pa)))
                (f32x4.sub (v128.load offset=48 (local.get $pb)) (v128.load offset=48 (local.get $pa)))))
            (f32x4.max
              (f32x4.max
                (f32x4.sub (v128.load offset=64 (local.get $pb)) (v128.load offset=64 (local.get $pa)))
                (f32x4.sub (v128.load offset=80 (local.get $pb)) (v128.load offset=80 (local.get $pa))))
              (f32x4.max
                (f32x4.sub (v128.load offset=96 (local.get $pb)) (v128.load offset=96 (local.get $pa)))
                (f32x4.sub (v128.load offset=112 (local.get $pb)) (v128.load offset=112 (local.get $pa)))))))
        (f32.store (local.get $out)
          (f32.max
            (f32.max (f32x4.extract_lane 0 (local.get $m)) (f32x4.extract_lane 1 (local.get $m)))
            (f32.max (f32x4.extract_lane 2 (local.get $m)) (f32x4.extract_lane 3 (local.get $m)))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 128)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 128)))
        (br $kloop)))
      (if (i32.lt_u (local.get $pa) (local.get $end))
        (then
          (local.set $s (f32.sub (f32.load (local.get $pb)) (f32.load (local.get $pa))))
          (local.set $pa (i32.add (local.get $pa) (i32.const 4)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 4)))
          (block $tdone (loop $tloop
            (br_if $tdone (i32.ge_u (local.get $pa) (local.get $end)))
            (local.set $s (f32.max (local.get $s) (f32.sub (f32.load (local.get $pb)) (f32.load (local.get $pa)))))
            (local.set $pa (i32.add (local.get $pa) (i32.const 4)))
            (local.set $pb (i32.add (local.get $pb) (i32.const 4)))
            (br $tloop)))
          (f32.store (local.get $out) (local.get $s))
          (local.set $out (i32.add (local.get $out) (i32.const 4)))))
      (local.set $pairs (i32.add (local.get $pairs) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iloop)))
  )
)
