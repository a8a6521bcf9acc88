// What the committed bin files share. They are committed, so that npm links
// the commands at install time, before anything is built; each program is
// dist/bundle/<name>.js (built by `npx nx run cli:bundle`, shipped in the
// package).
export function launch(name) {
  const program = new URL(`../dist/bundle/${name}.js`, import.meta.url);
  return import(program.href).catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(`${name}.js`)) {
      process.stderr.write(`${name}: not built yet; run: npx nx run cli:bundle\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  });
}
