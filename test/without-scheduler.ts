// Setup for every test file (vitest.config.ts): tests run as a job (a Slurm array task, a
// Kubernetes Indexed Job) would otherwise hand the job's shard variables to every build and
// `npm run train` they start, each of which would then train one shard of the report.
for (const name of Object.keys(process.env))
  if (name.startsWith("SLURM_ARRAY_") || name === "JOB_COMPLETION_INDEX") delete process.env[name];
