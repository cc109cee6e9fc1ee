// Tests share 2 cores with a JVM store and browsers: hooks that seed a county, or a PNG rendered
// under load, need more than jest's 5 s. A deadline, not a speed claim (speed is in npm run bench).
jest.setTimeout(120_000);
