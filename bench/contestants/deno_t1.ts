// T1, the Deno std way: TextDecoderStream and a TextLineStream-like stream.
import { lines } from "./_deno_lines.ts";

let count = 0;
for await (const line of await lines(Deno.args[0]!)) {
  if (line.includes("ERROR")) count++;
}
console.log(count);
