"""ES modules between a script's files, run by a real Runtime from script folders written to
temporary directories: what a script prints, and the report a user reads when it fails."""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

import bridge

UNAVAILABLE = "is part of the app's iOS interface, which scripting-bridge does not provide"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@dataclass
class Outcome:
    lines: list[str]
    stderr: str
    error: str | None


async def run(path: Path) -> Outcome:
    stdout, stderr = io.StringIO(), io.StringIO()
    error = None
    async with bridge.Runtime(stdout=stdout, stderr=stderr) as runtime:
        try:
            await runtime.run_file(path)
            await runtime.idle()
        except bridge.ScriptError as failure:
            error = str(failure)
    return Outcome(stdout.getvalue().splitlines(), stderr.getvalue(), error)


async def test_named_default_and_namespace_imports_and_every_kind_of_re_export(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import greet, { double as twice, PI } from "./lib/math";
            import * as math from "./lib/math";
            import { Shape, area, shapes, inner, renamed } from "./lib";
            import Anonymous from "./lib/anonymous";
            import value from "./lib/value";
            console.log(greet("you"), twice(2), PI, math.PI, Object.keys(math).join(","));
            console.log(new Shape(3).side, area(2), shapes.Shape === Shape, inner.deep, renamed);
            console.log(new Anonymous().kind, value.answer, Object.prototype.toString.call(math), Object.isExtensible(math));
            """,
        "lib/math.ts": """
            export const PI: number = 3.14;
            export function double(x: number): number { return x * 2; }
            export default function (name: string) { return `hello ${name}`; }
            """,
        "lib/index.ts": """
            export * from "./shapes";
            export * as shapes from "./shapes";
            export { deep as renamed } from "./deep";
            import * as inner from "./deep";
            export { inner };
            """,
        "lib/shapes.ts": """
            export class Shape { constructor(public side: number) {} }
            const area = (side: number) => side * side;
            export { area };
            """,
        "lib/deep.js": "export const deep = 'deep';\n",
        "lib/anonymous.ts": "export default class { kind = 'anonymous class'; }\n",
        "lib/value.ts": "export default { answer: 42 } as const;\n",
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == [
        "hello you 4 3.14 3.14 PI,default,double",
        "3 4 true deep deep",
        "anonymous class 42 [object Module] false",
    ]


async def test_each_module_runs_once_after_its_imports_and_is_shared(tmp_path):
    write(tmp_path, {
        "index.ts": """
            console.log("index body");
            import { count } from "./a";
            import "./b";
            import { count as again } from "./a";
            console.log(count === again, globalThis.order.join(" "));
            """,
        "a.ts": """
            globalThis.order = (globalThis.order || []).concat("a");
            export const count = globalThis.order.length;
            """,
        "b.ts": """
            import { count } from "./a";
            globalThis.order.push("b saw " + count);
            """,
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["index body", "true a b saw 1"]


async def test_an_import_cycle_behaves_as_in_es_modules(tmp_path):
    # main imports even, even imports odd, odd imports even back: when odd runs, even has not
    # finished, yet its function declaration can be called, and its `const` is read at use.
    write(tmp_path, {
        "main.ts": """
            import { isEven } from "./even";
            console.log(isEven(10), isEven(7));
            """,
        "even.ts": """
            import { isOdd, oddSawEven } from "./odd";
            export const LIMIT = 0;
            export function isEven(n: number): boolean { return n === LIMIT ? true : isOdd(n - 1); }
            console.log("odd saw isEven before even finished:", oddSawEven);
            """,
        "odd.ts": """
            import { isEven, LIMIT } from "./even";
            export function isOdd(n: number): boolean { return n === LIMIT ? false : isEven(n - 1); }
            export const oddSawEven = typeof isEven;
            let early;
            try { early = LIMIT; } catch (error) { early = error.name; }
            console.log("LIMIT before even ran:", early);
            """,
    })
    outcome = await run(tmp_path / "main.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == [
        "LIMIT before even ran: ReferenceError",
        "odd saw isEven before even finished: function",
        "true false",
    ]


async def test_an_imported_let_sees_later_assignments(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import { counter, increment } from "./counter";
            console.log(counter);
            increment();
            increment();
            console.log(counter);
            try { counter = 5; } catch (error) { console.log(error.constructor.name); }
            """,
        "counter.ts": """
            export let counter = 0;
            export function increment() { counter += 1; }
            """,
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["0", "2", "TypeError"]


async def test_importing_a_missing_export_fails_before_anything_runs(tmp_path):
    write(tmp_path, {
        "index.ts": """
            console.log("must not run");
            import { helper } from "./util";
            """,
        "util.ts": "console.log('must not run either');\nexport const other = 1;\n",
    })
    outcome = await run(tmp_path / "index.ts")
    assert outcome.lines == []
    assert outcome.error == (
        f'{tmp_path / "index.ts"}:2:10: module "./util" ({tmp_path / "util.ts"}) has no export named "helper"'
    )


async def test_a_missing_export_deeper_down_comes_with_the_chain_of_imports(tmp_path):
    write(tmp_path, {
        "index.ts": "import './a';\n",
        "a.ts": "import { nope } from './b';\n",
        "b.ts": "export const yes = 1;\n",
    })
    outcome = await run(tmp_path / "index.ts")
    assert outcome.error.splitlines() == [
        f'{tmp_path / "a.ts"}:1:10: module "./b" ({tmp_path / "b.ts"}) has no export named "nope"',
        f'    imported at {tmp_path / "index.ts"}:1:8',
    ]


async def test_a_name_that_is_a_type_only_is_not_imported_as_typescript_would(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import { Options, make } from "./types";
            import { Colour, AVLayerVideoGravity } from "scripting";
            const options: Options = make();
            console.log(options.size);
            """,
        "types.ts": """
            import { Declared } from "./declared";
            export interface Options { size: number; more?: Declared }
            export type Maker = () => Options;
            export const make: Maker = () => ({ size: 3 });
            """,
        "declared.d.ts": "export interface Declared { x: number }\nexport declare function helper(): void;\n",
    })
    outcome = await run(tmp_path / "index.ts")
    # Colour is neither a value nor a type the app's module exports: only it is refused.
    assert outcome.error == (
        f'{tmp_path / "index.ts"}:2:10: module "scripting" has no export named "Colour"'
    )
    (tmp_path / "index.ts").write_text(
        (tmp_path / "index.ts").read_text().replace("Colour, ", ""), encoding="utf-8")
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["3"]


async def test_a_missing_file_is_reported_where_it_is_imported_with_the_chain(tmp_path):
    write(tmp_path, {
        "index.ts": "import { a } from './lib/a';\nconsole.log(a);\n",
        "lib/a.ts": "// the first line\nexport { b as a } from '../gone';\n",
    })
    outcome = await run(tmp_path / "index.ts")
    assert outcome.lines == []
    lines = outcome.error.splitlines()
    assert lines[0].startswith(f'{tmp_path / "lib/a.ts"}:2:24: cannot resolve module "../gone": no file ')
    assert lines[1:] == [f'    imported at {tmp_path / "index.ts"}:1:19']


async def test_a_bare_specifier_is_refused_with_what_is_supported(tmp_path):
    write(tmp_path, {"index.ts": "const a = 1;\nimport _ from 'lodash';\n"})
    outcome = await run(tmp_path / "index.ts")
    assert outcome.error == (
        f'{tmp_path / "index.ts"}:2:15: cannot resolve module "lodash": only relative paths ("./name", '
        '"../name", resolved from the importing file) and "scripting" can be imported; packages are not '
        "installed here"
    )


async def test_dynamic_import_loads_evaluates_once_and_rejects_what_it_cannot_load(tmp_path):
    write(tmp_path, {
        "index.js": """
            const first = await import("./later.ts");
            const second = await import("./later");
            console.log(first === second, first.value, globalThis.loads);
            try {
              await import("./nowhere");
            } catch (error) {
              console.log(error.message.split(":")[0]);
            }
            const scripting = await import("scripting");
            console.log(typeof scripting.VStack);
            """,
        "later.ts": "globalThis.loads = (globalThis.loads || 0) + 1;\nexport const value = 'later';\n",
    })
    outcome = await run(tmp_path / "index.js")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["true later 1", 'cannot resolve module "./nowhere"', "function"]


async def test_top_level_await_in_an_imported_module_holds_its_importers(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import { config } from "./config";
            console.log("index sees", config.ready);
            """,
        "config.ts": """
            const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
            await wait(30);
            console.log("config loaded");
            export const config = { ready: true };
            """,
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["config loaded", "index sees true"]


async def test_a_syntax_error_in_an_imported_file_is_reported_at_its_line(tmp_path):
    write(tmp_path, {
        "index.ts": "import { a } from './a';\nimport { b } from './b.js';\nconsole.log(a, b);\n",
        "a.ts": "export const a = 1;\n",
        "b.js": "export const b = 2;\n\nlet = ;\n",
    })
    outcome = await run(tmp_path / "index.ts")
    lines = outcome.error.splitlines()
    assert lines[0].startswith(f'{tmp_path / "b.js"}:3:') and "SyntaxError" in lines[0]
    assert lines[1] == f'    imported at {tmp_path / "index.ts"}:2:19'
    write(tmp_path, {"a.ts": "export const a = 1;\nconst broken: = 2;\n"})
    outcome = await run(tmp_path / "index.ts")
    lines = outcome.error.splitlines()
    assert lines[0].startswith(f'{tmp_path / "a.ts"}:2:') and "syntax error" in lines[0]
    assert lines[1] == f'    imported at {tmp_path / "index.ts"}:1:19'


async def test_an_error_thrown_while_a_module_runs_points_at_that_module(tmp_path):
    write(tmp_path, {
        "index.ts": "import './setup';\nconsole.log('not reached');\n",
        "setup.ts": "const settings: any = undefined;\n\nexport const port = settings.port;\n",
    })
    outcome = await run(tmp_path / "index.ts")
    assert outcome.lines == []
    assert outcome.error.splitlines()[0] == (
        f'{tmp_path / "setup.ts"}:3:21: Uncaught TypeError: can\'t access property "port", settings is undefined'
    )


async def test_tsx_loads_and_rendering_fails_with_one_clear_sentence(tmp_path):
    write(tmp_path, {
        "index.tsx": """
            import { Navigation, VStack, Text, Button } from "scripting";
            import { Title } from "./title";
            function App({ name }: { name: string }) {
              return <VStack spacing={8}>
                <Title text={name} />
                <Text>Hello, {name}!</Text>
                <>
                  <Button title="OK" onPress={() => Navigation.dismiss()} />
                </>
              </VStack>;
            }
            const element = <App name="you" />;
            console.log(element.type === App, JSON.stringify(element.props));
            const tree = App({ name: "you" });
            console.log(tree.type === VStack, tree.props.spacing, tree.props.children.length);
            console.log(JSON.stringify(tree.props.children[1].props.children));
            try {
              Navigation.present(<App name="you" />);
            } catch (error) {
              console.log(error.message);
            }
            try {
              VStack({});
            } catch (error) {
              console.log(error.message);
            }
            """,
        "title.tsx": """
            import { Text } from "scripting";
            export const Title = ({ text }: { text: string }) => <Text font="title">{text}</Text>;
            """,
    })
    outcome = await run(tmp_path / "index.tsx")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == [
        'true {"name":"you"}',
        "true 8 3",
        '["Hello, ","you","!"]',
        f"Navigation.present {UNAVAILABLE}",
        f"VStack {UNAVAILABLE}",
    ]


async def test_an_error_inside_jsx_is_reported_at_its_line(tmp_path):
    """The JSX stage keeps every line (tags spanning lines, text over several lines); a
    `{expression}` on a line of its own keeps its column too."""
    write(tmp_path, {
        "own_line.tsx": """
            import { VStack, Text } from "scripting";
            type Row = { title: string };
            const rows: Row[] = [{ title: "first" }];
            const view = <VStack spacing={8}
              padding>
              <Text font="title">
                Rows:
                many
              </Text>
              {rows.map((row: Row) => <Text key={row.title}>{row.title}</Text>)}
              {(rows[1] as Row).title.length}
            </VStack>;
            """,
        "after_tag.tsx": """
            import { VStack, Text } from "scripting";
            const rows: { title: string }[] = [];
            const view = <VStack
              spacing={8}>
              <Text font="title">{rows[0].title}</Text>
            </VStack>;
            """,
    })
    own_line = await run(tmp_path / "own_line.tsx")
    assert own_line.error.splitlines()[0] == (
        f"{tmp_path / 'own_line.tsx'}:11:5: Uncaught TypeError: can't access property \"title\", rows[1] is undefined"
    )
    after_tag = await run(tmp_path / "after_tag.tsx")
    location, message = after_tag.error.splitlines()[0].split(": ", 1)
    assert location.startswith(f"{tmp_path / 'after_tag.tsx'}:5:")  # the column moved with the tag
    assert message == "Uncaught TypeError: can't access property \"title\", rows[0] is undefined"


async def test_ui_imports_that_are_never_used_do_not_stop_a_script(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import { Widget, useState, Navigation, Script } from "scripting";
            import { format } from "./shared";
            console.log(format(2));
            """,
        "shared.tsx": """
            import { Text, useState } from "scripting";
            export function format(n: number) { return `n=${n}`; }
            export function View() { const [x] = useState(0); return <Text>{x}</Text>; }
            """,
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["n=2"]


async def test_runtime_globals_are_importable_from_scripting_and_are_the_real_ones(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import { Data, HttpServer, createElement } from "scripting";
            console.log(Data === globalThis.Data, HttpServer === globalThis.HttpServer);
            console.log(Data.fromRawString("hi", "utf-8").size, typeof createElement);
            """,
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["true true", "2 function"]


async def test_resolution_tries_extensions_then_index_files_and_json(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import { which as x } from "./pick";
            import { which as y } from "./folder";
            import { which as z } from "./compiled.js";
            import settings, { port } from "./settings.json";
            console.log(x, y, z, settings.port === port, port);
            """,
        "pick.ts": "export const which = 'pick.ts';\n",
        "pick.js": "export const which = 'pick.js';\n",
        "folder/index.tsx": "export const which = 'folder/index.tsx';\n",
        "compiled.ts": "export const which = 'compiled.ts';\n",
        "settings.json": '{ "port": 8080 }\n',
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["pick.ts folder/index.tsx compiled.ts true 8080"]


async def test_invalid_json_is_reported_at_its_line(tmp_path):
    write(tmp_path, {"index.ts": "import data from './data.json';\n", "data.json": '{\n  "a": 1,\n}\n'})
    outcome = await run(tmp_path / "index.ts")
    assert outcome.error.splitlines() == [
        f'{tmp_path / "data.json"}:3:1: invalid JSON: Expecting property name enclosed in double quotes',
        f'    imported at {tmp_path / "index.ts"}:1:18',
    ]


async def test_a_folder_runs_the_entry_its_script_json_names_else_its_index(tmp_path):
    write(tmp_path / "app", {
        "script.json": '{ "name": "App", "version": "1.0.0", "entry": "main.tsx" }\n',
        "main.tsx": "import { n } from './n';\nconsole.log('main', n, <b />.type);\n",
        "n.ts": "export const n = 1;\n",
        "index.ts": "console.log('index: not the entry');\n",
    })
    write(tmp_path / "plain", {"index.ts": "console.log('index.ts');\n", "index.js": "console.log('index.js');\n"})
    assert (await run(tmp_path / "app")).lines == ["main 1 b"]
    assert (await run(tmp_path / "plain")).lines == ["index.ts"]
    outcome = await run(tmp_path / "empty" if (tmp_path / "empty").mkdir() is None else tmp_path)
    assert "no script to run" in outcome.error


async def test_a_classic_entry_script_keeps_its_globals_and_may_import_dynamically(tmp_path):
    write(tmp_path, {
        "index.js": """
            var shared = "a global of a classic script";
            function helper() { return "helper"; }
            import("./module.ts").then((module) => console.log(module.seen, this === globalThis));
            """,
        "module.ts": "export const seen = typeof helper;\n",
    })
    outcome = await run(tmp_path / "index.js")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["undefined true"]


async def test_modules_are_strict_and_their_top_level_names_their_own(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import "./other";
            const name = "index";
            try { undeclared = 1; } catch (error) { console.log(error.constructor.name); }
            console.log(name, typeof globalThis.name, this);
            """,
        "other.ts": "const name = 'other';\nexport {};\n",
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["ReferenceError", "index undefined undefined"]


async def test_the_example_that_imports_from_scripting_runs(tmp_path):
    example = Path(__file__).resolve().parents[2] / "js_examples" / "modules" / "import_from_scripting.ts"
    outcome = await run(example)
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["5 stopped import_from_scripting GET"]


async def test_a_stand_in_is_inert_until_used_and_language_globals_are_not_the_apps(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import { Map, VStack, Widget } from "scripting";
            console.log(Map === globalThis.Map, JSON.stringify({ view: VStack }), `${VStack}`);
            console.log(await Promise.resolve(VStack) === VStack, typeof Widget.present);
            class Custom extends Widget {}
            try { new Custom(); } catch (error) { console.log(error.message); }
            try { Widget.present.now(); } catch (error) { console.log(error.message); }
            """,
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == [
        "false {} [VStack: not provided by scripting-bridge]",
        "true function",
        f"Widget {UNAVAILABLE}",
        f"Widget.present.now {UNAVAILABLE}",
    ]


async def test_a_failing_module_is_reported_once_and_its_importers_fail_with_it(tmp_path):
    write(tmp_path, {
        "index.ts": """
            try {
              await import("./a");
            } catch (error) {
              console.log("first:", error.message);
            }
            const again = await import("./b").catch((error) => error.message);
            console.log("second:", again);
            """,
        "a.ts": "import './bad';\nconsole.log('a never runs');\n",
        "b.ts": "import './bad';\nexport const b = 1;\n",
        "bad.ts": "console.log('bad runs once');\nthrow new Error('bad module');\n",
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["bad runs once", "first: bad module", "second: bad module"]


async def test_callback_errors_and_rejections_point_at_their_own_module(tmp_path):
    write(tmp_path, {
        "index.ts": """
            import { later, reject } from "./jobs";
            later();
            reject();
            """,
        "jobs.ts": """
            export function later() {
              setTimeout(() => { throw new Error("from a timer"); }, 1);
            }
            export async function reject() {
              await null;
              throw new Error("never handled");
            }
            """,
    })
    outcome = await run(tmp_path / "index.ts")
    assert outcome.error is None
    jobs = tmp_path / "jobs.ts"
    assert f"{jobs}:6:9: Unhandled rejection: Error: never handled" in outcome.stderr.splitlines()
    assert f"{jobs}:2:28: Uncaught Error: from a timer" in outcome.stderr.splitlines()


async def test_a_folder_script_s_directory_is_the_folder(tmp_path):
    write(tmp_path / "tool", {
        "script.json": '{ "entry": "src/main.ts" }',
        "src/main.ts": "console.log('main');\n",
    })
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        await runtime.run_file(tmp_path / "tool")
        assert runtime.script_dir == (tmp_path / "tool").resolve()


async def test_a_module_imported_while_its_import_is_still_running_waits_for_it(tmp_path):
    write(tmp_path, {
        "index.ts": "import { value } from './slow';\nconsole.log('index', value);\n",
        "slow.ts": """
            setTimeout(() => import("./hub"), 1);
            await new Promise((resolve) => setTimeout(resolve, 50));
            export const value = "ready";
            console.log("slow done");
            """,
        "hub.ts": "import './reader';\n",
        "reader.ts": "import { value } from './slow';\nconsole.log('reader', value);\n",
    })
    outcome = await run(tmp_path / "index.ts")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines[0] == "slow done"
    assert sorted(outcome.lines[1:]) == ["index ready", "reader ready"]


async def test_jsx_and_mjs_files_and_import_meta(tmp_path):
    write(tmp_path, {
        "index.jsx": """
            import { label } from "./label.mjs";
            const element = <p title={label}>{import.meta.url.endsWith("/index.jsx")}</p>;
            console.log(element.type, element.props.title, element.props.children);
            """,
        "label.mjs": "export const label = 'from .mjs';\n",
    })
    outcome = await run(tmp_path / "index.jsx")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["p from .mjs true"]


async def test_a_long_chain_of_imports_loads(tmp_path):
    count = 3000  # each file loaded with no recursion, so Python's limit (1000 calls) is no limit
    for index in range(count):
        text = f"import './m{index + 1}';\n" if index + 1 < count else "console.log('end of the chain');\n"
        (tmp_path / f"m{index}.ts").write_text(text, encoding="utf-8")
    outcome = await run(tmp_path / "m0.ts")
    assert (outcome.error, outcome.stderr, outcome.lines) == (None, "", ["end of the chain"])


async def test_run_source_resolves_imports_from_the_folder_of_its_file_name(tmp_path):
    write(tmp_path, {"lib.ts": "export const answer: number = 42;\n"})
    stdout = io.StringIO()
    async with bridge.Runtime(stdout=stdout) as runtime:
        await runtime.run_source("import { answer } from './lib';\nconsole.log(answer as number);\n",
                                 str(tmp_path / "inline.ts"))
    assert stdout.getvalue() == "42\n"


async def test_a_file_with_its_own_element_factory_uses_it(tmp_path):
    write(tmp_path, {
        "index.tsx": """
            function createElement(type: string, props: object | null, ...children: unknown[]) {
              return `${type}(${children.join(",")})`;
            }
            const Fragment = "fragment";
            console.log(<a>1{2}<b /></a>, <>x</>);
            """,
    })
    outcome = await run(tmp_path / "index.tsx")
    assert (outcome.error, outcome.stderr) == (None, "")
    assert outcome.lines == ["a(1,2,b()) fragment(x)"]


async def test_importing_a_file_that_is_not_a_module_says_so(tmp_path):
    write(tmp_path, {"index.ts": "import './style.css';\n", "style.css": "p { color: red }\n"})
    outcome = await run(tmp_path / "index.ts")
    assert outcome.error.splitlines() == [
        f"{tmp_path / 'style.css'}: cannot import it: only .ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs, "
        ".json files are modules",
        f"    imported at {tmp_path / 'index.ts'}:1:8",
    ]

