// @ts-check
// SQLite: the app's namespace over Python's sqlite3 (sqlite.py). Every member of a Database
// is one host call that returns a promise; values cross as JSON, with Data and infinities
// tagged (sqlite_values.py) and a Date written as GRDB stores it.
(function (/** @type {Hosts["storage/sqlite.js"]} */ host, /** @type {Internals} */ internals) {
  "use strict";
  const CONSTRUCTING = Symbol("SQLite.Database");

  // "YYYY-MM-DD HH:MM:SS.SSS" in UTC: the text GRDB stores a Date as.
  function dateText(date) {
    const iso = date.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  }

  function encodeValue(where, name, value) {
    if (value === null || value === undefined) return null;
    if (typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") {
      if (Number.isNaN(value)) return null; // SQLite stores NaN as NULL
      return Number.isFinite(value) ? value : { $number: value > 0 ? "Infinity" : "-Infinity" };
    }
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new RangeError(`${where}: ${name} is an invalid Date, which cannot be stored`);
      return dateText(value);
    }
    if (value instanceof internals.Data) return { $data: value.toBase64String() };
    throw internals.wrongType(where, name, "a string, number, boolean, Data, Date or null", value);
  }

  function encodeArguments(where, args) {
    if (args === undefined || args === null) return null;
    if (Array.isArray(args)) return args.map((value, i) => encodeValue(where, `argument ${i + 1}`, value));
    if (typeof args === "object" && !(args instanceof Date) && !(args instanceof internals.Data)) {
      const named = {};
      for (const [name, value] of Object.entries(args)) named[name] = encodeValue(where, `argument ${name}`, value);
      return named;
    }
    throw internals.wrongType(where, "arguments", "an array or an object of values", args);
  }

  function decodeValue(value) {
    if (value === null || typeof value !== "object") return value;
    if ("$data" in value) return internals.Data.fromBase64String(value.$data);
    return value.$number === "Infinity" ? Infinity : -Infinity;
  }

  function decodeRow(row) {
    if (row === null) return null;
    for (const name of Object.keys(row)) row[name] = decodeValue(row[name]);
    return row;
  }

  function encodeColumns(where, columns) {
    if (!Array.isArray(columns)) throw internals.wrongType(where, "options.columns", "an array", columns);
    return columns.map((column) => {
      internals.check.object(where, "each column", column);
      if (!("defaultValue" in column)) return column;
      return { ...column, defaultValue: encodeValue(where, `the defaultValue of column ${column.name}`, column.defaultValue) };
    });
  }

  class Database {
    #id;

    constructor(token, id) {
      if (token !== CONSTRUCTING) {
        throw new TypeError("SQLite.Database has no public constructor: use SQLite.open(path) or SQLite.openInMemory(name)");
      }
      this.#id = id;
    }

    #call(member, args) {
      return host.call(this.#id, member, JSON.stringify(args));
    }

    #statement(member, sql, args) {
      const where = `SQLite.Database.${member}`;
      internals.check.string(where, "sql", sql);
      return this.#call(member, [sql, encodeArguments(where, args)]);
    }

    #table(member, tableName, schemaName) {
      const where = `SQLite.Database.${member}`;
      internals.check.string(where, "tableName", tableName);
      if (schemaName !== undefined && schemaName !== null) internals.check.string(where, "schemaName", schemaName);
      return this.#call(member, [tableName, schemaName ?? null]);
    }

    schemaVersion() { return this.#call("schemaVersion", []); }

    tableExists(tableName, schemaName) { return this.#table("tableExists", tableName, schemaName); }

    isTableHasUniqueKeys(tableName, uniqueKeys) {
      internals.check.string("SQLite.Database.isTableHasUniqueKeys", "tableName", tableName);
      internals.check.strings("SQLite.Database.isTableHasUniqueKeys", "uniqueKeys", uniqueKeys);
      return this.#call("isTableHasUniqueKeys", [tableName, uniqueKeys]);
    }

    columnsIn(tableName, schemaName) { return this.#table("columnsIn", tableName, schemaName); }

    primaryKey(tableName, schemaName) { return this.#table("primaryKey", tableName, schemaName); }

    foreignKeys(tableName, schemaName) { return this.#table("foreignKeys", tableName, schemaName); }

    indexes(tableName, schemaName) { return this.#table("indexes", tableName, schemaName); }

    execute(sql, args) { return this.#statement("execute", sql, args); }

    // The app declares one step; an array of steps runs them all in the one transaction.
    transaction(steps, options) {
      const where = "SQLite.Database.transaction";
      const list = Array.isArray(steps) ? steps : [steps];
      const encoded = list.map((step, i) => {
        internals.check.object(where, `step ${i + 1}`, step);
        internals.check.string(where, `step ${i + 1}: sql`, step.sql);
        return { sql: step.sql, args: encodeArguments(`${where}: step ${i + 1}`, step.args) };
      });
      const kind = options?.kind ?? null;
      return this.#call("transaction", [encoded, kind]);
    }

    // Not async functions: a wrong argument throws at the call, as with every other member.
    fetchAll(sql, args) { return this.#statement("fetchAll", sql, args).then((rows) => rows.map(decodeRow)); }

    fetchSet(sql, args) { return this.#statement("fetchSet", sql, args).then((rows) => rows.map(decodeRow)); }

    fetchOne(sql, args) { return this.#statement("fetchOne", sql, args).then((row) => decodeRow(row ?? null)); }

    createTable(name, options) {
      const where = "SQLite.Database.createTable";
      internals.check.string(where, "name", name);
      internals.check.object(where, "options", options);
      return this.#call("createTable", [name, { ...options, columns: encodeColumns(where, options.columns) }]);
    }

    renameTable(name, newName) {
      internals.check.string("SQLite.Database.renameTable", "name", name);
      internals.check.string("SQLite.Database.renameTable", "newName", newName);
      return this.#call("renameTable", [name, newName]);
    }

    dropTable(name) {
      internals.check.string("SQLite.Database.dropTable", "name", name);
      return this.#call("dropTable", [name]);
    }

    createIndex(name, options) {
      const where = "SQLite.Database.createIndex";
      internals.check.string(where, "name", name);
      internals.check.object(where, "options", options);
      internals.check.string(where, "options.table", options.table);
      internals.check.strings(where, "options.columns", options.columns);
      if (options.condition !== undefined && options.condition !== null) internals.check.string(where, "options.condition", options.condition);
      return this.#call("createIndex", [name, options]);
    }

    dropIndex(name) {
      internals.check.string("SQLite.Database.dropIndex", "name", name);
      return this.#call("dropIndex", [name]);
    }

    dropIndexOn(tableName, columns) {
      internals.check.string("SQLite.Database.dropIndexOn", "tableName", tableName);
      internals.check.strings("SQLite.Database.dropIndexOn", "columns", columns);
      return this.#call("dropIndexOn", [tableName, columns]);
    }
  }

  function open(where, target, inMemory, configuration) {
    internals.check.string(where, inMemory ? "name" : "path", target);
    if (configuration !== undefined && configuration !== null) internals.check.object(where, "configuration", configuration);
    return new Database(CONSTRUCTING, host.open(target, inMemory, JSON.stringify(configuration ?? {}), internals.callerFile()));
  }

  const SQLite = {
    Database,
    open: (path, configuration) => open("SQLite.open", path, false, configuration),
    openInMemory: (name, configuration) => open("SQLite.openInMemory", name, true, configuration),
  };

  return { SQLite };
})
