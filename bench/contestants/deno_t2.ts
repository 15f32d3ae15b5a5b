// T2, the Deno std way: TextDecoderStream and a TextLineStream-like stream.
import { lines } from "./_deno_lines.ts";
import { errorRecord } from "./_parse.ts";

const out = await Deno.open(Deno.args[1]!, {
  write: true,
  create: true,
  truncate: true,
});
await (await lines(Deno.args[0]!))
  .pipeThrough(
    new TransformStream<string, string>({
      transform(line, controller) {
        if (line.includes("ERROR")) {
          controller.enqueue(errorRecord(line) + "\n");
        }
      },
    }),
  )
  .pipeThrough(new TextEncoderStream())
  .pipeTo(out.writable);
