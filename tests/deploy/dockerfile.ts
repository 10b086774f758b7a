// The repository's Dockerfile read as its stages and instructions (enough of
// Docker's syntax for this file: comments, line continuations, ARG defaults,
// FROM … AS name, exec-form JSON arrays), for tests that cannot run
// `docker build` (no Docker engine on this machine or CI's).
import { readFileSync } from "node:fs";

export interface Instruction {
  op: string;
  args: string;
}

export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  args: Record<string, string>;
  stages: Stage[];
}

export interface Copy {
  from: string | null;
  sources: string[];
  destination: string;
}

export function readDockerfile(path: URL): Dockerfile {
  const logical = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op, rest] = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = { op: op!.toUpperCase(), args: rest!.replace(/\s+/g, " ") };
    if (instruction.op === "ARG" && stages.length === 0) {
      const [name, value] = instruction.args.split("=");
      args[name!] = value ?? "";
    } else if (instruction.op === "FROM") {
      const [image, as, name] = instruction.args.split(" ");
      const resolved = image!.replace(/^\$\{(\w+)\}$|^\$(\w+)$/, (_, a: string | undefined, b: string | undefined) => args[(a ?? b)!] ?? "");
      stages.push({ name: as?.toUpperCase() === "AS" ? name! : String(stages.length), image: resolved, instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`${instruction.op} before the first FROM`);
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** COPY [--from=stage] src... dest */
export function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => i.op === "COPY")
    .map((i) => {
      const words = i.args.split(" ");
      const flags = words.filter((w) => w.startsWith("--"));
      const paths = words.filter((w) => !w.startsWith("--"));
      const from = flags.find((f) => f.startsWith("--from="))?.slice("--from=".length) ?? null;
      return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
    });
}

/** The exec form of CMD or ENTRYPOINT: ["a", "b"]. */
export function execForm(stage: Stage, op: "CMD" | "ENTRYPOINT"): string[] | undefined {
  const found = stage.instructions.filter((i) => i.op === op).at(-1);
  return found ? (JSON.parse(found.args) as string[]) : undefined;
}
