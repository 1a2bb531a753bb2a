// Drain rate of graphile-worker in its batched configuration, for comparison with duly's engine
// (bench/engine_bench.sh runs both on the same PostgreSQL).
//
// Environment: DATABASE_URL (an empty database), PENDING (future jobs that stay queued, default
// 1000000), DUE (no-op jobs due now, default 100000), CONCURRENCY (default 24).
// Adds PENDING jobs due in a day and DUE no-op jobs due now with add_jobs in batches, then runs
// the worker with the configuration graphile-worker's performance page uses (local queue of 500,
// job completion batched with delay 0, a pool of concurrency + 1) until every due job has run and
// its completion is written (the clock stops after runner.stop() has flushed the batches),
// checks nothing due is left, and prints one JSON line:
//   {"system":"graphile-worker","pending":...,"due":...,"seconds":...,"jobs_per_second":...}
import { Logger, makeWorkerUtils, run } from "graphile-worker";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error("drain.mjs: DATABASE_URL is not set");
  process.exit(2);
}
const pending = Number(process.env.PENDING ?? 1000000);
const due = Number(process.env.DUE ?? 100000);
const concurrency = Number(process.env.CONCURRENCY ?? 24);
const chunk = 50000;

// Only warnings and errors: a log line per job would measure the console.
const logger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(message);
});
const utils = await makeWorkerUtils({ connectionString, logger });
await utils.migrate();

async function addJobs(count, runAt) {
  for (let added = 0; added < count; added += chunk) {
    const n = Math.min(chunk, count - added);
    await utils.withPgClient((client) =>
      client.query(
        `select graphile_worker.add_jobs(array(
           select row('noop', '{}'::json, null, ${runAt}, null, null, null, null)
                    ::graphile_worker.job_spec
           from generate_series(1, $1)))`,
        [n],
      ),
    );
  }
}

let started = Date.now();
await addJobs(pending, "now() + interval '1 day'");
await addJobs(due, "now() - interval '1 second'");
await utils.withPgClient((client) => client.query("analyze"));
console.error(
  `graphile-worker: queued ${pending} future and ${due} due jobs in ${(Date.now() - started) / 1000} s`,
);

let done = 0;
let finish;
const allDone = new Promise((resolve) => (finish = resolve));
started = Date.now();
const runner = await run({
  connectionString,
  concurrency,
  maxPoolSize: concurrency + 1,
  noHandleSignals: true,
  pollInterval: 1000,
  logger,
  taskList: {
    noop: async () => {
      done += 1;
      if (done === due) finish();
    },
  },
  preset: {
    worker: {
      localQueue: { size: 500 },
      completeJobBatchDelay: 0,
      failJobBatchDelay: 0,
    },
  },
});
await allDone;
await runner.stop();  // flushes the batched completions: the jobs are gone from the table
const seconds = (Date.now() - started) / 1000;

const left = await utils.withPgClient((client) =>
  client.query("select count(*)::int as n from graphile_worker.jobs where run_at <= now()"),
);
const future = await utils.withPgClient((client) =>
  client.query("select count(*)::int as n from graphile_worker.jobs where run_at > now()"),
);
await utils.release();
if (left.rows[0].n !== 0 || future.rows[0].n !== pending) {
  console.error(
    `graphile-worker: ${left.rows[0].n} due jobs left and ${future.rows[0].n} future jobs (expected 0 and ${pending})`,
  );
  process.exit(1);
}
console.log(
  JSON.stringify({
    system: "graphile-worker",
    pending,
    due,
    seconds,
    jobs_per_second: Math.round(due / seconds),
  }),
);
