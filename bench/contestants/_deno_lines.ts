// The idiomatic Deno way to get lines: the file's readable through
// TextDecoderStream and a line-splitting TransformStream written the
// straightforward way.

export class LineSplitStream extends TransformStream<string, string> {
  constructor() {
    let rest = "";
    super({
      transform(chunk, controller) {
        const parts = (rest + chunk).split("\n");
        rest = parts.pop()!;
        for (const part of parts) controller.enqueue(part);
      },
      flush(controller) {
        if (rest !== "") controller.enqueue(rest);
      },
    });
  }
}

export async function lines(path: string): Promise<ReadableStream<string>> {
  const file = await Deno.open(path);
  return file.readable
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new LineSplitStream());
}
