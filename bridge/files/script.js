// @ts-check
// `Script`: what the running script is (name, folder, script.json), how it was started (its
// query parameters), and the app's script-control members. Off the phone there is one script,
// run from the command line (or a host program): members about widgets, minimizing or the Home
// tab answer as a script in the app's main view that is never minimized would see it.
(function (/** @type {Hosts["files/script.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";

  function checkCallback(member, callback) {
    internals.check.function(`Script.${member}`, "callback", callback);
    return () => undefined; // removes nothing: the event never happens here
  }

  let context = null;
  const contextOf = () => (context ??= host.context());
  let metadata = null;
  let queryParameters = null;

  // The app's URL schemes, as strings (nothing is opened here).
  function query(parameters, member) {
    if (parameters === undefined || parameters === null) return "";
    internals.check.object(`Script.${member}`, "queryParameters", parameters);
    const pairs = Object.entries(parameters).map(
      ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    return pairs.length === 0 ? "" : "?" + pairs.join("&");
  }

  function runURL(kind, member, scriptName, parameters) {
    internals.check.string(`Script.${member}`, "scriptName", scriptName);
    return `scripting://${kind}/${encodeURIComponent(scriptName)}${query(parameters, member)}`;
  }

  const Script = {
    env: "index",
    widgetParameter: "",
    get name() { return contextOf().name; },
    get directory() { return contextOf().directory; },
    get metadata() { return (metadata ??= host.metadata()); },
    get queryParameters() { return (queryParameters ??= host.query_parameters()); },

    createDocumentationURLScheme(title) {
      if (title === undefined || title === null) return "scripting://doc";
      internals.check.string("Script.createDocumentationURLScheme", "title", title);
      return `scripting://doc?title=${encodeURIComponent(title)}`;
    },
    createOpenURLScheme(scriptName) {
      internals.check.string("Script.createOpenURLScheme", "scriptName", scriptName);
      return `scripting://open/${encodeURIComponent(scriptName)}`;
    },
    createRunURLScheme(scriptName, queryParameters) {
      return runURL("run", "createRunURLScheme", scriptName, queryParameters);
    },
    createRunSingleURLScheme(scriptName, queryParameters) {
      return runURL("run_single", "createRunSingleURLScheme", scriptName, queryParameters);
    },
    createOAuthCallbackURLScheme(uniqueID) {
      internals.check.string("Script.createOAuthCallbackURLScheme", "uniqueID", uniqueID);
      return `scripting://oauth_callback/${encodeURIComponent(uniqueID)}`;
    },
    createImportScriptsURLScheme(urls) {
      internals.check.strings("Script.createImportScriptsURLScheme", "urls", urls);
      return `scripting://import_scripts?urls=${encodeURIComponent(JSON.stringify(urls))}`;
    },

    // Another script beside this one, run in a process of its own (script_runs.py): resolves
    // what it passes to Script.exit, null if nothing or if there is no such script.
    async run(options) {
      if (options === null || typeof options !== "object") {
        throw internals.wrongType("Script.run", "options", "an object { name, queryParameters?, singleMode? }", options);
      }
      internals.check.string("Script.run", "options.name", options.name);
      const parameters = options.queryParameters ?? {};
      internals.check.object("Script.run", "options.queryParameters", parameters);
      return JSON.parse(await host.run(options.name, JSON.stringify(parameters), Boolean(options.singleMode)));
    },
    // Ends the run: servers are stopped (each session closed), timers cancelled, exit status 0.
    // `result`, if given, must survive JSON.stringify; the command line prints it.
    exit(result) {
      let json;
      if (result !== undefined) {
        json = JSON.stringify(result);
        if (json === undefined) throw internals.wrongType("Script.exit", "result", "a value JSON can hold", result);
      }
      host.exit(json);
    },

    supportsMinimization: () => false,
    isMinimized: () => false,
    minimize: async () => false,
    enableMinimize(enabled) {
      if (enabled !== undefined) internals.check.boolean("Script.enableMinimize", "enabled", enabled);
    },
    onMinimize: (callback) => checkCallback("onMinimize", callback),
    onResume: (callback) => checkCallback("onResume", callback),
    onHomeTabEvent: (callback) => checkCallback("onHomeTabEvent", callback),
    // Nothing is held back here.
    hasFullAccess: () => true,
    // No device capability (calendar, health, ...) exists here, so none is granted.
    async requestAccess(apis) {
      if (!Array.isArray(apis)) throw internals.wrongType("Script.requestAccess", "apis", "an array of capability names", apis);
      if (apis.length === 0) throw new TypeError("Script.requestAccess: apis must not be empty");
      return [];
    },
  };

  return { Script: Object.freeze(Script) };
})
