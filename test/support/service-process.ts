import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/**
 * The real service (src/main.ts through tsx, or the compiled dist/main.js) in a process of
 * its own, so a test can kill it with SIGKILL and start it again on the same database, as
 * a crash and a restart would.
 */
export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startServiceProcess(
  env: Record<string, string>,
  options: {
    port?: number;
    timeoutMs?: number;
    execArgv?: string[];
    /** Run dist/main.js, as `npm run start:prod` does (built beforehand), instead of src/main.ts through tsx. */
    compiled?: boolean;
  } = {},
): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  const entry = options.compiled ? ["dist/main.js"] : ["--import", "tsx", "src/main.ts"];
  const child = spawn(process.execPath, [...(options.execArgv ?? []), ...entry], {
    env: { ...process.env, LOG_LEVEL: "silent", NODE_ENV: "test", ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`service not healthy in time: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGKILL");
      await exited;
    },
  };
}
