;; Copyright 2026 the sluice authors. MIT license.
;; The lines of a byte region that contain a literal, found with SIMD.
;; `deno task wasm` turns this file into _literal_wasm.ts; a test checks that
;; the two agree. lib/io/_literal_search.ts lays out the memory and calls it.
;;
;; A region is a run of lines: each ends at an LF (10), and bytes after the
;; last LF form one more line. A CR is a byte of its line like any other.
;; The needle (1 byte or more, no LF) is set once with `setNeedle`.
;; Folded, ASCII letters match in either case: the caller gives the needle
;; with its letters in lower case, and a byte of the haystack is compared
;; with a letter of it as `byte | 0x20` (only "A" and "a" give "a" so).
;;
;; Two of the needle's bytes, at offsets `o1` and `o2` that the caller picks
;; (its rarest bytes), find candidates: where both are found at their
;; offsets from a start, the needle's bytes are compared there. Most of a
;; region is crossed 64 bytes at a time while no candidate starts in them,
;; its LFs counted in byte-wide lanes; the 16 bytes around a candidate are
;; looked at one by one.

(module
  (memory (export "memory") 1)

  (global $needle (mut i32) (i32.const 0))
  (global $needleLen (mut i32) (i32.const 1))
  ;; The probe bytes, splat, and their offsets in the needle.
  (global $b1 (mut v128) (v128.const i64x2 0 0))
  (global $b2 (mut v128) (v128.const i64x2 0 0))
  (global $o1 (mut i32) (i32.const 0))
  (global $o2 (mut i32) (i32.const 0))
  ;; Folded: 0x20 where a probe byte is a letter, else 0, splat; whether
  ;; the needle's letters match in either case.
  (global $f1 (mut v128) (v128.const i64x2 0 0))
  (global $f2 (mut v128) (v128.const i64x2 0 0))
  (global $fold (mut i32) (i32.const 0))
  ;; The LFs that $crossExact or $crossFolded crossed.
  (global $crossed (mut i32) (i32.const 0))
  ;; Where `scan` stopped (the start of the first line it did not finish),
  ;; and that line's index.
  (global $next (export "next") (mut i32) (i32.const 0))
  (global $line (export "line") (mut i32) (i32.const 0))

;; The needle is `len` bytes at `ptr`; its bytes at offsets `o1` and `o2`
  ;; (below `len`) are the ones looked for first. With `fold` (not 0), its
  ;; letters (in lower case) match in either case.
  (func (export "setNeedle")
    (param $ptr i32) (param $len i32) (param $o1 i32) (param $o2 i32)
    (param $fold i32)
    (global.set $needle (local.get $ptr))
    (global.set $needleLen (local.get $len))
    (global.set $o1 (local.get $o1))
    (global.set $o2 (local.get $o2))
    (global.set $fold (local.get $fold))
    (global.set $b1
      (i8x16.splat (i32.load8_u (i32.add (local.get $ptr) (local.get $o1)))))
    (global.set $b2
      (i8x16.splat (i32.load8_u (i32.add (local.get $ptr) (local.get $o2)))))
    (global.set $f1
      (i8x16.splat
        (call $foldMask (local.get $fold)
          (i32.load8_u (i32.add (local.get $ptr) (local.get $o1))))))
    (global.set $f2
      (i8x16.splat
        (call $foldMask (local.get $fold)
          (i32.load8_u (i32.add (local.get $ptr) (local.get $o2)))))))

  ;; What is or-ed into a byte compared with needle byte `n`: 0x20 when
  ;; folded and `n` is a letter (in lower case), else 0.
  (func $foldMask (param $fold i32) (param $n i32) (result i32)
    (select (i32.const 0x20) (i32.const 0)
      (i32.and (local.get $fold)
        (i32.lt_u (i32.sub (local.get $n) (i32.const 97)) (i32.const 26)))))

  ;; Whether the needle's bytes are at `at`.
  (func $inner (param $at i32) (result i32)
    (local $k i32)
    (local $n i32)
    (block $no
      (loop $bytes
        (br_if $no (i32.ge_u (local.get $k) (global.get $needleLen)))
        (local.set $n
          (i32.load8_u (i32.add (global.get $needle) (local.get $k))))
        (if (i32.ne
              (i32.or
                (i32.load8_u (i32.add (local.get $at) (local.get $k)))
                (call $foldMask (global.get $fold) (local.get $n)))
              (local.get $n))
          (then (return (i32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $bytes)))
    (i32.const 1))

  ;; Where the line that holds byte `at` starts: after the last LF in
  ;; [floor, at), or `floor`.
  (func $lineStart (param $at i32) (param $floor i32) (result i32)
    (local $m i32)
    (block $none
      (loop $blocks
        (br_if $none (i32.le_u (local.get $at) (local.get $floor)))
        (if (i32.lt_u (i32.sub (local.get $at) (local.get $floor)) (i32.const 16))
          (then
            ;; The last bytes, one by one: nothing before `floor` is read.
            (loop $bytes
              (local.set $at (i32.sub (local.get $at) (i32.const 1)))
              (if (i32.eq (i32.load8_u (local.get $at)) (i32.const 10))
                (then (return (i32.add (local.get $at) (i32.const 1)))))
              (br_if $bytes (i32.gt_u (local.get $at) (local.get $floor))))
            (br $none)))
        (local.set $at (i32.sub (local.get $at) (i32.const 16)))
        (local.set $m
          (i8x16.bitmask
            (i8x16.eq (v128.load (local.get $at)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (if (local.get $m)
          (then
            (return
              (i32.sub (i32.add (local.get $at) (i32.const 32))
                (i32.clz (local.get $m))))))
        (br $blocks)))
    (local.get $floor))

  ;; Candidate bits of the 16 starts at `at`.
  (func $candidates (param $at i32) (result v128)
    (if (result v128) (global.get $fold)
      (then (call $foldedCandidates (local.get $at)))
      (else (call $exactCandidates (local.get $at)))))

  ;; $candidates of a needle not folded.
  (func $exactCandidates (param $at i32) (result v128)
    (v128.and
      (i8x16.eq (v128.load (i32.add (local.get $at) (global.get $o1))) (global.get $b1))
      (i8x16.eq (v128.load (i32.add (local.get $at) (global.get $o2))) (global.get $b2))))

  ;; $candidates of a folded needle: each byte or-ed with its probe's mask.
  (func $foldedCandidates (param $at i32) (result v128)
    (v128.and
      (i8x16.eq
        (v128.or (v128.load (i32.add (local.get $at) (global.get $o1))) (global.get $f1))
        (global.get $b1))
      (i8x16.eq
        (v128.or (v128.load (i32.add (local.get $at) (global.get $o2))) (global.get $f2))
        (global.get $b2))))

  ;; Crosses [i, end) 64 bytes at a time, from `i`, while none of the
  ;; starts in them is a candidate ($exactCandidates; all of them starts that
  ;; leave room for the needle): returns where it stopped, and sets
  ;; $crossed to the LFs of the bytes crossed, counted in byte-wide lanes.
  (func $crossExact (param $i i32) (param $end i32) (result i32)
    (local $acc v128)     ;; LFs of the blocks crossed, per byte lane
    (local $rounds i32)   ;; 64-byte steps added to $acc
    (local $lfs i32)
    (block $slow
      (loop $fast
        (br_if $slow
          (i32.gt_u
            (i32.add (i32.add (local.get $i) (i32.const 64)) (global.get $needleLen))
            (local.get $end)))
        (br_if $slow
          (v128.any_true
            (v128.or
              (v128.or
                (call $exactCandidates (local.get $i))
                (call $exactCandidates (i32.add (local.get $i) (i32.const 16))))
              (v128.or
                (call $exactCandidates (i32.add (local.get $i) (i32.const 32)))
                (call $exactCandidates (i32.add (local.get $i) (i32.const 48)))))))
        (local.set $acc
          (i8x16.sub (local.get $acc)
            (i8x16.eq (v128.load (local.get $i)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (local.set $acc
          (i8x16.sub (local.get $acc)
            (i8x16.eq (v128.load offset=16 (local.get $i)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (local.set $acc
          (i8x16.sub (local.get $acc)
            (i8x16.eq (v128.load offset=32 (local.get $i)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (local.set $acc
          (i8x16.sub (local.get $acc)
            (i8x16.eq (v128.load offset=48 (local.get $i)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        ;; A lane counts at most 4 a step: added up before it passes 255.
        (local.set $rounds (i32.add (local.get $rounds) (i32.const 1)))
        (if (i32.eq (local.get $rounds) (i32.const 63))
          (then
            (local.set $lfs (i32.add (local.get $lfs) (call $laneSum (local.get $acc))))
            (local.set $acc (v128.const i64x2 0 0))
            (local.set $rounds (i32.const 0))))
        (br $fast)))
    (global.set $crossed (i32.add (local.get $lfs) (call $laneSum (local.get $acc))))
    (local.get $i))

  ;; $crossExact for a folded needle (or-ing each byte with its probe's
  ;; mask): a function of its own, so that the exact search or-s nothing.
  (func $crossFolded (param $i i32) (param $end i32) (result i32)
    (local $acc v128)     ;; LFs of the blocks crossed, per byte lane
    (local $rounds i32)   ;; 64-byte steps added to $acc
    (local $lfs i32)
    (block $slow
      (loop $fast
        (br_if $slow
          (i32.gt_u
            (i32.add (i32.add (local.get $i) (i32.const 64)) (global.get $needleLen))
            (local.get $end)))
        (br_if $slow
          (v128.any_true
            (v128.or
              (v128.or
                (call $foldedCandidates (local.get $i))
                (call $foldedCandidates (i32.add (local.get $i) (i32.const 16))))
              (v128.or
                (call $foldedCandidates (i32.add (local.get $i) (i32.const 32)))
                (call $foldedCandidates (i32.add (local.get $i) (i32.const 48)))))))
        (local.set $acc
          (i8x16.sub (local.get $acc)
            (i8x16.eq (v128.load (local.get $i)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (local.set $acc
          (i8x16.sub (local.get $acc)
            (i8x16.eq (v128.load offset=16 (local.get $i)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (local.set $acc
          (i8x16.sub (local.get $acc)
            (i8x16.eq (v128.load offset=32 (local.get $i)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (local.set $acc
          (i8x16.sub (local.get $acc)
            (i8x16.eq (v128.load offset=48 (local.get $i)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        ;; A lane counts at most 4 a step: added up before it passes 255.
        (local.set $rounds (i32.add (local.get $rounds) (i32.const 1)))
        (if (i32.eq (local.get $rounds) (i32.const 63))
          (then
            (local.set $lfs (i32.add (local.get $lfs) (call $laneSum (local.get $acc))))
            (local.set $acc (v128.const i64x2 0 0))
            (local.set $rounds (i32.const 0))))
        (br $fast)))
    (global.set $crossed (i32.add (local.get $lfs) (call $laneSum (local.get $acc))))
    (local.get $i))

  ;; The sum of a vector's 16 byte lanes.
  (func $laneSum (param $v v128) (result i32)
    (local.set $v (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $v))))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
      (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))

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
    (local $from i32)     ;; where the fast crossing started
    (local.set $i (local.get $p))
    (local.set $lfs (local.get $line))
    (local.set $ls (local.get $p))
    (block $done
      (loop $blocks
        ;; 64 bytes at a time while none of their starts is a candidate.
        (local.set $from (local.get $i))
        (local.set $i
          (if (result i32) (global.get $fold)
            (then (call $crossFolded (local.get $i) (local.get $end)))
            (else (call $crossExact (local.get $i) (local.get $end)))))
        (if (i32.ne (local.get $i) (local.get $from))
          (then
            (local.set $lfs (i32.add (local.get $lfs) (global.get $crossed)))
            (local.set $ls (call $lineStart (local.get $i) (local.get $ls)))))
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
            (local.set $m (i8x16.bitmask (call $candidates (local.get $i))))
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

  ;; Where the first byte `b` of [p, end) is, or `end`: whether a region
  ;; holds a rare byte at all, before it is scanned for a literal with it.
  ;; Reads nothing past `end`.
  (func (export "find") (param $p i32) (param $end i32) (param $b i32)
    (result i32)
    (local $v v128)
    (local.set $v (i8x16.splat (local.get $b)))
    (block $near
      (loop $blocks
        (br_if $near
          (i32.gt_u (i32.add (local.get $p) (i32.const 64)) (local.get $end)))
        (br_if $near
          (v128.any_true
            (v128.or
              (v128.or
                (i8x16.eq (v128.load (local.get $p)) (local.get $v))
                (i8x16.eq (v128.load offset=16 (local.get $p)) (local.get $v)))
              (v128.or
                (i8x16.eq (v128.load offset=32 (local.get $p)) (local.get $v))
                (i8x16.eq (v128.load offset=48 (local.get $p)) (local.get $v))))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $blocks)))
    ;; The block that holds it, or the last bytes: one by one.
    (block $none
      (loop $bytes
        (br_if $none (i32.ge_u (local.get $p) (local.get $end)))
        (if (i32.eq (i32.load8_u (local.get $p)) (local.get $b))
          (then (return (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $bytes)))
    (local.get $end))

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
