// Copyright 2026 the sluice authors. MIT license.
// "Deno std": the file's readable through TextDecoderStream and a line
// stream that works the way the standard library's TextLineStream does. The
// pieces of an unfinished line wait in a list and are joined only once a
// chunk brings a line feed; the text is then walked with indexOf("\n") and
// slice, and one CR before each LF is dropped.

/** Splits decoded text into lines, as std's TextLineStream does. */
export class StdLineStream extends TransformStream<string, string> {
  constructor() {
    const pieces: string[] = [];
    super({
      transform(chunk, controller) {
        let lf = chunk.indexOf("\n");
        if (lf === -1) {
          // No line ends here: keep the piece, join nothing yet.
          if (chunk !== "") pieces.push(chunk);
          return;
        }
        let text = chunk;
        if (pieces.length > 0) {
          pieces.push(chunk);
          text = pieces.join("");
          pieces.length = 0;
          lf += text.length - chunk.length;
        }
        let start = 0;
        while (lf !== -1) {
          const end = lf > start && text.charCodeAt(lf - 1) === 13
            ? lf - 1
            : lf;
          controller.enqueue(text.slice(start, end));
          start = lf + 1;
          lf = text.indexOf("\n", start);
        }
        if (start < text.length) pieces.push(text.slice(start));
      },
      flush(controller) {
        if (pieces.length > 0) controller.enqueue(pieces.join(""));
      },
    });
  }
}

/** The lines of the file at `path`, the std way. */
export async function lines(path: string): Promise<ReadableStream<string>> {
  const file = await Deno.open(path);
  return file.readable
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new StdLineStream());
}
