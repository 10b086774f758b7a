// Loaded with `node --import` into every app process the suite or the
// benchmark starts: the app exits when the process that started it is gone
// (a test worker killed at its timeout, a benchmark stopped with Ctrl-C), so
// no server outlives its run. It changes nothing else in the app.
const parent = process.ppid;
setInterval(() => {
  // Orphans are adopted by init (or a subreaper): the parent id changes.
  if (process.ppid !== parent) process.exit(0);
}, 500).unref();
