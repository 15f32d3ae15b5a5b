;; Copyright 2026 the sluice authors. MIT license.
;; The lines of a byte region that contain a literal, found with SIMD.
;; `deno task wasm` turns this file into _literal_wasm.ts; a test checks that
;; the two agree. lib/io/_literal_search.ts lays out the memory and calls it.
;;
;; A region is a run of lines: each ends at an LF (10), and bytes after the
;; last LF form one more line. A CR is a byte of its line like any other.
;; The needle (1 byte or more, no LF) is set once with `setNeedle`.
;;
;; Each 16 bytes are loaded once: compared with LF (to count lines) and with
;; the needle's first byte, and the bytes (needle length - 1) further on with
;; its last byte. Only where both agree are the bytes between compared.

(module
  (memory (export "memory") 1)

  (global $needle (mut i32) (i32.const 0))
  (global $needleLen (mut i32) (i32.const 1))
  (global $first (mut v128) (v128.const i64x2 0 0))
  (global $last (mut v128) (v128.const i64x2 0 0))
  ;; Where `scan` stopped (the start of the first line it did not finish),
  ;; and that line's index.
  (global $next (export "next") (mut i32) (i32.const 0))
  (global $line (export "line") (mut i32) (i32.const 0))

  ;; The needle is `len` bytes at `ptr`.
  (func (export "setNeedle") (param $ptr i32) (param $len i32)
    (global.set $needle (local.get $ptr))
    (global.set $needleLen (local.get $len))
    (global.set $first (i8x16.splat (i32.load8_u (local.get $ptr))))
    (global.set $last
      (i8x16.splat
        (i32.load8_u
          (i32.sub (i32.add (local.get $ptr) (local.get $len)) (i32.const 1))))))

  ;; Whether the needle's bytes between its first and last are at `at`.
  (func $inner (param $at i32) (result i32)
    (local $k i32)
    (local $end i32)
    (local.set $k (i32.const 1))
    (local.set $end (i32.sub (global.get $needleLen) (i32.const 1)))
    (block $no
      (loop $bytes
        (br_if $no (i32.ge_s (local.get $k) (local.get $end)))
        (if (i32.ne
              (i32.load8_u (i32.add (local.get $at) (local.get $k)))
              (i32.load8_u (i32.add (global.get $needle) (local.get $k))))
          (then (return (i32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $bytes)))
    (i32.const 1))

  ;; The first LF in [p, end), or `end`. Reads up to 15 bytes past `end`.
  (func $lineEnd (param $p i32) (param $end i32) (result i32)
    (local $m i32)
    (block $none
      (loop $blocks
        (br_if $none (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $m
          (i8x16.bitmask
            (i8x16.eq (v128.load (local.get $p)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (if (local.get $m)
          (then
            (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $m))))
            (return
              (select (local.get $p) (local.get $end)
                (i32.lt_u (local.get $p) (local.get $end))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.get $end))

  ;; The bits below `n` (0 to 16) of a 16-bit mask.
  (func $below (param $n i32) (result i32)
    (i32.sub (i32.shl (i32.const 1) (local.get $n)) (i32.const 1)))

  ;; Scans the lines of [p, end), the first with index `line`: stores a span
  ;; (start, end without its LF, index) for each line that contains the
  ;; needle (or, when `invert`, does not) at `out`, 12 bytes each, `cap` at
  ;; most, and returns how many it stored. With `cap` 0 it stores nothing and
  ;; returns how many lines of the region are kept. Sets `next` and `line` to
  ;; where it stopped: `end` and the index after the region's last line when
  ;; it scanned the whole region. Reads up to needle length + 15 bytes past
  ;; `end`.
  (func (export "scan")
    (param $p i32) (param $end i32) (param $line i32)
    (param $out i32) (param $cap i32) (param $invert i32)
    (result i32)
    (local $i i32)        ;; the block being looked at
    (local $lfs i32)      ;; index of the line at $i (LFs before it, counted)
    (local $ls i32)       ;; start of the line at $i
    (local $a v128)
    (local $lf i32)       ;; LF bits of the block
    (local $m i32)        ;; candidate bits of the block
    (local $valid i32)    ;; candidate starts left
    (local $c i32)
    (local $k i32)
    (local $bits i32)
    (local $start i32)    ;; the matching line's start, end and index
    (local $stop i32)
    (local $idx i32)
    (local $n i32)        ;; spans stored (or lines kept, when counting)
    (local $s i32)
    (local $e i32)
    (local.set $i (local.get $p))
    (local.set $lfs (local.get $line))
    (local.set $ls (local.get $p))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $a (v128.load (local.get $i)))
        (local.set $lf
          (i8x16.bitmask
            (i8x16.eq (local.get $a) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (if (i32.lt_u (i32.sub (local.get $end) (local.get $i)) (i32.const 16))
          (then
            (local.set $lf
              (i32.and (local.get $lf)
                (call $below (i32.sub (local.get $end) (local.get $i)))))))
        ;; Candidate starts: $i + 0 .. $end - needleLen.
        (local.set $valid
          (i32.sub
            (i32.sub (local.get $end) (global.get $needleLen))
            (i32.sub (local.get $i) (i32.const 1))))
        (local.set $m (i32.const 0))
        (if (i32.gt_s (local.get $valid) (i32.const 0))
          (then
            (local.set $m
              (i8x16.bitmask
                (v128.and
                  (i8x16.eq (local.get $a) (global.get $first))
                  (i8x16.eq
                    (v128.load
                      (i32.sub
                        (i32.add (local.get $i) (global.get $needleLen))
                        (i32.const 1)))
                    (global.get $last)))))
            (if (i32.lt_s (local.get $valid) (i32.const 16))
              (then
                (local.set $m
                  (i32.and (local.get $m) (call $below (local.get $valid))))))))
        (block $nomatch
          (loop $candidates
            (br_if $nomatch (i32.eqz (local.get $m)))
            (local.set $k (i32.ctz (local.get $m)))
            (local.set $c (i32.add (local.get $i) (local.get $k)))
            (if (call $inner (local.get $c))
              (then
                ;; The matching line: its index and start from the LFs
                ;; before the match, its end from the first LF after it.
                (local.set $bits
                  (i32.and (local.get $lf) (call $below (local.get $k))))
                (local.set $idx
                  (i32.add (local.get $lfs) (i32.popcnt (local.get $bits))))
                (local.set $start
                  (select
                    (i32.sub
                      (i32.add (local.get $i) (i32.const 32))
                      (i32.clz (local.get $bits)))
                    (local.get $ls)
                    (local.get $bits)))
                (local.set $stop
                  (call $lineEnd
                    (i32.add (local.get $c) (global.get $needleLen))
                    (local.get $end)))
                (if (local.get $invert)
                  (then
                    ;; The lines from $p to the matching line are kept.
                    (if (i32.eqz (local.get $cap))
                      (then
                        (local.set $n
                          (i32.add (local.get $n)
                            (i32.sub (local.get $idx) (local.get $line)))))
                      (else
                        (local.set $s (local.get $p))
                        (block $kept
                          (loop $lines
                            (br_if $kept
                              (i32.ge_u (local.get $s) (local.get $start)))
                            (if (i32.eq (local.get $n) (local.get $cap))
                              (then
                                (global.set $next (local.get $s))
                                (global.set $line (local.get $line))
                                (return (local.get $n))))
                            (local.set $e
                              (call $lineEnd (local.get $s) (local.get $start)))
                            (call $store (local.get $out) (local.get $n)
                              (local.get $s) (local.get $e) (local.get $line))
                            (local.set $n (i32.add (local.get $n) (i32.const 1)))
                            (local.set $line
                              (i32.add (local.get $line) (i32.const 1)))
                            (local.set $s (i32.add (local.get $e) (i32.const 1)))
                            (br $lines))))))
                  (else
                    (if (local.get $cap)
                      (then
                        (call $store (local.get $out) (local.get $n)
                          (local.get $start) (local.get $stop) (local.get $idx))))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))
                ;; Go on after the matching line.
                (local.set $line (i32.add (local.get $idx) (i32.const 1)))
                (local.set $p
                  (select
                    (i32.add (local.get $stop) (i32.const 1))
                    (local.get $end)
                    (i32.lt_u (local.get $stop) (local.get $end))))
                (if (i32.and
                      (i32.eqz (local.get $invert))
                      (i32.and
                        (i32.ne (local.get $cap) (i32.const 0))
                        (i32.eq (local.get $n) (local.get $cap))))
                  (then
                    (global.set $next (local.get $p))
                    (global.set $line (local.get $line))
                    (return (local.get $n))))
                (local.set $i (local.get $p))
                (local.set $lfs (local.get $line))
                (local.set $ls (local.get $p))
                (br $blocks)))
            (local.set $m
              (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
            (br $candidates)))
        (local.set $lfs (i32.add (local.get $lfs) (i32.popcnt (local.get $lf))))
        (if (local.get $lf)
          (then
            (local.set $ls
              (i32.sub
                (i32.add (local.get $i) (i32.const 32))
                (i32.clz (local.get $lf))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $blocks)))
    ;; No match in [p, end): it holds $lfs - $line whole lines, and one more
    ;; when bytes follow its last LF.
    (local.set $lfs
      (i32.add (local.get $lfs)
        (i32.lt_u (local.get $ls) (local.get $end))))
    (if (local.get $invert)
      (then
        (if (i32.eqz (local.get $cap))
          (then
            (local.set $n
              (i32.add (local.get $n)
                (i32.sub (local.get $lfs) (local.get $line)))))
          (else
            (local.set $s (local.get $p))
            (block $kept
              (loop $lines
                (br_if $kept (i32.ge_u (local.get $s) (local.get $end)))
                (if (i32.eq (local.get $n) (local.get $cap))
                  (then
                    (global.set $next (local.get $s))
                    (global.set $line (local.get $line))
                    (return (local.get $n))))
                (local.set $e (call $lineEnd (local.get $s) (local.get $end)))
                (call $store (local.get $out) (local.get $n)
                  (local.get $s) (local.get $e) (local.get $line))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (local.set $line (i32.add (local.get $line) (i32.const 1)))
                (local.set $s (i32.add (local.get $e) (i32.const 1)))
                (br $lines)))))))
    (global.set $next (local.get $end))
    (global.set $line (local.get $lfs))
    (local.get $n))

  ;; Stores span number `n` at `out`.
  (func $store (param $out i32) (param $n i32)
    (param $start i32) (param $end i32) (param $index i32)
    (local $at i32)
    (local.set $at
      (i32.add (local.get $out) (i32.mul (local.get $n) (i32.const 12))))
    (i32.store (local.get $at) (local.get $start))
    (i32.store offset=4 (local.get $at) (local.get $end))
    (i32.store offset=8 (local.get $at) (local.get $index)))
)
