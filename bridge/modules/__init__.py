"""ES modules for scripts: `import`/`export` between a script's files, the module "scripting",
and script folders. loader.py loads and checks, loader.js evaluates, wrappers.py writes the
line around each module's code, resolution.py finds files, scripting.py/.js is "scripting"."""
