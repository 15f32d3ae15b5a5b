// T3, the Deno std way (TextLineStream-like lines): map, filter, map, batch(1000), write.
import { lines } from "./_deno_lines.ts";
import { csv, fields, slow } from "./_parse.ts";

function transform<I, O>(
  fn: (x: I, c: TransformStreamDefaultController<O>) => void,
) {
  return new TransformStream<I, O>({ transform: (x, c) => fn(x, c) });
}
let batch: string[] = [];
const out = await Deno.open(Deno.args[1]!, {
  write: true,
  create: true,
  truncate: true,
});
await (await lines(Deno.args[0]!))
  .pipeThrough(
    transform<string, ReturnType<typeof fields>>((l, c) =>
      c.enqueue(fields(l))
    ),
  )
  .pipeThrough(
    transform<ReturnType<typeof fields>, ReturnType<typeof fields>>((f, c) => {
      if (slow(f)) c.enqueue(f);
    }),
  )
  .pipeThrough(
    transform<ReturnType<typeof fields>, string>((f, c) => c.enqueue(csv(f))),
  )
  .pipeThrough(
    new TransformStream<string, string[]>({
      transform(line, c) {
        batch.push(line);
        if (batch.length === 1000) {
          c.enqueue(batch);
          batch = [];
        }
      },
      flush(c) {
        if (batch.length > 0) c.enqueue(batch);
      },
    }),
  )
  .pipeThrough(
    transform<string[], string>((b, c) => c.enqueue(b.join("\n") + "\n")),
  )
  .pipeThrough(new TextEncoderStream())
  .pipeTo(out.writable);
