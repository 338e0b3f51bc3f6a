;; The hot loop of the text vector reader (GloVe / word2vec text / fastText .vec), in WebAssembly: the same
;; rules as `parseRange` in ../parallel-text.ts, faster than the JIT-compiled JS loop and free of its
;; deoptimizations (~400 MB/s per thread here against 130-300 MB/s).
;;
;; parse(p, stop, dim, out, rec, maxRows, pow) reads whole lines from memory[p, stop) (stop is just past a
;; newline, and at least 16 readable bytes follow it), at most maxRows of them, and returns how many; the
;; position after the last line read is then `pos()`. For line r:
;;   - taken: the `dim` values are stored as float32 at out + 4 * (r * dim + k), and
;;            rec[2r], rec[2r + 1] = start and end byte of the word (ASCII);
;;   - deferred: rec[2r] = -1 - (line start), rec[2r + 1] = its newline; the row is not written.
;; A line is taken when: the word is 1+ ASCII bytes up to the first space; then exactly `dim` values, each
;; [-]digits[.digits][(e|E)[+|-]digits] separated by spaces or tabs; then optional spaces/tabs, an optional
;; CR, and the newline. A value is read as m (its digits as an integer) times 10^e10 (e10 = exponent -
;; fraction digits); it is taken only when m <= 2^53 and |e10| <= 22, so that m and 10^|e10| are exact doubles
;; and one multiply or divide gives the correctly rounded double (Clinger's fast path): the same double as
;; JavaScript's parseFloat, then rounded to float32 as a Float32Array store does. Everything else (blank
;; lines, non-ASCII words, more digits, wrong counts, garbage) is deferred to the JS slow path, which
;; parses it the general way or reports the error with file and line.
;;
;; The module has its own memory (grown by the caller): `pow` points at 23 float64 powers of ten (10^0 ..
;; 10^22) written by the caller, the input bytes and the output rows live wherever the caller puts them.
;;
;; Two paths per value. The fast one takes the common token (one space before it, [-]1-8 digits '.' 1-7
;; digits) with one 16-byte SIMD load and two 8-digit SWAR conversions, so the address of the next token
;; depends on a short chain of instructions. The general one reads a byte at a time, four fraction digits at
;; a time when it can (SWAR: x = 4 bytes little-endian; all digits when every high nibble is 3 and adding 6
;; to each byte keeps it so; d = x - '0000'; q = (d * 10 + (d >> 8)) & 0x00ff00ff holds two 2-digit values;
;; (q * 100 + (q >> 16)) & 0xffff is the 4-digit value).
(module
  (memory (export "memory") 1 65536)
  (global $pos (mut i32) (i32.const 0))
  (func (export "pos") (result i32) (global.get $pos))

;; The value of 8 digit bytes (0-9 each, first digit in the lowest byte; zero bytes are leading zeros).
  (func $digits8 (param $v i64) (result i64)
    (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.shr_u (local.get $v) (i64.const 8))))
    (i64.and
      (i64.shr_u
        (i64.add
          (i64.mul (i64.and (local.get $v) (i64.const 0x000000ff000000ff)) (i64.const 0x000f424000000064))
          (i64.mul (i64.and (i64.shr_u (local.get $v) (i64.const 16)) (i64.const 0x000000ff000000ff)) (i64.const 0x0000271000000001)))
        (i64.const 32))
      (i64.const 0xffffffff)))

;; count(p, n): the newlines in memory[p, p + n), 16 bytes per step (the counting pass of the block reader:
;; ~10x faster than Buffer.indexOf per line, which pays a call per line).
  (func (export "count") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $c i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (loop $wide
        (br_if $done (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $c (i32.add (local.get $c)
          (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (i32.const 10)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $wide)))
    (block $tail
      (loop $byte
        (br_if $tail (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c (i32.add (local.get $c) (i32.eq (i32.load8_u (local.get $p)) (i32.const 10))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $byte)))
    (local.get $c))

  (func (export "parse")
    (param $p i32) (param $stop i32) (param $dim i32) (param $out i32) (param $rec i32) (param $maxRows i32) (param $pow i32)
    (result i32)
    (local $rows i32) (local $ls i32) (local $c i32) (local $hi i32) (local $we i32) (local $k i32) (local $o i32)
    (local $neg i32) (local $is i32) (local $nd i32) (local $fs i32) (local $scale i32) (local $x i32) (local $d i32)
    (local $q i32) (local $m i64) (local $v f64) (local $ni i32) (local $nf i32) (local $pf f64) (local $t i32) (local $len i32) (local $dot i32) (local $tok i32) (local $vec v128) (local $e10 i32) (local $ex i32) (local $eneg i32) (local $es i32)
    (block $exit
      (loop $line
        (br_if $exit (i32.ge_u (local.get $rows) (local.get $maxRows)))
        (br_if $exit (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $ls (local.get $p))
        (local.set $hi (i32.const 0))
        (local.set $c (i32.load8_u (local.get $p)))
        ;; the word: up to the first space (or newline)
        (block $wend
          (loop $word
            (br_if $wend (i32.eq (local.get $c) (i32.const 32)))
            (br_if $wend (i32.eq (local.get $c) (i32.const 10)))
            (local.set $hi (i32.or (local.get $hi) (local.get $c)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $c (i32.load8_u (local.get $p)))
            (br $word)))
        (local.set $we (local.get $p))
        (block $defer
          (br_if $defer (i32.eq (local.get $c) (i32.const 10)))
          (br_if $defer (i32.eq (local.get $p) (local.get $ls)))
          (br_if $defer (i32.ge_u (local.get $hi) (i32.const 128)))
          (local.set $o (i32.add (local.get $out) (i32.shl (i32.mul (local.get $rows) (local.get $dim)) (i32.const 2))))
          (local.set $k (i32.const 0))
          (block $vend
            (loop $val
              (br_if $vend (i32.ge_u (local.get $k) (local.get $dim)))
              ;; Fast case: one space, then a token [-](1-8 digits).(1-7 digits) followed by a space, tab, CR
              ;; or newline, found with one 16-byte load so that the next token's address depends on a
              ;; short chain (load, compare, bitmask, ctz) instead of a byte-by-byte scan.
              (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 32))
                (then
                  (local.set $t (i32.add (local.get $p) (i32.const 1)))
                  (local.set $vec (v128.load align=1 (local.get $t)))
                  (local.set $len (i32.ctz (i32.or (i8x16.bitmask (i8x16.le_u (local.get $vec) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))) (i32.const 0x8000))))
                  (local.set $dot (i32.ctz (i32.or (i8x16.bitmask (i8x16.eq (local.get $vec) (v128.const i8x16 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46))) (i32.const 0x10000))))
                  (local.set $neg (i32.eq (i8x16.extract_lane_u 0 (local.get $vec)) (i32.const 45)))
                  (local.set $tok (i32.sub (i32.shl (i32.const 1) (local.get $len)) (i32.const 1)))
                  (local.set $ni (i32.sub (local.get $dot) (local.get $neg)))
                  (local.set $nf (i32.sub (i32.sub (local.get $len) (local.get $dot)) (i32.const 1)))
                  (local.set $c (i32.load8_u (i32.add (local.get $t) (local.get $len))))
                  (if (i32.and
                        (i32.and
                          ;; every byte of the token but the sign and the point is a digit
                          (i32.eq (i32.and (i8x16.bitmask (i8x16.lt_u (i8x16.sub (local.get $vec) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48))
                                                                      (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))
                                           (local.get $tok))
                                  (i32.and (i32.and (local.get $tok) (i32.xor (i32.shl (i32.const 1) (local.get $dot)) (i32.const -1))) (i32.xor (local.get $neg) (i32.const -1))))
                          (i32.and (i32.lt_u (i32.sub (local.get $ni) (i32.const 1)) (i32.const 8))
                                   (i32.lt_u (i32.sub (local.get $nf) (i32.const 1)) (i32.const 7))))
                        (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 10)))
                                (i32.or (i32.eq (local.get $c) (i32.const 13)) (i32.eq (local.get $c) (i32.const 9)))))
                    (then
                      ;; m = int * 10^nf + frac < 10^15 is exact in a double, so one division rounds correctly.
                      (local.set $pf (f64.load (i32.add (local.get $pow) (i32.shl (local.get $nf) (i32.const 3)))))
                      (local.set $v (f64.div
                        (f64.add
                          (f64.mul (f64.convert_i64_u (call $digits8 (i64.shl (i64.xor (i64.load align=1 (i32.add (local.get $t) (local.get $neg))) (i64.const 0x3030303030303030))
                                                                              (i64.extend_i32_u (i32.shl (i32.sub (i32.const 8) (local.get $ni)) (i32.const 3))))))
                                   (local.get $pf))
                          (f64.convert_i64_u (call $digits8 (i64.shl (i64.xor (i64.load align=1 (i32.add (i32.add (local.get $t) (local.get $dot)) (i32.const 1))) (i64.const 0x3030303030303030))
                                                                     (i64.extend_i32_u (i32.shl (i32.sub (i32.const 8) (local.get $nf)) (i32.const 3)))))))
                        (local.get $pf)))
                      (f32.store (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 2)))
                        (f32.demote_f64 (select (f64.neg (local.get $v)) (local.get $v) (local.get $neg))))
                      (local.set $p (i32.add (local.get $t) (local.get $len)))
                      (local.set $k (i32.add (local.get $k) (i32.const 1)))
                      (br $val)))))
              (local.set $c (i32.load8_u (local.get $p)))
              (block $sk
                (loop $s
                  (br_if $sk (i32.and (i32.ne (local.get $c) (i32.const 32)) (i32.ne (local.get $c) (i32.const 9))))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $c (i32.load8_u (local.get $p)))
                  (br $s)))
              (local.set $neg (i32.eq (local.get $c) (i32.const 45)))
              (local.set $p (i32.add (local.get $p) (local.get $neg)))
              (local.set $c (i32.load8_u (local.get $p)))
              ;; General case, a byte at a time.
              (local.set $c (i32.load8_u (local.get $p)))
              (local.set $is (local.get $p))
              (local.set $m (i64.const 0))
              (block $ie
                (loop $id
                  (br_if $ie (i32.ge_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))
                  (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48)))))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $c (i32.load8_u (local.get $p)))
                  (br $id)))
              (local.set $nd (i32.sub (local.get $p) (local.get $is)))
              (local.set $scale (i32.const 0))
              (if (i32.eq (local.get $c) (i32.const 46))
                (then
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $fs (local.get $p))
                  (block $swe
                    (loop $sw
                      (local.set $x (i32.load align=1 (local.get $p)))
                      (br_if $swe (i32.ne (i32.and (local.get $x) (i32.const 0xf0f0f0f0)) (i32.const 0x30303030)))
                      (br_if $swe (i32.ne (i32.and (i32.add (local.get $x) (i32.const 0x06060606)) (i32.const 0xf0f0f0f0)) (i32.const 0x30303030)))
                      (local.set $d (i32.sub (local.get $x) (i32.const 0x30303030)))
                      (local.set $q (i32.and (i32.add (i32.mul (local.get $d) (i32.const 10)) (i32.shr_u (local.get $d) (i32.const 8))) (i32.const 0x00ff00ff)))
                      (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10000))
                        (i64.extend_i32_u (i32.and (i32.add (i32.mul (local.get $q) (i32.const 100)) (i32.shr_u (local.get $q) (i32.const 16))) (i32.const 0xffff)))))
                      (local.set $p (i32.add (local.get $p) (i32.const 4)))
                      ;; at most 16 fraction digits this way; more go byte by byte and are counted below
                      (br_if $sw (i32.lt_u (i32.sub (local.get $p) (local.get $fs)) (i32.const 16)))))
                  (local.set $c (i32.load8_u (local.get $p)))
                  (block $fe
                    (loop $fd
                      (br_if $fe (i32.ge_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))
                      ;; stop accumulating past 19 digits (m would overflow); the count below defers the line
                      (if (i32.lt_u (i32.add (local.get $nd) (i32.sub (local.get $p) (local.get $fs))) (i32.const 19))
                        (then (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48)))))))
                      (local.set $p (i32.add (local.get $p) (i32.const 1)))
                      (local.set $c (i32.load8_u (local.get $p)))
                      (br $fd)))
                  (local.set $scale (i32.sub (local.get $p) (local.get $fs)))
                  (local.set $nd (i32.add (local.get $nd) (local.get $scale)))))
              (br_if $defer (i32.eqz (local.get $nd)))
              (br_if $defer (i32.gt_u (local.get $nd) (i32.const 19)))
              (br_if $defer (i64.gt_u (local.get $m) (i64.const 9007199254740992)))
              (local.set $e10 (i32.sub (i32.const 0) (local.get $scale)))
              (if (i32.eq (i32.or (local.get $c) (i32.const 32)) (i32.const 101)) ;; 'e' or 'E'
                (then
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $c (i32.load8_u (local.get $p)))
                  (local.set $eneg (i32.eq (local.get $c) (i32.const 45)))
                  (if (i32.or (local.get $eneg) (i32.eq (local.get $c) (i32.const 43)))
                    (then
                      (local.set $p (i32.add (local.get $p) (i32.const 1)))
                      (local.set $c (i32.load8_u (local.get $p)))))
                  (local.set $es (local.get $p))
                  (local.set $ex (i32.const 0))
                  (block $xe
                    (loop $xd
                      (br_if $xe (i32.ge_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))
                      (br_if $defer (i32.ge_u (i32.sub (local.get $p) (local.get $es)) (i32.const 4)))
                      (local.set $ex (i32.add (i32.mul (local.get $ex) (i32.const 10)) (i32.sub (local.get $c) (i32.const 48))))
                      (local.set $p (i32.add (local.get $p) (i32.const 1)))
                      (local.set $c (i32.load8_u (local.get $p)))
                      (br $xd)))
                  (br_if $defer (i32.eq (local.get $p) (local.get $es)))
                  (local.set $e10 (i32.add (local.get $e10) (select (i32.sub (i32.const 0) (local.get $ex)) (local.get $ex) (local.get $eneg))))))
              ;; the value must end at a separator
              (br_if $defer
                (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 10)))
                                 (i32.or (i32.eq (local.get $c) (i32.const 13)) (i32.eq (local.get $c) (i32.const 9))))))
              (br_if $defer (i32.gt_s (local.get $e10) (i32.const 22)))
              (br_if $defer (i32.lt_s (local.get $e10) (i32.const -22)))
              (local.set $v (f64.convert_i64_u (local.get $m)))
              (if (i32.ge_s (local.get $e10) (i32.const 0))
                (then (local.set $v (f64.mul (local.get $v) (f64.load (i32.add (local.get $pow) (i32.shl (local.get $e10) (i32.const 3)))))))
                (else (local.set $v (f64.div (local.get $v) (f64.load (i32.add (local.get $pow) (i32.shl (i32.sub (i32.const 0) (local.get $e10)) (i32.const 3))))))))
              (if (local.get $neg) (then (local.set $v (f64.neg (local.get $v)))))
              (f32.store (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 2))) (f32.demote_f64 (local.get $v)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $val)))
          ;; the end of the line: spaces or tabs, an optional CR, the newline
          (local.set $c (i32.load8_u (local.get $p)))
          (block $tk
            (loop $t
              (br_if $tk (i32.and (i32.ne (local.get $c) (i32.const 32)) (i32.ne (local.get $c) (i32.const 9))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (local.set $c (i32.load8_u (local.get $p)))
              (br $t)))
          (if (i32.eq (local.get $c) (i32.const 13))
            (then
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (local.set $c (i32.load8_u (local.get $p)))))
          (br_if $defer (i32.ne (local.get $c) (i32.const 10)))
          (i32.store (i32.add (local.get $rec) (i32.shl (local.get $rows) (i32.const 3))) (local.get $ls))
          (i32.store offset=4 (i32.add (local.get $rec) (i32.shl (local.get $rows) (i32.const 3))) (local.get $we))
          (local.set $rows (i32.add (local.get $rows) (i32.const 1)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $line))
        ;; deferred: find this line's newline, record the line
        (local.set $p (local.get $ls))
        (block $nf
          (loop $n
            (br_if $nf (i32.eq (i32.load8_u (local.get $p)) (i32.const 10)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $n)))
        (i32.store (i32.add (local.get $rec) (i32.shl (local.get $rows) (i32.const 3))) (i32.sub (i32.const -1) (local.get $ls)))
        (i32.store offset=4 (i32.add (local.get $rec) (i32.shl (local.get $rows) (i32.const 3))) (local.get $p))
        (local.set $rows (i32.add (local.get $rows) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $line)))
    (global.set $pos (local.get $p))
    (local.get $rows)))
