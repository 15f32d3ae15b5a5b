// T1 with sluice's stages called on their own, as one calls an async-generator
// function, not through pipeline(): count the lines that contain ERROR.
import { filter, readLines } from "../../lib/_bundle/mod.js";

const errors = filter((line: string) => line.includes("ERROR"));
let count = 0;
for await (const _ of errors(readLines(Deno.args[0]!))) count++;
console.log(count);
