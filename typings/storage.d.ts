// State that outlives the process: `Storage` (key-value), `Keychain` (secrets) and `SQLite`.
// Where each keeps its files: README.md, "Storage, Keychain and SQLite".

/** A persistent key-value store, one per script (and one all scripts share). A value is on disk when the call returns. */
declare namespace Storage {
  /** Stores any value that has a JSON form under `key`. `false` (and nothing stored) when it has none: `undefined`, a function, a cycle. `shared: true` writes to the store every script shares. */
  function set<T>(key: string, value: T, options?: { shared: boolean }): boolean
  /** The value stored under `key` with `set`, or `null` when there is none (a `Data` stored with `setData` is read with `getData`). */
  function get<T>(key: string, options?: { shared: boolean }): T | null
  /** Stores the bytes of `data` under `key`. */
  function setData(key: string, data: Data, options?: { shared: boolean }): void
  /** The bytes stored under `key` with `setData`, or `null` when there are none. */
  function getData(key: string, options?: { shared: boolean }): Data | null
  /** Forgets `key`; nothing happens when it is not there. */
  function remove(key: string, options?: { shared: boolean }): void
  /** Whether anything (a value or bytes) is stored under `key`. */
  function contains(key: string, options?: { shared: boolean }): boolean
  /** Forgets every key of this script's store. */
  function clear(): void
  /** The keys of this script's store, sorted. */
  function keys(): string[]
}

/** How an iOS keychain item may be read. Accepted for scripts written for the app; it has no effect off the phone. */
type KeychainAccessibility = string

/** Options every Keychain write accepts: both are iOS settings with no effect here. */
interface KeychainWriteOptions {
  /** iOS only: when the item may be read. No effect here. */
  accessibility?: KeychainAccessibility
  /** iOS only: whether iCloud syncs the item. No effect here. */
  synchronizable?: boolean
}

/** Secrets shared by every script of this user, encrypted at rest (README.md says against what). */
declare namespace Keychain {
  /** Stores `value` under `key`, replacing what was there. `false` when it could not be stored. */
  function set(key: string, value: string, options?: KeychainWriteOptions): boolean
  /** Stores a boolean under `key` (as the text "true" or "false"). */
  function setBool(key: string, value: boolean, options?: KeychainWriteOptions): boolean
  /** Stores bytes under `key`. */
  function setData(key: string, value: Data, options?: KeychainWriteOptions): boolean
  /** The text stored under `key`, or `null` when there is none or it is not UTF-8 text. */
  function get(key: string, options?: { synchronizable?: boolean }): string | null
  /** The boolean stored under `key`, or `null` when there is none or it holds something else. */
  function getBool(key: string, options?: { synchronizable?: boolean }): boolean | null
  /** The bytes stored under `key` (whatever kind of item it is), or `null` when there is none. */
  function getData(key: string, options?: { synchronizable?: boolean }): Data | null
  /** Deletes the item; `true` when there was one. */
  function remove(key: string, options?: { synchronizable?: boolean }): boolean
  /** Whether an item is stored under `key`. */
  function contains(key: string, options?: { synchronizable?: boolean }): boolean
  /** The names of every item, sorted. */
  function keys(options?: { synchronizable?: boolean }): string[]
  /** Deletes every item; `true` once done. */
  function clear(options?: { synchronizable?: boolean }): boolean
}

/** SQLite databases. Every query runs on the database's own thread, so a slow one never holds up the server. */
declare namespace SQLite {
  /** How a database is opened. Every field may be left out. */
  type Configuration = {
    /** Enforce foreign keys (default `true`). */
    foreignKeysEnabled: boolean
    /** Open for reading only (default `false`). */
    readonly: boolean
    /** A name for the database's thread, seen in debuggers. */
    label: string | null
    /** When another connection holds a lock: fail at once (`"immediateError"`, the default) or wait up to this many seconds. */
    busyMode: "immediateError" | number
    /** `"wal"` for write-ahead logging; `"default"` keeps SQLite's own journal. */
    journalMode: "wal" | "default"
    /** Accepted; each database here is one connection, so it has no effect. */
    maximumReaderCount: number
  }

  /** A column as `columnsIn` reports it. */
  type ColumnInfo = {
    name: string
    /** The declared type, as written in CREATE TABLE. */
    type: string
    /** The default's SQL text, or `null` when the column has none. */
    defaultValueSQL: string | null
    isNotNull: boolean
    /** 0 when the column is not in the primary key, else its 1-based position there. */
    primaryKeyIndex: number
  }

  /** A table's primary key. */
  type PrimaryKeyInfo = {
    /** Its columns: `["rowid"]` for a table without a declared key. */
    columns: string[]
    /** The INTEGER PRIMARY KEY column that stands for the rowid, or `null`. */
    rowIDColumn: string | null
    /** Whether the key is the rowid (hidden, or aliased by an INTEGER PRIMARY KEY). */
    isRowID: boolean
  }

  /** A foreign key of a table. */
  type ForeignKeyInfo = {
    id: number
    originColumns: string[]
    destinationTable: string
    destinationColumns: string[]
    /** Each origin column with the column it refers to. */
    mapping: { origin: string, destination: string }[]
  }

  /** An index of a table. */
  type IndexInfo = {
    name: string
    columns: string[]
    isUnique: boolean
    /** What made it: CREATE INDEX, a PRIMARY KEY or a UNIQUE constraint. */
    origin: "createIndex" | "primaryKeyConstraint" | "uniqueConstraint"
  }

  /** What a column holds or a statement takes. A `Date` is stored as the text "YYYY-MM-DD HH:MM:SS.SSS" (UTC) and read back as that text; a boolean as 1 or 0. */
  type DatabaseValue = string | number | boolean | Data | Date | null

  /** How text compares in a column: SQLite's own, or a Swift string comparison. */
  type DatabaseCollation = "binary" | "rtrim" | "nocase" | "caseInsensitiveCompare" | "localizedCaseInsensitiveCompare" | "localizedCompare" | "localizedStandardCompare" | "unicodeCompare"

  type ForeignKeyAction = "cascade" | "restrict" | "setNull" | "setDefault"

  /** What a column refers to. */
  type ColumnReferences = {
    table: string
    /** Left out: the referenced table's primary key. */
    column?: string
    onDelete?: ForeignKeyAction
    onUpdate?: ForeignKeyAction
    /** Checked at COMMIT instead of at each statement. */
    deferred?: boolean
  }

  /** One column of `createTable`. */
  type ColumnDefinition = {
    name: string
    /** Its SQL type: TEXT, INTEGER, REAL, BLOB... */
    type: string
    primaryKey?: boolean
    /** With `primaryKey`: never reuse the ids of deleted rows. */
    autoIncrement?: boolean
    notNull?: boolean
    unique?: boolean
    /** Also make an index on this column (named `<table>_on_<column>`). */
    indexed?: boolean
    /** An SQL expression every row must satisfy. */
    checkSQL?: string
    collation?: DatabaseCollation
    /** A default value (give this or `defaultSQL`, not both). */
    defaultValue?: DatabaseValue
    /** A default as an SQL expression. */
    defaultSQL?: string
    references?: ColumnReferences
  }

  /** A statement's arguments: by position (`?`), or by name (`:name`, `@name`, `$name`; keys without the sign). Always bound, never pasted into the SQL. */
  type Arguments = DatabaseValue[] | Record<string, DatabaseValue>

  /** One statement of a transaction. */
  type TransactionStep = {
    sql: string
    args?: Arguments | null
  }

  /** An open database. Every member returns a promise; SQLite's errors reject it with SQLite's message and the statement. */
  class Database {
    private constructor()

    /** SQLite's schema version, which grows with every change of the schema. */
    schemaVersion(): Promise<number>

    /** Whether the table exists (case-insensitive; in "main" or "temp" unless `schemaName` says). */
    tableExists(tableName: string, schemaName?: string): Promise<boolean>
    /** Whether these columns are enough to pick out one row: they hold the primary key or a unique index. */
    isTableHasUniqueKeys(tableName: string, uniqueKeys: string[]): Promise<boolean>

    /** The table's columns, in order. Rejects when there is no such table. */
    columnsIn(tableName: string, schemaName?: string): Promise<ColumnInfo[]>

    /** The table's primary key. */
    primaryKey(tableName: string, schemaName?: string): Promise<PrimaryKeyInfo>
    /** The table's foreign keys. */
    foreignKeys(tableName: string, schemaName?: string): Promise<ForeignKeyInfo[]>
    /** The table's indexes, those its constraints made included. */
    indexes(tableName: string, schemaName?: string): Promise<IndexInfo[]>

    /** Runs one statement with its arguments, or (without arguments) a script of several. */
    execute(sql: string, arguments?: Arguments): Promise<void>

    /** Runs the step (or an array of steps) in one transaction: all of it, or none of it if a step fails. */
    transaction(steps: TransactionStep | TransactionStep[], options?: {
      kind?: "deferred" | "immediate" | "exclusive"
    }): Promise<void>

    /** Every row, each an object keyed by column name (BLOBs as `Data`). */
    fetchAll<T>(sql: string, arguments?: Arguments): Promise<T[]>
    /** The rows without repeats, in the order first seen. */
    fetchSet<T>(sql: string, arguments?: Arguments): Promise<T[]>
    /** The first row, or `null` when there is none. */
    fetchOne<T>(sql: string, arguments?: Arguments): Promise<T>

    /** Creates a table from column definitions (and the indexes of its `indexed` columns). */
    createTable(name: string, options: {
      columns: ColumnDefinition[]
      ifNotExists?: boolean
    }): Promise<void>
    renameTable(name: string, newName: string): Promise<void>
    dropTable(name: string): Promise<void>

    /** Creates an index; `condition` makes it a partial index (an SQL expression). */
    createIndex(name: string, options: {
      table: string
      columns: string[]
      unique?: boolean
      ifNotExists?: boolean
      condition?: string
    }): Promise<void>
    dropIndex(name: string): Promise<void>
    /** Drops the index on exactly these columns; nothing happens when there is none. */
    dropIndexOn(tableName: string, columns: string[]): Promise<void>
  }

  /** Opens (or creates) the database file at `path`; a relative path starts at the calling script's folder. Throws when it cannot be opened. */
  function open(path: string, configuration?: Partial<Configuration>): Database
  /** A database in memory, shared by every `openInMemory` of the same name while one is open. */
  function openInMemory(name: string, configuration?: Partial<Configuration>): Database
}
