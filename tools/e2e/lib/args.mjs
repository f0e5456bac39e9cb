// Tiny --flag value parser: flags in `spec` ({name: 'string'|'boolean'}); unknown flags are an error.
export function parseArgs(argv, spec, usage) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage + '\n');
      process.exit(0);
    }
    const m = arg.match(/^--([a-z0-9-]+)(?:=(.*))?$/);
    if (!m || !(m[1] in spec)) fail(`unknown argument '${arg}'\n${usage}`);
    const name = m[1];
    if (spec[name] === 'boolean') {
      out[name] = m[2] === undefined ? true : m[2] !== 'false';
    } else {
      const value = m[2] ?? argv[++i];
      if (value === undefined) fail(`--${name} needs a value\n${usage}`);
      out[name] = value;
    }
  }
  return out;
}

export function fail(message, code = 2) {
  process.stderr.write(`error: ${message}\n`);
  process.stdout.write(JSON.stringify({ ok: false, error: message.split('\n')[0] }) + '\n');
  process.exit(code);
}
