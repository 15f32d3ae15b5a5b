;; Copyright 2026 the sluice authors. MIT license.
;; A grouping read on a region of lines' bytes: for each line, the id of its
;; key (its n-th word, or the value of its logfmt pair of one name) and the
;; numbers in its logfmt pairs of up to MAX_NAMES names, found with SIMD.
;; `deno task wasm` turns this file into _group_scan_wasm.ts; a test checks
;; that the two agree. _group_scan.ts lays out the memory and calls it.
;;
;; A line is the bytes up to an LF. The module reads only the lines it can
;; read as lineWord, lineField and lineField's `number` would read their
;; text, and marks every other one for the caller to read as text (its id
;; -1):
;; - a line with a byte below 0x20 (a tab, a CR, a control), or starting
;;   with "{" (JSON);
;; - a line with fewer words, or whose key holds a byte beyond ASCII;
;; - where a name's last `name=` does not start a pair (the line's start or
;;   after a space), or a quote comes before it;
;; - where a number's value is not an optional minus and 1 to 15 digits (no
;;   leading zero but "0", no "-0") up to a space or the line's end;
;; - where the key's pair is missing, or its value starts with a quote;
;; - once the table of keys is full.
;; A line without a number's `name=` is read here: that number is NaN
;; (none). A key's value runs to the next space or the line's end, and may
;; be empty.
;;
;; Words are split on spaces (a line with a tab is not read here). Keys get
;; ids from 0 in the order they are first seen, in a table of KEY_SLOTS
;; slots (open addressing, FNV-1a) of at most MAX_KEYS keys and KEY_BYTES of
;; their bytes, kept for the module's life.
;;
;; The module reads up to 16 bytes past a line's LF, and 16 bytes at a
;; name's length past a byte of the line (up to 80 past the LF, for a name
;; of 64 bytes): the caller leaves room there.

(module
  (memory (export "memory") 1)

  ;; Where the results of a call go, one entry per line: the key's id (i32,
  ;; -1 for a line to read as text), the number (f64) and the LF's place.
  (global $ids (mut i32) (i32.const 0))
  (global $vals (mut i32) (i32.const 0))
  (global $ends (mut i32) (i32.const 0))
  ;; Which word is the key, from 1.
  (global $word (mut i32) (i32.const 1))
  ;; The names looked for, $count of them, each an entry of NAME_ENTRY
  ;; bytes at $names: its first byte splat (v128), where its bytes are
  ;; (i32, at 16), their length (i32, at 20), whether its value is a number
  ;; (i32, at 24). Then the last `name=` of each in the line, an i32 each.
  (global $names (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))
  (global $matches (mut i32) (i32.const 0))
  ;; The name whose value is the key, or -1 for the word.
  (global $keyField (mut i32) (i32.const -1))
  ;; The table of keys: KEY_SLOTS i32 slots (an id + 1, 0 when empty), each
  ;; id's offset and length (i32 each, MAX_KEYS of them), the keys' bytes.
  (global $slots (mut i32) (i32.const 0))
  (global $keyOff (mut i32) (i32.const 0))
  (global $keyLen (mut i32) (i32.const 0))
  (global $keyBytes (mut i32) (i32.const 0))
  (global $keyUsed (mut i32) (i32.const 0))
  ;; How many keys have an id.
  (global $keys (export "keys") (mut i32) (i32.const 0))
  ;; Set when a key found no room in the table.
  (global $full (export "full") (mut i32) (i32.const 0))
  ;; Where `scan` stopped: the start of the first line it did not read.
  (global $next (export "next") (mut i32) (i32.const 0))
  ;; Set when it stopped at a line longer than its `maxLine`.
  (global $long (export "long") (mut i32) (i32.const 0))

  ;; Sizes of the table of keys, and of the names (see _group_scan.ts).
  (global $KEY_SLOTS i32 (i32.const 4096))
  (global $NAME_ENTRY i32 (i32.const 32))
  (global $MAX_NAMES i32 (i32.const 4))
  (global $MAX_KEYS i32 (i32.const 2048))
  (global $KEY_BYTES i32 (i32.const 65536))

  ;; Sets where things are: the results (`ids`, `vals` with `count` numbers
  ;; a line, `ends`), the `count` names' entries at `names` (their bytes and
  ;; whether each is a number; the splats are made here), the key (the name
  ;; `keyField`, or -1 for the word `word`, from 1), and the table of keys
  ;; at `table` (zeroed, KEY_SLOTS * 4 + MAX_KEYS * 8 + KEY_BYTES).
  (func (export "init")
    (param $ids i32) (param $vals i32) (param $ends i32)
    (param $names i32) (param $count i32) (param $keyField i32)
    (param $word i32) (param $table i32)
    (local $k i32) (local $e i32)
    (global.set $ids (local.get $ids))
    (global.set $vals (local.get $vals))
    (global.set $ends (local.get $ends))
    (global.set $names (local.get $names))
    (global.set $count (local.get $count))
    (global.set $matches
      (i32.add (local.get $names) (i32.mul (global.get $MAX_NAMES) (global.get $NAME_ENTRY))))
    (global.set $keyField (local.get $keyField))
    (global.set $word (local.get $word))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $e
          (i32.add (local.get $names) (i32.mul (local.get $k) (global.get $NAME_ENTRY))))
        (v128.store (local.get $e)
          (i8x16.splat (i32.load8_u (i32.load offset=16 (local.get $e)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    (global.set $slots (local.get $table))
    (global.set $keyOff
      (i32.add (local.get $table) (i32.shl (global.get $KEY_SLOTS) (i32.const 2))))
    (global.set $keyLen
      (i32.add (global.get $keyOff) (i32.shl (global.get $MAX_KEYS) (i32.const 2))))
    (global.set $keyBytes
      (i32.add (global.get $keyLen) (i32.shl (global.get $MAX_KEYS) (i32.const 2)))))

  ;; Where each id's offset (in the keys' bytes), each id's length and the
  ;; keys' bytes are.
  (func (export "keyOffsets") (result i32) (global.get $keyOff))
  (func (export "keyLengths") (result i32) (global.get $keyLen))
  (func (export "keyBytes") (result i32) (global.get $keyBytes))

  ;; The id of the key [a, b), given one if it is new; -1 for a key with a
  ;; byte beyond ASCII, or when the table is full.
  (func $idOf (param $a i32) (param $b i32) (result i32)
    (local $h i32) (local $i i32) (local $c i32) (local $s i32) (local $e i32)
    (local $n i32) (local $off i32) (local $j i32)
    (local.set $h (i32.const 0x811c9dc5))
    (local.set $i (local.get $a))
    (block $hashed
      (loop $bytes
        (br_if $hashed (i32.ge_u (local.get $i) (local.get $b)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.ge_u (local.get $c) (i32.const 0x80))
          (then (return (i32.const -1))))
        (local.set $h
          (i32.mul (i32.xor (local.get $h) (local.get $c)) (i32.const 0x01000193)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (local.set $n (i32.sub (local.get $b) (local.get $a)))
    (local.set $s (i32.and (local.get $h) (i32.sub (global.get $KEY_SLOTS) (i32.const 1))))
    (loop $probe
      (local.set $e
        (i32.load (i32.add (global.get $slots) (i32.shl (local.get $s) (i32.const 2)))))
      (if (i32.eqz (local.get $e))
        (then
          ;; A new key.
          (if (i32.or
                (i32.ge_u (global.get $keys) (global.get $MAX_KEYS))
                (i32.gt_u (i32.add (global.get $keyUsed) (local.get $n))
                  (global.get $KEY_BYTES)))
            (then
              (global.set $full (i32.const 1))
              (return (i32.const -1))))
          (memory.copy
            (i32.add (global.get $keyBytes) (global.get $keyUsed))
            (local.get $a) (local.get $n))
          (i32.store
            (i32.add (global.get $keyOff) (i32.shl (global.get $keys) (i32.const 2)))
            (global.get $keyUsed))
          (i32.store
            (i32.add (global.get $keyLen) (i32.shl (global.get $keys) (i32.const 2)))
            (local.get $n))
          (global.set $keyUsed (i32.add (global.get $keyUsed) (local.get $n)))
          (global.set $keys (i32.add (global.get $keys) (i32.const 1)))
          (i32.store
            (i32.add (global.get $slots) (i32.shl (local.get $s) (i32.const 2)))
            (global.get $keys))
          (return (i32.sub (global.get $keys) (i32.const 1)))))
      (local.set $e (i32.sub (local.get $e) (i32.const 1)))
      (if (i32.eq
            (i32.load (i32.add (global.get $keyLen) (i32.shl (local.get $e) (i32.const 2))))
            (local.get $n))
        (then
          (local.set $off
            (i32.add (global.get $keyBytes)
              (i32.load
                (i32.add (global.get $keyOff) (i32.shl (local.get $e) (i32.const 2))))))
          (local.set $j (i32.const 0))
          (block $differ
            (loop $compare
              (if (i32.ge_u (local.get $j) (local.get $n))
                (then (return (local.get $e))))
              (br_if $differ
                (i32.ne
                  (i32.load8_u (i32.add (local.get $off) (local.get $j)))
                  (i32.load8_u (i32.add (local.get $a) (local.get $j)))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $compare)))))
      (local.set $s
        (i32.and (i32.add (local.get $s) (i32.const 1))
          (i32.sub (global.get $KEY_SLOTS) (i32.const 1))))
      (br $probe))
    (i32.const -1))

  ;; The number spelt from `a` up to a space or `lf`: an optional minus and
  ;; 1 to 15 digits, no leading zero but "0" itself, not "-0"; NaN for
  ;; anything else.
  (func $numberAt (param $a i32) (param $lf i32) (result f64)
    (local $minus i32) (local $v i64) (local $digits i32) (local $d i32)
    (local $from i32)
    (if (i32.lt_u (local.get $a) (local.get $lf))
      (then
        (if (i32.eq (i32.load8_u (local.get $a)) (i32.const 45))
          (then
            (local.set $minus (i32.const 1))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))))))
    (local.set $from (local.get $a))
    (block $end
      (loop $digit
        (br_if $end (i32.ge_u (local.get $a) (local.get $lf)))
        (local.set $d (i32.sub (i32.load8_u (local.get $a)) (i32.const 48)))
        (if (i32.gt_u (local.get $d) (i32.const 9))
          (then
            ;; A space (32 - 48) ends the value; any other byte spoils it.
            (br_if $end (i32.eq (local.get $d) (i32.const -16)))
            (return (f64.const nan))))
        (local.set $v
          (i64.add (i64.mul (local.get $v) (i64.const 10))
            (i64.extend_i32_u (local.get $d))))
        (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $digit)))
    (if (i32.or (i32.eqz (local.get $digits)) (i32.gt_u (local.get $digits) (i32.const 15)))
      (then (return (f64.const nan))))
    (if (i32.and
          (i32.eq (i32.load8_u (local.get $from)) (i32.const 48))
          (i32.or (i32.gt_u (local.get $digits) (i32.const 1)) (local.get $minus)))
      (then (return (f64.const nan))))
    (if (local.get $minus)
      (then (return (f64.neg (f64.convert_i64_u (local.get $v))))))
    (f64.convert_i64_u (local.get $v)))

  ;; Whether the `len` bytes at `name` are at `at`.
  (func $nameAt (param $at i32) (param $name i32) (param $len i32) (result i32)
    (local $j i32)
    (loop $bytes
      (if (i32.ge_u (local.get $j) (local.get $len))
        (then (return (i32.const 1))))
      (if (i32.ne
            (i32.load8_u (i32.add (local.get $at) (local.get $j)))
            (i32.load8_u (i32.add (local.get $name) (local.get $j))))
        (then (return (i32.const 0))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $bytes))
    (i32.const 0))

  ;; Whether the pair at `at` can be read here: it starts a pair (at `p`,
  ;; the line's start, or after a space) and no quote (the first at
  ;; `quote`, -1 for none) comes before it.
  (func $plainPair (param $at i32) (param $p i32) (param $quote i32) (result i32)
    (if (i32.gt_u (local.get $at) (local.get $p))
      (then
        (if (i32.ne (i32.load8_u (i32.sub (local.get $at) (i32.const 1))) (i32.const 32))
          (then (return (i32.const 0))))))
    (i32.or
      (i32.lt_s (local.get $quote) (i32.const 0))
      (i32.gt_s (local.get $quote) (local.get $at))))

  ;; Reads the lines that start in [p, limit) and end (with an LF) before
  ;; `end`, at most `cap` of them, each in one pass of 16 bytes at a time;
  ;; returns how many it read. $next is where it stopped; $long is set when
  ;; it stopped at a line of more than `maxLine` bytes, which it does not
  ;; read.
  (func (export "scan")
    (param $p i32) (param $end i32) (param $limit i32) (param $cap i32)
    (param $maxLine i32) (result i32)
    (local $n i32)
    (local $i i32)       ;; the block's start
    (local $v v128)      ;; the block
    (local $m i32)       ;; a mask of the block's bytes
    (local $pos i32)
    (local $lf i32)      ;; the line's LF, once found; else -1
    (local $lim i32)     ;; the block's bytes before the LF
    (local $plain i32)   ;; no byte below 0x20 before the LF
    (local $sp i32)      ;; the block's spaces
    (local $starts i32)  ;; the block's first bytes of words
    (local $prevSp i32)  ;; whether the byte before the block ends a word
    (local $seen i32)    ;; the words before the block
    (local $k i32)
    (local $ks i32)      ;; the key word's start and end, once found; else -1
    (local $ke i32)
    (local $quote i32)   ;; the first quote, once found; else -1
    (local $e i32)       ;; a name's entry
    (local $len i32)     ;; its length
    (local $at i32)      ;; a `name=` found last; else -1
    (local $val f64)
    (local $id i32)
    (global.set $long (i32.const 0))
    (block $stop
      (loop $lines
        (br_if $stop (i32.ge_u (local.get $n) (local.get $cap)))
        (br_if $stop (i32.ge_u (local.get $p) (local.get $limit)))
        (local.set $i (local.get $p))
        (local.set $lf (i32.const -1))
        (local.set $plain (i32.const 1))
        (local.set $prevSp (i32.const 1))
        (local.set $seen (i32.const 0))
        (local.set $ks (i32.const -1))
        (local.set $ke (i32.const -1))
        (local.set $quote (i32.const -1))
        (local.set $k (i32.const 0))
        (block $reset
          (loop $each
            (br_if $reset (i32.ge_u (local.get $k) (global.get $count)))
            (i32.store
              (i32.add (global.get $matches) (i32.shl (local.get $k) (i32.const 2)))
              (i32.const -1))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $each)))
        (block $ended
          (loop $blocks
            (br_if $stop (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $v (v128.load (local.get $i)))
            (local.set $lim (i32.const 0xffff))
            (local.set $m
              (i8x16.bitmask
                (i8x16.lt_u (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))))
            (if (local.get $m)
              (then
                (local.set $pos (i32.add (local.get $i) (i32.ctz (local.get $m))))
                (br_if $stop (i32.ge_u (local.get $pos) (local.get $end)))
                (if (i32.ne (i32.load8_u (local.get $pos)) (i32.const 10))
                  (then
                    ;; A byte below 0x20 that is no LF: the line is read as
                    ;; text. Its LF:
                    (local.set $plain (i32.const 0))
                    (loop $toLf
                      (br_if $stop (i32.ge_u (local.get $i) (local.get $end)))
                      (local.set $m
                        (i8x16.bitmask
                          (i8x16.eq (v128.load (local.get $i))
                            (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
                      (if (local.get $m)
                        (then
                          (local.set $lf (i32.add (local.get $i) (i32.ctz (local.get $m))))
                          (br_if $stop (i32.ge_u (local.get $lf) (local.get $end)))
                          (br $ended)))
                      (local.set $i (i32.add (local.get $i) (i32.const 16)))
                      (br $toLf))))
                (local.set $lf (local.get $pos))
                (local.set $lim
                  (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $lf) (local.get $i)))
                    (i32.const 1)))))
            ;; The key's word: its start where the words seen reach it, its
            ;; end at the next space (or the LF).
            (if (i32.and
                  (i32.lt_s (local.get $ke) (i32.const 0))
                  (i32.lt_s (global.get $keyField) (i32.const 0)))
              (then
                (local.set $sp
                  (i32.and (local.get $lim)
                    (i8x16.bitmask
                      (i8x16.eq (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)))))
                (if (i32.lt_s (local.get $ks) (i32.const 0))
                  (then
                    (local.set $starts
                      (i32.and
                        (i32.and (i32.xor (local.get $sp) (i32.const 0xffff)) (local.get $lim))
                        (i32.or (i32.shl (local.get $sp) (i32.const 1)) (local.get $prevSp))))
                    (local.set $k (i32.popcnt (local.get $starts)))
                    (if (i32.ge_u (i32.add (local.get $seen) (local.get $k)) (global.get $word))
                      (then
                        ;; Drop the starts before the key's.
                        (local.set $k
                          (i32.sub (i32.sub (global.get $word) (local.get $seen)) (i32.const 1)))
                        (block $dropped
                          (loop $drop
                            (br_if $dropped (i32.eqz (local.get $k)))
                            (local.set $starts
                              (i32.and (local.get $starts)
                                (i32.sub (local.get $starts) (i32.const 1))))
                            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                            (br $drop)))
                        (local.set $pos (i32.ctz (local.get $starts)))
                        (local.set $ks (i32.add (local.get $i) (local.get $pos)))
                        ;; Only the spaces after it.
                        (local.set $sp
                          (i32.and (local.get $sp)
                            (i32.xor
                              (i32.sub (i32.shl (i32.const 2) (local.get $pos)) (i32.const 1))
                              (i32.const -1)))))
                      (else
                        (local.set $seen (i32.add (local.get $seen) (local.get $k)))
                        (local.set $prevSp
                          (i32.and (i32.shr_u (local.get $sp) (i32.const 15)) (i32.const 1)))))))
                (if (i32.ge_s (local.get $ks) (i32.const 0))
                  (then
                    (if (local.get $sp)
                      (then (local.set $ke (i32.add (local.get $i) (i32.ctz (local.get $sp)))))
                      (else
                        (if (i32.ge_s (local.get $lf) (i32.const 0))
                          (then (local.set $ke (local.get $lf))))))))))
            (if (global.get $count)
              (then
                ;; The first quote, and each `name=`: a byte like the name's
                ;; first with "=" a name's length on, then the name's bytes.
                (if (i32.lt_s (local.get $quote) (i32.const 0))
                  (then
                    (local.set $m
                      (i32.and (local.get $lim)
                        (i8x16.bitmask
                          (i8x16.eq (local.get $v) (v128.const i8x16 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34)))))
                    (if (local.get $m)
                      (then (local.set $quote (i32.add (local.get $i) (i32.ctz (local.get $m))))))))
                (local.set $k (i32.const 0))
                (loop $names
                  (local.set $e
                    (i32.add (global.get $names) (i32.mul (local.get $k) (global.get $NAME_ENTRY))))
                  (local.set $len (i32.load offset=20 (local.get $e)))
                  (local.set $m
                    (i32.and (local.get $lim)
                      (i8x16.bitmask
                        (v128.and
                          (i8x16.eq (local.get $v) (v128.load (local.get $e)))
                          (i8x16.eq
                            (v128.load (i32.add (local.get $i) (local.get $len)))
                            (v128.const i8x16 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61))))))
                  (block $none
                    (loop $candidates
                      (br_if $none (i32.eqz (local.get $m)))
                      (local.set $pos (i32.add (local.get $i) (i32.ctz (local.get $m))))
                      (local.set $m
                        (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
                      (if (call $nameAt (local.get $pos)
                            (i32.load offset=16 (local.get $e)) (local.get $len))
                        (then
                          (i32.store
                            (i32.add (global.get $matches) (i32.shl (local.get $k) (i32.const 2)))
                            (local.get $pos))))
                      (br $candidates)))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br_if $names (i32.lt_u (local.get $k) (global.get $count))))))
            (br_if $ended (i32.ge_s (local.get $lf) (i32.const 0)))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $blocks)))
        ;; A line too long is left to the caller, unread.
        (if (i32.gt_u (i32.sub (local.get $lf) (local.get $p)) (local.get $maxLine))
          (then
            (global.set $long (i32.const 1))
            (br $stop)))
        (i32.store
          (i32.add (global.get $ends) (i32.shl (local.get $n) (i32.const 2)))
          (local.get $lf))
        (local.set $id (i32.const -1))
        (block $text
          (br_if $text (i32.eqz (local.get $plain)))
          (br_if $text (i32.eq (i32.load8_u (local.get $p)) (i32.const 123)))
          (local.set $k (i32.const 0))
          (block $read
            (loop $each
              (br_if $read (i32.ge_u (local.get $k) (global.get $count)))
              (local.set $e
                (i32.add (global.get $names) (i32.mul (local.get $k) (global.get $NAME_ENTRY))))
              (local.set $at
                (i32.load (i32.add (global.get $matches) (i32.shl (local.get $k) (i32.const 2)))))
              (if (i32.ge_s (local.get $at) (i32.const 0))
                (then
                  (br_if $text
                    (i32.eqz (call $plainPair (local.get $at) (local.get $p) (local.get $quote))))
                  ;; Past `name=`: the value.
                  (local.set $at
                    (i32.add (i32.add (local.get $at) (i32.load offset=20 (local.get $e)))
                      (i32.const 1)))))
              (if (i32.eq (local.get $k) (global.get $keyField))
                (then
                  ;; The key: the value up to a space or the LF, not quoted.
                  (br_if $text (i32.lt_s (local.get $at) (i32.const 0)))
                  (br_if $text
                    (i32.and
                      (i32.lt_u (local.get $at) (local.get $lf))
                      (i32.eq (i32.load8_u (local.get $at)) (i32.const 34))))
                  (local.set $ks (local.get $at))
                  (local.set $ke (local.get $at))
                  (block $valued
                    (loop $value
                      (br_if $valued (i32.ge_u (local.get $ke) (local.get $lf)))
                      (br_if $valued (i32.eq (i32.load8_u (local.get $ke)) (i32.const 32)))
                      (local.set $ke (i32.add (local.get $ke) (i32.const 1)))
                      (br $value)))))
              (if (i32.load offset=24 (local.get $e))
                (then
                  (local.set $val (f64.const nan))
                  (if (i32.ge_s (local.get $at) (i32.const 0))
                    (then
                      (local.set $val (call $numberAt (local.get $at) (local.get $lf)))
                      (br_if $text (f64.ne (local.get $val) (local.get $val)))))
                  (f64.store
                    (i32.add (global.get $vals)
                      (i32.shl
                        (i32.add (i32.mul (local.get $n) (global.get $count)) (local.get $k))
                        (i32.const 3)))
                    (local.get $val))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $each)))
          (br_if $text (i32.lt_s (local.get $ke) (i32.const 0)))
          (local.set $id (call $idOf (local.get $ks) (local.get $ke))))
        (i32.store
          (i32.add (global.get $ids) (i32.shl (local.get $n) (i32.const 2)))
          (local.get $id))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $p (i32.add (local.get $lf) (i32.const 1)))
        (br $lines)))
    (global.set $next (local.get $p))
    (local.get $n))
)
