// Integration tests share 2 cores with a JVM store; hooks that seed a county need more than 5 s.
jest.setTimeout(60_000);
