// Globals every script gets besides the Scripting APIs: `console`, timers and
// `queueMicrotask`. The rest of the language (Promise, JSON, Map, typed arrays...) comes
// from TypeScript's own "es2022" lib; there is no DOM here, and the few web globals the
// runtime has (URL, TextEncoder, Event...) are in web.d.ts.

/** The script's console. Each call prints one line: strings as they are, other values inspected. */
interface Console {
  /** Prints the values to standard output. A first string with `%s`/`%d`/`%o` placeholders formats the rest. */
  log(...values: any[]): void
  /** Same as `log`: prints to standard output. */
  info(...values: any[]): void
  /** Same as `log`: prints to standard output. */
  debug(...values: any[]): void
  /** Prints the values to standard error. */
  warn(...values: any[]): void
  /** Prints the values to standard error. */
  error(...values: any[]): void
  /** Prints "Trace:" with the values and the current stack to standard error. */
  trace(...values: any[]): void
  /** Prints "Assertion failed" (and the values) to standard error when `condition` is falsy; never throws. */
  assert(condition?: any, ...values: any[]): void
  /** Counts calls per label (default "default") and prints `label: n`. */
  count(label?: string): void
  /** Resets the counter of `label` to zero. */
  countReset(label?: string): void
  /** Starts a timer named `label`, for `timeEnd`. */
  time(label?: string): void
  /** Prints `label: <ms>ms` since `time(label)` and forgets the timer; does nothing for an unknown label. */
  timeEnd(label?: string): void
  /** Prints one value inspected. */
  dir(value?: any): void
  /** Prints the values as `log` does (no table layout). */
  table(...values: any[]): void
  /**
   * Clears the screen when standard output is a terminal (cursor home, then erase below, as
   * Node does); into a file or a pipe it writes nothing.
   */
  clear(): void
  /**
   * The app shows its console view here and resolves once it is closed. There is no view off
   * the phone: the promise is already resolved.
   */
  present(): Promise<void>
}

/** The script's console (standard output for log/info/debug, standard error for warn/error). */
declare var console: Console

/**
 * Calls `callback(...args)` once, after at least `delay` milliseconds (missing, negative or
 * NaN means 0).
 * @returns a numeric id for `clearTimeout`.
 * @throws TypeError when `callback` is not a function (strings of code are not accepted).
 */
declare function setTimeout<TArgs extends any[]>(callback: (...args: TArgs) => void, delay?: number, ...args: TArgs): number
/**
 * Calls `callback` once, with no arguments, after at least `delay` milliseconds. This form
 * takes a callback with one parameter that may be left out, such as a promise's `resolve`:
 * `await new Promise(resolve => setTimeout(resolve, 200))`.
 */
declare function setTimeout(callback: (value: void) => void, delay?: number): number

/** Cancels a timeout made by `setTimeout`. An unknown, fired or missing id is ignored. */
declare function clearTimeout(id?: number | null): void

/**
 * Calls `callback(...args)` every `delay` milliseconds until `clearInterval(id)`.
 * @returns a numeric id for `clearInterval`.
 * @throws TypeError when `callback` is not a function.
 */
declare function setInterval<TArgs extends any[]>(callback: (...args: TArgs) => void, delay?: number, ...args: TArgs): number
/** Calls `callback`, with no arguments, every `delay` milliseconds until `clearInterval(id)`. */
declare function setInterval(callback: (value: void) => void, delay?: number): number

/** Stops an interval made by `setInterval`. An unknown or missing id is ignored. */
declare function clearInterval(id?: number | null): void

/**
 * Calls `callback(...args)` once, soon: after the I/O and timers already due (a timeout of 0).
 * @returns a numeric id for `clearImmediate`.
 * @throws TypeError when `callback` is not a function.
 */
declare function setImmediate<TArgs extends any[]>(callback: (...args: TArgs) => void, ...args: TArgs): number
/** Calls `callback` once, soon, with no arguments: `await new Promise(resolve => setImmediate(resolve))`. */
declare function setImmediate(callback: (value: void) => void): number

/** Cancels a call made by `setImmediate`. An unknown, done or missing id is ignored. */
declare function clearImmediate(id?: number | null): void

/**
 * Runs `callback` as a microtask: after the current code finishes, before any timer or I/O.
 * An exception it throws is reported, not propagated.
 * @throws TypeError when `callback` is not a function.
 */
declare function queueMicrotask(callback: () => void): void
