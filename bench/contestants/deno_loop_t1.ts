// T1 as a Deno user might write it by hand, without streams: read 1 MiB at a
// time, decode up to the last line feed at once, find the lines with
// `indexOf("\n")` and count those that contain ERROR. No line numbers, no
// figures, no long-line policy: the least a correct count needs.
const file = await Deno.open(Deno.args[0]!);
const decoder = new TextDecoder();
let buf = new Uint8Array(1 << 20);
let kept = 0; // bytes of an unfinished line at the start of buf
let count = 0;

function countIn(text: string): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    if (text.slice(start, end).includes("ERROR")) count++;
    start = end + 1;
  }
}

while (true) {
  if (kept === buf.length) {
    const grown = new Uint8Array(buf.length * 2); // a line longer than buf
    grown.set(buf);
    buf = grown;
  }
  const n = await file.read(buf.subarray(kept));
  if (n === null) break;
  const filled = kept + n;
  const last = buf.subarray(0, filled).lastIndexOf(10);
  if (last === -1) {
    kept = filled;
    continue;
  }
  countIn(decoder.decode(buf.subarray(0, last)));
  buf.copyWithin(0, last + 1, filled);
  kept = filled - last - 1;
}
if (kept > 0) countIn(decoder.decode(buf.subarray(0, kept)));
file.close();
console.log(count);
