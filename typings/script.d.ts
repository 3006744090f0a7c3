// `Script`: the running script, its arguments and its control. A global at run time, and an
// export of the module "scripting" in the app (`import { Script } from "scripting"`).

/** A person named in a script's metadata. */
type ScriptDeveloper = {
  name: string
  email: string | null
  homepage: string | null
}

/**
 * What `script.json` in the script's folder says about it, over defaults made from the
 * script's name (icon "doc.text", color "systemBlue", version "1.0.0").
 */
type ScriptMetadata = {
  name: string
  /** An SF Symbols name in the app. */
  icon: string
  iconImage: string | null
  /** A hex ("#FF0000") or named color. */
  color: string
  localizedName: string
  localizedNames?: Record<string, string>
  description?: string
  localizedDescription: string
  localizedDescriptions?: Record<string, string>
  version: string
  author?: ScriptDeveloper
  contributors?: ScriptDeveloper[]
  remoteResource?: {
    url: string
    autoUpdateInterval?: number | null
  }
}

/** The running script: who it is, how it was started, and how it ends. */
declare namespace Script {
  /** Where the script runs; always "index" (the app's main view) here. */
  const env: "index" | "widget" | "intent" | "app_intents" | "notification" | "assistant_tool" | "keyboard" | "control_widget" | "live_activity" | "alarm_live_activity" | "translation_ui_provider" | "home_screen"
  /** The script folder's name for a folder's `index` file, else the file's name without its extension. */
  const name: string
  /** The script's `script.json` over defaults; reading it throws when that file is not a JSON object. */
  const metadata: ScriptMetadata
  /** The folder of the script's file. */
  const directory: string
  /** The parameter of a home-screen widget in the app; always "" here. */
  const widgetParameter: string
  /**
   * The script's arguments: `run script.ts --queryparameters '{"n": 1}'` keeps the JSON's
   * types, `run script.ts -- n=1` gives strings (as the app's run URL scheme does).
   */
  const queryParameters: Record<string, any>
  /** "scripting://doc", with `?title=...` when a title is given. */
  function createDocumentationURLScheme(title?: string): string
  /** "scripting://open/<name>". */
  function createOpenURLScheme(scriptName: string): string
  /** "scripting://run/<name>?key=value&...": the app's URL that runs a script. Nothing is opened here. */
  function createRunURLScheme(scriptName: string, queryParameters?: Record<string, string>): string
  /** "scripting://run_single/<name>?...": as createRunURLScheme, for a single running instance. */
  function createRunSingleURLScheme(scriptName: string, queryParameters?: Record<string, string>): string
  /** "scripting://oauth_callback/<uniqueID>", to register as an OAuth redirect URL. */
  function createOAuthCallbackURLScheme(uniqueID: string): string
  /** "scripting://import_scripts?urls=<the URLs as JSON, encoded>". */
  function createImportScriptsURLScheme(urls: string[]): string
  /**
   * Runs the script called `name` beside this one (a script folder, or a .ts/.tsx/.js/.jsx
   * file) in a process of its own, its console passed on; resolves what it gives
   * `Script.exit`, or `null` (no such script, or no result). Rejects if it fails.
   * `singleMode` ends the instance of that script this one started before.
   */
  function run<T>(options: {
    name: string
    queryParameters?: Record<string, any>
    singleMode?: boolean
  }): Promise<T | null>
  /**
   * Ends the run: servers close their sessions, timers are cancelled, the exit status is 0. A
   * `result` must survive JSON.stringify; `run` prints it (a string as it is, else as JSON).
   * The rest of the function that calls it still runs; nothing scheduled afterwards does.
   */
  function exit(result?: any): void
  /** false: nothing is minimized here. */
  function supportsMinimization(): boolean
  /** false. */
  function isMinimized(): boolean
  /** Resolves false. */
  function minimize(): Promise<boolean>
  /** Does nothing here. */
  function enableMinimize(enabled?: boolean): void
  /** Never called here; returns a function that removes the listener. */
  function onMinimize(callback: () => void): () => void
  /** What the app passes when a minimized script comes back. */
  type ResumeEventDetails = {
    resumeFromMinimized: boolean
    widgetParameter: string | null
    controlWidgetParameter: string | null
    queryParameters: Record<string, any> | null
    notificationInfo: any | null
  }
  /** Never called here; returns a function that removes the listener. */
  function onResume(callback: (eventDetails: ResumeEventDetails) => void): () => void
  /** A switch of the app's Home tab. */
  type HomeTabEvent = "selected" | "reselected" | "deselected"
  /** Never called here; returns a function that removes the listener. */
  function onHomeTabEvent(callback: (event: HomeTabEvent) => void): () => void
  /** true: nothing is held back here. */
  function hasFullAccess(): boolean
  /** Resolves with no capability granted (there is no calendar, health... here); rejects an empty list. */
  function requestAccess(apis: string[]): Promise<string[]>
}
